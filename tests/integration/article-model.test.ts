import { GET as articleRoute } from "@/app/articles/[file]/route";
import { GET as articleJsonRoute } from "@/app/api/v1/articles/[slug]/route";
import {
  createArticle,
  createProfile,
  DuplicateProfileError,
  restoreRevision,
  savedVersion,
  saveArticle,
  setDisplayDate,
} from "@/lib/articles/commands";
import { articlesText } from "@/lib/articles/messages";
import { readRevisionMeta } from "@/lib/articles/revision-meta";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { articleJson, articlesJson } from "@/lib/public/render/api";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { clearCachedPages } from "@/lib/public/cache/cache-store";
import { renderSiteFeed } from "@/lib/public/render/feeds";
import { renderArticle, renderColumn, renderSearch } from "@/lib/public/render/pages";
import { DEFAULT_PREFS } from "@/lib/public/render/prefs";
import { transition } from "@/lib/workflow/transition";
import { articleInput, createUser, testDb, type RoleGrant } from "../support/factories";

/**
 * The article model of issue #16: 引题/副题, 责任编辑, 发布日期 set by the column's 终审 (lists order by
 * it), readable addresses with a 301 after a live change, and the duplicate-profile prompt. That an
 * unreviewed change to any of these fields shows nowhere public is walked field by field in
 * public-field-walk.test.ts; here each feature's own rules.
 */

const db: PrismaClient = testDb();
const BASE = "http://cms.test:3000";
const v = articlesText.validation;

afterAll(async () => {
  await stopCacheBus();
  await db.$disconnect();
});

const makeUser = (roles: RoleGrant[], displayName?: string) =>
  createUser(db, roles, displayName ? { displayName } : {});
type Actor = Awaited<ReturnType<typeof makeUser>>;

let editor: Actor;
let reviewer1: Actor;
let reviewer2: Actor;
let reviewer3: Actor;
/** 终审 of another column only. */
let otherFinal: Actor;
let column: { id: string; slug: string };

function fields(title: string, extra: Partial<Parameters<typeof createArticle>[2]> = {}) {
  return articleInput(column.id, title, extra);
}

async function lockVersion(articleId: string) {
  return (await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { lockVersion: true } })).lockVersion;
}

async function act(user: Actor, articleId: string, event: "submit" | "approve" | "publish") {
  return transition(db, user, { articleId, event, lockVersion: await lockVersion(articleId) });
}

async function publishThrough(articleId: string) {
  await act(editor, articleId, "submit");
  await act(reviewer1, articleId, "approve");
  await act(reviewer2, articleId, "approve");
  await act(reviewer3, articleId, "approve");
  await act(reviewer3, articleId, "publish");
  clearCachedPages();
}

async function live(title: string, extra: Partial<Parameters<typeof createArticle>[2]> = {}) {
  const { articleId } = await createArticle(db, editor, fields(title, extra));
  await publishThrough(articleId);
  return articleId;
}

async function save(articleId: string, change: Record<string, unknown>, actor: Actor = editor) {
  const current = await savedVersion(db, articleId);
  return saveArticle(db, actor, { ...current, ...change, articleId, lockVersion: current.lockVersion });
}

const slugOf = async (articleId: string) =>
  (await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { slug: true } })).slug;
const page = (slug: string) =>
  articleRoute(new Request(`${BASE}/articles/${slug}.html`), { params: Promise.resolve({ file: `${slug}.html` }) });
const apiPage = (slug: string) =>
  articleJsonRoute(new Request(`${BASE}/api/v1/articles/${slug}`), { params: Promise.resolve({ slug }) });

beforeAll(async () => {
  column = await db.column.create({ data: { slug: "model-col", name: "工作动态", reviewLevels: 3 } });
  const elsewhere = await db.column.create({ data: { slug: "model-other", name: "其他栏目", reviewLevels: 3 } });
  editor = await makeUser([{ role: "EDITOR" }], "王编辑");
  reviewer1 = await makeUser([{ role: "REVIEWER", level: 1 }]);
  reviewer2 = await makeUser([{ role: "REVIEWER", level: 2 }]);
  reviewer3 = await makeUser([{ role: "REVIEWER", level: 3, columnId: column.id }], "李终审");
  otherFinal = await makeUser([{ role: "REVIEWER", level: 3, columnId: elsewhere.id }]);
});

