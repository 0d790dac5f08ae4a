import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { auditKey, type AuditKey } from "@/lib/audit/key";
import { authPolicy } from "./policy";

/**
 * The second factor (等保 GB/T 22239-2019 8.1.4.1 d): TOTP after RFC 6238 — SHA-1, 6 digits, 30 s,
 * one step either side accepted for clock drift — through `otpauth`. A code is accepted once: the
 * account keeps the last time step it accepted (User.totpLastStep), and a code of that step or an
 * earlier one is refused as a replay.
 *
 * The shared key is stored encrypted (AES-256-GCM) under a key that never enters the database: it is
 * derived with HKDF-SHA256 from the audit key (lib/audit/key.ts: AUDIT_HMAC_KEY or
 * $DATA_DIR/audit-hmac-key), so it has the same custody, is the same on every instance that already
 * shares the audit key, and needs no second secret to back up. HKDF's distinct `info` keeps the two
 * uses apart: the AES key says nothing about the HMAC key. The user id is the GCM associated data,
 * so a ciphertext copied onto another account's row does not decrypt there.
 */

const { totp: policy } = authPolicy;
const VERSION = "v1";

function encryptionKey(key: AuditKey = auditKey()): Buffer {
  return Buffer.from(hkdfSync("sha256", key.secret, Buffer.alloc(0), "cms-totp-secret-encryption-v1", 32));
}

const aad = (userId: string) => Buffer.from(`totp:${userId}`);

/** `v1.<audit key id>.<iv>.<ciphertext>.<tag>`, base64url parts; the key id tells a changed key from a tampered row. */
export function encryptTotpSecret(userId: string, base32: string, key: AuditKey = auditKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(key), iv);
  cipher.setAAD(aad(userId));
  const ciphertext = Buffer.concat([cipher.update(base32, "utf8"), cipher.final()]);
  return [VERSION, key.id, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** The base32 key, or null when the stored value is malformed, tampered with, another account's, or under another key. */
export function decryptTotpSecret(userId: string, stored: string, key: AuditKey = auditKey()): string | null {
  const parts = stored.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION || parts[1] !== key.id) return null;
  const [iv, ciphertext, tag] = parts.slice(2).map((part) => Buffer.from(part, "base64url"));
  if (iv.length !== 12 || tag.length !== 16) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", encryptionKey(key), iv);
    decipher.setAAD(aad(userId));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** A new random key (160 bits, as RFC 4226 recommends), in base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(base32: string, label = "", issuer = ""): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: "SHA1",
    digits: policy.digits,
    period: policy.periodSeconds,
    secret: Secret.fromBase32(base32),
  });
}

/** The `otpauth://` address an authenticator app reads from the QR code. */
export function totpUri(base32: string, username: string, issuer: string): string {
  return totpOf(base32, username, issuer).toString();
}

export function timeStep(now: Date): number {
  return Math.floor(now.getTime() / (policy.periodSeconds * 1000));
}

/** The code of a time step (tests and the browser-test helper compute codes the way an app does). */
export function totpCode(base32: string, step: number): string {
  return totpOf(base32).generate({ timestamp: step * policy.periodSeconds * 1000 });
}

export const CODE_PATTERN = new RegExp(`^[0-9]{${policy.digits}}$`);

/**
 * The time step `code` belongs to (now, or one step either side), or null. A step at or before
 * `lastStep` is refused: that code, or an earlier one, was already used (replay).
 */
export function verifyTotp(base32: string, code: string, lastStep: number | null, now = new Date()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!CODE_PATTERN.test(token)) {
    // The same HMAC work as a well-formed code: how fast a refusal comes says nothing.
    totpOf(base32).validate({ token: "0".repeat(policy.digits), timestamp: now.getTime(), window: policy.window });
    return null;
  }
  const delta = totpOf(base32).validate({ token, timestamp: now.getTime(), window: policy.window });
  if (delta === null) return null;
  const step = timeStep(now) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

/** A fixed key for the logins that have no second factor to check: they do the same work against it. */
let dummy: { userId: string; stored: string } | undefined;
export function dummyTotp(): { userId: string; stored: string } {
  const key = auditKey();
  if (dummy && dummy.stored.split(".")[1] === key.id) return dummy;
  const userId = "00000000-0000-0000-0000-000000000000";
  dummy = { userId, stored: encryptTotpSecret(userId, newTotpSecret(), key) };
  return dummy;
}
