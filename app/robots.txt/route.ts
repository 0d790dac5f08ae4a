import { readPublicRequest } from "@/lib/public/serve/canonical";
import { renderRobots } from "@/lib/public/render/feeds";
import { serveShared } from "@/lib/public/serve/serve";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const read = readPublicRequest(request, {}, () => "/robots.txt");
  if (read.response) return read.response;
  return serveShared(request, read.key, async () => renderRobots());
}
