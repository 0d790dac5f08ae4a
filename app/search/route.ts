import { z } from "zod";
import { cleanText, paramText } from "@/lib/http/params";
import { searchDb } from "@/lib/db";
import { readPublicRequest } from "@/lib/public/serve/canonical";
import { renderSearch } from "@/lib/public/render/pages";
import { SEARCH_MAX_PAGES, SEARCH_POOL } from "@/lib/public/data/search";
import { normaliseQuery } from "@/lib/public/data/search-terms";
import { registerDirectRoute } from "@/lib/public/serve/direct-routes";
import { serveSearch } from "@/lib/public/serve/serve";
import { publicUrls } from "@/lib/urls";

export const dynamic = "force-dynamic";

const searchQuery = {
  q: cleanText(200).transform(normaliseQuery),
  page: z
    .string()
    .regex(/^[1-9]\d{0,2}$/, { error: paramText.badValue("page") })
    .transform(Number)
    .refine((page) => page <= SEARCH_MAX_PAGES, { error: paramText.badValue("page") }),
};

export async function GET(request: Request): Promise<Response> {
  // The canonical spelling: the normalised query, %20 for a space, no page=1, no empty q.
  const read = readPublicRequest(request, searchQuery, (query) =>
    publicUrls.search(query.q || undefined, query.q ? query.page : undefined),
  );
  if (read.response) return read.response;
  const query = read.query.q ?? "";
  return serveSearch(request, read.key, (prefs) =>
    renderSearch(searchDb(SEARCH_POOL), query, query ? (read.query.page ?? 1) : 1, prefs),
  );
}

// A search no cache can answer is handed to this handler by the custom server's fast path without
// going through Next's router again (lib/public/serve/direct-routes.ts).
registerDirectRoute("/search", GET);
