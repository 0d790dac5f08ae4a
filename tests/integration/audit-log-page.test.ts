/**
 * The auditor's list (filters, keyset pages) and the 校验 server action, against the real database;
 * only the session lookup is replaced.
 */
import { asCurrentUser, createUser, ownerDb, testDb } from "../support/factories";
import { actAs } from "../support/server-action-session";

jest.mock("@/lib/auth/session", () => jest.requireActual("../support/server-action-session").sessionWithTestUser());

import { verifyAuditChainAction } from "@/app/admin/(staff)/audit/actions";
import { GET as downloadAnchor } from "@/app/admin/(staff)/audit/anchor/route";
import { appendAuditEvent } from "@/lib/audit/append";
import { AUDIT_PAGE_SIZE, listAuditEvents } from "@/lib/audit/queries";
import { auditListQuerySchema } from "@/lib/audit/schemas";

const db = testDb();
afterAll(() => db.$disconnect());

const makeUser = (username: string, role: "ADMIN" | "AUDITOR") => createUser(db, role, { username });

const query = (params: Record<string, string>) => auditListQuerySchema.parse(params);

describe("audit log list", () => {
  let alice: { id: string; username: string; displayName: string };
  beforeAll(async () => {
    alice = await makeUser("alice", "ADMIN");
    for (let i = 0; i < AUDIT_PAGE_SIZE + 10; i += 1) {
      await db.$transaction((tx) =>
        appendAuditEvent(tx, {
          actorId: i % 2 === 0 ? alice.id : null,
          action: i % 3 === 0 ? "term.create" : "user.update",
          target: `thing:${i}`,
        }),
      );
    }
  });

  it("pages newest first by keyset, forwards and back", async () => {
    const first = await listAuditEvents(db, query({}));
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.newer).toBeUndefined();
    expect(first.rows[0].target).toBe(`thing:${AUDIT_PAGE_SIZE + 9}`);
    const second = await listAuditEvents(db, query({ before: first.older ?? "" }));
    expect(second.rows.map((row) => row.target)).toEqual(Array.from({ length: 10 }, (_, i) => `thing:${9 - i}`));
    expect(second.older).toBeUndefined();
    const back = await listAuditEvents(db, query({ after: second.newer ?? "" }));
    expect(back.rows.map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
  });

  it("filters by actor, action prefix or exact action, target and day", async () => {
    const byActor = await listAuditEvents(db, query({ actor: "alice" }));
    expect(byActor.rows.every((row) => row.actorId === alice.id)).toBe(true);
    expect((await listAuditEvents(db, query({ actor: "系统" }))).rows.every((row) => row.actorId === null)).toBe(true);
    expect(
      (await listAuditEvents(db, query({ action: "term." }))).rows.every((row) => row.action === "term.create"),
    ).toBe(true);
    expect((await listAuditEvents(db, query({ action: "term" }))).rows).toEqual([]);
    expect((await listAuditEvents(db, query({ target: "thing:7" }))).rows.map((row) => row.target)).toEqual([
      "thing:7",
    ]);
    expect((await listAuditEvents(db, query({ from: "2000-01-01", to: "2000-01-02" }))).rows).toEqual([]);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
    expect((await listAuditEvents(db, query({ from: today, to: today }))).rows.length).toBe(AUDIT_PAGE_SIZE);
  });
});

describe("校验 server action", () => {
  it("refuses an administrator （三员分立） and reports a pass to an auditor, recording the check", async () => {
    actAs(asCurrentUser(await makeUser("admin2", "ADMIN"), "ADMIN"));
    expect(await verifyAuditChainAction()).toMatchObject({ status: "error", code: "FORBIDDEN" });
    const auditor = await makeUser("auditor", "AUDITOR");
    actAs(asCurrentUser(auditor, "AUDITOR"));
    const count = await db.auditEvent.count();
    expect(await verifyAuditChainAction()).toMatchObject({ status: "ok", message: `校验通过：共 ${count} 条` });
    expect(await db.auditEvent.count({ where: { action: "audit.verify", actorId: auditor.id } })).toBe(1);

    // The pass moved the anchor outside the database; the auditor downloads it, an administrator cannot.
    const anchor = await downloadAnchor();
    expect(anchor.status).toBe(200);
    expect(anchor.headers.get("content-disposition")).toMatch(/attachment; filename="audit-anchor-\d{8}\.json"/);
    expect(await anchor.json()).toMatchObject({
      count: String(count),
      lastHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      at: expect.any(String),
      mac: expect.any(String),
    });
    actAs(asCurrentUser(await makeUser("admin3", "ADMIN"), "ADMIN"));
    expect((await downloadAnchor()).status).toBe(403);
    actAs(asCurrentUser(auditor, "AUDITOR"));
  });

  it("reports the first broken link after tampering", async () => {
    const victim = await db.auditEvent.findFirstOrThrow({ where: { target: "thing:3" } });
    // As the tables' owner: the app's own role cannot (tests/integration/db-roles.test.ts).
    const owner = ownerDb();
    await owner.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER manual_audit_append_only`);
    try {
      await owner.$executeRaw`UPDATE "AuditEvent" SET "target" = 'thing:forged' WHERE "id" = ${victim.id}`;
    } finally {
      await owner.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER manual_audit_append_only`);
      await owner.$disconnect();
    }
    const state = await verifyAuditChainAction();
    expect(state.status).toBe("error");
    expect(state.message).toContain(`编号 ${String(victim.id)} 的记录`);
    expect(state.message).toContain("内容与哈希值不符");
  });
});
