import { db } from "@/lib/db";
import { renderColumnFeed } from "@/lib/public/feeds";
import { renderNotFound } from "@/lib/public/pages";
import { DEFAULT_PREFS } from "@/lib/public/prefs";
import { serveShared } from "@/lib/public/serve";
import { publicUrls } from "@/lib/public/urls";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await context.params;
  return serveShared(request, publicUrls.columnFeed(slug), async () => {
    const feed = await renderColumnFeed(db, slug);
    return feed ?? renderNotFound(db, DEFAULT_PREFS, publicUrls.columnFeed(slug));
  });
}
