/**
 * Issue 14, last item: 已发布稿件复查. A change of the term list (or the leader list) queues a sweep in
 * its transaction; the sweep checks the PUBLISHED revision of every live article (every public field
 * as recorded) and lists term / leader hits for the 终审 of the article's column, who are notified.
 * Drafts are not swept; a 终审 of another column sees nothing; removing the term clears the listing
 * on the next sweep. Real database, real commands and server action (only the session is replaced).
 */
import { createHash } from "node:crypto";
import { asCurrentUser, createUser, testDb } from "../support/factories";
import { bodyWithCaption, createArticle, createBasics, paragraphs } from "../support/public-fixtures";
import { actAs } from "../support/server-action-session";

jest.mock("@/lib/auth/session", () => jest.requireActual("../support/server-action-session").sessionWithTestUser());
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

import { requestTermSweepAction } from "@/app/admin/(staff)/terms/sweep/actions";
import { buildRevisionMeta } from "@/lib/articles/revision-meta";
import { bodyPlainText, renderBody } from "@/lib/articles/render-body";
import type { BodyDocument } from "@/lib/articles/body";
import { runDueTermSweep, sweepListing, sweepScopeFor } from "@/lib/checks/sweep";
import { createTerm, deleteTerm, updateLeaders } from "@/lib/terms/commands";
import type { CurrentUser } from "@/lib/auth/session";

const db = testDb();
afterAll(() => db.$disconnect());

const TERM = "法轮功";

interface World {
  security: CurrentUser;
  finalA: CurrentUser;
  finalB: CurrentUser;
  columnA: string;
  columnB: string;
  ids: Record<string, string>;
}

/** A second, unpublished revision on a live article: the newest draft, not what the public reads. */
async function addDraftRevision(articleId: string, title: string, body: BodyDocument, source: string): Promise<void> {
  const article = await db.article.findUniqueOrThrow({
    where: { id: articleId },
    select: { columnId: true, createdById: true },
  });
  const revision = await db.revision.create({
    data: {
      articleId,
      number: 2,
      title,
      body: body as object,
      html: renderBody(body, { media: () => undefined }),
      plainText: bodyPlainText(body),
      contentHash: createHash("sha256")
        .update(JSON.stringify([title, body, 2]))
        .digest("hex"),
      meta: buildRevisionMeta(
        {
          columnId: article.columnId,
          seriesMark: "",
          lead: "",
          summary: "",
          source,
          byline: "",
          coverId: null,
          profileId: null,
        },
        { cover: null, profile: null, credits: new Map() },
        body,
      ),
      authorId: article.createdById,
    },
  });
  await db.article.update({ where: { id: articleId }, data: { currentRevisionId: revision.id } });
}

let world: World;

beforeAll(async () => {
  await createBasics(db);
  const [columnA, columnB] = await Promise.all([
    db.column.findUniqueOrThrow({ where: { slug: "xianfeng" } }),
    db.column.findUniqueOrThrow({ where: { slug: "gongzuo-dongtai" } }),
  ]);
  const security = await createUser(db, "SECURITY_ADMIN");
  const finalA = await createUser(db, [{ role: "REVIEWER", level: 3, columnId: columnA.id }]);
  const finalB = await createUser(db, [{ role: "REVIEWER", level: 3, columnId: columnB.id }]);
  const ids: Record<string, string> = {};
  // Column A: the term in the body (disguised), in 来源, in a figure caption; one clean article.
  ids.body = await createArticle(db, {
    slug: "sw-body",
    title: "社区活动",
    columnSlug: "xianfeng",
    body: paragraphs("有人散发法 轮\u200b功传单，社区及时处置。"),
  });
  ids.source = await createArticle(db, {
    slug: "sw-source",
    title: "工作简报",
    columnSlug: "xianfeng",
    body: paragraphs("本周工作安排。"),
    source: "法輪功研究会",
  });
  ids.caption = await createArticle(db, {
    slug: "sw-caption",
    title: "图片新闻",
    columnSlug: "xianfeng",
    body: bodyWithCaption("会议召开。", "现场查获法*轮功宣传品"),
  });
  ids.clean = await createArticle(db, {
    slug: "sw-clean",
    title: "干净稿件",
    columnSlug: "xianfeng",
    body: paragraphs("乡村振兴工作稳步推进。"),
  });
  // Only in unpublished text: a draft never published, a live article's newer draft, a withdrawn article.
  ids.draft = await createArticle(db, {
    slug: "sw-draft",
    title: "未发布草稿",
    columnSlug: "xianfeng",
    body: paragraphs("法轮功相关内容"),
    state: "draft",
  });
  ids.newerDraft = await createArticle(db, {
    slug: "sw-newer",
    title: "已发布稿件",
    columnSlug: "xianfeng",
    body: paragraphs("已发布的内容没有问题。"),
  });
  await addDraftRevision(ids.newerDraft, "已发布稿件（修改中）", paragraphs("修改稿里写了法轮功。"), "测试来源");
  ids.withdrawn = await createArticle(db, {
    slug: "sw-withdrawn",
    title: "已撤稿件",
    columnSlug: "xianfeng",
    body: paragraphs("法轮功"),
    state: "withdrawn",
  });
  // Column B: a hit of its own.
  ids.otherColumn = await createArticle(db, {
    slug: "sw-b",
    title: "另一栏目稿件",
    columnSlug: "gongzuo-dongtai",
    body: paragraphs("警惕法轮功渗透。"),
  });
  world = {
    security: asCurrentUser(security, "SECURITY_ADMIN"),
    finalA: { ...asCurrentUser(finalA, "REVIEWER"), roles: finalA.roles },
    finalB: { ...asCurrentUser(finalB, "REVIEWER"), roles: finalB.roles },
    columnA: columnA.id,
    columnB: columnB.id,
    ids,
  };
});

