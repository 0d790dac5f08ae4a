import { db } from "@/lib/db";
import { renderSitemap } from "@/lib/public/feeds";
import { serveShared } from "@/lib/public/serve";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return serveShared(request, "/sitemap.xml", () => renderSitemap(db));
}
