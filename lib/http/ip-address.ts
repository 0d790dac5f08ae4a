/**
 * IP addresses and CIDR ranges, parsed by hand: the client address decides the per-IP login limit and
 * is written into the audit trail, so it must be exactly one canonical string per address — an
 * IPv4-mapped IPv6 address (::ffff:192.0.2.1) is the IPv4 client, `2001:DB8::1` and `2001:db8:0::1`
 * are one client. Pure (no Node APIs), so lib/env.ts and scripts/server.ts can use it too.
 */

export interface IpAddress {
  family: 4 | 6;
  /** 32 bits for IPv4, 128 for IPv6. */
  value: bigint;
}

export interface Cidr extends IpAddress {
  prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const MAPPED_PREFIX = BigInt(0xffff) << BigInt(32);
const LOW_32 = (BigInt(1) << BigInt(32)) - BigInt(1);

function parseIpv4(text: string): bigint | null {
  const match = IPV4.exec(text);
  if (!match) return null;
  let value = BigInt(0);
  for (const part of match.slice(1)) {
    // Leading zeros are refused: some stacks read 010 as octal, so its meaning is not certain.
    if (part.length > 1 && part.startsWith("0")) return null;
    const byte = Number(part);
    if (byte > 255) return null;
    value = (value << BigInt(8)) | BigInt(byte);
  }
  return value;
}

function parseIpv6(text: string): bigint | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return null;
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (half: string): string[] | null => (half === "" ? [] : half.split(":"));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return null;
  const words: number[] = [];
  const all = [...head, ...(halves.length === 2 ? ["::"] : []), ...tail];
  for (const [index, group] of all.entries()) {
    if (group === "::") continue;
    if (group.includes(".")) {
      // An embedded IPv4 address may only stand last.
      if (index !== all.length - 1) return null;
      const v4 = parseIpv4(group);
      if (v4 === null) return null;
      words.push(Number(v4 >> BigInt(16)), Number(v4 & BigInt(0xffff)));
    } else {
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
      words.push(parseInt(group, 16));
    }
  }
  const present = words.length;
  if (halves.length === 1 ? present !== 8 : present > 7) return null;
  const headWords = words.slice(0, head.length + (head.some((group) => group.includes(".")) ? 1 : 0));
  const tailWords = words.slice(headWords.length);
  const full = [...headWords, ...new Array<number>(8 - present).fill(0), ...tailWords];
  return full.reduce((value, word) => (value << BigInt(16)) | BigInt(word), BigInt(0));
}

/**
 * One address as it appears in a socket or an X-Forwarded-For entry: `192.0.2.1`, `192.0.2.1:5678`,
 * `2001:db8::1`, `[2001:db8::1]:443`, `fe80::1%eth0`. Null when it is not an address.
 */
export function parseIp(input: string): IpAddress | null {
  let text = input.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) text = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  text = text.replace(/%[\w.-]+$/, "");
  const v4 = parseIpv4(text);
  if (v4 !== null) return { family: 4, value: v4 };
  const v6 = text.includes(":") ? parseIpv6(text) : null;
  if (v6 === null) return null;
  // ::ffff:a.b.c.d is how a dual-stack socket reports an IPv4 client.
  if (v6 >> BigInt(32) === BigInt(0xffff) && (v6 & ~LOW_32) === MAPPED_PREFIX) return { family: 4, value: v6 & LOW_32 };
  return { family: 6, value: v6 };
}

/** The canonical text: dotted IPv4, or RFC 5952 IPv6 (lower case, the longest run of zeros as ::). */
export function formatIp(ip: IpAddress): string {
  if (ip.family === 4)
    return [24, 16, 8, 0].map((shift) => Number((ip.value >> BigInt(shift)) & BigInt(255))).join(".");
  const words = Array.from({ length: 8 }, (_, index) =>
    Number((ip.value >> BigInt(112 - index * 16)) & BigInt(0xffff)),
  );
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8;) {
    if (words[start] !== 0) {
      start += 1;
      continue;
    }
    let end = start;
    while (end < 8 && words[end] === 0) end += 1;
    if (end - start > bestLength) [bestStart, bestLength] = [start, end - start];
    start = end;
  }
  const hex = words.map((word) => word.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

/** `10.0.0.0/8`, `2001:db8::/32`, or a single address (a /32 or /128). Null when malformed. */
export function parseCidr(input: string): Cidr | null {
  const [address, prefixText, extra] = input.trim().split("/");
  if (extra !== undefined) return null;
  // Only plain addresses here: no ports, brackets or zones in a configured range.
  if (!/^[0-9a-fA-F:.]+$/.test(address)) return null;
  const ip = parseIp(address);
  if (!ip) return null;
  const bits = ip.family === 4 ? 32 : 128;
  let prefix = bits;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText)) return null;
    prefix = Number(prefixText);
    // A range written as IPv4-mapped IPv6 (::ffff:10.0.0.0/104) is the IPv4 range it maps.
    if (ip.family === 4 && address.includes(":")) prefix -= 96;
    if (prefix < 0 || prefix > bits) return null;
  }
  const host = bits - prefix;
  const value = (ip.value >> BigInt(host)) << BigInt(host);
  return { family: ip.family, value, prefix };
}

export function inCidr(ip: IpAddress, cidr: Cidr): boolean {
  if (ip.family !== cidr.family) return false;
  const host = BigInt((ip.family === 4 ? 32 : 128) - cidr.prefix);
  return ip.value >> host === cidr.value >> host;
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIp(cidr)}/${cidr.prefix}`;
}
