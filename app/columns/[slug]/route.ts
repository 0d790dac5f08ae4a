import { db } from "@/lib/db";
import { NOT_FOUND_KEY, PUBLIC_SLUG, readPublicRequest, readRouteParam } from "@/lib/public/canonical";
import { cursorParam } from "@/lib/public/cursors";
import { renderColumn, renderNotFound } from "@/lib/public/pages";
import { servePage } from "@/lib/public/serve";
import { publicUrls } from "@/lib/urls";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ slug: string }> }): Promise<Response> {
  const param = readRouteParam((await context.params).slug);
  if ("response" in param) return param.response;
  const slug = param.value;
  if (!PUBLIC_SLUG.test(slug)) return servePage(request, NOT_FOUND_KEY, (prefs) => renderNotFound(db, prefs, "/404.html"));
  const read = readPublicRequest(request, { before: cursorParam }, (query) => publicUrls.columnPage(slug, query.before));
  if (read.response) return read.response;
  const before = read.query.before ?? null;
  return servePage(request, read.key, (prefs) => renderColumn(db, slug, before, prefs));
}