describe("引题 / 副题 / 责任编辑", () => {
  it("shows the reviewed 引题, 副题 and 责任编辑 on the page, in lists, search, the feed and the API", async () => {
    const id = await live("化工区党建的“拓荒牛”", {
      overTitle: "喜迎新春特别报道",
      subtitle: "李炯",
      responsibleEditor: "张责编",
    });
    const slug = await slugOf(id);
    const html = (await renderArticle(db, slug, DEFAULT_PREFS)).body;
    expect(html).toContain('<p class="article-over-title">喜迎新春特别报道</p>');
    expect(html).toContain('<p class="article-subtitle">李炯</p>');
    expect(html).toMatch(/责任编辑：张责编/);
    expect((await renderColumn(db, column.slug, null, DEFAULT_PREFS)).body).toContain("——李炯");
    expect((await renderSiteFeed(db)).body).toContain("<title>化工区党建的“拓荒牛”——李炯</title>");
    const api = JSON.parse((await articleJson(db, slug)).body) as {
      data: { overTitle: string; subtitle: string; responsibleEditor: string };
    };
    expect(api.data).toMatchObject({ overTitle: "喜迎新春特别报道", subtitle: "李炯", responsibleEditor: "张责编" });
    const search = (await renderSearch(db, "李炯", 1, DEFAULT_PREFS)).body;
    expect(search).toContain("——李炯");
  });

  it("shows the publishing account's display name as 责任编辑 when none is typed", async () => {
    const id = await live("区委召开专题会议");
    expect((await renderArticle(db, await slugOf(id), DEFAULT_PREFS)).body).toMatch(/责任编辑：李终审/);
  });

  it("keeps an unreviewed 引题 / 副题 / 责任编辑 off the public page until it is published", async () => {
    const id = await live("社区志愿服务见闻", { subtitle: "旧副题" });
    const slug = await slugOf(id);
    await save(id, { overTitle: "未审引题", subtitle: "未审副题", responsibleEditor: "未审责编" });
    clearCachedPages();
    const html = await (await page(slug)).text();
    expect(html).toContain("旧副题");
    for (const word of ["未审引题", "未审副题", "未审责编"]) expect(html).not.toContain(word);
  });

  it("checks the new fields like every other public field", async () => {
    await db.sensitiveTerm.create({ data: { term: "禁用测试词", level: "BLOCK" } });
    const { articleId } = await createArticle(db, editor, fields("正常标题", { subtitle: "含禁用测试词的副题" }));
    await expect(act(editor, articleId, "submit")).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining("「禁用测试词」"),
    });
  });
});

