import { apiError, articleJson } from "@/lib/public/render/api";
import { PUBLIC_SLUG, readApiRequest, readRouteParam } from "@/lib/public/serve/canonical";
import { publicReader } from "@/lib/public/data/read-replica";
import { serveApi } from "@/lib/public/serve/serve";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ slug: string }> }): Promise<Response> {
  const param = readRouteParam((await context.params).slug, "json");
  if ("response" in param) return param.response;
  const slug = param.value;
  const read = readApiRequest(request, {}, "article");
  if (read.response) return read.response;
  // Not a slug this site could have made: one shared 404 entry, not one per spelling.
  if (!PUBLIC_SLUG.test(slug))
    return serveApi(request, "api:article:404", async () => apiError(404, "NOT_FOUND", "文章不存在"));
  return serveApi(request, `api:article:${slug}`, async () => articleJson(await publicReader(), slug));
}