async function listed(user: CurrentUser) {
  return sweepListing(db, await sweepScopeFor(db, user));
}

describe("已发布稿件复查 after a term list change", () => {
  let termId: string;

  it("queues the sweep in the change's transaction and lists a new BLOCK term in live body, 来源 and caption only", async () => {
    const { id } = await createTerm(db, world.security, {
      term: TERM,
      level: "BLOCK",
      suggestion: "",
      category: "政治",
      exceptions: [],
    });
    termId = id;
    // Queued, not run during the request: nothing listed yet.
    expect(await db.job.count({ where: { kind: "TERM_SWEEP", status: "PENDING" } })).toBe(1);
    expect((await listed(world.security)).hits).toEqual([]);

    const outcome = await runDueTermSweep(db);
    expect(outcome).toMatchObject({ status: "DONE", checked: 6 });
    expect(await db.job.count({ where: { kind: "TERM_SWEEP", status: "PENDING" } })).toBe(0);

    const a = await listed(world.finalA);
    const found = a.hits.map((hit) => [hit.articleId, hit.field, hit.term, hit.level]);
    expect(found).toEqual(
      expect.arrayContaining([
        [world.ids.body, "body", "法 轮\u200b功", "BLOCK"],
        [world.ids.source, "source", "法輪功", "BLOCK"],
        [world.ids.caption, "body", "法*轮功", "BLOCK"],
      ]),
    );
    const articles = new Set(a.hits.map((hit) => hit.articleId));
    expect(articles).toEqual(new Set([world.ids.body, world.ids.source, world.ids.caption]));
    // Not the draft, not the live article whose hit is only in its newer draft, not the withdrawn one.
    for (const id of [world.ids.draft, world.ids.newerDraft, world.ids.withdrawn, world.ids.clean])
      expect(articles.has(id)).toBe(false);
    expect(a.hits.every((hit) => hit.excerpt.length > 0 && hit.columnId === world.columnA)).toBe(true);
    expect(a.lastDone).toMatchObject({ progressDone: 6, articleCount: 4, hitCount: 4 });
  });

  it("shows a 终审 only the columns they publish in; the 安全管理员 sees all", async () => {
    const b = await listed(world.finalB);
    expect(b.hits.map((hit) => hit.articleId)).toEqual([world.ids.otherColumn]);
    // Asking for column A's rows by filter does not widen B's scope.
    expect((await sweepListing(db, await sweepScopeFor(db, world.finalB), { columnId: world.columnA })).hits).toEqual(
      [],
    );
    expect((await listed(world.security)).hits).toHaveLength(4);
    const editor = await createUser(db, "EDITOR");
    expect(await sweepScopeFor(db, asCurrentUser(editor, "EDITOR"))).toEqual([]);
    const admin = await createUser(db, "ADMIN");
    expect(await sweepScopeFor(db, asCurrentUser(admin, "ADMIN"))).toEqual([]);
  });

  it("notifies the 终审 of each column with new hits, once", async () => {
    const forA = await db.notification.findMany({ where: { userId: world.finalA.id, kind: "terms.sweep" } });
    expect(forA).toHaveLength(1);
    expect(forA[0].title).toContain("先锋");
    expect(forA[0].title).toContain("3 篇");
    expect(forA[0].link).toBe(`/admin/terms/sweep?column=${world.columnA}`);
    const forB = await db.notification.findMany({ where: { userId: world.finalB.id, kind: "terms.sweep" } });
    expect(forB.map((row) => row.title)).toEqual([expect.stringContaining("工作动态")]);
    // A sweep that finds nothing new tells nobody again.
    await updateLeaders(db, world.security, []);
    expect(await runDueTermSweep(db)).toMatchObject({ status: "DONE" });
    expect(await db.notification.count({ where: { kind: "terms.sweep" } })).toBe(2);
  });

  it("drops an article from the listing at once when it is withdrawn", async () => {
    await db.article.update({
      where: { id: world.ids.source },
      data: { status: "WITHDRAWN", withdrawnAt: new Date(), withdrawnReason: "测试" },
    });
    expect((await listed(world.finalA)).hits.map((hit) => hit.articleId)).not.toContain(world.ids.source);
    await db.article.update({
      where: { id: world.ids.source },
      data: { status: "PUBLISHED", withdrawnAt: null, withdrawnReason: null },
    });
  });

  it("lets only 终审 and the 安全管理员 ask for a sweep by hand, recorded in the audit log", async () => {
    const editor = await createUser(db, "EDITOR");
    actAs(asCurrentUser(editor, "EDITOR"));
    expect(await requestTermSweepAction()).toMatchObject({ status: "error" });
    expect(await db.job.count({ where: { kind: "TERM_SWEEP", status: "PENDING" } })).toBe(0);
    actAs(world.finalB);
    expect(await requestTermSweepAction()).toMatchObject({ status: "ok" });
    expect(await requestTermSweepAction()).toMatchObject({ status: "ok" });
    // Two requests, one queued sweep.
    expect(await db.job.count({ where: { kind: "TERM_SWEEP", status: "PENDING" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "term.sweep.request", actorId: world.finalB.id } })).toBe(2);
    expect(await runDueTermSweep(db)).toMatchObject({ status: "DONE" });
    expect(await db.auditEvent.count({ where: { action: "term.sweep.done" } })).toBeGreaterThanOrEqual(3);
  });

  it("clears the listing on the next sweep once the term is removed", async () => {
    await deleteTerm(db, world.security, termId);
    // Until the sweep has run, the last listing stays.
    expect((await listed(world.security)).hits.length).toBeGreaterThan(0);
    expect(await runDueTermSweep(db)).toMatchObject({ status: "DONE", hitCount: 0 });
    expect((await listed(world.security)).hits).toEqual([]);
    expect((await listed(world.finalA)).hits).toEqual([]);
    expect(await db.termSweepHit.count()).toBe(0);
  });

  it("lists a leader-title error after the leader list changes", async () => {
    await createArticle(db, {
      slug: "sw-leader",
      title: "调研",
      columnSlug: "xianfeng",
      body: paragraphs("会议由市长李强主持。"),
    });
    await updateLeaders(db, world.security, [{ name: "李强", titles: ["国务院总理", "总理"] }]);
    await runDueTermSweep(db);
    const hits = (await listed(world.finalA)).hits;
    expect(hits.map((hit) => [hit.rule, hit.level])).toEqual([["leaderTitle", "BLOCK"]]);
    await updateLeaders(db, world.security, []);
    await runDueTermSweep(db);
  });

  it("does not start a second run while one is going, and recovers a run whose process died", async () => {
    await db.$transaction((tx) => tx.job.create({ data: { kind: "TERM_SWEEP", runAt: new Date() } }));
    const stuck = await db.termSweepRun.create({ data: { status: "RUNNING" } });
    expect(await runDueTermSweep(db)).toBeNull();
    await db.termSweepRun.update({
      where: { id: stuck.id },
      data: { heartbeatAt: new Date(Date.now() - 60 * 60_000) },
    });
    expect(await runDueTermSweep(db)).toMatchObject({ status: "DONE" });
    expect(await db.termSweepRun.findUniqueOrThrow({ where: { id: stuck.id } })).toMatchObject({ status: "FAILED" });
  });
});
