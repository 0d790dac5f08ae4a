import { db } from "@/lib/db";
import { renderSearch } from "@/lib/public/pages";
import { serveUncached } from "@/lib/public/serve";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return serveUncached(request, (prefs) => renderSearch(db, params.get("q") ?? "", Number.isFinite(page) ? page : 1, prefs));
}
