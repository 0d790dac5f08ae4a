import type { AuditAction } from "@/lib/audit/codes";
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import {
  anchorAuditHead,
  auditAnchorPath,
  readAuditAnchor,
  verifyAuditChainAnchored,
  writeAuditAnchor,
} from "@/lib/audit/anchor";
import { appendAuditEvent, auditEventHash } from "@/lib/audit/append";
import { canonicalJson } from "@/lib/articles/content-hash";
import { verifyAuditChain, type VerifyResult } from "@/lib/audit/verify";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { ownerDb, testDb } from "../support/factories";

/**
 * What the keyed hash and the anchor add (issue 13, finding 9): a database owner who edits an event
 * and recomputes the rest of the chain, or deletes the newest events and rewinds the head, used to
 * leave a chain that verified. Each case tampers as the owner would — triggers disabled, inside a
 * transaction that is rolled back — and verifies on that transaction.
 */

let db: PrismaClient;
/** Tampering takes the tables' owner: the app's own role cannot disable the triggers. */
let owner: PrismaClient;
class Rollback extends Error {}

async function tampered(
  change: (tx: Prisma.TransactionClient) => Promise<unknown>,
  verify: (tx: Prisma.TransactionClient) => Promise<VerifyResult>,
): Promise<VerifyResult> {
  let result: VerifyResult | undefined;
  await owner
    .$transaction(async (tx) => {
      for (const trigger of ["manual_audit_append_only", "manual_audit_chain_head"])
        await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER ${trigger}`);
      await tx.$executeRawUnsafe(`ALTER TABLE "AuditChainHead" DISABLE TRIGGER manual_audit_head_guard`);
      await change(tx);
      result = await verify(tx);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  if (!result) throw new Error("the verifier did not run");
  return result;
}

/** The best an owner without the key can do: sha256 as the chain used to be hashed. */
const plainHash = (
  prevHash: string,
  event: { at: Date; actorId: string | null; action: string; target: string; data: unknown },
) =>
  createHash("sha256")
    .update(
      prevHash +
        canonicalJson({
          at: event.at.toISOString(),
          actorId: event.actorId,
          action: event.action,
          target: event.target,
          data: event.data,
        }),
    )
    .digest("hex");

/** Rewrites every event from `fromId` on with `hash`, and moves the head to match, as a careful forger would. */
async function recomputeFrom(
  tx: Prisma.TransactionClient,
  fromId: bigint,
  hash: typeof plainHash,
  keyId: string | null,
) {
  const rows = await tx.auditEvent.findMany({ where: { id: { gte: fromId } }, orderBy: { id: "asc" } });
  let prev =
    (await tx.auditEvent.findFirst({ where: { id: { lt: fromId } }, orderBy: { id: "desc" } }))?.hash ?? "0".repeat(64);
  for (const row of rows) {
    const next = hash(prev, row);
    await tx.$executeRaw`UPDATE "AuditEvent" SET "prevHash" = ${prev}, "hash" = ${next}, "keyId" = ${keyId} WHERE "id" = ${row.id}`;
    prev = next;
  }
  const count = await tx.auditEvent.count();
  const last = rows.at(-1);
  if (last)
    await tx.$executeRaw`UPDATE "AuditChainHead" SET "lastId" = ${last.id}, "lastHash" = ${prev}, "count" = ${count} WHERE "id" = 1`;
}

let ids: bigint[] = [];
beforeAll(async () => {
  db = testDb();
  owner = ownerDb();
  for (let i = 0; i < 6; i++)
    await db.$transaction((tx) =>
      appendAuditEvent(tx, { actorId: null, action: "test.event" as AuditAction, target: `x:${i}`, data: { i } }),
    );
  ids = (await db.auditEvent.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((row) => row.id);
});
afterAll(() => Promise.all([db.$disconnect(), owner.$disconnect()]));

describe("keyed audit hashes", () => {
  it("are HMACs with a key outside the database, and carry the key's id", async () => {
    const event = await db.auditEvent.findFirstOrThrow({ where: { id: ids[2] } });
    expect(event.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(event.hash).toBe(auditEventHash(event.prevHash, event));
    expect(event.hash).not.toBe(plainHash(event.prevHash, event));
  });

  it("make a tail recomputed after an edit fail 校验", async () => {
    const result = await tampered(
      async (tx) => {
        await tx.$executeRaw`UPDATE "AuditEvent" SET "data" = '{"i": 99}' WHERE "id" = ${ids[2]}`;
        await recomputeFrom(tx, ids[2], plainHash, null);
      },
      (tx) => verifyAuditChain(tx),
    );
    expect(result).toEqual(expect.objectContaining({ ok: false, id: ids[2], reason: "hash" }));
  });

  it("refuse the same forgery with the old keyId kept", async () => {
    const keyId = (await db.auditEvent.findFirstOrThrow({ where: { id: ids[0] } })).keyId;
    const result = await tampered(
      async (tx) => {
        await tx.$executeRaw`UPDATE "AuditEvent" SET "data" = '{"i": 98}' WHERE "id" = ${ids[3]}`;
        await recomputeFrom(tx, ids[3], plainHash, keyId);
      },
      (tx) => verifyAuditChain(tx),
    );
    expect(result).toEqual(expect.objectContaining({ ok: false, id: ids[3], reason: "hash" }));
  });

  it("keep events written before the chain was keyed verifiable, and refuse an unkeyed one after a keyed one", async () => {
    const legacyFirst = await tampered(
      async (tx) => {
        // The first three events as an install from before this change wrote them: sha256, no keyId.
        await recomputeFrom(tx, ids[0], plainHash, null);
        const keyId = (await tx.auditEvent.findFirstOrThrow({ where: { keyId: null } })).keyId;
        expect(keyId).toBeNull();
        // ...then keyed events after them, as the upgraded app appends.
        const rows = await tx.auditEvent.findMany({ where: { id: { gte: ids[3] } }, orderBy: { id: "asc" } });
        const { auditKey } = await import("@/lib/audit/key");
        let prev = (await tx.auditEvent.findFirstOrThrow({ where: { id: ids[2] } })).hash;
        for (const row of rows) {
          const next = auditEventHash(prev, { ...row, keyId: auditKey().id });
          await tx.$executeRaw`UPDATE "AuditEvent" SET "prevHash" = ${prev}, "hash" = ${next}, "keyId" = ${auditKey().id} WHERE "id" = ${row.id}`;
          prev = next;
        }
        await tx.$executeRaw`UPDATE "AuditChainHead" SET "lastHash" = ${prev} WHERE "id" = 1`;
      },
      (tx) => verifyAuditChain(tx),
    );
    expect(legacyFirst).toEqual(expect.objectContaining({ ok: true, count: ids.length }));
  });
});

describe("the anchor outside the database", () => {
  it("is written by 校验, with its time, in DATA_DIR", async () => {
    const { result, anchor } = await verifyAuditChainAnchored(db);
    expect(result).toEqual(expect.objectContaining({ ok: true, count: ids.length }));
    expect(anchor).toMatchObject({ lastId: ids.at(-1), count: BigInt(ids.length), at: expect.any(Date) });
    expect(await readAuditAnchor(db)).toEqual(anchor);
    expect(await auditAnchorPath(db)).toMatch(/audit-anchor\..+\.json$/);
  });

  it("makes a deleted last row with the head rewound fail 校验", async () => {
    const anchor = await readAuditAnchor(db);
    const rewind = async (tx: Prisma.TransactionClient) => {
      const previous = await tx.auditEvent.findFirstOrThrow({ where: { id: ids.at(-2) } });
      await tx.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${ids.at(-1)}`;
      await tx.$executeRaw`UPDATE "AuditChainHead" SET "lastId" = ${previous.id}, "lastHash" = ${previous.hash}, "count" = "count" - 1 WHERE "id" = 1`;
    };
    // Without the anchor the shortened chain is consistent: this is the hole the anchor closes.
    expect(await tampered(rewind, (tx) => verifyAuditChain(tx))).toEqual(expect.objectContaining({ ok: true }));
    expect(await tampered(rewind, (tx) => verifyAuditChain(tx, { anchor }))).toEqual(
      expect.objectContaining({ ok: false, reason: "anchor" }),
    );
    expect(await tampered(rewind, async (tx) => (await verifyAuditChainAnchored(tx)).result)).toEqual(
      expect.objectContaining({ ok: false, reason: "anchor" }),
    );
  });

  it("catches a chain rebuilt from the start, even one that verifies on its own", async () => {
    const result = await tampered(
      async (tx) => {
        await tx.$executeRaw`UPDATE "AuditEvent" SET "data" = '{"i": 97}' WHERE "id" = ${ids[1]}`;
        await recomputeFrom(tx, ids[0], plainHash, null);
      },
      async (tx) => (await verifyAuditChainAnchored(tx)).result,
    );
    expect(result).toEqual(expect.objectContaining({ ok: false, reason: "anchor" }));
  });

  it("refuses an anchor file that was edited", async () => {
    const file = await auditAnchorPath(db);
    const original = await readFile(file, "utf8");
    try {
      const edited = JSON.parse(original) as { count: string };
      edited.count = String(Number(edited.count) - 1);
      await writeFile(file, JSON.stringify(edited));
      expect((await verifyAuditChainAnchored(db)).result).toEqual(
        expect.objectContaining({ ok: false, reason: "anchor" }),
      );
    } finally {
      await writeFile(file, original);
    }
  });

  it("moves forward periodically only from a head the database still agrees with", async () => {
    await db.$transaction((tx) =>
      appendAuditEvent(tx, { actorId: null, action: "test.event" as AuditAction, target: "x:new", data: {} }),
    );
    const before = await readAuditAnchor(db);
    expect(await anchorAuditHead(db)).toBe(true);
    const after = await readAuditAnchor(db);
    expect(after?.count).toBe((before?.count ?? BigInt(0)) + BigInt(1));
    // A rewound head is not anchored over: the old anchor stays as the evidence.
    const kept = await owner
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`ALTER TABLE "AuditChainHead" DISABLE TRIGGER manual_audit_head_guard`);
        await tx.$executeRaw`UPDATE "AuditChainHead" SET "count" = "count" - 1 WHERE "id" = 1`;
        const wrote = await anchorAuditHead(tx);
        throw Object.assign(new Rollback(), { wrote });
      })
      .catch((error: unknown) =>
        error instanceof Rollback ? (error as Rollback & { wrote: boolean }).wrote : Promise.reject(error),
      );
    expect(kept).toBe(false);
    expect(await readAuditAnchor(db)).toEqual(after);
    await writeAuditAnchor(db, {
      lastId: after?.lastId ?? BigInt(0),
      lastHash: after?.lastHash ?? "",
      count: after?.count ?? BigInt(0),
    });
  });
});
