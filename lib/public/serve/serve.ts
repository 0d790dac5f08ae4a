import "server-only";
import { db } from "@/lib/db";
import type { RequestLike } from "@/lib/http/request-like";
import { apiPageCache, cacheIsLive, pageCache, searchPageCache } from "../cache/cache-bus";
import { toCachedPage, type CachedPage, type PageCache, type RenderedPage } from "../cache/page-cache";
import type { DirectAnswer } from "./direct-routes";
import { pageReply } from "./page-reply";
import { perReaderKey, prefsFromRequest, type ReaderPrefs } from "../render/prefs";

/**
 * Answers a public GET from the page cache: a hit costs a Map lookup and no database query. Pages that
 * show the 字号/contrast choice are cached per choice (at most six variants). Keys are the pages'
 * canonical URLs (lib/urls.ts), which is what lets the custom server's fast path
 * (lib/public/serve/fast-path.ts) answer a repeated request before Next routes it.
 *
 * The rule when the invalidation listener cannot prove itself alive (lib/public/cache/cache-bus.ts):
 * - PostgreSQL answers → every page is rendered from it; the cache is not trusted.
 * - PostgreSQL does not answer → nothing can be published, so the last cached copy is served, marked
 *   `X-CMS-Stale: database-unreachable`; a page never cached answers a Chinese 503 page.
 */

const PROBE_TIMEOUT_MS = 1_500;
export const STALE_HEADER = "x-cms-stale";

/** Whether PostgreSQL answers right now (asked only after a render failed). */
async function databaseReachable(): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), PROBE_TIMEOUT_MS);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

const UNAVAILABLE_HTML = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>网站暂时无法访问</title></head><body><main><h1>网站暂时无法访问</h1><p>服务器正在恢复，请稍后刷新本页。我们对给您带来的不便表示歉意。</p></main></body></html>`;

function unavailable(): CachedPage {
  return toCachedPage({
    status: 503,
    contentType: "text/html; charset=utf-8",
    body: UNAVAILABLE_HTML,
    tags: [],
    headers: { "retry-after": "30", "cache-control": "no-store" },
  });
}

interface Served {
  page: CachedPage;
  stale: boolean;
}

async function cachedOrRendered(cache: PageCache, key: string, render: () => Promise<RenderedPage>): Promise<Served> {
  const live = await cacheIsLive();
  try {
    return { page: await cache.get(key, render, live), stale: false };
  } catch (error) {
    if (await databaseReachable()) throw error;
    console.error(`[public] database unreachable; serving ${key} from the last cached copy if there is one`, error);
    const copy = cache.peek(key);
    return copy ? { page: copy, stale: true } : { page: unavailable(), stale: false };
  }
}

export async function servePage(
  request: Request,
  key: string,
  render: (prefs: ReaderPrefs) => Promise<RenderedPage>,
  cache: PageCache = pageCache(),
): Promise<Response> {
  const answer = await servePageDirect(request, key, render, cache);
  return answer instanceof Response
    ? answer
    : respond(request, { page: answer.page, stale: false }, { perReader: true });
}

/**
 * The page for this reader's display choices: the cached page itself when it is fresh and sets no
 * cookie — what the custom server's direct path sends as a hit (lib/public/serve/direct-routes.ts) —
 * else its Response (a stale copy, a 字号/contrast cookie).
 */
export async function servePageDirect(
  request: RequestLike,
  key: string,
  render: (prefs: ReaderPrefs) => Promise<RenderedPage>,
  cache: PageCache,
): Promise<DirectAnswer> {
  const { prefs, setCookies } = prefsFromRequest(new URL(request.url), request.headers.get("cookie"));
  const served = await cachedOrRendered(cache, perReaderKey(key, prefs), () => render(prefs));
  if (served.stale || setCookies.length > 0) return respond(request, served, { setCookies, perReader: true });
  return { page: served.page };
}

/** Search results, kept apart from the other pages (see lib/public/cache/cache-store.ts). */
export function serveSearch(
  request: Request,
  key: string,
  render: (prefs: ReaderPrefs) => Promise<RenderedPage>,
): Promise<Response> {
  return servePage(request, key, render, searchPageCache());
}

/** serveSearch for the direct path. */
export function serveSearchDirect(
  request: RequestLike,
  key: string,
  render: (prefs: ReaderPrefs) => Promise<RenderedPage>,
): Promise<DirectAnswer> {
  return servePageDirect(request, key, render, searchPageCache());
}

/** Pages that look the same for every reader (feeds, sitemap, robots.txt). */
export async function serveShared(
  request: Request,
  key: string,
  render: () => Promise<RenderedPage>,
  cache: PageCache = pageCache(),
): Promise<Response> {
  return respond(request, await cachedOrRendered(cache, key, render), {});
}

/** The JSON API's answers, kept apart from the pages (see lib/public/cache/cache-store.ts). */
export function serveApi(request: Request, key: string, render: () => Promise<RenderedPage>): Promise<Response> {
  return serveShared(request, key, render, apiPageCache());
}

function respond(
  request: RequestLike,
  served: Served,
  options: { setCookies?: string[]; perReader?: boolean },
): Response {
  // Next compresses what a route handler returns (and would gzip our gzip again): hand it the plain bytes.
  const reply = pageReply(
    served.page,
    { ifNoneMatch: request.headers.get("if-none-match"), acceptEncoding: null },
    options,
  );
  const headers = new Headers();
  for (const [name, value] of Object.entries(reply.headers)) {
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  if (served.stale) {
    headers.set(STALE_HEADER, "database-unreachable");
    headers.set("cache-control", "no-cache");
  }
  return new Response(reply.body && new Uint8Array(reply.body), {
    status: reply.status,
    headers,
  });
}
