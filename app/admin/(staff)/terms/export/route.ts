import { downloadRefusals, guardedRoute } from "@/lib/actions/guarded-route";
import { db } from "@/lib/db";
import { recordTermExport } from "@/lib/terms/commands";
import { allTerms } from "@/lib/terms/queries";
import { formatTermFile } from "@/lib/terms/text-format";

/**
 * POST /admin/terms/export: the whole list as the import format, for administrators only. A POST
 * (a guardedRoute: same origin, then "terms.manage"), not a GET, because every export is an audit
 * event: a link or an image on another site must not be able to write one in an administrator's name.
 */
export const POST = guardedRoute({
  action: "terms.manage",
  ...downloadRefusals,
  run: async (_request, _context, actor) => {
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
  },
});
