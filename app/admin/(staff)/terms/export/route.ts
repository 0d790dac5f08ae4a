import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { FOREIGN_ORIGIN_MESSAGE, isSameOriginRequest } from "@/lib/http/same-origin";
import { authorize } from "@/lib/permissions";
import { recordTermExport } from "@/lib/terms/commands";
import { allTerms } from "@/lib/terms/queries";
import { formatTermFile } from "@/lib/terms/text-format";

/**
 * POST /admin/terms/export: the whole list as the import format, for administrators only. A POST
 * with the same-origin check, not a GET, because every export is an audit event: a link or an image
 * on another site must not be able to write one in an administrator's name (GUARDED_ROUTES).
 */
export async function POST(request: Request): Promise<Response> {
  try {
    if (!isSameOriginRequest(request, env().SITE_URL)) throw new AppError("FORBIDDEN", FOREIGN_ORIGIN_MESSAGE);
    const actor = await authorize("terms.manage");
    const terms = await allTerms(db);
    await recordTermExport(db, actor, terms.length);
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, "");
    return new Response(formatTermFile(terms), {
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Disposition": `attachment; filename="sensitive-terms-${day}.txt"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError) {
      return new Response(error.message, { status: error.code === "UNAUTHENTICATED" ? 401 : 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    throw error;
  }
}
