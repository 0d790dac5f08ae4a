import type { IncomingHttpHeaders } from "node:http";
import { env } from "../env";
import { formatIp, inCidr, parseIp, type Cidr, type IpAddress } from "../http/ip-address";
import {
  headerValue,
  readStampedHeader,
  stampedHeaderValue,
  stampHeader,
  type HeaderSource,
} from "../http/stamped-header";

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
 * (scripts/server.ts) stamps the peer address into SOCKET_ADDRESS_HEADER (lib/http/stamped-header.ts);
 * an unstamped one — sent by a client through `next dev` — is ignored, and the address is "unknown".
 */

export const SOCKET_ADDRESS_HEADER = "x-cms-socket-address";
export const UNKNOWN_IP = "unknown";

/** For the server in front of Next: replace any incoming copy of the header with the socket's address. */
export function stampSocketAddress(headers: IncomingHttpHeaders, remoteAddress: string | undefined): void {
  stampHeader(headers, SOCKET_ADDRESS_HEADER, remoteAddress ?? UNKNOWN_IP);
}

/** The header value the server would set for a peer at `address` (for in-process tests of route handlers). */
export function socketAddressHeaderValue(address: string): string {
  return stampedHeaderValue(address);
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
  return resolveClientIp(
    readStampedHeader(headers, SOCKET_ADDRESS_HEADER),
    headerValue(headers, "x-forwarded-for"),
    env().TRUSTED_PROXIES,
  );
}
