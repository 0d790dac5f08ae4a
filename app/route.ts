import { readPublicRequest } from "@/lib/public/serve/canonical";
import { renderHome } from "@/lib/public/render/pages";
import { publicReader } from "@/lib/public/data/read-replica";
import { servePage } from "@/lib/public/serve/serve";
import { publicUrls } from "@/lib/urls";

// Served from the page cache, which publishing invalidates (lib/public/publish/publication-events.ts).
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const read = readPublicRequest(request, {}, () => publicUrls.home());
  if (read.response) return read.response;
  return servePage(request, read.key, async (prefs) => renderHome(await publicReader(), prefs));
}
