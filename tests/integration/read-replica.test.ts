import { Client } from "pg";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { startReplicaPair, type ReplicaPair } from "../support/streaming-replica";

/**
 * Public reads on a real PostgreSQL streaming standby (DATABASE_REPLICA_URL, issue 18): the pages are
 * rendered from the standby, the workflow writes to the primary, and a withdrawal the standby has not
 * replayed yet is never shown from it (lib/public/data/read-replica.ts). The standby's replay is paused to
 * make it lag on purpose.
 */

type PublicRouter = typeof import("../support/public-router");

jest.setTimeout(120_000);

async function query<T>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

describe("public pages on a read replica", () => {
  let pair: ReplicaPair;
  let primary: PrismaClient;
  let router: PublicRouter;
  let modules: {
    db: typeof import("@/lib/db");
    replica: typeof import("@/lib/public/data/read-replica");
    bus: typeof import("@/lib/public/cache/cache-bus");
    workflow: typeof import("@/lib/workflow/transition");
  };
  let withdrawId: string;
  let reviewer: Awaited<ReturnType<typeof import("../support/factories").createUser>>;

  async function replicaCaughtUp(): Promise<void> {
    const [{ lsn }] = await query<{ lsn: string }>(pair.primaryAdminUrl, "SELECT pg_current_wal_lsn()::text AS lsn");
    for (let waited = 0; ; waited += 50) {
      const [row] = await query<{ caught: boolean }>(
        pair.replicaAdminUrl,
        "SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS caught",
        [lsn],
      );
      if (row?.caught) return;
      if (waited > 20_000) throw new Error("the standby did not catch up");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function page(target: string): Promise<{ status: number; text: string }> {
    const response = await router.routePublic(target);
    return { status: response.status, text: await response.text() };
  }

  beforeAll(async () => {
    pair = await startReplicaPair();
    // Before any module that reads the environment is loaded.
    process.env.DATABASE_URL = pair.primaryUrl;
    process.env.MIGRATION_DATABASE_URL = pair.primaryAdminUrl;
    process.env.DATABASE_REPLICA_URL = pair.replicaUrl;
    const factories = await import("../support/factories");
    const fixtures = await import("../support/public-fixtures");
    primary = factories.testDb();
    await fixtures.createBasics(primary);
    reviewer = await factories.createUser(primary, [{ role: "REVIEWER", level: 3 }]);
    await fixtures.createArticle(primary, {
      slug: "rr-live",
      title: "副本可读的文章",
      columnSlug: "gongzuo-dongtai",
      body: fixtures.paragraphs("正文"),
    });
    withdrawId = await fixtures.createArticle(primary, {
      slug: "rr-withdraw",
      title: "将被撤回的文章",
      columnSlug: "gongzuo-dongtai",
      body: fixtures.paragraphs("正文"),
    });
    router = await import("../support/public-router");
    modules = {
      db: await import("@/lib/db"),
      replica: await import("@/lib/public/data/read-replica"),
      bus: await import("@/lib/public/cache/cache-bus"),
      workflow: await import("@/lib/workflow/transition"),
    };
    await replicaCaughtUp();
  });

  afterAll(async () => {
    await modules?.bus.stopCacheBus();
    await modules?.db.db.$disconnect();
    await modules?.db.replicaDb()?.$disconnect();
    await primary?.$disconnect();
    await pair?.stop();
  });

  it("the standby is a real streaming standby of the primary", async () => {
    const [standby] = await query<{ recovery: boolean }>(
      pair.replicaAdminUrl,
      "SELECT pg_is_in_recovery() AS recovery",
    );
    expect(standby?.recovery).toBe(true);
    const senders = await query<{ state: string }>(pair.primaryAdminUrl, "SELECT state FROM pg_stat_replication");
    expect(senders.map((row) => row.state)).toContain("streaming");
    await expect(query(pair.replicaUrl, `UPDATE "Column" SET name = 'x'`)).rejects.toThrow(/read-only/);
  });

  it("pages are rendered from the standby: what only the standby still holds is what readers see", async () => {
    expect((await page("/articles/rr-live.html")).text).toContain("副本可读的文章");
    await query(pair.replicaAdminUrl, "SELECT pg_wal_replay_pause()");
    // Behind the app's back (no invalidation): the primary renames the column and gains an article.
    await query(pair.primaryAdminUrl, `UPDATE "Column" SET name = '主库新栏目名' WHERE slug = 'gongzuo-dongtai'`);
    const fixtures = await import("../support/public-fixtures");
    await fixtures.createArticle(primary, {
      slug: "rr-primary-only",
      title: "只在主库的文章",
      columnSlug: "gongzuo-dongtai",
      body: fixtures.paragraphs("正文"),
    });

    const column = await page("/columns/gongzuo-dongtai");
    expect(column.status).toBe(200);
    expect(column.text).toContain("工作动态");
    expect(column.text).not.toContain("主库新栏目名");
    expect(column.text).not.toContain("只在主库的文章");
    expect((await page("/articles/rr-primary-only.html")).status).toBe(404);
    expect(await modules.replica.publicReader()).toBe(modules.db.replicaDb());
  });

  it("a withdrawal writes to the primary and is never served from a standby that has not replayed it", async () => {
    const { lockVersion } = await primary.article.findUniqueOrThrow({
      where: { id: withdrawId },
      select: { lockVersion: true },
    });
    const result = await modules.workflow.transition(modules.db.db, reviewer, {
      articleId: withdrawId,
      event: "withdraw",
      reason: "内容需要更正",
      lockVersion,
    });
    expect(result.liveChanged).toBe(true);
    const onPrimary = await query<{ withdrawnAt: Date | null }>(
      pair.primaryAdminUrl,
      `SELECT "withdrawnAt" FROM "Article" WHERE id = $1`,
      [withdrawId],
    );
    const onStandby = await query<{ withdrawnAt: Date | null }>(
      pair.replicaAdminUrl,
      `SELECT "withdrawnAt" FROM "Article" WHERE id = $1`,
      [withdrawId],
    );
    expect(onPrimary[0]?.withdrawnAt).toBeInstanceOf(Date);
    // Replay is paused: the standby still has it live.
    expect(onStandby[0]?.withdrawnAt).toBeNull();

    const gone = await page("/articles/rr-withdraw.html");
    expect(gone.status).toBe(410);
    // While it lags, every public read goes to the primary.
    expect(await modules.replica.publicReader()).toBe(modules.db.db);
  });

  it("once the standby has caught up, pages are read from it again", async () => {
    await query(pair.replicaAdminUrl, "SELECT pg_wal_replay_resume()");
    await replicaCaughtUp();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await modules.replica.publicReader()).toBe(modules.db.replicaDb());
    const [row] = await query<{ withdrawnAt: Date | null }>(
      pair.replicaAdminUrl,
      `SELECT "withdrawnAt" FROM "Article" WHERE id = $1`,
      [withdrawId],
    );
    expect(row?.withdrawnAt).toBeInstanceOf(Date);
  });
});
