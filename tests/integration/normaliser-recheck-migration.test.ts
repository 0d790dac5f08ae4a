import { readFile } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { runDueTermSweep } from "@/lib/checks/sweep";
import { MIGRATIONS_DIR } from "@/lib/migrations/runner";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { indexAllPending } from "@/lib/public/data/search-index";
import { testDb } from "../support/factories";
import { createArticle, createBasics, paragraphs } from "../support/public-fixtures";

/**
 * 20261203140000_normaliser_fillers_recheck: a change of what the normaliser folds makes live
 * articles' search rows stale and may change what the checks find in them, so the migration queues
 * every live article for re-indexing and one 已发布稿件复查 — which then lists a term hidden with an
 * emoji (法🌸轮功) that the old normaliser let through. The test database is already migrated; the
 * migration's statements are run again from the file itself.
 */
const MIGRATION = "20261203140000_normaliser_fillers_recheck";

async function runMigration(db: PrismaClient): Promise<void> {
  const sql = await readFile(path.join(MIGRATIONS_DIR, MIGRATION, "migration.sql"), "utf8");
  const statements = sql
    .split(";\n")
    .map((statement) => statement.replace(/^--.*$/gm, "").trim())
    .filter(Boolean);
  expect(statements).toHaveLength(2);
  for (const statement of statements) await db.$executeRawUnsafe(statement);
}

const pendingSweeps = (db: PrismaClient) => db.job.count({ where: { kind: "TERM_SWEEP", status: "PENDING" } });

describe("normaliser change: re-index and 已发布稿件复查", () => {
  let db: PrismaClient;

  beforeAll(async () => {
    db = testDb();
    await createBasics(db);
  });

  afterAll(async () => {
    await stopCacheBus();
    await db.$disconnect();
  });

  it("queues nothing on a site with nothing live", async () => {
    await runMigration(db);
    expect(await pendingSweeps(db)).toBe(0);
    expect(await db.searchIndexPending.count()).toBe(0);
  });

  it("queues every live article and one sweep, which finds the disguised term", async () => {
    await db.sensitiveTerm.create({ data: { term: "法轮功", level: "BLOCK", category: "邪教" } });
    const live = await createArticle(db, {
      slug: "emoji-disguise",
      title: "社区开展反邪教宣传",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("有人散布法\u{1f338}轮\u{1f338}功传单，已依法处置。"),
    });
    await createArticle(db, {
      slug: "a-draft",
      title: "草稿",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("法\u{1f338}轮功"),
      state: "draft",
    });
    await indexAllPending(db);
    expect(await db.searchIndexPending.count()).toBe(0);

    await runMigration(db);
    await runMigration(db);
    expect((await db.searchIndexPending.findMany({ select: { articleId: true } })).map((row) => row.articleId)).toEqual(
      [live],
    );
    expect(await pendingSweeps(db)).toBe(1);

    const outcome = await runDueTermSweep(db, new Date(Date.now() + 1000));
    expect(outcome).toMatchObject({ status: "DONE", checked: 1, articleCount: 1, hitCount: 1 });
    const [hit] = await db.termSweepHit.findMany({ where: { runId: outcome?.runId } });
    expect(hit).toMatchObject({ articleId: live, level: "BLOCK", term: "法\u{1f338}轮\u{1f338}功" });
  });
});
