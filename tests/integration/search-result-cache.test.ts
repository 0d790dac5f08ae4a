import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createPrismaClient } from "@/lib/db";
import { cacheIsLive, stopCacheBus } from "@/lib/public/cache/cache-bus";
import { invalidateCachedPages } from "@/lib/public/cache/cache-store";
import { DEFAULT_PREFS } from "@/lib/public/render/prefs";
import { renderSearch } from "@/lib/public/render/pages";
import { SEARCH_POOL } from "@/lib/public/data/search";
import { cacheTags } from "@/lib/public/cache/tags";
import { testDb } from "../support/factories";
import { createArticle, createBasics, paragraphs } from "../support/public-fixtures";

/**
 * Issue 14: a repeated search costs nothing. Results are kept by normalised query and page, shared by
 * every reader's display choice, and dropped by the invalidation every publication change sends.
 */
describe("search result cache", () => {
  let db: PrismaClient;
  let counted: PrismaClient;
  let logged: PrismaClient;
  const searches: string[] = [];
  const modelReads: string[] = [];

  beforeAll(async () => {
    db = testDb();
    await createBasics(db);
    await createArticle(db, {
      slug: "cache-1",
      title: "垃圾分类进社区",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("街道推进垃圾分类。"),
      publishedAt: new Date(Date.UTC(2026, 0, 3)),
    });
    logged = createPrismaClient(process.env.DATABASE_URL ?? "", SEARCH_POOL);
    counted = logged.$extends({
      query: {
        $allModels: {
          async $allOperations({ model, operation, args, query }) {
            modelReads.push(`${model}.${operation}`);
            return query(args);
          },
        },
        async $queryRaw({ args, query }) {
          const sql = (args as unknown as { strings?: readonly string[] }).strings?.join("?") ?? "";
          if (sql.includes("SearchIndex")) searches.push(sql);
          return query(args);
        },
      },
    }) as unknown as PrismaClient;
    // The page routes connect the invalidation listener before they render (lib/public/serve/serve.ts).
    expect(await cacheIsLive()).toBe(true);
  });

  afterAll(async () => {
    await stopCacheBus();
    await logged.$disconnect();
    await db.$disconnect();
  });

  it("answers a repeated query, for any display choice, without asking the index again", async () => {
    const first = await renderSearch(counted, "垃圾分类", 1, DEFAULT_PREFS);
    expect(first.body).toContain("/articles/cache-1.html");
    const asked = searches.length;
    expect(asked).toBeGreaterThan(0);
    const large = await renderSearch(counted, "垃圾分类", 1, { ...DEFAULT_PREFS, fontSize: "l" });
    expect(large.body).toContain("/articles/cache-1.html");
    expect(searches.length).toBe(asked);
  });

  it("reads the site chrome (settings, columns) once, not for every new query", async () => {
    await renderSearch(counted, "街道", 1, DEFAULT_PREFS);
    modelReads.length = 0;
    const other = await renderSearch(counted, "社区", 1, DEFAULT_PREFS);
    expect(other.body).toContain("/articles/cache-1.html");
    expect(modelReads).toEqual([]);
  });

  it("asks again after a publication change, and finds what it published", async () => {
    await createArticle(db, {
      slug: "cache-2",
      title: "垃圾分类新规",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("新规实施。"),
      publishedAt: new Date(Date.UTC(2026, 0, 4)),
    });
    // What every publish, withdrawal and re-publication sends (lib/public/publish/publication-events.ts).
    invalidateCachedPages([cacheTags.search]);
    const asked = searches.length;
    const again = await renderSearch(counted, "垃圾分类", 1, DEFAULT_PREFS);
    expect(searches.length).toBeGreaterThan(asked);
    expect(again.body).toContain("/articles/cache-2.html");
  });
});
