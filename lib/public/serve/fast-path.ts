import type { IncomingMessage, ServerResponse } from "node:http";
import { badRequestParts, rawUrlProblem } from "../../http/params";
import { requestLike } from "../../http/request-like";
import { arrivedOverHttps, PUBLIC_CSP, securityHeaders } from "../../http/security-headers";
import { cacheTrusted, pageCacheStore } from "../cache/cache-store";
import type { CachedPage } from "../cache/page-cache";
import { directRoute, type DirectHandler } from "./direct-routes";
import { acceptsGzip, pageReply } from "./page-reply";
import { cookiePrefs, DEFAULT_PREFS, PREF_COOKIES, perReaderKey, type ReaderPrefs } from "../render/prefs";

/**
 * Answers a request for a public page that is already cached, before Next routes it. Next's router,
 * proxy and route-handler machinery cost more than a millisecond of CPU per request, which caps a
 * cached page at about 1,300 req/s on two cores with p99 around 80 ms under 50 connections; a Map
 * lookup here serves the same bytes at several times that rate. Anything not cached — first views,
 * the admin, the API, uploads, requests that change the 字号/contrast cookie — goes on to Next,
 * whose route handlers render and cache the page (lib/public/serve/serve.ts) under its canonical URL, which
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
export function refuseUnreadableUrl(
  request: IncomingMessage,
  response: ServerResponse,
  siteUrl: string,
  requestId?: string,
): boolean {
  const target = request.url ?? "/";
  const problem = rawUrlProblem(target);
  if (!problem) return false;
  const parts = badRequestParts(problem.message, target.startsWith("/api/") ? "json" : "html");
  response.writeHead(parts.status, {
    ...securityHeaders({ csp: PUBLIC_CSP, admin: false, https: requestHttps(request, siteUrl) }),
    ...parts.headers,
    ...(requestId ? { "x-request-id": requestId } : {}),
  });
  response.end(request.method === "HEAD" ? undefined : parts.body);
  return true;
}

/** The public pages' security headers, built once per scheme rather than per request. */
const PUBLIC_SECURITY = {
  http: securityHeaders({ csp: PUBLIC_CSP, admin: false, https: false }),
  https: securityHeaders({ csp: PUBLIC_CSP, admin: false, https: true }),
};

/**
 * The full header set of a cached page's answer, per variant (gzip or not, per reader or not, https
 * or not), built on the first request and kept with the page: the answer of a request without
 * If-None-Match depends on nothing else, so later ones only look it up. Dropped with the page.
 */
interface Answer {
  status: number;
  /** Name, value, name, value …: the form writeHead takes without building an object. */
  headers: string[];
  /**
   * The same with "x-request-id" and a last slot for the request's id, filled just before the
   * writeHead that reads it (synchronously, into the response's header block) — no copy per request.
   */
  withId: string[];
  body: Buffer | null;
}

function newAnswer(status: number, headers: string[], body: Buffer | null): Answer {
  return { status, headers, withId: [...headers, "x-request-id", ""], body };
}

const answers = new WeakMap<CachedPage, Map<number, Answer>>();

function flatten(headers: Record<string, string | string[]>, into: string[] = []): string[] {
  for (const [name, value] of Object.entries(headers)) {
    for (const item of Array.isArray(value) ? value : [value]) into.push(name, item);
  }
  return into;
}

/** The security headers already flat, per scheme: every search nobody asked before is a new page to answer. */
const FLAT_SECURITY = { http: flatten(PUBLIC_SECURITY.http), https: flatten(PUBLIC_SECURITY.https) };

/** The security headers, then the page's own; a page header of the same name takes the security header's place. */
function flatHeaders(https: boolean, headers: Record<string, string | string[]>): string[] {
  const security = https ? PUBLIC_SECURITY.https : PUBLIC_SECURITY.http;
  for (const name in headers) if (Object.hasOwn(security, name)) return flatten({ ...security, ...headers });
  return flatten(headers, [...(https ? FLAT_SECURITY.https : FLAT_SECURITY.http)]);
}

function cachedAnswer(page: CachedPage, acceptEncoding: string | undefined, perReader: boolean, https: boolean) {
  let variants = answers.get(page);
  if (!variants) answers.set(page, (variants = new Map()));
  const variant = (acceptsGzip(acceptEncoding) ? 1 : 0) | (perReader ? 2 : 0) | (https ? 4 : 0);
  let answer = variants.get(variant);
  if (!answer) {
    const reply = pageReply(page, { ifNoneMatch: undefined, acceptEncoding }, { perReader });
    answer = newAnswer(reply.status, flatHeaders(https, reply.headers), reply.body);
    variants.set(variant, answer);
  }
  return answer;
}

/** The per-reader key of a reader who never chose (most of them), built once. */
const DEFAULT_SUFFIX = perReaderKey("", DEFAULT_PREFS);

function readerKey(target: string, prefs: ReaderPrefs): string {
  return prefs === DEFAULT_PREFS ? target + DEFAULT_SUFFIX : perReaderKey(target, prefs);
}

/**
 * Answers a cached public page. `proceed` (the custom server's hand-over to Next): when the page is
 * being rendered right now — after a publication evicted it — or its first reader since is on its way
 * through Next, the request waits for that one answer and is answered from the page it cached here,
 * instead of going through Next's router with every other reader of the page meanwhile; if that render
 * fails or its page is not kept, Next answers as usual.
 */
