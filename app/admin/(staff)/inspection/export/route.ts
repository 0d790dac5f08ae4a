import { PassThrough, Readable } from "node:stream";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { recordInspectionExport, writeAnnualWorkbook, writeInspectionWorkbook } from "@/lib/inspection/export";
import { parseFindingFilter, reportState } from "@/lib/inspection/queries";
import { authorize } from "@/lib/permissions";
import { displayTimeZone } from "@/lib/settings/display-time-zone";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * GET /admin/inspection/export: the latest report as .xlsx (with the findings of the filter in the
 * query), or `?sheet=annual` for the 年度报表 alone. Streamed: rows are written as they are read.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const actor = await authorize("inspection.view");
    const url = new URL(request.url);
    const params = Object.fromEntries(url.searchParams);
    const timeZone = await displayTimeZone();
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, "");
    const stream = new PassThrough();
    let filename: string;
    if (params.sheet === "annual") {
      await recordInspectionExport(db, actor, { runId: null, sheet: "annual" });
      filename = `annual-report-${day}.xlsx`;
      writeAnnualWorkbook(db, timeZone, stream).catch((error: unknown) =>
        stream.destroy(error instanceof Error ? error : new Error(String(error))),
      );
    } else {
      const run = (await reportState(db)).latest;
      if (!run)
        return new Response("还没有体检记录", {
          status: 404,
          headers: { "Content-Type": "text/plain; charset=utf-8" },
        });
      await recordInspectionExport(db, actor, { runId: run.id, sheet: "report" });
      filename = `inspection-${day}.xlsx`;
      writeInspectionWorkbook(
        db,
        { run, filter: parseFindingFilter(params), timeZone, siteUrl: env().SITE_URL },
        stream,
      ).catch((error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error))));
    }
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
      headers: {
        "Content-Type": XLSX,
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError) {
      return new Response(error.message, {
        status: error.code === "UNAUTHENTICATED" ? 401 : 403,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    throw error;
  }
}
