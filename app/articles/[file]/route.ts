import { NOT_FOUND_KEY, readPublicRequest, readRouteParam } from "@/lib/public/serve/canonical";
import { renderArticle, renderNotFound } from "@/lib/public/render/pages";
import { publicReader } from "@/lib/public/data/read-replica";
import { servePage } from "@/lib/public/serve/serve";
import { publicUrls } from "@/lib/urls";

export const dynamic = "force-dynamic";

const ARTICLE_FILE = /^([a-z0-9][a-z0-9-]{0,119})\.html$/;

export async function GET(request: Request, context: { params: Promise<{ file: string }> }): Promise<Response> {
  const file = readRouteParam((await context.params).file);
  if ("response" in file) return file.response;
  const slug = ARTICLE_FILE.exec(file.value)?.[1];
  if (!slug)
    return servePage(request, NOT_FOUND_KEY, async (prefs) => renderNotFound(await publicReader(), prefs, "/404.html"));
  const read = readPublicRequest(request, {}, () => publicUrls.article(slug));
  if (read.response) return read.response;
  return servePage(request, read.key, async (prefs) => renderArticle(await publicReader(), slug, prefs));
}
