import { NOT_FOUND_KEY, PUBLIC_SLUG, readPublicRequest, readRouteParam } from "@/lib/public/serve/canonical";
import { cursorParam } from "@/lib/public/data/cursors";
import { renderColumn, renderNotFound } from "@/lib/public/render/pages";
import { publicReader } from "@/lib/public/data/read-replica";
import { servePage } from "@/lib/public/serve/serve";
import { publicUrls } from "@/lib/urls";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ slug: string }> }): Promise<Response> {
  const param = readRouteParam((await context.params).slug);
  if ("response" in param) return param.response;
  const slug = param.value;
  if (!PUBLIC_SLUG.test(slug))
    return servePage(request, NOT_FOUND_KEY, async (prefs) => renderNotFound(await publicReader(), prefs, "/404.html"));
  const read = readPublicRequest(request, { before: cursorParam }, (query) =>
    publicUrls.columnPage(slug, query.before),
  );
  if (read.response) return read.response;
  const before = read.query.before ?? null;
  return servePage(request, read.key, async (prefs) => renderColumn(await publicReader(), slug, before, prefs));
}
