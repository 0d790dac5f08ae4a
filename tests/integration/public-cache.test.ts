import type { PrismaClient } from "@/lib/generated/prisma/client";
import { db as appDb } from "@/lib/db";
import { GET as articleRoute } from "@/app/articles/[file]/route";
import { GET as columnRoute } from "@/app/columns/[slug]/route";
import { GET as columnFeedRoute } from "@/app/columns/[slug]/rss.xml/route";
import { GET as siteFeedRoute } from "@/app/rss.xml/route";
import { GET as sitemapRoute } from "@/app/sitemap.xml/route";
import { CACHE_CHANNEL, invalidationPayload, pageCache, stopCacheBus } from "@/lib/public/cache/cache-bus";
import { afterPublicationChange } from "@/lib/public/publish/publication-events";
import { cacheTags } from "@/lib/public/cache/tags";
import { testDb } from "../support/factories";
import { createArticle, createBasics, paragraphs, withdraw } from "../support/public-fixtures";

const BASE = "http://localhost:3000";
const VARIANT = "|fs=m;hc=0";
const article = (slug: string) =>
  articleRoute(new Request(`${BASE}/articles/${slug}.html`), { params: Promise.resolve({ file: `${slug}.html` }) });
const column = (slug: string) =>
  columnRoute(new Request(`${BASE}/columns/${slug}`), { params: Promise.resolve({ slug }) });
const columnFeed = (slug: string) =>
  columnFeedRoute(new Request(`${BASE}/columns/${slug}/rss.xml`), { params: Promise.resolve({ slug }) });
const siteFeed = () => siteFeedRoute(new Request(`${BASE}/rss.xml`));
const sitemap = () => sitemapRoute(new Request(`${BASE}/sitemap.xml`));
const renders = (key: string) => pageCache().renders.get(key) ?? 0;

async function viewAll() {
  return {
    older: await (await article("c-older")).text(),
    newest: await (await article("c-newest")).text(),
    unrelated: await (await article("c-unrelated")).text(),
    column: await (await column("gongzuo-dongtai")).text(),
    columnFeed: await (await columnFeed("gongzuo-dongtai")).text(),
    siteFeed: await (await siteFeed()).text(),
    sitemap: await (await sitemap()).text(),
  };
}

describe("the public page cache", () => {
  let db: PrismaClient;

  beforeAll(async () => {
    db = testDb();
    await createBasics(db);
    await createArticle(db, {
      slug: "c-older",
      title: "较早的动态",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("较早"),
      publishedAt: new Date("2026-01-01T00:00:00Z"),
    });
    await createArticle(db, {
      slug: "c-newest",
      title: "此前最新的动态",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("此前最新"),
      publishedAt: new Date("2026-02-01T00:00:00Z"),
    });
    await createArticle(db, {
      slug: "c-unrelated",
      title: "另一栏目的人物",
      columnSlug: "xianfeng",
      body: paragraphs("无关"),
      publishedAt: new Date("2026-02-02T00:00:00Z"),
    });
  });

  afterAll(async () => {
    await stopCacheBus();
    await db.$disconnect();
  });

  it("serves repeated views from memory without rendering again", async () => {
    await viewAll();
    const before = new Map(pageCache().renders);
    const again = await viewAll();
    expect(new Map(pageCache().renders)).toEqual(before);
    expect(again.older).toContain("较早的动态");
  });

  it("does not touch the database for a cached page", async () => {
    const spy = jest.spyOn(appDb.article, "findUnique");
    await article("c-older");
    expect(spy).not.toHaveBeenCalled();
    // The spy does see the app's queries: a page not yet cached is read from the database.
    await article("c-not-cached-yet");
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it("publish: the column page, feeds, sitemap and the new neighbour change; an unrelated article is not re-rendered", async () => {
    const unrelatedRenders = renders(`/articles/c-unrelated.html${VARIANT}`);
    const olderRenders = renders(`/articles/c-older.html${VARIANT}`);
    // Its URL was visited before it existed: the cached 404 must not outlive the publish.
    expect((await article("c-fresh")).status).toBe(404);
    const id = await createArticle(db, {
      slug: "c-fresh",
      title: "刚刚发布的动态",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("新稿"),
      publishedAt: new Date("2026-03-01T00:00:00Z"),
    });
    await afterPublicationChange([id]);
    const after = await viewAll();
    expect(after.column).toContain("刚刚发布的动态");
    expect(after.columnFeed).toContain("刚刚发布的动态");
    expect(after.siteFeed).toContain("刚刚发布的动态");
    expect(after.sitemap).toContain("/articles/c-fresh.html");
    // The previous newest article now has the fresh one as its 上一篇.
    expect(after.newest).toContain('href="/articles/c-fresh.html"');
    expect((await article("c-fresh")).status).toBe(200);
    expect(renders(`/articles/c-unrelated.html${VARIANT}`)).toBe(unrelatedRenders);
    expect(renders(`/articles/c-older.html${VARIANT}`)).toBe(olderRenders);
  });

  it("withdraw: the article answers 410 and disappears from its neighbours, column and feeds", async () => {
    const fresh = await db.article.findUniqueOrThrow({ where: { slug: "c-fresh" } });
    const unrelatedRenders = renders(`/articles/c-unrelated.html${VARIANT}`);
    await withdraw(db, fresh.id);
    await afterPublicationChange([fresh.id]);
    expect((await article("c-fresh")).status).toBe(410);
    const after = await viewAll();
    expect(after.newest).not.toContain("c-fresh");
    expect(after.column).not.toContain("刚刚发布的动态");
    expect(after.siteFeed).not.toContain("刚刚发布的动态");
    expect(renders(`/articles/c-unrelated.html${VARIANT}`)).toBe(unrelatedRenders);
  });

  it("re-publishing a withdrawn article replaces its cached 410", async () => {
    const fresh = await db.article.findUniqueOrThrow({ where: { slug: "c-fresh" } });
    expect((await article("c-fresh")).status).toBe(410);
    await db.article.update({
      where: { id: fresh.id },
      data: { status: "PUBLISHED", withdrawnAt: null, withdrawnReason: null },
    });
    await afterPublicationChange([fresh.id]);
    expect((await article("c-fresh")).status).toBe(200);
  });

  it("evicts pages when another instance sends the invalidation through PostgreSQL", async () => {
    const key = `/articles/c-unrelated.html${VARIANT}`;
    await article("c-unrelated");
    expect(pageCache().peek(key)).toBeDefined();
    const other = await db.article.findUniqueOrThrow({ where: { slug: "c-unrelated" } });
    await db.$executeRaw`SELECT pg_notify(${CACHE_CHANNEL}, ${invalidationPayload([cacheTags.article(other.id)])})`;
    const deadline = Date.now() + 5000;
    while (pageCache().peek(key) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pageCache().peek(key)).toBeUndefined();
  });
});
