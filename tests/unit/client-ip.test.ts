import {
  clientIp,
  resolveClientIp,
  socketAddressHeaderValue,
  SOCKET_ADDRESS_HEADER,
  stampSocketAddress,
} from "@/lib/auth/client-ip";
import { ConfigError, parseEnv } from "@/lib/env";
import { formatIp, parseCidr, parseIp, type Cidr } from "@/lib/http/ip-address";

const ranges = (...texts: string[]): Cidr[] =>
  texts.map((text) => {
    const range = parseCidr(text);
    if (!range) throw new Error(`bad range ${text}`);
    return range;
  });

describe("IP addresses", () => {
  it.each([
    ["192.0.2.1", "192.0.2.1"],
    ["192.0.2.1:5678", "192.0.2.1"],
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["::FFFF:c000:0201", "192.0.2.1"],
    ["2001:DB8:0:0::1", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["::1", "::1"],
    ["::", "::"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
    ["1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"],
    ["64:ff9b::192.0.2.33", "64:ff9b::c000:221"],
  ])("reads %s as %s", (text, canonical) => {
    const ip = parseIp(text);
    expect(ip && formatIp(ip)).toBe(canonical);
  });

  it.each([
    "",
    "unknown",
    "256.1.1.1",
    "01.2.3.4",
    "1.2.3",
    "1:2:3:4:5:6:7:8:9",
    "1::2::3",
    "12345::",
    "1.2.3.4::",
    "<script>",
  ])("refuses %j", (text) => {
    expect(parseIp(text)).toBeNull();
  });

  it("parses ranges and single addresses", () => {
    expect(parseCidr("10.1.2.3/8")).toMatchObject({ family: 4, prefix: 8 });
    expect(parseCidr("::1")).toMatchObject({ family: 6, prefix: 128 });
    expect(parseCidr("::ffff:10.0.0.0/104")).toMatchObject({ family: 4, prefix: 8 });
    expect(parseCidr("10.0.0.0/33")).toBeNull();
    expect(parseCidr("[::1]:80")).toBeNull();
  });
});

describe("client address", () => {
  const none: Cidr[] = [];

  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(resolveClientIp("203.0.113.9", "198.51.100.1", none)).toBe("203.0.113.9");
    expect(resolveClientIp("::ffff:203.0.113.9", "198.51.100.1, 10.0.0.1", none)).toBe("203.0.113.9");
    expect(resolveClientIp("2001:db8::7", "198.51.100.1", none)).toBe("2001:db8::7");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(resolveClientIp("203.0.113.9", "198.51.100.1", ranges("10.0.0.0/8"))).toBe("203.0.113.9");
  });

  it("takes the right-most untrusted hop behind trusted proxies", () => {
    const trusted = ranges("10.0.0.0/8", "2001:db8:ffff::/48");
    // The client forged "1.1.1.1"; our proxy appended the address it really saw.
    expect(resolveClientIp("10.0.0.2", "1.1.1.1, 203.0.113.9", trusted)).toBe("203.0.113.9");
    expect(resolveClientIp("10.0.0.2", "1.1.1.1, 203.0.113.9, 10.0.0.5", trusted)).toBe("203.0.113.9");
    expect(resolveClientIp("2001:db8:ffff::1", "2001:db8:1::9", trusted)).toBe("2001:db8:1::9");
    expect(resolveClientIp("::ffff:10.0.0.2", "::ffff:203.0.113.9", trusted)).toBe("203.0.113.9");
    expect(resolveClientIp("10.0.0.2", "[2001:db8:1::9]:5000", trusted)).toBe("2001:db8:1::9");
  });

  it("stops at the proxy that reported garbage, and takes the farthest hop when all are trusted", () => {
    const trusted = ranges("10.0.0.0/8");
    expect(resolveClientIp("10.0.0.2", "203.0.113.9, bogus, 10.0.0.7", trusted)).toBe("10.0.0.7");
    expect(resolveClientIp("10.0.0.2", "10.0.0.9", trusted)).toBe("10.0.0.9");
    expect(resolveClientIp("10.0.0.2", null, trusted)).toBe("10.0.0.2");
  });

  it("is unknown without a socket address", () => {
    expect(resolveClientIp(null, "198.51.100.1", none)).toBe("unknown");
  });

  describe("from request headers", () => {
    const saved = { ...process.env };
    beforeAll(() => {
      process.env.DATABASE_URL ??= "postgresql://u:p@localhost/cms";
    });
    afterAll(() => {
      process.env = saved;
    });

    it("believes only the header the server stamped, never one the client sent", () => {
      const forged = new Headers({ [SOCKET_ADDRESS_HEADER]: "guess 198.51.100.1", "x-forwarded-for": "198.51.100.2" });
      expect(clientIp(forged)).toBe("unknown");
      const stamped: Record<string, string | string[] | undefined> = {
        [SOCKET_ADDRESS_HEADER]: "whatever 198.51.100.1",
        "x-forwarded-for": "198.51.100.2",
      };
      stampSocketAddress(stamped, "::ffff:203.0.113.9");
      expect(clientIp(stamped)).toBe("203.0.113.9");
      expect(clientIp(new Headers({ [SOCKET_ADDRESS_HEADER]: socketAddressHeaderValue("2001:db8::5") }))).toBe(
        "2001:db8::5",
      );
    });
  });
});

describe("TRUSTED_PROXIES", () => {
  const valid = { DATABASE_URL: "postgresql://u:p@localhost:5432/cms", AUTH_SECRET: "s".repeat(32) };

  it("defaults to none and takes a comma- or space-separated list", () => {
    expect(parseEnv(valid).TRUSTED_PROXIES).toEqual([]);
    expect(
      parseEnv({ ...valid, TRUSTED_PROXIES: "10.0.0.0/8, ::1 172.16.0.0/12" }).TRUSTED_PROXIES.map(
        (range) => range.prefix,
      ),
    ).toEqual([8, 128, 12]);
  });

  it("refuses a malformed entry with a Chinese message", () => {
    expect(() => parseEnv({ ...valid, TRUSTED_PROXIES: "10.0.0.0/8,nginx" })).toThrow(ConfigError);
    expect(() => parseEnv({ ...valid, TRUSTED_PROXIES: "10.0.0.0/8,nginx" })).toThrow(
      /TRUSTED_PROXIES 中的 “nginx” 不是 IP 地址/,
    );
  });
});
