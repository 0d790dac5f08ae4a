import "server-only";
import { cacheIsLive, pageCache } from "./cache-bus";
import { toCachedPage, type CachedPage, type RenderedPage } from "./page-cache";
import { prefsFromRequest, prefsKey, type ReaderPrefs } from "./prefs";

/**
 * Answers a public GET from the page cache: a hit costs a Map lookup and no database query. Pages that
 * show the 字号/contrast choice are cached per choice (at most six variants).
 */
export async function servePage(
  request: Request,
  key: string,
  render: (prefs: ReaderPrefs) => Promise<RenderedPage>,
): Promise<Response> {
  const { prefs, setCookies } = prefsFromRequest(new URL(request.url), request.headers.get("cookie"));
  const live = await cacheIsLive();
  const page = await pageCache().get(`${key}|${prefsKey(prefs)}`, () => render(prefs), live);
  return respond(request, page, { setCookies, vary: "Cookie" });
}

/** A page rendered for this request only (search results). */
export async function serveUncached(request: Request, render: (prefs: ReaderPrefs) => Promise<RenderedPage>): Promise<Response> {
  const { prefs, setCookies } = prefsFromRequest(new URL(request.url), request.headers.get("cookie"));
  const page = toCachedPage(await render(prefs));
  const response = respond(request, page, { setCookies, vary: "Cookie" });
  response.headers.set("cache-control", "no-cache");
  return response;
}

/** Pages that look the same for every reader (feeds, sitemap, API). */
export async function serveShared(request: Request, key: string, render: () => Promise<RenderedPage>): Promise<Response> {
  const live = await cacheIsLive();
  return respond(request, await pageCache().get(key, render, live), {});
}

function respond(request: Request, page: CachedPage, options: { setCookies?: string[]; vary?: string }): Response {
  const headers = new Headers({
    "content-type": page.contentType,
    etag: page.etag,
    // Browsers and proxies revalidate with the ETag; a publish changes it at once.
    "cache-control": "public, max-age=0, must-revalidate",
    ...page.headers,
  });
  if (options.vary) headers.set("vary", options.vary);
  for (const cookie of options.setCookies ?? []) headers.append("set-cookie", cookie);
  const matches = request.headers
    .get("if-none-match")
    ?.split(",")
    .some((tag) => tag.trim().replace(/^W\//, "") === page.etag);
  if (matches && page.status === 200) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(page.body), { status: page.status, headers });
}
