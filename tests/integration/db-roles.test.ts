import type { AuditAction } from "@/lib/audit/codes";
import { Client } from "pg";
import { appendAuditEvent } from "@/lib/audit/append";
import { verifyAuditChain } from "@/lib/audit/verify";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { testDb } from "../support/factories";

/**
 * #13 finding 9: the app connects as a role that owns nothing (lib/migrations/roles.ts), so the audit
 * trail it writes is beyond its own reach. DATABASE_URL in tests is that role, as in production.
 */
describe("the app's database role", () => {
  let db: PrismaClient;
  let app: Client;

  beforeAll(async () => {
    db = testDb();
    await db.$transaction((tx) =>
      appendAuditEvent(tx, { actorId: null, action: "test.role" as AuditAction, target: "thing:1", data: {} }),
    );
    app = new Client({ connectionString: process.env.DATABASE_URL });
    await app.connect();
  });

  afterAll(async () => {
    await app.end();
    await db.$disconnect();
  });

  it("is not the owner's role and owns no table, sequence or function", async () => {
    expect(new URL(process.env.DATABASE_URL ?? "").username).not.toBe(
      new URL(process.env.MIGRATION_DATABASE_URL ?? "").username,
    );
    const { rows } = await app.query<{ owned: string }>(
      `SELECT (SELECT count(*) FROM pg_class WHERE relowner = r.oid) + (SELECT count(*) FROM pg_proc WHERE proowner = r.oid) AS owned
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(Number(rows[0]?.owned)).toBe(0);
    const { rows: attributes } = await app.query(
      "SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user",
    );
    expect(attributes[0]).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false });
  });

  it.each([
    ["disable the append-only trigger", `ALTER TABLE "AuditEvent" DISABLE TRIGGER manual_audit_append_only`],
    ["disable every trigger", `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`],
    ["update an event", `UPDATE "AuditEvent" SET "target" = 'thing:forged'`],
    ["delete an event", `DELETE FROM "AuditEvent"`],
    ["truncate the log", `TRUNCATE "AuditEvent"`],
    ["rewind the chain head", `UPDATE "AuditChainHead" SET "count" = 0`],
    ["drop the log", `DROP TABLE "AuditEvent"`],
    ["create a function in the schema", `CREATE FUNCTION public.x() RETURNS int LANGUAGE sql AS 'SELECT 1'`],
    ["rewrite the migration history", `DELETE FROM "_prisma_migrations"`],
  ])("cannot %s", async (_what, sql) => {
    await expect(app.query(sql)).rejects.toThrow(/permission denied|must be owner|not allowed/);
  });

  it("still appends and reads events, and the chain verifies", async () => {
    await db.$transaction((tx) =>
      appendAuditEvent(tx, { actorId: null, action: "test.role" as AuditAction, target: "thing:2", data: {} }),
    );
    expect(await db.auditEvent.count({ where: { action: "test.role" as AuditAction } })).toBe(2);
    await expect(verifyAuditChain(db)).resolves.toMatchObject({ ok: true });
  });
});