describe("发布日期", () => {
  it("lets only the column's 终审 set it, recorded in the revision and the audit log", async () => {
    const id = await live("老网站迁来的稿件");
    const forbidden = expect.objectContaining({ code: "FORBIDDEN", message: v.displayDateForbidden });
    // The owner through the form, a 初审, and a 终审 of another column: all refused, nothing written.
    await expect(save(id, { displayDate: "2021-07-27" })).rejects.toEqual(forbidden);
    await expect(
      setDisplayDate(db, reviewer1, { articleId: id, lockVersion: await lockVersion(id), displayDate: "2021-07-27" }),
    ).rejects.toEqual(forbidden);
    await expect(
      setDisplayDate(db, otherFinal, { articleId: id, lockVersion: await lockVersion(id), displayDate: "2021-07-27" }),
    ).rejects.toEqual(forbidden);
    expect(await db.auditEvent.count({ where: { action: "article.display_date", target: `article:${id}` } })).toBe(0);

    const result = await setDisplayDate(db, reviewer3, {
      articleId: id,
      lockVersion: await lockVersion(id),
      displayDate: "2021-07-27",
    });
    const revision = await db.revision.findUniqueOrThrow({
      where: { id: result.revisionId },
      select: { meta: true, authorId: true },
    });
    // Midnight in the site's zone (Asia/Shanghai by default).
    expect(readRevisionMeta(revision.meta)?.displayDate).toBe("2021-07-26T16:00:00.000Z");
    expect(revision.authorId).toBe(reviewer3.id);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "article.display_date", target: `article:${id}` },
    });
    expect(event).toMatchObject({
      actorId: reviewer3.id,
      data: expect.objectContaining({ from: null, to: "2021-07-26T16:00:00.000Z" }),
    });

    // Not public until reviewed; then the page shows it.
    const slug = await slugOf(id);
    expect((await renderArticle(db, slug, DEFAULT_PREFS)).body).not.toContain("2021-07-27");
    // The editor saving other fields keeps the date (an unchanged date needs no right).
    await save(id, { lead: "导语" });
    expect((await savedVersion(db, id)).displayDate).toBe("2021-07-26T16:00:00.000Z");
    await publishThrough(id);
    expect((await renderArticle(db, slug, DEFAULT_PREFS)).body).toContain(">2021-07-27</time>");
  });

  it("keeps the 终审's date when the editor restores an older revision", async () => {
    const { articleId, revisionId } = await createArticle(db, editor, fields("恢复旧版本"));
    await setDisplayDate(db, reviewer3, {
      articleId,
      lockVersion: await lockVersion(articleId),
      displayDate: "2019-05-04",
    });
    await restoreRevision(db, editor, { articleId, revisionId, lockVersion: await lockVersion(articleId) });
    expect((await savedVersion(db, articleId)).displayDate).toBe("2019-05-03T16:00:00.000Z");
  });

  it("refuses a malformed or future date in Chinese", async () => {
    const id = (await createArticle(db, editor, fields("日期校验"))).articleId;
    await expect(
      setDisplayDate(db, reviewer3, { articleId: id, lockVersion: await lockVersion(id), displayDate: "2021-02-30" }),
    ).rejects.toMatchObject({ message: v.displayDateInvalid });
    await expect(
      setDisplayDate(db, reviewer3, { articleId: id, lockVersion: await lockVersion(id), displayDate: "2999-01-01" }),
    ).rejects.toMatchObject({ message: v.displayDateFuture });
  });

  it("orders public lists, the feed and the API by the date readers see", async () => {
    const older = await live("排序测试之一");
    const newer = await live("排序测试之二");
    await setDisplayDate(db, reviewer3, {
      articleId: newer,
      lockVersion: await lockVersion(newer),
      displayDate: "2020-01-15",
    });
    await publishThrough(newer);
    const titles = (await articlesJson(db, { column: column.slug, limit: "100" })).body;
    const list = (JSON.parse(titles) as { data: { title: string; publishedAt: string }[] }).data.map(
      (item) => item.title,
    );
    expect(list.indexOf("排序测试之一")).toBeLessThan(list.indexOf("排序测试之二"));
    // Backdated to 2020, it is now the oldest of the column.
    expect(list[list.length - 1]).toBe("排序测试之二");
    const feed = (await renderSiteFeed(db)).body;
    expect(feed.indexOf("排序测试之一")).toBeLessThan(feed.indexOf("排序测试之二"));
    const columnPage = (await renderColumn(db, column.slug, null, DEFAULT_PREFS)).body;
    expect(columnPage).toContain(">2020-01-15</time>");
    expect(older).not.toBe(newer);
  });
});

