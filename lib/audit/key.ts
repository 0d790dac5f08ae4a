import "server-only";
import { createHash, createHmac, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

/**
 * The key that makes the audit chain's hashes HMAC-SHA256 instead of plain sha256, kept OUTSIDE the
 * database: `AUDIT_HMAC_KEY`, or else generated once into `$DATA_DIR/audit-hmac-key` (mode 0600, as
 * `npm start` generates auth-secret). Whoever can write the tables but not read this key can no
 * longer recompute a chain after an edit: 校验 finds it.
 *
 * Several app instances must share the key: set AUDIT_HMAC_KEY for all of them (or share DATA_DIR).
 * Events carry the key's id (a hash of it, never the key), so an event keyed by another key is
 * reported as such instead of as tampering, and a later key rotation can tell the eras apart.
 */

export interface AuditKey {
  /** 16 hex characters identifying the key; stored in AuditEvent.keyId. */
  id: string;
  secret: Buffer;
}

export const AUDIT_KEY_FILE = "audit-hmac-key";

let cached: { source: string; key: AuditKey } | undefined;

function fromSecret(secret: Buffer): AuditKey {
  return { id: createHash("sha256").update("cms-audit-key-id:").update(secret).digest("hex").slice(0, 16), secret };
}

function keyFile(dataDir: string): Buffer {
  const file = path.resolve(dataDir, AUDIT_KEY_FILE);
  try {
    return Buffer.from(readFileSync(file, "utf8").trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // `wx`: two processes starting together must end up with one key, not one each.
    writeFileSync(file, `${randomBytes(32).toString("base64url")}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return Buffer.from(readFileSync(file, "utf8").trim());
}

export function auditKey(): AuditKey {
  const config = env();
  const source = config.AUDIT_HMAC_KEY ? "env" : path.resolve(config.DATA_DIR);
  if (cached?.source === source) return cached.key;
  const key = fromSecret(config.AUDIT_HMAC_KEY ? Buffer.from(config.AUDIT_HMAC_KEY) : keyFile(config.DATA_DIR));
  cached = { source, key };
  return key;
}

export function hmacHex(key: AuditKey, text: string): string {
  return createHmac("sha256", key.secret).update(text).digest("hex");
}
