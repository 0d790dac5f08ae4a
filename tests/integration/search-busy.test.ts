import { Client } from "pg";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { GET as searchRoute } from "@/app/search/route";
import { createPrismaClient } from "@/lib/db";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { SEARCH_POOL, SearchBusyError, searchArticles } from "@/lib/public/data/search";
import { testDb } from "../support/factories";
import { createArticle, createBasics, paragraphs } from "../support/public-fixtures";

/**
 * Issue 14: under load a search ran out of Prisma's 5 s transaction budget and the reader got a 500.
 * A search runs outside any transaction, each statement bounded by PostgreSQL's statement_timeout on
 * search's own pool; a cancelled search answers 503 搜索繁忙，请稍后再试. The slow query is made
 * deterministic by another session holding an ACCESS EXCLUSIVE lock on the index table.
 */
describe("search under load", () => {
  let db: PrismaClient;
  let locker: Client;

  const holdIndexLock = async () => {
    await locker.query("BEGIN");
    await locker.query('LOCK TABLE "SearchIndex" IN ACCESS EXCLUSIVE MODE');
  };
  const releaseIndexLock = () => locker.query("ROLLBACK");

  beforeAll(async () => {
    db = testDb();
    await createBasics(db);
    await createArticle(db, {
      slug: "busy-1",
      title: "党建引领基层治理",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("街道以党建引领基层治理。"),
      publishedAt: new Date(Date.UTC(2026, 0, 3)),
    });
    locker = new Client({ connectionString: process.env.DATABASE_URL });
    await locker.connect();
  });

  afterAll(async () => {
    await locker.end();
    await stopCacheBus();
    await db.$disconnect();
  });

  it("runs no transaction: no BEGIN among a search's statements, and few round trips", async () => {
    const statements: string[] = [];
    const logged = createPrismaClient(process.env.DATABASE_URL ?? "", SEARCH_POOL);
    const client = logged.$extends({
      query: {
        async $queryRaw({ args, query }) {
          statements.push("queryRaw");
          return query(args);
        },
        async $executeRaw({ args, query }) {
          statements.push("executeRaw");
          return query(args);
        },
      },
    }) as unknown as PrismaClient;
    try {
      await searchArticles(client, "党建", 1); // warms the per-process caches (corpus figures, synonyms)
      statements.length = 0;
      const result = await searchArticles(client, "基层治理", 1);
      expect(result.hits.map((hit) => hit.slug)).toEqual(["busy-1"]);
      expect(statements).not.toContain("executeRaw");
      // Two round trips with nothing kept (lib/public/data/search-postings.ts): the query's facts,
      // which carry the posting lists of its rare alternatives; the page's rows.
      expect(statements.length).toBeLessThanOrEqual(2);
      // A partial match (no article has both terms) is ranked from the same lists: no extra round trip.
      statements.length = 0;
      const partial = await searchArticles(client, "基层治理 鹦鹉螺号", 1);
      expect(partial.partial).toBe(true);
      expect(partial.hits.map((hit) => hit.slug)).toEqual(["busy-1"]);
      expect(statements.length).toBeLessThanOrEqual(2);
      // Ranked by the statement (a common term's way): the facts, then one statement for the rest.
      statements.length = 0;
      await searchArticles(client, "基层治理 鹦鹉螺号", 1, "sql");
      expect(statements.length).toBeLessThanOrEqual(2);
    } finally {
      await logged.$disconnect();
    }
  });

  it("is cancelled by PostgreSQL after the statement timeout, as a SearchBusyError", async () => {
    const quick = createPrismaClient(process.env.DATABASE_URL ?? "", { ...SEARCH_POOL, statementTimeoutMs: 100 });
    await holdIndexLock();
    try {
      await expect(searchArticles(quick, "党建", 1)).rejects.toBeInstanceOf(SearchBusyError);
    } finally {
      await releaseIndexLock();
      await quick.$disconnect();
    }
    // Without the lock the same search answers within the production timeout.
    const again = createPrismaClient(process.env.DATABASE_URL ?? "", SEARCH_POOL);
    try {
      expect((await searchArticles(again, "党建", 1)).total).toBe(1);
    } finally {
      await again.$disconnect();
    }
  });

  it("answers 503 搜索繁忙，请稍后再试 with the query kept, never 500, and does not cache it", async () => {
    const url = `http://localhost/search?q=${encodeURIComponent("基层")}`;
    await holdIndexLock();
    let response: Response;
    try {
      response = await searchRoute(new Request(url));
    } finally {
      await releaseIndexLock();
    }
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    expect(html).toContain("搜索繁忙\uff0c请稍后再试");
    expect(html).toContain('value="基层"');

    const later = await searchRoute(new Request(url));
    expect(later.status).toBe(200);
    expect(await later.text()).toContain("党建引领");
  });
});
