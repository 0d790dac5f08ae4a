import type { IncomingMessage, ServerResponse } from "node:http";
import { badRequestParts, rawUrlProblem } from "../http/params";
import { arrivedOverHttps, PUBLIC_CSP, securityHeaders } from "../http/security-headers";
import { cacheTrusted, pageCacheStore } from "./cache-store";
import { pageReply } from "./page-reply";
import { PREF_COOKIES, perReaderKey, prefsFromRequest } from "./prefs";

/**
 * Answers a request for a public page that is already cached, before Next routes it. Next's router,
 * proxy and route-handler machinery cost more than a millisecond of CPU per request, which caps a
 * cached page at about 1,300 req/s on two cores with p99 around 80 ms under 50 connections; a Map
 * lookup here serves the same bytes at several times that rate. Anything not cached — first views,
 * the admin, the API, uploads, requests that change the 字号/contrast cookie — goes on to Next,
 * whose route handlers render and cache the page (lib/public/serve.ts) under its canonical URL, which
 * is what this lookup uses. Runs in the custom server (scripts/server.ts), outside Next's bundle.
 */
function requestHttps(request: IncomingMessage, siteUrl: string): boolean {
  const forwardedProto = request.headers["x-forwarded-proto"];
  return arrivedOverHttps(
    Array.isArray(forwardedProto) ? forwardedProto[0] : forwardedProto,
    "encrypted" in request.socket && Boolean(request.socket.encrypted),
    siteUrl,
  );
}

/**
 * Answers 400 for a request target that is not text (a NUL byte, invalid UTF-8 percent-encoding …,
 * lib/http/params.ts). It must run here, on the target as sent: Next re-encodes an invalid sequence as
 * U+FFFD before the proxy or a route sees it.
 */
export function refuseUnreadableUrl(request: IncomingMessage, response: ServerResponse, siteUrl: string): boolean {
  const target = request.url ?? "/";
  const problem = rawUrlProblem(target);
  if (!problem) return false;
  const parts = badRequestParts(problem.message, target.startsWith("/api/") ? "json" : "html");
  response.writeHead(parts.status, { ...securityHeaders({ csp: PUBLIC_CSP, admin: false, https: requestHttps(request, siteUrl) }), ...parts.headers });
  response.end(request.method === "HEAD" ? undefined : parts.body);
  return true;
}

export function serveCachedPage(request: IncomingMessage, response: ServerResponse, siteUrl: string): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const target = request.url ?? "";
  // Only plain public paths; "|" would let a URL spell another page's per-reader cache key.
  if (!target.startsWith("/") || target.startsWith("//") || target.includes("|")) return false;
  if (target.startsWith("/admin") || target.startsWith("/api/") || target.startsWith("/_next/")) return false;

  const store = pageCacheStore();
  // Not provably listening for invalidations: nothing cached may be trusted (lib/public/cache-bus.ts).
  if (!cacheTrusted(store)) return false;
  const url = new URL(target, "http://localhost");
  // A 字号/contrast link sets a cookie: the route handler answers it.
  if (url.searchParams.has(PREF_COOKIES.fontSize) || url.searchParams.has(PREF_COOKIES.contrast)) return false;

  const cache = url.pathname === "/search" ? store.searchCache : store.cache;
  const { prefs } = prefsFromRequest(url, request.headers.cookie ?? null);
  const perReader = cache.hit(perReaderKey(target, prefs));
  const page = perReader ?? cache.hit(target);
  if (!page) return false;

  const reply = pageReply(
    page,
    { ifNoneMatch: request.headers["if-none-match"], acceptEncoding: request.headers["accept-encoding"] },
    { perReader: Boolean(perReader) },
  );
  response.writeHead(reply.status, { ...securityHeaders({ csp: PUBLIC_CSP, admin: false, https: requestHttps(request, siteUrl) }), ...reply.headers });
  response.end(request.method === "HEAD" ? undefined : (reply.body ?? undefined));
  return true;
}
