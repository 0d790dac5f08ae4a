import { LIST_QUERY, articlesJson } from "@/lib/public/render/api";
import { readApiRequest } from "@/lib/public/serve/canonical";
import { publicReader } from "@/lib/public/data/read-replica";
import { serveApi } from "@/lib/public/serve/serve";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const read = readApiRequest(request, LIST_QUERY, "articles");
  if (read.response) return read.response;
  const { column = null, before = null, limit = null } = read.query;
  return serveApi(request, read.key, async () => articlesJson(await publicReader(), { column, before, limit }));
}
