import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { canonicalJson, sha256Hex } from "@/lib/hash";
import type { AuditAction } from "./codes";
import { auditKey, hmacHex } from "./key";
import type { Tx } from "@/lib/db";

/** The first event's prevHash. */
export const GENESIS_HASH = "0".repeat(64);

/**
 * One transaction-scoped advisory lock for every writer of the chain: two transactions appending at
 * once would otherwise read the same last hash and fork the chain. Held until the caller commits.
 */
const AUDIT_CHAIN_LOCK = 72707372;

export interface AuditEventInput {
  /** Who did it; null for the system or an anonymous caller (e.g. a failed login for an unknown name). */
  actorId: string | null;
  /** Dotted verb, e.g. `auth.login`, `user.disable`: one of lib/audit/codes.ts, each labelled for the auditor. */
  action: AuditAction;
  /** What it was done to, e.g. `user:<id>`, `article:<id>`. */
  target?: string;
  /** Details; must be JSON. Never passwords, hashes or tokens. */
  data?: Record<string, unknown>;
}

export interface HashedEvent {
  at: Date;
  actorId: string | null;
  action: string;
  target: string;
  data: unknown;
  /** The audit key's id for a keyed (HMAC) event; null or absent for a legacy sha256 one. */
  keyId?: string | null;
}

export class UnknownAuditKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`audit event keyed with an unknown key ${keyId}`);
  }
}

/**
 * What the hash covers; the verifier recomputes exactly this. Keyed events (keyId set) are
 * HMAC-SHA256 with the audit key (lib/audit/key.ts) over prevHash + canonical JSON; events written
 * before the chain was keyed (keyId null) are plain sha256 of the same text.
 */
export function auditEventHash(prevHash: string, event: HashedEvent): string {
  const text =
    prevHash +
    canonicalJson({
      at: event.at.toISOString(),
      actorId: event.actorId,
      action: event.action,
      target: event.target,
      data: event.data,
    });
  if (!event.keyId) return sha256Hex(text);
  const key = auditKey();
  if (key.id !== event.keyId) throw new UnknownAuditKeyError(event.keyId);
  return hmacHex(key, text);
}

/**
 * Appends an event to the hash chain inside the caller's transaction, so the event exists exactly
 * when the change it describes was committed.
 */
export async function appendAuditEvent(tx: Tx, input: AuditEventInput): Promise<{ id: bigint; hash: string }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Round-trip through JSON so the hash covers what jsonb will give back (no undefined, no Dates).
  const data = JSON.parse(JSON.stringify(input.data ?? {})) as Prisma.InputJsonObject;
  // Millisecond precision: the column is timestamptz(3), and the verifier reads it back from there.
  const at = new Date();
  const event: HashedEvent = {
    at,
    actorId: input.actorId,
    action: input.action,
    target: input.target ?? "",
    data,
    keyId: auditKey().id,
  };
  const hash = auditEventHash(prevHash, event);
  const row = await tx.auditEvent.create({
    data: {
      at,
      actorId: input.actorId,
      action: input.action,
      target: event.target,
      data,
      prevHash,
      hash,
      keyId: event.keyId,
    },
    select: { id: true },
  });
  return { id: row.id, hash };
}
