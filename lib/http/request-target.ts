import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/**
 * The request target (path and query) exactly as the client sent it, for the canonical-URL rules
 * (lib/public/serve/canonical.ts). Next does not hand its routes that: it strips its internal `_rsc`
 * parameter with `searchParams.delete`, which re-serialises every query form-encoded — a space becomes
 * "+" — so `/search?q=a%20b`, the canonical spelling, reached the route as `q=a+b` and was answered 301
 * to itself, for ever. The production server (scripts/server.ts) therefore removes any incoming copy
 * of TARGET_HEADER and sets its own: the target with a random per-process token kept on globalThis
 * (the server and Next's bundle load separate copies of this module but share globalThis), as it
 * stamps the socket address (lib/auth/client-ip.ts). A header without the token — sent by a client
 * through `next dev`, or in a request no server stamped — is ignored, and the route reads
 * `request.url`, which is the raw target whenever no Next router rewrote it (tests, the fast path).
 */
export const TARGET_HEADER = "x-cms-request-target";

const TOKEN_KEY = Symbol.for("cms.requestTargetToken");
type TokenHolder = { [TOKEN_KEY]?: string };

function processToken(create: boolean): string | undefined {
  const holder = globalThis as TokenHolder;
  if (create) holder[TOKEN_KEY] ??= randomBytes(24).toString("base64url");
  return holder[TOKEN_KEY];
}

/** For the server in front of Next: replace any incoming copy of the header with the target as sent. */
export function stampRequestTarget(headers: IncomingHttpHeaders, target: string | undefined): void {
  delete headers[TARGET_HEADER];
  headers[TARGET_HEADER] = `${processToken(true)} ${target ?? "/"}`;
}

/** The URL whose path and query the client sent: the stamped target if this process stamped it. */
export function sentUrl(request: Request): string {
  const token = processToken(false);
  const value = request.headers.get(TARGET_HEADER);
  if (!token || !value || !value.startsWith(`${token} /`)) return request.url;
  return new URL(value.slice(token.length + 1), request.url).href;
}
