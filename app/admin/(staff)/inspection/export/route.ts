import { PassThrough, Readable } from "node:stream";
import { downloadRefusals, guardedRoute } from "@/lib/actions/guarded-route";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordInspectionExport, writeAnnualWorkbook, writeInspectionWorkbook } from "@/lib/inspection/export";
import { parseFindingFilter, reportState } from "@/lib/inspection/queries";
import { displayTimeZone } from "@/lib/settings/display-time-zone";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * POST /admin/inspection/export: the latest report as .xlsx (with the findings of the filter in the
 * query), or `?sheet=annual` for the 年度报表 alone. Streamed: rows are written as they are read. A POST
 * from a form (a guardedRoute: same origin, then "inspection.view"), not a GET, because every export
 * is an audit event: a link or an image on another site must not write one in a user's name.
 */
export const POST = guardedRoute({
  action: "inspection.view",
  ...downloadRefusals,
  run: async (request, _context, actor) => {
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
  },
});
