/** Issue 14: the admin-managed synonym list — parsed with Chinese errors, replaced in one audited transaction, used by search at once. */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { searchArticles } from "@/lib/public/data/search";
import { listSynonymGroups, replaceSynonymGroups } from "@/lib/synonyms/commands";
import { parseSynonymText } from "@/lib/synonyms/schemas";
import { createUser, testDb } from "../support/factories";
import { createArticle, createBasics, paragraphs } from "../support/public-fixtures";

describe("search synonyms", () => {
  let db: PrismaClient;
  beforeAll(async () => {
    db = testDb();
    await createBasics(db);
    await createArticle(db, {
      slug: "syn-1",
      title: "新型冠状病毒感染防控方案更新",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("方案对重点人群作出安排。"),
    });
  });
  afterAll(async () => {
    await stopCacheBus();
    await db.$disconnect();
  });

  it("parses one group a line and names the bad line in Chinese", () => {
    expect(parseSynonymText("新冠=新型冠状病毒\n\n危化品、危险化学品")).toEqual({
      groups: [
        ["新冠", "新型冠状病毒"],
        ["危化品", "危险化学品"],
      ],
      errors: [],
    });
    expect(parseSynonymText("新冠\n甲=乙").errors).toEqual(["第 1 行至少需要两个不同的词语"]);
  });

  it("ships a starter list, so a new site finds an abbreviation's articles by the full name and back", async () => {
    await createArticle(db, {
      slug: "syn-starter",
      title: "区人民代表大会常务委员会召开会议",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("会议听取了区环境保护工作情况的报告。", "表彰了一批劳动模范。"),
    });
    const slugs = async (query: string) => (await searchArticles(db, query, 1)).hits.map((hit) => hit.slug);
    expect(await slugs("人大")).toEqual(["syn-starter"]);
    expect(await slugs("环保")).toEqual(["syn-starter"]);
    expect(await slugs("劳模")).toEqual(["syn-starter"]);
    expect(await slugs("新冠")).toEqual(["syn-1"]);
    const groups = await listSynonymGroups(db);
    expect(groups.slice(0, 3)).toEqual([
      ["新冠", "新型冠状病毒"],
      ["危化品", "危险化学品"],
      ["化工区", "化学工业区"],
    ]);
    // The administrator's to change: without the group, 人大 is only a word of two characters again.
    const admin = await createUser(db, "ADMIN");
    await replaceSynonymGroups(
      db,
      admin,
      groups.filter((group) => !group.includes("人大")),
    );
    expect(await slugs("人大")).toEqual([]);
  });

  it("finds an article by a synonym once an administrator saves the group, and audits the change", async () => {
    const admin = await createUser(db, "ADMIN");
    await replaceSynonymGroups(db, admin, []);
    expect((await searchArticles(db, "新冠", 1)).hits).toHaveLength(0);
    // Typed without a space, 新冠防控 is two words: without the group only 防控 is found, marked partial.
    expect((await searchArticles(db, "新冠防控", 1)).partial).toBe(true);
    await replaceSynonymGroups(db, admin, [["新冠", "新型冠状病毒"]]);
    expect((await searchArticles(db, "新冠", 1)).hits.map((hit) => hit.slug)).toEqual(["syn-1"]);
    const both = await searchArticles(db, "新冠防控", 1);
    expect([both.hits.map((hit) => hit.slug), both.partial]).toEqual([["syn-1"], false]);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "search.synonyms.update" },
      orderBy: { id: "desc" },
    });
    expect(event.data).toEqual({ before: [], after: [["新冠", "新型冠状病毒"]] });
  });

  it("widens a term that holds a synonym inside it, as readers type them without a space (新冠疫苗)", async () => {
    await createArticle(db, {
      slug: "syn-2",
      title: "新型冠状病毒疫苗加强针接种有序推进",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("全区累计接种新型冠状病毒疫苗加强针12万剂次。"),
    });
    await createArticle(db, {
      slug: "syn-3",
      title: "严格危险化学品道路运输管理",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("部门联合开展危险化学品运输车辆专项检查。"),
    });
    const admin = await createUser(db, "ADMIN");
    await replaceSynonymGroups(db, admin, [
      ["新冠", "新型冠状病毒"],
      ["危化品", "危险化学品"],
    ]);
    const slugs = async (query: string) => (await searchArticles(db, query, 1)).hits.map((hit) => hit.slug);
    expect(await slugs("新冠疫苗")).toEqual(["syn-2"]);
    expect(await slugs("危化品运输")).toEqual(["syn-3"]);
    // And the other way round: the long form inside a term finds the short form's articles too.
    await createArticle(db, {
      slug: "syn-4",
      title: "新冠疫苗第三针开打",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("社区卫生服务中心开设接种点。"),
    });
    expect((await slugs("新型冠状病毒疫苗")).sort()).toEqual(["syn-2", "syn-4"]);
    // The highlighted snippet marks the words as written in the article.
    const [hit] = (await searchArticles(db, "新冠疫苗", 1)).hits.filter((item) => item.slug === "syn-2");
    expect(hit?.title.filter((part) => part.hit).map((part) => part.text)).toEqual(["新型冠状病毒疫苗"]);
  });
});
