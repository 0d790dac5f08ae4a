import "server-only";
import { cacheIsLive, pageCache, searchPageCache } from "./cache-bus";
import type { CachedPage, PageCache, RenderedPage } from "./page-cache";
import { pageReply } from "./page-reply";
import { perReaderKey, prefsFromRequest, type ReaderPrefs } from "./prefs";

/**
 * Answers a public GET from the page cache: a hit costs a Map lookup and no database query. Pages that
 * show the 字号/contrast choice are cached per choice (at most six variants). Keys are the pages'
 * canonical URLs (lib/public/urls.ts), which is what lets the custom server's fast path
 * (lib/public/fast-path.ts) answer a repeated request before Next routes it.
 */
export async function servePage(
  request: Request,
  key: string,
  render: (prefs: ReaderPrefs) => Promise<RenderedPage>,
  cache: PageCache = pageCache(),
): Promise<Response> {
  const { prefs, setCookies } = prefsFromRequest(new URL(request.url), request.headers.get("cookie"));
  const live = await cacheIsLive();
  const page = await cache.get(perReaderKey(key, prefs), () => render(prefs), live);
  return respond(request, page, { setCookies, perReader: true });
}

/** Search results, kept apart from the other pages (see lib/public/cache-store.ts). */
export function serveSearch(request: Request, key: string, render: (prefs: ReaderPrefs) => Promise<RenderedPage>): Promise<Response> {
  return servePage(request, key, render, searchPageCache());
}

/** Pages that look the same for every reader (feeds, sitemap, API). */
export async function serveShared(request: Request, key: string, render: () => Promise<RenderedPage>): Promise<Response> {
  const live = await cacheIsLive();
  return respond(request, await pageCache().get(key, render, live), {});
}

function respond(request: Request, page: CachedPage, options: { setCookies?: string[]; perReader?: boolean }): Response {
  // Next compresses what a route handler returns (and would gzip our gzip again): hand it the plain bytes.
  const reply = pageReply(page, { ifNoneMatch: request.headers.get("if-none-match"), acceptEncoding: null }, options);
  const headers = new Headers();
  for (const [name, value] of Object.entries(reply.headers)) {
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return new Response(reply.body && new Uint8Array(reply.body), {
    status: reply.status,
    headers,
  });
}
