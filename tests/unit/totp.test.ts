import { TOTP, Secret } from "otpauth";
import {
  decryptTotpSecret,
  encryptTotpSecret,
  newTotpSecret,
  timeStep,
  totpCode,
  totpUri,
  verifyTotp,
} from "@/lib/auth/totp";
import type { AuditKey } from "@/lib/audit/key";

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const USER = "11111111-1111-4111-8111-111111111111";
const NOW = new Date("2026-12-01T12:00:10Z");
const STEP = timeStep(NOW);
/** The audit key the TOTP key is derived from (lib/audit/key.ts), given here instead of read from the environment. */
const KEY: AuditKey = { id: "fedcba9876543210", secret: Buffer.from("unit-test-audit-key-unit-test-audit-key") };

describe("TOTP (RFC 6238: SHA-1, 6 digits, 30 s)", () => {
  it("computes the RFC 6238 SHA-1 test vectors", () => {
    // RFC 6238 appendix B, the 20-byte ASCII key "12345678901234567890", last 6 digits.
    const rfcKey = new Secret({ buffer: new TextEncoder().encode("12345678901234567890").buffer }).base32;
    expect(totpCode(rfcKey, Math.floor(59 / 30))).toBe("287082");
    expect(totpCode(rfcKey, Math.floor(1111111109 / 30))).toBe("081804");
    expect(totpCode(rfcKey, Math.floor(1234567890 / 30))).toBe("005924");
  });

  it("accepts the current step and one either side, and nothing further", () => {
    expect(verifyTotp(SECRET, totpCode(SECRET, STEP), null, NOW)).toBe(STEP);
    expect(verifyTotp(SECRET, totpCode(SECRET, STEP - 1), null, NOW)).toBe(STEP - 1);
    expect(verifyTotp(SECRET, totpCode(SECRET, STEP + 1), null, NOW)).toBe(STEP + 1);
    expect(verifyTotp(SECRET, totpCode(SECRET, STEP - 2), null, NOW)).toBeNull();
    expect(verifyTotp(SECRET, totpCode(SECRET, STEP + 2), null, NOW)).toBeNull();
  });

  it("refuses a code whose step, or a later one, was already used (replay)", () => {
    const code = totpCode(SECRET, STEP);
    expect(verifyTotp(SECRET, code, STEP, NOW)).toBeNull();
    expect(verifyTotp(SECRET, code, STEP + 1, NOW)).toBeNull();
    expect(verifyTotp(SECRET, code, STEP - 1, NOW)).toBe(STEP);
    // A used step does not make the next step's code a replay.
    expect(verifyTotp(SECRET, totpCode(SECRET, STEP + 1), STEP, NOW)).toBe(STEP + 1);
  });

  it("refuses malformed codes and another key's codes", () => {
    for (const code of ["", "12345", "1234567", "abcdef", "12 34 5x"])
      expect(verifyTotp(SECRET, code, null, NOW)).toBeNull();
    const other = newTotpSecret();
    expect(verifyTotp(other, totpCode(SECRET, STEP), null, NOW)).toBeNull();
  });

  it("makes an otpauth address an authenticator reads back to the same codes", () => {
    const uri = totpUri(SECRET, "admin", "某某宣传网");
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain("algorithm=SHA1");
    expect(uri).toContain("digits=6");
    expect(uri).toContain("period=30");
    const parsed = new TOTP({ secret: Secret.fromBase32(new URL(uri).searchParams.get("secret") ?? "") });
    expect(parsed.generate({ timestamp: NOW.getTime() })).toBe(totpCode(SECRET, STEP));
  });
});

describe("the TOTP key at rest (AES-256-GCM)", () => {
  it("round-trips, and never stores the key in clear", () => {
    const stored = encryptTotpSecret(USER, SECRET, KEY);
    expect(stored).not.toContain(SECRET);
    expect(decryptTotpSecret(USER, stored, KEY)).toBe(SECRET);
    // A fresh IV every time.
    expect(encryptTotpSecret(USER, SECRET, KEY)).not.toBe(stored);
  });

  it("refuses a tampered ciphertext, tag or IV", () => {
    const stored = encryptTotpSecret(USER, SECRET, KEY);
    const parts = stored.split(".");
    for (const index of [2, 3, 4]) {
      const bytes = Buffer.from(parts[index], "base64url");
      bytes[0] ^= 1;
      const tampered = [...parts];
      tampered[index] = bytes.toString("base64url");
      expect(decryptTotpSecret(USER, tampered.join("."), KEY)).toBeNull();
    }
    expect(decryptTotpSecret(USER, "garbage", KEY)).toBeNull();
  });

  it("refuses another account's ciphertext copied onto this one", () => {
    const other = "22222222-2222-4222-8222-222222222222";
    expect(decryptTotpSecret(other, encryptTotpSecret(USER, SECRET, KEY), KEY)).toBeNull();
  });

  it("refuses a ciphertext made under another key", () => {
    const otherKey: AuditKey = { id: "0123456789abcdef", secret: Buffer.from("another-key-another-key-another-key!") };
    const stored = encryptTotpSecret(USER, SECRET, otherKey);
    expect(decryptTotpSecret(USER, stored, otherKey)).toBe(SECRET);
    expect(decryptTotpSecret(USER, stored, KEY)).toBeNull();
    // Same key id claimed, different key: GCM's tag refuses it.
    const forged: AuditKey = { id: KEY.id, secret: Buffer.from("not-the-key-not-the-key-not-the-key") };
    expect(decryptTotpSecret(USER, encryptTotpSecret(USER, SECRET, KEY), forged)).toBeNull();
  });
});
