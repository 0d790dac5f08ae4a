import { z } from "zod";
import { cleanText, paramText } from "@/lib/http/params";
import type { RequestLike } from "@/lib/http/request-like";
import { searchDb } from "@/lib/db";
import { readPublicRequest } from "@/lib/public/serve/canonical";
import { renderSearch } from "@/lib/public/render/pages";
import { SEARCH_MAX_PAGES, SEARCH_POOL } from "@/lib/public/data/search";
import { normaliseQuery } from "@/lib/public/data/search-terms";
import { registerDirectRoute } from "@/lib/public/serve/direct-routes";
import { serveSearch, serveSearchDirect } from "@/lib/public/serve/serve";
import type { RenderedPage } from "@/lib/public/cache/page-cache";
import type { ReaderPrefs } from "@/lib/public/render/prefs";
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

/** The search page, as a Response (Next's router) or, for the custom server's fast path, the page itself. */
function answer<R extends RequestLike, T>(
  request: R,
  serve: (request: R, key: string, render: (prefs: ReaderPrefs) => Promise<RenderedPage>) => Promise<T>,
): Promise<T | Response> {
  // The canonical spelling: the normalised query, %20 for a space, no page=1, no empty q.
  const read = readPublicRequest(request, searchQuery, (query) =>
    publicUrls.search(query.q || undefined, query.q ? query.page : undefined),
  );
  if (read.response) return Promise.resolve(read.response);
  const query = read.query.q ?? "";
  return serve(request, read.key, (prefs) =>
    renderSearch(searchDb(SEARCH_POOL), query, query ? (read.query.page ?? 1) : 1, prefs),
  );
}

export function GET(request: Request): Promise<Response> {
  return answer(request, serveSearch);
}

// A search no cache can answer is handed to this handler by the custom server's fast path without
// going through Next's router again (lib/public/serve/direct-routes.ts).
registerDirectRoute("/search", (request) => answer(request, serveSearchDirect));
