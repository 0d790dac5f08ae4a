import { appendAuditEvent } from "@/lib/audit/append";
import type { AuditAction } from "@/lib/audit/codes";
import { verifyAuditChain, type VerifyResult } from "@/lib/audit/verify";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { ownerDb, testDb } from "../support/factories";

/**
 * Verification of the audit chain against tampering. The app cannot change an event (triggers), so
 * each case tampers as the database superuser would: inside a transaction that disables the trigger,
 * changes one row, runs the verifier on that transaction, and rolls everything back.
 */

let db: PrismaClient;
// Tampering, and the triggers' refusals, as the tables' owner: the app's own role may not even try
// (tests/integration/db-roles.test.ts).
let owner: PrismaClient;
let ids: bigint[] = [];
const LENGTH = 8;

class Rollback extends Error {}

async function tampered(change: (tx: Prisma.TransactionClient) => Promise<unknown>): Promise<VerifyResult> {
  let result: VerifyResult | undefined;
  await owner
    .$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER manual_audit_append_only`);
      await change(tx);
      result = await verifyAuditChain(tx, { batchSize: 3 });
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  if (!result) throw new Error("the verifier did not run");
  return result;
}

beforeAll(async () => {
  db = testDb();
  owner = ownerDb();
  for (let i = 0; i < LENGTH; i += 1) {
    await db.$transaction((tx) =>
      appendAuditEvent(tx, {
        actorId: null,
        action: "test.event" as AuditAction,
        target: `x:${i}`,
        data: { i, text: "中文" },
      }),
    );
  }
  ids = (await db.auditEvent.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((row) => row.id);
});
afterAll(() => db.$disconnect());

const positions = Array.from({ length: LENGTH }, (_, i) => i);

describe("audit chain verification", () => {
  it("passes on an untouched chain and counts every event, in small and default batches", async () => {
    expect(await verifyAuditChain(db, { batchSize: 3 })).toEqual(
      expect.objectContaining({ ok: true, count: LENGTH, lastId: ids[LENGTH - 1] }),
    );
    expect(await verifyAuditChain(db)).toEqual(expect.objectContaining({ ok: true, count: LENGTH }));
  });

  it.each(positions)("fails at row %i when its content is altered", async (i) => {
    const result = await tampered(
      (tx) => tx.$executeRaw`UPDATE "AuditEvent" SET "data" = '{"i": 99}' WHERE "id" = ${ids[i]}`,
    );
    expect(result).toEqual(expect.objectContaining({ ok: false, id: ids[i], reason: "hash" }));
  });

  it.each(positions)("fails at row %i when its time or actor fields are altered", async (i) => {
    const result = await tampered(
      (tx) =>
        tx.$executeRaw`UPDATE "AuditEvent" SET "at" = "at" + interval '1 second', "action" = 'test.other' WHERE "id" = ${ids[i]}`,
    );
    expect(result).toEqual(expect.objectContaining({ ok: false, id: ids[i], reason: "hash" }));
  });

  it.each(positions)("fails at row %i when its stored hash is replaced", async (i) => {
    const result = await tampered(async (tx) => {
      await tx.$executeRaw`UPDATE "AuditEvent" SET "hash" = repeat('a', 64) WHERE "id" = ${ids[i]}`;
    });
    expect(result).toEqual(expect.objectContaining({ ok: false, id: ids[i], reason: "hash" }));
  });

  it.each(positions)("fails at row %i when its prevHash is altered", async (i) => {
    const result = await tampered(
      (tx) => tx.$executeRaw`UPDATE "AuditEvent" SET "prevHash" = repeat('b', 64) WHERE "id" = ${ids[i]}`,
    );
    expect(result).toEqual(expect.objectContaining({ ok: false, id: ids[i], reason: "link" }));
  });

  it.each(positions.slice(0, -1))("fails right after row %i when it is deleted", async (i) => {
    const result = await tampered((tx) => tx.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${ids[i]}`);
    expect(result).toEqual(
      expect.objectContaining({ ok: false, id: ids[i + 1], afterId: i === 0 ? null : ids[i - 1], reason: "link" }),
    );
  });

  it("fails at the end when the newest row is deleted (the recorded head no longer matches)", async () => {
    const result = await tampered((tx) => tx.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${ids[LENGTH - 1]}`);
    expect(result).toEqual(
      expect.objectContaining({ ok: false, id: ids[LENGTH - 2], reason: "head", checked: LENGTH - 1 }),
    );
  });

  it("fails when every row is deleted", async () => {
    const result = await tampered((tx) => tx.$executeRaw`DELETE FROM "AuditEvent"`);
    expect(result).toEqual(expect.objectContaining({ ok: false, id: null, reason: "head", checked: 0 }));
  });

  it.each(positions.slice(0, -1))("fails at row %i when it is swapped with the next one", async (i) => {
    const result = await tampered(async (tx) => {
      // Swap the two rows' ids: the events now appear in the other order.
      await tx.$executeRaw`UPDATE "AuditEvent" SET "id" = -1 WHERE "id" = ${ids[i]}`;
      await tx.$executeRaw`UPDATE "AuditEvent" SET "id" = ${ids[i]} WHERE "id" = ${ids[i + 1]}`;
      await tx.$executeRaw`UPDATE "AuditEvent" SET "id" = ${ids[i + 1]} WHERE "id" = -1`;
    });
    expect(result).toEqual(expect.objectContaining({ ok: false, id: ids[i], reason: "link" }));
  });

  it("fails at the moved row when a row is moved to the end by changing its id", async () => {
    const result = await tampered(
      (tx) => tx.$executeRaw`UPDATE "AuditEvent" SET "id" = "id" + 1000 WHERE "id" = ${ids[2]}`,
    );
    expect(result).toEqual(expect.objectContaining({ ok: false, id: ids[3], reason: "link" }));
  });

  it("fails when an event is inserted behind the triggers' back", async () => {
    const result = await tampered(async (tx) => {
      await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER manual_audit_chain_head`);
      const last = await tx.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
      // A well-formed event (correct hash) that the head never heard of.
      const { auditEventHash } = await import("@/lib/audit/append");
      const at = new Date();
      const { auditKey } = await import("@/lib/audit/key");
      const forged = { at, actorId: null, action: "test.forged", target: "", data: {}, keyId: auditKey().id };
      await tx.auditEvent.create({ data: { ...forged, prevHash: last.hash, hash: auditEventHash(last.hash, forged) } });
    });
    expect(result).toEqual(
      expect.objectContaining({ ok: false, reason: "head", id: expect.any(BigInt), afterId: ids[LENGTH - 1] }),
    );
    expect(result.ok === false && result.id !== null && result.id > ids[LENGTH - 1]).toBe(true);
  });

  it("still verifies after the tampering above was rolled back", async () => {
    expect(await verifyAuditChain(db)).toEqual(expect.objectContaining({ ok: true, count: LENGTH }));
  });
});

