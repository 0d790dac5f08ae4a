import { db } from "@/lib/db";
import { renderSiteFeed } from "@/lib/public/feeds";
import { serveShared } from "@/lib/public/serve";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return serveShared(request, "/rss.xml", () => renderSiteFeed(db));
}
