import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/**
 * Headers the production server (scripts/server.ts) sets for Next's route handlers and server actions,
 * which see neither the socket nor the request target as the client sent it: the socket address
 * (lib/auth/client-ip.ts) and the target (lib/http/request-target.ts). The server removes any incoming
 * copy and sets its own, prefixed with a random per-process token kept on globalThis (the server and
 * Next's bundle load separate copies of these modules but share globalThis). A value without the token
 * — sent by a client through `next dev`, or present in a request no server stamped — reads as absent.
 */
const TOKEN_KEY = Symbol.for("cms.stampedHeaderToken");
type TokenHolder = { [TOKEN_KEY]?: string };

function processToken(create: boolean): string | undefined {
  const holder = globalThis as TokenHolder;
  if (create) holder[TOKEN_KEY] ??= randomBytes(24).toString("base64url");
  return holder[TOKEN_KEY];
}

/** Header lookup by lower-case name: a web Headers, or the fast path's view of a Node request's (lib/http/request-like.ts). */
export interface HeaderLookup {
  get(name: string): string | null;
}

export type HeaderSource = HeaderLookup | Record<string, string | string[] | undefined>;

export function headerValue(headers: HeaderSource, name: string): string | null {
  // Duck-typed, not instanceof: the custom server and Next's bundle load separate copies of classes.
  // A Node header record's values are strings or arrays, never functions, whatever a client names them.
  if (typeof headers.get === "function") return (headers as HeaderLookup).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join(",") : (value ?? null);
}

/** The value the server sets for `value` (also for in-process tests of route handlers). */
export function stampedHeaderValue(value: string): string {
  return `${processToken(true)} ${value}`;
}

/** For the server in front of Next: replace any incoming copy of `name` with our own `value`. */
export function stampHeader(headers: IncomingHttpHeaders, name: string, value: string): void {
  delete headers[name];
  headers[name] = stampedHeaderValue(value);
}

/** What this process stamped into `name`, or null when it did not. */
export function readStampedHeader(headers: HeaderSource, name: string): string | null {
  const token = processToken(false);
  const value = headerValue(headers, name);
  if (!token || !value) return null;
  const space = value.indexOf(" ");
  if (space < 0) return null;
  const given = Buffer.from(value.slice(0, space));
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return value.slice(space + 1);
}
