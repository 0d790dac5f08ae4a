import { addressAllowed, isPrivateAddress } from "@/lib/inspection/address-policy";

describe("the external-link checker's address policy (SSRF)", () => {
  it.each([
    "127.0.0.1",
    "127.8.9.10",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "not-an-address",
  ])("refuses %s", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(["8.8.8.8", "223.5.5.5", "172.32.0.1", "192.169.0.1", "2400:3200::1", "::ffff:8.8.8.8"])(
    "allows the public address %s",
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );

  it("lets code allow exact host:port pairs only", () => {
    const policy = { allowPrivate: ["127.0.0.1:8080"] };
    expect(addressAllowed("127.0.0.1", "127.0.0.1", 8080, policy)).toBe(true);
    expect(addressAllowed("127.0.0.1", "127.0.0.1", 8081, policy)).toBe(false);
    expect(addressAllowed("10.0.0.1", "intranet", 8080, policy)).toBe(false);
    expect(addressAllowed("127.0.0.1", "localhost", 8080, {})).toBe(false);
  });
});