describe("append-only enforcement", () => {
  it("refuses UPDATE, DELETE and TRUNCATE of audit events", async () => {
    await expect(owner.$executeRaw`UPDATE "AuditEvent" SET "target" = 'x' WHERE "id" = ${ids[0]}`).rejects.toThrow(
      /append-only/,
    );
    await expect(owner.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${ids[0]}`).rejects.toThrow(/append-only/);
    await expect(owner.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(owner.auditEvent.deleteMany({})).rejects.toThrow();
    expect(await db.auditEvent.count()).toBe(LENGTH);
  });

  it("refuses direct writes to the chain head", async () => {
    await expect(owner.$executeRaw`UPDATE "AuditChainHead" SET "count" = 0`).rejects.toThrow(
      /maintained by the database/,
    );
    await expect(owner.$executeRaw`DELETE FROM "AuditChainHead"`).rejects.toThrow(/maintained by the database/);
    await expect(owner.$executeRawUnsafe(`TRUNCATE "AuditChainHead"`)).rejects.toThrow(/append-only/);
  });
});

describe("concurrent writers", () => {
  it("keep one verifiable chain with 20 writers while a verification runs", async () => {
    const writers = Array.from({ length: 20 }, (_, i) =>
      db.$transaction((tx) =>
        appendAuditEvent(tx, { actorId: null, action: "test.concurrent" as AuditAction, data: { i } }),
      ),
    );
    const during = verifyAuditChain(db, { batchSize: 4 });
    await Promise.all(writers);
    expect((await during).ok).toBe(true);
    expect(await verifyAuditChain(db)).toEqual(expect.objectContaining({ ok: true, count: LENGTH + 20 }));
    const head = await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(head.count).toBe(BigInt(LENGTH + 20));
  });
});