export function serveCachedPage(
  request: IncomingMessage,
  response: ServerResponse,
  siteUrl: string,
  requestId?: string,
  proceed?: () => void,
): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const target = request.url ?? "";
  // Only plain public paths; "|" would let a URL spell another page's per-reader cache key.
  if (!target.startsWith("/") || target.startsWith("//") || target.includes("|")) return false;
  if (target.startsWith("/admin") || target.startsWith("/api/") || target.startsWith("/_next/")) return false;

  const store = pageCacheStore();
  // Not provably listening for invalidations: nothing cached may be trusted (lib/public/cache/cache-bus.ts).
  if (!cacheTrusted(store)) return false;
  // The path and query as sent, without building a URL object (a measurable share of a hit's cost).
  const query = target.indexOf("?");
  const pathname = query === -1 ? target : target.slice(0, query);
  if (query !== -1) {
    const params = new URLSearchParams(target.slice(query + 1));
    // A 字号/contrast link sets a cookie: the route handler answers it.
    if (params.has(PREF_COOKIES.fontSize) || params.has(PREF_COOKIES.contrast)) return false;
  }

  const cache = pathname === "/search" ? store.searchCache : store.cache;
  const readerTarget = readerKey(target, cookiePrefs(request.headers.cookie));
  const perReader = cache.hit(readerTarget);
  const page = perReader ?? cache.hit(target);
  if (page) {
    send(request, response, siteUrl, requestId, page, Boolean(perReader));
    return true;
  }
  if (!proceed) return false;
  const direct = pathname === "/search" ? directRoute(pathname) : undefined;
  if (direct) {
    answerDirectly(direct, request, response, siteUrl, requestId, target, readerTarget, proceed);
    return true;
  }
  const key = cache.inFlight(readerTarget) ? readerTarget : cache.inFlight(target) ? target : undefined;
  if (key === undefined) {
    // The first reader of a page a publication just evicted goes to Next, which renders it; readers
    // arriving before that render has even started wait for this one answer (PageCache.claim).
    const claimed = cache.claim(readerTarget) ? readerTarget : cache.claim(target) ? target : undefined;
    if (claimed !== undefined) response.once("close", () => cache.release(claimed));
    return false;
  }
  const rendering = cache.inFlight(key);
  rendering?.then(
    () => {
      // Exactly what a hit would serve now: kept (no invalidation came during the render) and trusted.
      const kept = cacheTrusted(store) ? cache.peek(key) : undefined;
      if (kept && !response.headersSent) send(request, response, siteUrl, requestId, kept, key === readerTarget);
      else proceed();
    },
    () => proceed(),
  );
  return true;
}

function send(
  request: IncomingMessage,
  response: ServerResponse,
  siteUrl: string,
  requestId: string | undefined,
  page: CachedPage,
  perReader: boolean,
): void {
  const https = requestHttps(request, siteUrl);
  const ifNoneMatch = request.headers["if-none-match"];
  let reply: Answer;
  if (ifNoneMatch) {
    const conditional = pageReply(
      page,
      { ifNoneMatch, acceptEncoding: request.headers["accept-encoding"] },
      { perReader },
    );
    reply = newAnswer(conditional.status, flatHeaders(https, conditional.headers), conditional.body);
  } else reply = cachedAnswer(page, request.headers["accept-encoding"], perReader, https);
  if (requestId) reply.withId[reply.withId.length - 1] = requestId;
  response.writeHead(reply.status, requestId ? reply.withId : reply.headers);
  response.end(request.method === "HEAD" ? undefined : (reply.body ?? undefined));
}

/**
 * A search no cache holds, answered by the route's own handler (lib/public/serve/direct-routes.ts)
 * without Next's router: the handler reads the request exactly as under Next (400, 301 to the
 * canonical URL, 搜索繁忙 503) and caches the page it renders; a page it cached is sent as a hit is,
 * so both answers are byte for byte alike. Its other answers (redirects, refusals, 503, a stale copy)
 * get the public pages' security headers, as Next's proxy gives them. If the handler fails, Next
 * answers the request as it always did.
 */
function answerDirectly(
  handler: DirectHandler,
  request: IncomingMessage,
  response: ServerResponse,
  siteUrl: string,
  requestId: string | undefined,
  target: string,
  readerTarget: string,
  proceed: () => void,
): void {
  const store = pageCacheStore();
  handler(requestLike(request, target, siteUrl)).then(
    async (answer) => {
      if (response.headersSent || response.destroyed) return;
      if (!(answer instanceof Response)) {
        send(request, response, siteUrl, requestId, answer.page, true);
        return;
      }
      const kept = answer.headers.has("x-cms-stale") ? undefined : store.searchCache.peek(readerTarget);
      if (kept && kept.status === answer.status && cacheTrusted(store)) {
        send(request, response, siteUrl, requestId, kept, true);
        return;
      }
      const body = request.method === "HEAD" ? undefined : Buffer.from(await answer.arrayBuffer());
      const headers = flatHeaders(requestHttps(request, siteUrl), {});
      // Iteration gives each Set-Cookie on its own (the 字号/contrast links are answered by Next anyway).
      for (const [name, value] of answer.headers) if (name !== "content-length") headers.push(name, value);
      if (body) headers.push("content-length", String(body.length));
      if (requestId) headers.push("x-request-id", requestId);
      response.writeHead(answer.status, headers);
      response.end(body);
    },
    (error: unknown) => {
      console.error("[server] direct search failed; Next answers", error);
      if (!response.headersSent) proceed();
    },
  );
}
