import { db } from "@/lib/db";
import { articlesJson } from "@/lib/public/api";
import { serveShared } from "@/lib/public/serve";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const query = { column: params.get("column"), before: params.get("before"), limit: params.get("limit") };
  return serveShared(request, `api:articles:${JSON.stringify(query)}`, () => articlesJson(db, query));
}
