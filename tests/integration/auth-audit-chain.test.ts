import { appendAuditEvent, auditEventHash, GENESIS_HASH } from "@/lib/audit/append";
import type { AuditAction } from "@/lib/audit/codes";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { testDb } from "../support/factories";

let db: PrismaClient;
beforeAll(() => {
  db = testDb();
});
afterAll(() => db.$disconnect());

async function chain() {
  return db.auditEvent.findMany({ orderBy: { id: "asc" } });
}

describe("audit hash chain", () => {
  it("starts at 64 zeros and links every event to the one before", async () => {
    await db.$transaction((tx) =>
      appendAuditEvent(tx, {
        actorId: null,
        action: "test.first" as AuditAction,
        target: "x:1",
        data: { b: 2, a: [1, { d: 1, c: "中文" }] },
      }),
    );
    await db.$transaction((tx) => appendAuditEvent(tx, { actorId: null, action: "test.second" as AuditAction }));
    const [first, second] = await chain();
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.prevHash).toBe(first.hash);
    // Recomputed from what the database gives back: the stored row is what was hashed.
    expect(first.hash).toBe(auditEventHash(GENESIS_HASH, first));
    expect(second.hash).toBe(auditEventHash(first.hash, second));
  });

  it("does not fork when many transactions append at once", async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        db.$transaction((tx) =>
          appendAuditEvent(tx, { actorId: null, action: "test.concurrent" as AuditAction, data: { i } }),
        ),
      ),
    );
    const events = await chain();
    let prevHash = GENESIS_HASH;
    for (const event of events) {
      expect(event.prevHash).toBe(prevHash);
      expect(event.hash).toBe(auditEventHash(prevHash, event));
      prevHash = event.hash;
    }
    expect(new Set(events.map((event) => event.prevHash)).size).toBe(events.length);
  });

  it("writes nothing when the caller's transaction rolls back", async () => {
    const before = await db.auditEvent.count();
    await expect(
      db.$transaction(async (tx) => {
        await appendAuditEvent(tx, { actorId: null, action: "test.rolled_back" as AuditAction });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.auditEvent.count()).toBe(before);
  });

  it("detects an altered event", async () => {
    const [first] = await chain();
    expect(auditEventHash(GENESIS_HASH, { ...first, target: "x:2" })).not.toBe(first.hash);
  });
});
