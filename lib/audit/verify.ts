import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { auditEventHash, GENESIS_HASH, UnknownAuditKeyError, type HashedEvent } from "./append";

/**
 * Walks the audit hash chain end to end, in id order, and reports the first event that does not fit.
 *
 * - `hash`: the stored hash is not sha256(prevHash + canonical event) — the row was altered.
 * - `link`: the row's prevHash is not the previous row's hash — a row before it was deleted, or rows
 *   were reordered or inserted.
 * - `head`: the chain ends elsewhere than the head the database recorded at the last insert
 *   (AuditChainHead, kept by a trigger), or holds a different number of events — the newest
 *   events were deleted, or rows were inserted behind the trigger's back.
 *
 * - `key`: the event is keyed with a key this installation does not hold (AUDIT_HMAC_KEY changed, or
 *   DATA_DIR lost its audit-hmac-key): it cannot be checked here, which is itself a finding.
 * - `anchor`: the chain disagrees with the anchor kept outside the database (lib/audit/anchor.ts):
 *   the anchored event is gone, altered, or counted at another position — the newest events were
 *   deleted and the head rewound, or the whole chain was rebuilt.
 *
 * Keyed and legacy events: events written before the chain was keyed carry no keyId and are plain
 * sha256; once a keyed event has been seen, an unkeyed one after it is a forgery ("hash"): that is
 * what rewriting without the key would produce.
 *
 * Gaps in ids alone are not evidence: a transaction that appends an event and then rolls back still
 * consumes a sequence value. Deletions show up as broken links (or a head mismatch at the end).
 *
 * Reads in keyset batches (`id > last`), so memory stays flat whatever the length, and stops at the
 * head read at the start: events appended meanwhile are left for the next run. Appends are serialised
 * (advisory lock, ids taken under it), so every event up to that head has committed.
 */

export const VERIFY_BATCH_SIZE = 5_000;

export type ChainBreakReason = "hash" | "link" | "head" | "key" | "anchor";

/** The chain head as last recorded outside the database. */
export interface ChainAnchor {
  lastId: bigint;
  lastHash: string;
  count: bigint;
}

export type VerifyResult =
  | { ok: true; count: number; lastId: bigint | null; lastHash: string }
  | {
      ok: false;
      /** Events checked before the break, the broken one excluded. */
      checked: number;
      /** The first event that does not fit (for `head`, the newest event found, or null if none). */
      id: bigint | null;
      /** The last event that still verified, if any: the break lies between it and `id`. */
      afterId: bigint | null;
      reason: ChainBreakReason;
    };

interface ChainRow extends HashedEvent {
  id: bigint;
  prevHash: string;
  hash: string;
}

/** A client or a transaction: the verifier only reads. */
export type AuditReader = Pick<PrismaClient, "auditEvent" | "auditChainHead">;

export async function verifyAuditChain(
  db: AuditReader,
  options: { batchSize?: number; anchor?: ChainAnchor | null } = {},
): Promise<VerifyResult> {
  const batchSize = options.batchSize ?? VERIFY_BATCH_SIZE;
  const anchor = options.anchor ?? null;
  let prevHash = GENESIS_HASH;
  let lastId: bigint | null = null;
  let count = 0;
  let keyed = false;
  let anchorSeen = anchor === null;
  const broken = (id: bigint | null, reason: ChainBreakReason): VerifyResult => ({
    ok: false,
    checked: count,
    id,
    afterId: lastId,
    reason,
  });

  for (let round = 0; ; round += 1) {
    const before = count;
    // Walk to the end of what is visible now, batch by batch.
    for (;;) {
      const rows: ChainRow[] = await db.auditEvent.findMany({
        where: lastId === null ? {} : { id: { gt: lastId } },
        orderBy: { id: "asc" },
        take: batchSize,
        select: {
          id: true,
          at: true,
          actorId: true,
          action: true,
          target: true,
          data: true,
          prevHash: true,
          hash: true,
          keyId: true,
        },
      });
      for (const row of rows) {
        if (anchor && !anchorSeen && row.id > anchor.lastId) return broken(row.id, "anchor");
        if (row.prevHash !== prevHash) return broken(row.id, "link");
        if (keyed && !row.keyId) return broken(row.id, "hash");
        let expected: string;
        try {
          expected = auditEventHash(row.prevHash, row);
        } catch (error) {
          if (error instanceof UnknownAuditKeyError) return broken(row.id, "key");
          throw error;
        }
        if (expected !== row.hash) return broken(row.id, "hash");
        if (anchor && row.id === anchor.lastId) {
          // The anchored event must still be there, unchanged, at the same position in the chain.
          if (row.hash !== anchor.lastHash || BigInt(count + 1) !== anchor.count) return broken(row.id, "anchor");
          anchorSeen = true;
        }
        keyed ||= Boolean(row.keyId);
        prevHash = row.hash;
        lastId = row.id;
        count += 1;
      }
      if (rows.length < batchSize) break;
    }

    // Read after the walk: the head moves in the same transaction as each insert, so every event
    // the walk saw is covered by it. A head beyond the walk means events arrived meanwhile.
    const head = await db.auditChainHead.findUnique({
      where: { id: 1 },
      select: { lastId: true, lastHash: true, count: true },
    });
    if (head === null) {
      if (!anchorSeen) return broken(lastId, "anchor");
      if (count === 0) return { ok: true, count, lastId, lastHash: prevHash };
      return { ok: false, checked: count, id: lastId, afterId: lastId, reason: "head" };
    }
    // Events that committed after the walk: walk on. A head that stays ahead of a walk that found
    // nothing new means the newest events are gone.
    const behind = lastId === null ? head.count > BigInt(0) : head.lastId > lastId;
    if (behind && (round === 0 || count > before)) continue;
    // The chain ends before the anchored event: events the anchor saw were deleted, head rewound.
    if (!anchorSeen) return broken(lastId, "anchor");
    if (lastId !== null && lastId > head.lastId) {
      // Events beyond the recorded head were written with the trigger disabled: name the first one.
      const first = await db.auditEvent.findFirst({
        where: { id: { gt: head.lastId } },
        orderBy: { id: "asc" },
        select: { id: true },
      });
      return { ok: false, checked: count, id: first?.id ?? lastId, afterId: head.lastId, reason: "head" };
    }
    if (lastId !== head.lastId || prevHash !== head.lastHash || BigInt(count) !== head.count) {
      return { ok: false, checked: count, id: lastId, afterId: lastId, reason: "head" };
    }
    return { ok: true, count, lastId, lastHash: prevHash };
  }
}
