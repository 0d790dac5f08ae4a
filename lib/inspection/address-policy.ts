import { BlockList, isIP } from "node:net";

/**
 * Which addresses the external-link checker may connect to. A page can link anything, and the
 * checker runs inside the department's network: following a link to 127.0.0.1, 10.x, 169.254.169.254
 * (cloud metadata) or an intranet host would turn 网站体检 into a way to probe that network (SSRF).
 * So every hop's RESOLVED address is checked right before connecting (lib/inspection/external-links.ts
 * passes `checkedLookup` to the socket), which a name that resolves differently the second time
 * (DNS rebinding) cannot get around.
 */
const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) {
  blocked.addSubnet(net, prefix, "ipv6");
}

/** An IPv4 address written inside IPv6 (::ffff:127.0.0.1), as the kernel would connect to it. */
function embeddedIpv4(address: string): string | null {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match ? match[1] : null;
}

/** True for loopback, private, link-local, shared, reserved, documentation and multicast addresses. */
export function isPrivateAddress(address: string): boolean {
  const v4 = embeddedIpv4(address);
  if (v4) return isPrivateAddress(v4);
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family === 6) return blocked.check(address, "ipv6");
  // Not an address at all: refuse rather than guess.
  return true;
}

export interface AddressPolicy {
  /**
   * `host:port` pairs that may be private anyway — for tests, which run their servers on loopback.
   * Empty in the app: there is no setting that opens this.
   */
  allowPrivate?: readonly string[];
}

/** Whether connecting to `address` for a URL on `hostname:port` is allowed. */
export function addressAllowed(address: string, hostname: string, port: number, policy: AddressPolicy): boolean {
  if (!isPrivateAddress(address)) return true;
  const allow = policy.allowPrivate ?? [];
  return allow.includes(`${hostname}:${port}`) || allow.includes(`${address}:${port}`);
}
