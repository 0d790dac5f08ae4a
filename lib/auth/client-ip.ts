import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { env } from "../env";
import { formatIp, inCidr, parseIp, type Cidr, type IpAddress } from "../http/ip-address";

/**
 * The client's address, the ONE place the app decides it: the per-IP login limit, LoginAttempt, the
 * audit trail, 我的账户 and the reading counts all use `clientIp()`.
 *
 * Forwarded headers are anyone's to write: with no proxy in front (the default listens on 0.0.0.0),
 * X-Forwarded-For is whatever the client sent. So the TCP peer is the client, unless it is one of
 * `TRUSTED_PROXIES`; then X-Forwarded-For is read from the right, each trusted hop skipped, and the
 * first untrusted address is the client (a client can prepend anything, but not what our own proxies
 * appended after it).
 *
 * Next's route handlers and server actions never see the socket, so the production server
 * (scripts/server.ts) removes any incoming SOCKET_ADDRESS_HEADER and sets its own, carrying the peer
 * address and a random per-process token kept on globalThis (the server and Next's bundle load
 * separate copies of this module but share globalThis). A header without that token — sent by a
 * client through `next dev`, or present in a request no server stamped — is ignored, and the
 * address is "unknown".
 */

export const SOCKET_ADDRESS_HEADER = "x-cms-socket-address";
export const UNKNOWN_IP = "unknown";

const TOKEN_KEY = Symbol.for("cms.socketAddressToken");
type TokenHolder = { [TOKEN_KEY]?: string };

function processToken(create: boolean): string | undefined {
  const holder = globalThis as TokenHolder;
  if (create) holder[TOKEN_KEY] ??= randomBytes(24).toString("base64url");
  return holder[TOKEN_KEY];
}

/** For the server in front of Next: replace any incoming copy of the header with the socket's address. */
export function stampSocketAddress(headers: IncomingHttpHeaders, remoteAddress: string | undefined): void {
  delete headers[SOCKET_ADDRESS_HEADER];
  headers[SOCKET_ADDRESS_HEADER] = `${processToken(true)} ${remoteAddress ?? UNKNOWN_IP}`;
}

/** The header value the server would set for a peer at `address` (for in-process tests of route handlers). */
export function socketAddressHeaderValue(address: string): string {
  return `${processToken(true)} ${address}`;
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : (value ?? null);
}

function stampedSocketAddress(headers: HeaderSource): string | null {
  const token = processToken(false);
  const value = header(headers, SOCKET_ADDRESS_HEADER);
  if (!token || !value) return null;
  const space = value.indexOf(" ");
  if (space < 0) return null;
  const given = Buffer.from(value.slice(0, space));
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return value.slice(space + 1);
}

/**
 * Pure: the client address from the socket's peer and the X-Forwarded-For header, given the trusted
 * proxy ranges. Returns the canonical form (IPv4-mapped IPv6 as IPv4), or "unknown".
 */
export function resolveClientIp(
  socketAddress: string | null,
  forwardedFor: string | null,
  trusted: readonly Cidr[],
): string {
  const peer = socketAddress === null ? null : parseIp(socketAddress);
  if (!peer) return UNKNOWN_IP;
  const isTrusted = (ip: IpAddress) => trusted.some((range) => inCidr(ip, range));
  if (!isTrusted(peer)) return formatIp(peer);
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  // The nearest hop that reported an address; a trusted proxy vouches for the entry it appended.
  let nearest = peer;
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = parseIp(hops[index]);
    // Garbage where a trusted proxy should have written an address: trust no further than that proxy.
    if (!hop) return formatIp(nearest);
    if (!isTrusted(hop)) return formatIp(hop);
    nearest = hop;
  }
  // Every hop is one of ours (an internal health check, say): the farthest is the client.
  return formatIp(nearest);
}

/** The client address of this request (see the top of this file). */
export function clientIp(headers: HeaderSource): string {
  return resolveClientIp(stampedSocketAddress(headers), header(headers, "x-forwarded-for"), env().TRUSTED_PROXIES);
}
