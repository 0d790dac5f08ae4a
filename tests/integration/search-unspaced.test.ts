/**
 * Issue 14, "queries with no result where a person expects one": readers of a Chinese site seldom type
 * spaces, so 疫苗接种 or 漕泾镇乡村振兴 is several words in one term. When no article holds it as written,
 * its words are searched; a name typed in pinyin with spaces (wang jian guo) is suggested like wangjianguo.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { searchArticles } from "@/lib/public/data/search";
import { USER_WORDS_SETTING } from "@/lib/public/data/search-index";
import { testDb } from "../support/factories";
import { createArticle, createBasics, paragraphs } from "../support/public-fixtures";
import { indexAllPending } from "@/lib/public/data/search-index";

describe("queries typed without spaces", () => {
  let db: PrismaClient;
  const slugs = async (query: string) => (await searchArticles(db, query, 1)).hits.map((hit) => hit.slug).sort();

  beforeAll(async () => {
    db = testDb();
    await createBasics(db);
    await db.siteSetting.upsert({
      where: { key: USER_WORDS_SETTING },
      create: { key: USER_WORDS_SETTING, value: ["漕泾镇"] },
      update: { value: ["漕泾镇"] },
    });
    await db.profile.create({ data: { name: "王建国", honour: "优秀共产党员", organisation: "江川路街道" } });
    const articles = [
      ["u-vaccine", "疫苗加强针有序推进", "全区累计为居民接种疫苗加强针12万剂次。"],
      ["u-canteen", "社区长者食堂正式开业", "食堂可同时容纳80位老人就餐。"],
      ["u-caojing", "漕泾镇举办乡村振兴成果展", "展览集中展示近年来取得的成果。"],
      ["u-safety", "全市开展安全生产大检查", "重点检查危险化学品企业。"],
      ["u-wang", "【先锋】王建国：扎根社区二十年", "王建国同志担任社区党委书记二十年。"],
      ["u-phrase", "安全生产检查表发布", "检查表列出十类隐患。"],
    ];
    for (const [slug, title, body] of articles)
      await createArticle(db, { slug, title, columnSlug: "gongzuo-dongtai", body: paragraphs(body) });
    await indexAllPending(db);
  });

  afterAll(async () => {
    await stopCacheBus();
    await db.$disconnect();
  });

  it("finds the articles that hold every word of an unspaced term when none holds it as written", async () => {
    expect(await slugs("疫苗接种")).toEqual(["u-vaccine"]);
    expect(await slugs("食堂开业")).toEqual(["u-canteen"]);
    expect(await slugs("漕泾镇乡村振兴")).toEqual(["u-caojing"]);
    const result = await searchArticles(db, "长者食堂开业", 1);
    expect(result.partial).toBe(false);
    // Every word is highlighted where it stands.
    expect(result.hits[0]?.title.filter((part) => part.hit).map((part) => part.text)).toEqual(["长者", "食堂", "开业"]);
  });

  it("keeps the exact phrase first: an article that holds the term as written answers it", async () => {
    expect(await slugs("安全生产检查")).toEqual(["u-phrase"]);
    expect(await slugs("安全生产大检查")).toEqual(["u-safety"]);
  });

  it("marks the best partial matches when not every word of an unspaced term is found", async () => {
    const result = await searchArticles(db, "食堂开业仪式", 1);
    expect(result.hits.map((hit) => hit.slug)).toContain("u-canteen");
    expect(result.partial).toBe(true);
  });

  it("suggests a name typed in pinyin with spaces between its syllables", async () => {
    for (const query of ["wang jian guo", "Wang Jianguo", "wangjianguo"]) {
      const result = await searchArticles(db, query, 1);
      expect(result.suggestion).toBe("王建国");
      expect(result.hits.map((hit) => hit.slug)).toEqual(["u-wang"]);
    }
  });
});
