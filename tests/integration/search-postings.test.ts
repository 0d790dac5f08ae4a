/**
 * Issue 14: search ranks rare terms over posting lists in the app (lib/public/data/search-postings.ts)
 * and common ones by the ranking statement (lib/public/data/search.ts). Both must give the same
 * answers — the same hits in the same order, totals, partial and capped marks, snippets — for every
 * kind of query: the judged corpus's, a few hundred made of the site's own words (one to three words,
 * single characters, traditional characters), page 2, a hidden column, articles published at the
 * same moment with the same text (ties broken the same way), and more matches than a candidate set
 * holds (capped).
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createPrismaClient } from "@/lib/db";
import { cacheIsLive, stopCacheBus } from "@/lib/public/cache/cache-bus";
import { invalidateCachedPages } from "@/lib/public/cache/cache-store";
import { cacheTags } from "@/lib/public/cache/tags";
import { SEARCH_POOL, searchArticles, type SearchEngine, type SearchResult } from "@/lib/public/data/search";
import { indexAllPending } from "@/lib/public/data/search-index";
import { NO_STORE, postingListsSql, postings, readPostingLists } from "@/lib/public/data/search-postings";
import { skeleton } from "@/lib/text/normalise";
import { distinctQueries } from "../../scripts/bench/search-queries";
import { testDb } from "../support/factories";
import { createArticle, createBasics, paragraphs } from "../support/public-fixtures";
import { indexVocabulary, loadJudgedCorpus, readJudgedCorpus } from "../support/search-corpus";

const corpus = readJudgedCorpus();

describe("search over posting lists answers as the ranking statement does", () => {
  let db: PrismaClient;
  let logged: PrismaClient;
  let counted: PrismaClient;
  const statements: string[] = [];
  let queries: string[] = [];
  let siteWords = new Set<string>();

  beforeAll(async () => {
    db = testDb();
    await createBasics(db);
    await loadJudgedCorpus(db, corpus);
    // The same moment and the same text: equal scores, ordered by id in both ways.
    const sameMoment = new Date(Date.UTC(2026, 5, 1, 8));
    for (let i = 0; i < 4; i += 1)
      await createArticle(db, {
        slug: `tie-${i}`,
        title: "同日发布的社区通知",
        columnSlug: "gongzuo-dongtai",
        body: paragraphs("社区开展消防演练。"),
        publishedAt: sameMoment,
      });
    // More than a candidate set holds (200), fewer than a posting list may (500).
    for (let i = 0; i < 215; i += 1)
      await createArticle(db, {
        slug: `many-${i}`,
        title: `第${i}期楼道巡查简报`,
        columnSlug: "gongzuo-dongtai",
        body: paragraphs(`楼道巡查发现隐患${i % 7}处，已整改。`),
        publishedAt: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000),
      });
    await indexAllPending(db);
    const vocabulary = (await indexVocabulary(db)).sort();
    siteWords = new Set(vocabulary);
    // A word with a single character (a word nowhere, matched as a substring): terms weighed differently.
    const characters = [...new Set(vocabulary.join(""))];
    const mixed = vocabulary
      .filter((_, i) => i % 23 === 0)
      .map((word, i) => `${word} ${characters[(i * 37) % characters.length]}`);
    queries = distinctQueries(
      vocabulary,
      300,
      [...corpus.queries.map((entry) => entry.query), "楼道巡查", "楼道巡查 整改", "社区通知", "巡查 李炯", ...mixed],
      7,
    );
    logged = createPrismaClient(process.env.DATABASE_URL ?? "", SEARCH_POOL);
    counted = logged.$extends({
      query: {
        async $queryRaw({ args, query }) {
          statements.push((args as unknown as { strings?: readonly string[] }).strings?.join("?") ?? "");
          return query(args);
        },
      },
    }) as unknown as PrismaClient;
  }, 300_000);

  afterAll(async () => {
    await stopCacheBus();
    await logged.$disconnect();
    await db.$disconnect();
  });

  const answers = async (engine: SearchEngine, page = 1) => {
    const out: unknown[] = [];
    for (const query of queries) out.push({ query, ...(await searchArticles(counted, query, page, engine)) });
    return out;
  };
  const rankingStatements = () => statements.filter((sql) => sql.includes("WITH c AS")).length;

  it("gives the same answers, page 1 and 2, without the ranking statement on a small site", async () => {
    statements.length = 0;
    const viaStatement = [...(await answers("sql")), ...(await answers("sql", 2))];
    expect(rankingStatements()).toBeGreaterThan(queries.length);
    statements.length = 0;
    const viaPostings = [...(await answers("auto")), ...(await answers("auto", 2))];
    // Suggestions ("您是不是要找") are ranked the same way; nothing on this site is common enough for SQL.
    expect(rankingStatements()).toBe(0);
    expect(viaPostings).toEqual(viaStatement);
    // The sample is not trivial: partial, capped, multi-page and suggested answers are among them.
    const results = viaStatement as { partial: boolean; capped: boolean; pages: number; suggestion?: string }[];
    expect(results.some((result) => result.partial)).toBe(true);
    expect(results.some((result) => result.capped)).toBe(true);
    expect(results.some((result) => result.pages > 1)).toBe(true);
    expect(results.some((result) => result.suggestion)).toBe(true);
  }, 600_000);

  it("reads the same posting lists with the facts (gated on their counts) as on their own", async () => {
    // Words of the site's documents (a query may hold a phrase no document has as a word: 2023年1月).
    const words = [...new Set(queries.flatMap((query) => query.split(" ")).map(skeleton))]
      .filter((word) => siteWords.has(word))
      .slice(0, 40);
    expect(words).toHaveLength(40);
    const own = await postings(db, words, NO_STORE);
    const [row] = await db.$queryRaw<{ rows: unknown }[]>`SELECT ${postingListsSql(words, true)} AS rows`;
    const gated = readPostingLists(words, row?.rows, NO_STORE);
    // Every word of this site is rare: the gate lets each through, and the lists are equal.
    expect([...own.values()].every((list) => list !== null && list.entries.length > 0)).toBe(true);
    expect(gated).toEqual(own);
  });

  it("leaves out a hidden column's articles the same way", async () => {
    await db.column.update({ where: { slug: "xianfeng" }, data: { hidden: true } });
    try {
      const sample = queries.slice(0, 120);
      for (const query of sample)
        expect({ query, ...(await searchArticles(counted, query, 1, "auto")) }).toEqual({
          query,
          ...(await searchArticles(counted, query, 1, "sql")),
        });
    } finally {
      await db.column.update({ where: { slug: "xianfeng" }, data: { hidden: false } });
    }
  }, 300_000);

  it("answers from the process's store (the route's way) while the invalidation listener is trusted, and reads again after a change", async () => {
    expect(await cacheIsLive()).toBe(true);
    const first: SearchResult[] = [];
    for (const query of queries.slice(0, 80)) first.push(await searchArticles(counted, query, 1, "auto", true));
    // A query with no result asks for a suggestion (lib/public/data/search-suggest.ts), not kept here.
    const sample = queries.slice(0, 80).filter((_, i) => first[i].total > 0 && !first[i].suggestion);
    first.splice(0, first.length, ...first.filter((result) => result.total > 0 && !result.suggestion));
    expect(sample.length).toBeGreaterThan(50);
    statements.length = 0;
    const again = [];
    for (const query of sample) again.push(await searchArticles(counted, query, 1, "auto", true));
    expect(again).toEqual(first);
    // Every term and hit was read before: no statement at all, not even the per-query facts (the
    // corpus size is read once a minute, whatever the query).
    expect(statements.filter((sql) => !sql.includes("avg(length)") && !sql.includes("reltuples"))).toEqual([]);

    // A new article with a word the store holds a posting list for: found once the change is announced.
    await createArticle(db, {
      slug: "store-new",
      title: "楼道巡查新规发布",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("楼道巡查新规今日起施行。"),
      publishedAt: new Date(Date.UTC(2027, 0, 1)),
    });
    await indexAllPending(db);
    // Without the store (scripts, tests that change the database themselves) it is found at once.
    expect((await searchArticles(counted, "楼道巡查", 1)).hits[0]?.slug).toBe("store-new");
    invalidateCachedPages([cacheTags.search]);
    const found = await searchArticles(counted, "楼道巡查", 1, "auto", true);
    expect(found.hits[0]?.slug).toBe("store-new");
    expect(found).toEqual(await searchArticles(counted, "楼道巡查", 1, "sql"));
  }, 300_000);
});
