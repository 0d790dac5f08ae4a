import { createHash } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { indexAllPending, termCounts } from "@/lib/public/data/search-index";
import { searchArticles } from "@/lib/public/data/search";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { testDb } from "../support/factories";
import { createArticle, createBasics, paragraphs, withdraw } from "../support/public-fixtures";

/**
 * Issue 14: search reads each gram's and word's document frequency from SearchTermCount (plus the
 * deltas not yet folded in) instead of counting GIN matches. Those numbers must stay exactly what the
 * index holds whatever changes it — publication, an edit republished, a withdrawal, a re-index — or
 * ranking and plan choice drift from the truth.
 */
describe("search document frequencies", () => {
  let db: PrismaClient;

  /** Every (kind, token) the index holds, counted from the index itself. */
  async function recount(): Promise<Record<string, number>> {
    const rows = await db.$queryRaw<{ key: string; n: number }[]>`
      SELECT kind || token AS key, count(*)::int AS n FROM (
        SELECT 'g' AS kind, unnest(grams) AS token FROM "SearchIndex"
        UNION ALL SELECT 'w', unnest(words) FROM "SearchIndex"
        UNION ALL SELECT 't', unnest("titleWords") FROM "SearchIndex") s
      GROUP BY 1`;
    return Object.fromEntries(rows.map((row) => [row.key, row.n]));
  }

  /** The stored frequencies of every token the index holds now or held before (`seen`). */
  async function expectExact(seen: Set<string>): Promise<Record<string, number>> {
    const truth = await recount();
    for (const key of Object.keys(truth)) seen.add(key);
    const keys = [...seen];
    const stored = await termCounts(
      db,
      keys.map((key) => [key.slice(0, 1), key.slice(1)] as const),
    );
    expect(Object.fromEntries(keys.map((key) => [key, stored[key] ?? 0]))).toEqual(
      Object.fromEntries(keys.map((key) => [key, truth[key] ?? 0])),
    );
    return truth;
  }

  async function republish(articleId: string, title: string, text: string): Promise<void> {
    const article = await db.article.findUniqueOrThrow({
      where: { id: articleId },
      include: { publishedRevision: true },
    });
    const old = article.publishedRevision!;
    const body = paragraphs(text);
    const revision = await db.revision.create({
      data: {
        articleId,
        number: old.number + 1,
        title,
        body: body as object,
        html: `<p>${text}</p>`,
        plainText: text,
        contentHash: createHash("sha256").update(text).digest("hex"),
        meta: old.meta as object,
        authorId: old.authorId,
      },
    });
    await db.article.update({
      where: { id: articleId },
      data: { currentRevisionId: revision.id, publishedRevisionId: revision.id },
    });
  }

  beforeAll(async () => {
    db = testDb();
    await createBasics(db);
  });

  afterAll(async () => {
    await stopCacheBus();
    await db.$disconnect();
  });

  it("match the index after publication, an edit, a withdrawal and a re-index", async () => {
    const seen = new Set<string>();
    const first = await createArticle(db, {
      slug: "df-1",
      title: "党建引领乡村振兴",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("街道以党建引领基层治理。"),
    });
    const second = await createArticle(db, {
      slug: "df-2",
      title: "鹦鹉螺号靠港",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("党建工作扎实推进。"),
    });
    await indexAllPending(db);
    let truth = await expectExact(seen);
    expect(truth["g党建"]).toBe(2);
    expect(truth["w鹦鹉螺"] ?? truth["g鹦鹉"]).toBeGreaterThan(0);

    // An edit republished: the old text's tokens go, the new one's come.
    await republish(first, "垃圾分类进社区", "居民参与垃圾分类。");
    await indexAllPending(db);
    truth = await expectExact(seen);
    expect(truth["g党建"]).toBe(1);
    expect(truth["g垃圾"]).toBe(1);

    // A withdrawal deletes the index row (cascade from SearchDocument).
    await withdraw(db, second);
    truth = await expectExact(seen);
    expect(truth["g党建"]).toBeUndefined();
    expect(truth["g鹦鹉"]).toBeUndefined();

    // Re-indexing what is indexed already (queued again) counts nothing twice.
    await db.$executeRaw`INSERT INTO "SearchIndexPending" ("articleId") SELECT "articleId" FROM "SearchDocument" ON CONFLICT DO NOTHING`;
    await indexAllPending(db);
    await expectExact(seen);
  });

  it("are kept by the indexing a search does itself, and a withdrawn article's words count for nothing", async () => {
    await createArticle(db, {
      slug: "df-3",
      title: "海燕号出海",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("海燕号科考船今日出海。"),
    });
    // The search indexes the queue itself, then reads the frequencies.
    expect((await searchArticles(db, "海燕号", 1)).total).toBe(1);
    expect(await termCounts(db, [["g", "海燕"]])).toEqual({ g海燕: 1 });
    const [{ id }] = await db.$queryRaw<{ id: string }[]>`SELECT id FROM "Article" WHERE slug = 'df-3'`;
    await withdraw(db, id);
    expect(await termCounts(db, [["g", "海燕"]])).toEqual({ g海燕: 0 });
    expect((await searchArticles(db, "海燕号", 1)).total).toBe(0);
  });
});