describe("readable, stable addresses", () => {
  it("offers a pinyin slug from the title, unique", async () => {
    const first = await createArticle(db, editor, fields("乡村振兴看变化"));
    const second = await createArticle(db, editor, fields("乡村振兴看变化"));
    expect(await slugOf(first.articleId)).toBe("xiang-cun-zhen-xing-kan-bian-hua");
    expect(await slugOf(second.articleId)).toBe("xiang-cun-zhen-xing-kan-bian-hua-2");
  });

  it("lets staff edit it before the first publication, without a redirect", async () => {
    const { articleId } = await createArticle(db, editor, fields("草稿网址"));
    await save(articleId, { slug: "caogao-wangzhi" });
    expect(await slugOf(articleId)).toBe("caogao-wangzhi");
    expect(await db.articleSlugRedirect.count({ where: { articleId } })).toBe(0);
  });

  it("refuses a malformed, taken or redirecting slug with a Chinese message, and keeps the form's text", async () => {
    const a = await createArticle(db, editor, fields("网址校验一"));
    const b = await createArticle(db, editor, fields("网址校验二"));
    const taken = await slugOf(a.articleId);
    await expect(save(b.articleId, { slug: "Bad Slug!" })).rejects.toMatchObject({
      code: "VALIDATION",
      message: v.slugInvalid,
      field: "slug",
    });
    await expect(save(b.articleId, { slug: "-ab" })).rejects.toMatchObject({ message: v.slugInvalid });
    await expect(save(b.articleId, { slug: taken })).rejects.toMatchObject({
      code: "CONFLICT",
      message: v.slugTaken,
      field: "slug",
    });
    await expect(createArticle(db, editor, { ...fields("网址校验三"), slug: taken })).rejects.toMatchObject({
      message: v.slugTaken,
    });
    // Nothing of the refused saves was written.
    expect(await db.article.count({ where: { slug: "bad slug!" } })).toBe(0);
    expect((await savedVersion(db, b.articleId)).title).toBe("网址校验二");
  });

  it("after publication: only the column's 终审 changes it, and the old address answers 301", async () => {
    const id = await live("网址变更测试");
    const old = await slugOf(id);
    await expect(save(id, { slug: "wangzhi-biangeng" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: v.slugLiveForbidden,
    });

    // The 终审 here is not the owner: they change it through a user who is both (the rule is the column's 终审).
    const both = await makeUser([{ role: "EDITOR" }, { role: "REVIEWER", level: 3, columnId: column.id }]);
    await db.article.update({ where: { id }, data: { createdById: both.id } });
    await save(id, { slug: "wangzhi-biangeng" }, both);
    clearCachedPages();
    const moved = await page(old);
    expect(moved.status).toBe(301);
    expect(moved.headers.get("location")).toBe("/articles/wangzhi-biangeng.html");
    expect((await page("wangzhi-biangeng")).status).toBe(200);
    const movedApi = await apiPage(old);
    expect(movedApi.status).toBe(301);
    expect(movedApi.headers.get("location")).toBe("/api/v1/articles/wangzhi-biangeng");
    expect(await db.auditEvent.count({ where: { action: "article.slug", target: `article:${id}` } })).toBe(1);

    // Nobody else may take the old address; the article itself may take it back.
    const other = await createArticle(db, editor, fields("抢旧网址"));
    await expect(save(other.articleId, { slug: old })).rejects.toMatchObject({
      code: "CONFLICT",
      message: v.slugRedirecting("网址变更测试"),
    });
    await save(id, { slug: old }, both);
    expect(await db.articleSlugRedirect.findUnique({ where: { slug: old } })).toBeNull();
    expect(await db.articleSlugRedirect.findUnique({ where: { slug: "wangzhi-biangeng" } })).toMatchObject({
      articleId: id,
    });
    clearCachedPages();
    expect((await page("wangzhi-biangeng")).headers.get("location")).toBe(`/articles/${old}.html`);
  });
});

describe("the address of an article whose move to another column waits for review", () => {
  it("is the live column's 终审's to change, not the new column's, because the change is immediate", async () => {
    const id = await live("待审移栏的网址");
    const elsewhere = await db.column.findUniqueOrThrow({ where: { slug: "model-other" } });
    const newColumnFinal = await makeUser([{ role: "EDITOR" }, { role: "REVIEWER", level: 3, columnId: elsewhere.id }]);
    await db.article.update({ where: { id }, data: { createdById: newColumnFinal.id } });
    // A draft moves it; the published revision (and what readers see) is still in the old column.
    await save(id, { columnId: elsewhere.id }, newColumnFinal);
    await expect(save(id, { slug: "yilan-wangzhi" }, newColumnFinal)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: v.slugLiveForbidden,
    });
    expect(await slugOf(id)).not.toBe("yilan-wangzhi");

    const liveColumnFinal = await makeUser([{ role: "EDITOR" }, { role: "REVIEWER", level: 3, columnId: column.id }]);
    await db.article.update({ where: { id }, data: { createdById: liveColumnFinal.id } });
    await save(id, { slug: "yilan-wangzhi" }, liveColumnFinal);
    expect(await slugOf(id)).toBe("yilan-wangzhi");
  });
});

describe("duplicate profiles", () => {
  const person = (name: string, honour = "") => ({
    kind: "PERSON" as const,
    name,
    honour,
    position: "",
    organisation: "",
    portraitId: null,
  });

  it("asks before creating a 人物 whose name and honour are on file, and creates it when confirmed", async () => {
    const first = await createProfile(db, editor, person("李炯", "优秀党务工作者"));
    const refused = await createProfile(db, editor, person(" 李炯 ", "优秀党务工作者")).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(DuplicateProfileError);
    expect((refused as DuplicateProfileError).candidates.map((candidate) => candidate.id)).toEqual([first.id]);
    expect((refused as DuplicateProfileError).message).toBe(articlesText.errors.profileDuplicate("李炯"));
    // No honour on one side says nothing either way: still asked.
    await expect(createProfile(db, editor, person("李炯"))).rejects.toBeInstanceOf(DuplicateProfileError);
    expect(await db.profile.count({ where: { name: "李炯" } })).toBe(1);

    const again = await createProfile(db, editor, { ...person("李炯", "优秀党务工作者"), confirmDuplicate: true });
    expect(again.id).not.toBe(first.id);
    expect(await db.profile.count({ where: { name: "李炯" } })).toBe(2);
  });

  it("does not ask for a namesake with another honour", async () => {
    await createProfile(db, editor, person("王芳", "劳动模范"));
    await expect(createProfile(db, editor, person("王芳", "三八红旗手"))).resolves.toMatchObject({ name: "王芳" });
  });
});
