import { db } from "@/lib/db";
import { renderSearch } from "@/lib/public/pages";
import { normaliseQuery } from "@/lib/public/search-terms";
import { serveSearch } from "@/lib/public/serve";
import { publicUrls } from "@/lib/public/urls";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const query = normaliseQuery(params.get("q") ?? "");
  const parsed = Number.parseInt(params.get("page") ?? "1", 10);
  const page = Number.isFinite(parsed) && parsed > 1 ? parsed : 1;
  return serveSearch(request, publicUrls.search(query, page), (prefs) => renderSearch(db, query, page, prefs));
}
