import { readPublicRequest } from "@/lib/public/serve/canonical";
import { renderSiteFeed } from "@/lib/public/render/feeds";
import { publicReader } from "@/lib/public/data/read-replica";
import { serveShared } from "@/lib/public/serve/serve";
import { publicUrls } from "@/lib/urls";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const read = readPublicRequest(request, {}, () => publicUrls.siteFeed());
  if (read.response) return read.response;
  return serveShared(request, read.key, async () => renderSiteFeed(await publicReader()));
}
