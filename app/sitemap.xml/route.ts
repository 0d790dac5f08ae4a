import { readPublicRequest } from "@/lib/public/canonical";
import { renderSitemap } from "@/lib/public/feeds";
import { publicReader } from "@/lib/public/read-replica";
import { serveShared } from "@/lib/public/serve";
import { publicUrls } from "@/lib/urls";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const read = readPublicRequest(request, {}, () => publicUrls.sitemap());
  if (read.response) return read.response;
  return serveShared(request, read.key, async () => renderSitemap(await publicReader()));
}
