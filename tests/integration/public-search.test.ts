import type { PrismaClient } from "@/lib/generated/prisma/client";
import { GET as searchRoute } from "@/app/search/route";
import { searchArticles } from "@/lib/public/data/search";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { testDb } from "../support/factories";
import { bodyWithCaption, createArticle, createBasics, paragraphs, withdraw } from "../support/public-fixtures";

const titlesOf = async (db: PrismaClient, q: string, page = 1) =>
  (await searchArticles(db, q, page)).hits.map((hit) => hit.title.map((part) => part.text).join(""));

describe("public search", () => {
  let db: PrismaClient;

  beforeAll(async () => {
    db = testDb();
    await createBasics(db);
    const day = (n: number) => new Date(Date.UTC(2026, 0, n));
    await createArticle(db, {
      slug: "s-dangjian-body",
      title: "社区工作纪实",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("街道以党建引领基层治理，成效明显。"),
      publishedAt: day(3),
    });
    await createArticle(db, {
      slug: "s-dangjian-title",
      title: "党建引领乡村振兴",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("村里修了新路。"),
      publishedAt: day(1),
    });
    await createArticle(db, {
      slug: "s-idiom",
      title: "对标先进",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("全区上下形成比学赶超的浓厚氛围。"),
      publishedAt: day(2),
    });
    await createArticle(db, {
      slug: "s-name",
      title: "社区的带头人",
      columnSlug: "xianfeng",
      lead: "系列导语",
      body: paragraphs("赵春华同志扎根社区二十年。"),
      publishedAt: day(4),
    });
    await createArticle(db, {
      slug: "s-caption",
      title: "田间课堂开课",
      columnSlug: "gongzuo-dongtai",
      body: bodyWithCaption("农技人员下乡培训。", "技术员在稻鸭共养示范田讲解"),
      publishedAt: day(5),
    });
    await createArticle(db, {
      slug: "s-latin",
      title: "5G网络覆盖全部行政村",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("新建5G基站120个，AI助农平台上线。"),
      publishedAt: day(6),
    });
    await createArticle(db, {
      slug: "s-hostile",
      title: "<script>alert(1)</script>安全通报",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("通报内容<img src=x onerror=alert(2)>安全"),
      publishedAt: day(7),
    });
    const gone = await createArticle(db, {
      slug: "s-withdrawn",
      title: "撤回的稿件",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("这里有一个独特词语鹦鹉螺号。"),
      publishedAt: day(8),
    });
    await withdraw(db, gone);
    await createArticle(db, {
      slug: "s-draft",
      title: "草稿",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("草稿里的独特词语海燕号。"),
      state: "draft",
    });
    for (let i = 0; i < 12; i++) {
      await createArticle(db, {
        slug: `s-many-${i}`,
        title: `批量文章${i}`,
        columnSlug: "gongzuo-dongtai",
        body: paragraphs("主题教育持续深入。"),
        publishedAt: day(10 + i),
      });
    }
  });

  afterAll(async () => {
    await stopCacheBus();
    await db.$disconnect();
  });

  it("finds a two-character word, title hits first", async () => {
    expect(await titlesOf(db, "党建")).toEqual(["党建引领乡村振兴", "社区工作纪实"]);
  });

  it("finds a four-character idiom", async () => {
    expect(await titlesOf(db, "比学赶超")).toEqual(["对标先进"]);
  });

  it("never finds an article of a hidden column", async () => {
    expect(await titlesOf(db, "赵春华")).toEqual(["社区的带头人"]);
    await db.column.update({ where: { slug: "xianfeng" }, data: { hidden: true } });
    try {
      expect(await titlesOf(db, "赵春华")).toEqual([]);
    } finally {
      await db.column.update({ where: { slug: "xianfeng" }, data: { hidden: false } });
    }
  });

  it("finds a name", async () => {
    expect(await titlesOf(db, "赵春华")).toEqual(["社区的带头人"]);
  });

  it("finds a term that appears only in a photo caption", async () => {
    expect(await titlesOf(db, "稻鸭共养")).toEqual(["田间课堂开课"]);
  });

  it("handles mixed Chinese, Latin and digits, case-insensitively", async () => {
    expect(await titlesOf(db, "5g网络")).toEqual(["5G网络覆盖全部行政村"]);
    expect(await titlesOf(db, "ai 助农")).toEqual(["5G网络覆盖全部行政村"]);
    expect(await titlesOf(db, "ＡＩ")).toEqual(["5G网络覆盖全部行政村"]);
  });

  it("ranks articles with every term first, and shows the best partial matches, marked, when none has all", async () => {
    expect(await titlesOf(db, "党建 振兴")).toEqual(["党建引领乡村振兴"]);
    const partial = await searchArticles(db, "党建 鹦鹉螺", 1);
    expect(partial.partial).toBe(true);
    expect(partial.hits.map((hit) => [hit.title.map((part) => part.text).join(""), hit.matchedTerms])).toEqual([
      ["党建引领乡村振兴", 1],
      ["社区工作纪实", 1],
    ]);
  });

  it("returns nothing from withdrawn articles or drafts", async () => {
    expect(await titlesOf(db, "鹦鹉螺号")).toEqual([]);
    expect(await titlesOf(db, "海燕号")).toEqual([]);
    expect(await titlesOf(db, "撤回")).toEqual([]);
  });

  it("finds an article again once it is re-published, and drops it when withdrawn", async () => {
    const id = await createArticle(db, {
      slug: "s-cycle",
      title: "往返测试",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("独一无二的词组甲乙丙丁"),
    });
    expect(await titlesOf(db, "甲乙丙丁")).toEqual(["往返测试"]);
    await withdraw(db, id);
    expect(await titlesOf(db, "甲乙丙丁")).toEqual([]);
    await db.article.update({ where: { id }, data: { withdrawnAt: null, status: "PUBLISHED" } });
    expect(await titlesOf(db, "甲乙丙丁")).toEqual(["往返测试"]);
  });

  it("paginates", async () => {
    const first = await searchArticles(db, "主题教育", 1);
    const second = await searchArticles(db, "主题教育", 2);
    expect(first.total).toBe(12);
    expect(first.pages).toBe(2);
    expect(first.hits).toHaveLength(10);
    expect(second.hits).toHaveLength(2);
    expect(second.hits.map((h) => h.id)).not.toEqual(expect.arrayContaining(first.hits.map((h) => h.id)));
  });

  it("renders highlighted, escaped snippets and never a script from stored content", async () => {
    const response = await searchRoute(new Request("http://localhost/search?q=%E5%AE%89%E5%85%A8"));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<mark>安全</mark>");
    expect(html).toContain("&lt;script>alert(1)&lt;/script>");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img src=x/i);
  });

  it("shows snippets with the article's full-width punctuation as written", async () => {
    const html = await (
      await searchRoute(new Request(`http://localhost/search?q=${encodeURIComponent("基层治理")}`))
    ).text();
    expect(html).toContain("<mark>基层治理</mark>\uff0c成效明显。");
  });

  it("searches a single character, and echoes the query as typed", async () => {
    const html = await (await searchRoute(new Request(`http://localhost/search?q=${encodeURIComponent("党")}`))).text();
    expect(html).toContain("<mark>党</mark>建引领乡村振兴");
    const typed = await (
      await searchRoute(new Request(`http://localhost/search?q=${encodeURIComponent("党建\uff0c振兴")}`))
    ).text();
    expect(typed).toContain('value="党建\uff0c振兴"');
  });
});
