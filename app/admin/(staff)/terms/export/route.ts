import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { recordTermExport } from "@/lib/terms/commands";
import { allTerms } from "@/lib/terms/queries";
import { formatTermFile } from "@/lib/terms/text-format";

/** GET /admin/terms/export: the whole list as the import format, for administrators only. */
export async function GET(): Promise<Response> {
  try {
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
