import type { IncomingHttpHeaders } from "node:http";
import type { RequestLike } from "./request-like";
import { readStampedHeader, stampHeader } from "./stamped-header";

/**
 * The request target (path and query) exactly as the client sent it, for the canonical-URL rules
 * (lib/public/serve/canonical.ts). Next does not hand its routes that: it strips its internal `_rsc`
 * parameter with `searchParams.delete`, which re-serialises every query form-encoded — a space becomes
 * "+" — so `/search?q=a%20b`, the canonical spelling, reached the route as `q=a+b` and was answered 301
 * to itself, for ever. The production server (scripts/server.ts) therefore stamps the target as sent
 * (lib/http/stamped-header.ts); without a stamp — `next dev`, tests, the fast path — the route reads
 * `request.url`, which is the raw target whenever no Next router rewrote it.
 */
export const TARGET_HEADER = "x-cms-request-target";

/** For the server in front of Next: replace any incoming copy of the header with the target as sent. */
export function stampRequestTarget(headers: IncomingHttpHeaders, target: string | undefined): void {
  stampHeader(headers, TARGET_HEADER, target ?? "/");
}

/** The URL whose path and query the client sent: the stamped target if this process stamped it. */
export function sentUrl(request: RequestLike): string {
  const target = readStampedHeader(request.headers, TARGET_HEADER);
  if (!target?.startsWith("/")) return request.url;
  return new URL(target, request.url).href;
}
