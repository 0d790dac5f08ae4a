import { NOT_FOUND_KEY, PUBLIC_SLUG, readPublicRequest, readRouteParam } from "@/lib/public/serve/canonical";
import { renderColumnFeed } from "@/lib/public/render/feeds";
import { renderNotFound } from "@/lib/public/render/pages";
import { DEFAULT_PREFS } from "@/lib/public/render/prefs";
import { publicReader } from "@/lib/public/data/read-replica";
import { serveShared } from "@/lib/public/serve/serve";
import { publicUrls } from "@/lib/urls";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ slug: string }> }): Promise<Response> {
  const param = readRouteParam((await context.params).slug);
  if ("response" in param) return param.response;
  const slug = param.value;
  if (!PUBLIC_SLUG.test(slug))
    return serveShared(request, NOT_FOUND_KEY, async () =>
      renderNotFound(await publicReader(), DEFAULT_PREFS, "/404.html"),
    );
  const read = readPublicRequest(request, {}, () => publicUrls.columnFeed(slug));
  if (read.response) return read.response;
  return serveShared(request, read.key, async () => {
    const client = await publicReader();
    const feed = await renderColumnFeed(client, slug);
    return feed ?? renderNotFound(client, DEFAULT_PREFS, publicUrls.columnFeed(slug));
  });
}
