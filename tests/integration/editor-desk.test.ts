/**
 * The editorial desk's rough edges (issue 16): 通过并发布 as one act, the schedule in the timeline,
 * autosaves coalesced into one working revision. Real PostgreSQL, the real commands.
 */
import { createArticle, saveArticle } from "@/lib/articles/commands";
import { publishableContentHash } from "@/lib/articles/publishable";
import { addComment } from "@/lib/workflow/comments";
import type { BodyDocument } from "@/lib/articles/body";
import { combinedTransition } from "@/lib/workflow/combined";
import { articleTimeline, availableEvents, reviewNotes } from "@/lib/workflow/queries";
import { transition } from "@/lib/workflow/transition";
import { createUser, testDb, type RoleGrant } from "../support/factories";

const db = testDb();
afterAll(() => db.$disconnect());

const makeUser = (roles: RoleGrant[]) => createUser(db, roles);
type Actor = Awaited<ReturnType<typeof makeUser>>;

const body = (text: string): BodyDocument => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});
let sequence = 0;

function fields(columnId: string, title = "全区宣传思想文化工作会议召开") {
  return {
    title,
    seriesMark: "",
    columnId,
    source: "区委宣传部",
    byline: "",
    summary: "",
    lead: "",
    coverId: null,
    profileId: null,
  };
}

async function lockVersion(articleId: string) {
  return (await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { lockVersion: true } })).lockVersion;
}

let editor: Actor;
let reviewer1: Actor;
let reviewer2: Actor;
let reviewer3: Actor;
let column: { id: string };

beforeAll(async () => {
  sequence += 1;
  column = await db.column.create({
    data: { slug: `desk-${sequence}-${Date.now().toString(36)}`, name: "要闻", reviewLevels: 3 },
  });
  editor = await makeUser([{ role: "EDITOR" }]);
  reviewer1 = await makeUser([{ role: "REVIEWER", level: 1 }]);
  reviewer2 = await makeUser([{ role: "REVIEWER", level: 2 }]);
  reviewer3 = await makeUser([{ role: "REVIEWER", level: 3 }]);
});

/** A draft submitted and approved at levels 1 and 2: waiting for the 终审. */
async function atFinalLevel(): Promise<string> {
  const { articleId } = await createArticle(db, editor, { ...fields(column.id), body: body("会议总结了今年的工作。") });
  await transition(db, editor, { articleId, event: "submit", lockVersion: await lockVersion(articleId) });
  await transition(db, reviewer1, { articleId, event: "approve", lockVersion: await lockVersion(articleId) });
  await transition(db, reviewer2, { articleId, event: "approve", lockVersion: await lockVersion(articleId) });
  return articleId;
}

async function auditActions(articleId: string) {
  const events = await db.auditEvent.findMany({
    where: { target: `article:${articleId}` },
    orderBy: { id: "asc" },
    select: { action: true, actorId: true },
  });
  return events.map((event) => event.action);
}

describe("通过并发布 (approve and publish as one act)", () => {
  it("is offered to the 终审 at the last level only, not to lower levels", async () => {
    const articleId = await atFinalLevel();
    expect((await availableEvents(db, reviewer3, articleId)).combined).toEqual([
      "approveAndPublish",
      "approveAndSchedule",
    ]);
    const { articleId: atFirst } = await createArticle(db, editor, { ...fields(column.id), body: body("初审中。") });
    await transition(db, editor, { articleId: atFirst, event: "submit", lockVersion: await lockVersion(atFirst) });
    const first = await availableEvents(db, reviewer1, atFirst);
    expect(first.events).toContain("approve");
    expect(first.combined).toEqual([]);
  });

  it("approves and publishes in one call, writing the two audit events in order", async () => {
    const articleId = await atFinalLevel();
    const results = await combinedTransition(db, reviewer3, {
      articleId,
      combined: "approveAndPublish",
      lockVersion: await lockVersion(articleId),
      comment: "同意发布",
    });
    expect(results.map((result) => result.status)).toEqual(["APPROVED", "PUBLISHED"]);
    const article = await db.article.findUniqueOrThrow({
      where: { id: articleId },
      select: { status: true, publishedRevisionId: true, currentRevisionId: true },
    });
    expect(article).toEqual({
      status: "PUBLISHED",
      publishedRevisionId: article.currentRevisionId,
      currentRevisionId: article.currentRevisionId,
    });
    expect((await auditActions(articleId)).slice(-2)).toEqual(["article.approve", "article.publish"]);
    const review = await db.review.findFirstOrThrow({
      where: { articleId, level: 3 },
      select: { comment: true, decision: true },
    });
    expect(review).toEqual({ comment: "同意发布", decision: "APPROVE" });
  });

  it("approves and schedules, and leaves nothing behind when the time is in the past", async () => {
    const articleId = await atFinalLevel();
    const before = await auditActions(articleId);
    await expect(
      combinedTransition(db, reviewer3, {
        articleId,
        combined: "approveAndSchedule",
        lockVersion: await lockVersion(articleId),
        publishAt: new Date(Date.now() - 60_000),
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", field: "publishAt", message: "定时发布的时间须晚于当前时间" });
    // The approval rolled back with the refused schedule: still waiting for the 终审.
    expect(
      await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { status: true, reviewLevel: true } }),
    ).toEqual({ status: "IN_REVIEW", reviewLevel: 3 });
    expect(await db.review.count({ where: { articleId, level: 3 } })).toBe(0);
    expect(await auditActions(articleId)).toEqual(before);

    const at = new Date(Date.now() + 3_600_000);
    await combinedTransition(db, reviewer3, {
      articleId,
      combined: "approveAndSchedule",
      lockVersion: await lockVersion(articleId),
      publishAt: at,
    });
    expect(
      await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { status: true, publishAt: true } }),
    ).toEqual({ status: "SCHEDULED", publishAt: at });
    expect((await auditActions(articleId)).slice(-2)).toEqual(["article.approve", "article.schedule"]);
  });

  it("refuses below the last level without approving anything", async () => {
    const { articleId } = await createArticle(db, editor, { ...fields(column.id), body: body("初审中。") });
    await transition(db, editor, { articleId, event: "submit", lockVersion: await lockVersion(articleId) });
    const reviewer13 = await makeUser([
      { role: "REVIEWER", level: 1 },
      { role: "REVIEWER", level: 3 },
    ]);
    await expect(
      combinedTransition(db, reviewer13, {
        articleId,
        combined: "approveAndPublish",
        lockVersion: await lockVersion(articleId),
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.review.count({ where: { articleId } })).toBe(0);
    expect(
      await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { status: true, reviewLevel: true } }),
    ).toEqual({ status: "IN_REVIEW", reviewLevel: 1 });
  });

  it("refuses a stale lock version", async () => {
    const articleId = await atFinalLevel();
    await expect(
      combinedTransition(db, reviewer3, {
        articleId,
        combined: "approveAndPublish",
        lockVersion: (await lockVersion(articleId)) - 1,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("the timeline", () => {
  it("gives the 定时发布 time as a time (shown in the site's zone), not as the stored UTC string", async () => {
    const articleId = await atFinalLevel();
    await transition(db, reviewer3, { articleId, event: "approve", lockVersion: await lockVersion(articleId) });
    const at = new Date("2026-12-01T06:43:00.000Z");
    const now = Date.now();
    const publishAt = at.getTime() > now ? at : new Date(now + 86_400_000);
    await transition(db, reviewer3, {
      articleId,
      event: "schedule",
      publishAt,
      lockVersion: await lockVersion(articleId),
    });
    const entry = (await articleTimeline(db, articleId)).find((item) => item.kind === "schedule");
    expect(entry?.scheduledFor).toEqual(publishAt);
    expect(entry?.detail).toBe("");
  });
});

describe("autosave coalescing", () => {
  async function draftWithAutosaves(texts: string[]) {
    const created = await createArticle(db, editor, { ...fields(column.id), body: body("第一稿。") });
    const { articleId } = created;
    const results = [];
    for (const text of texts)
      results.push(
        await saveArticle(db, editor, {
          ...fields(column.id),
          articleId,
          lockVersion: await lockVersion(articleId),
          body: body(text),
          autosave: true,
        }),
      );
    return { articleId, created, results };
  }

  const revisions = (articleId: string) =>
    db.revision.findMany({
      where: { articleId },
      orderBy: { number: "asc" },
      select: { id: true, number: true, body: true, title: true, meta: true, contentHash: true, autosave: true },
    });

  it("writes one working revision for a sitting of autosaves, holding the latest text with its hash", async () => {
    const { articleId, results } = await draftWithAutosaves([
      "第二稿，写了一半",
      "第二稿，写了大半",
      "第二稿，写完了。",
    ]);
    const stored = await revisions(articleId);
    expect(stored.map((revision) => [revision.number, revision.autosave])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(stored[1].body).toEqual(body("第二稿，写完了。"));
    // The hash rules hold for what is stored: an approval can still be bound to it.
    expect(stored[1].contentHash).toBe(publishableContentHash(stored[1].meta as never, stored[1]));
    expect(results.map((result) => result.coalesced)).toEqual([false, true, true]);
    const article = await db.article.findUniqueOrThrow({
      where: { id: articleId },
      select: { currentRevisionId: true },
    });
    expect(article.currentRevisionId).toBe(stored[1].id);

    // The audit trail still has every save, and says which ones went into the working revision.
    const events = await db.auditEvent.findMany({
      where: { target: `article:${articleId}`, action: "article.autosave" },
      orderBy: { id: "asc" },
      select: { data: true },
    });
    expect(events.map((event) => (event.data as Record<string, unknown>).coalesced ?? false)).toEqual([
      false,
      true,
      true,
    ]);
  });

  it("ends the working revision at a manual save: the next autosave starts a new one", async () => {
    const { articleId } = await draftWithAutosaves(["第二稿，写了一半"]);
    const manual = await saveArticle(db, editor, {
      ...fields(column.id),
      articleId,
      lockVersion: await lockVersion(articleId),
      body: body("第二稿，定稿。"),
    });
    expect(manual).toMatchObject({ revisionNumber: 2, coalesced: true });
    await saveArticle(db, editor, {
      ...fields(column.id),
      articleId,
      lockVersion: await lockVersion(articleId),
      body: body("第三稿开头"),
      autosave: true,
    });
    const stored = await revisions(articleId);
    expect(stored.map((revision) => [revision.number, revision.autosave])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(stored[1].body).toEqual(body("第二稿，定稿。"));
  });

  it("keeps an unchanged working revision as a version when saved by hand", async () => {
    const { articleId } = await draftWithAutosaves(["第二稿"]);
    await saveArticle(db, editor, {
      ...fields(column.id),
      articleId,
      lockVersion: await lockVersion(articleId),
      body: body("第二稿"),
    });
    await saveArticle(db, editor, {
      ...fields(column.id),
      articleId,
      lockVersion: await lockVersion(articleId),
      body: body("第三稿"),
      autosave: true,
    });
    expect((await revisions(articleId)).map((revision) => revision.number)).toEqual([1, 2, 3]);
  });

  it("never rewrites a revision that was submitted, even after the submission was recalled", async () => {
    const { articleId } = await draftWithAutosaves(["送审稿"]);
    await transition(db, editor, { articleId, event: "submit", lockVersion: await lockVersion(articleId) });
    await transition(db, editor, { articleId, event: "recall", lockVersion: await lockVersion(articleId) });
    const before = (await revisions(articleId))[1];
    await saveArticle(db, editor, {
      ...fields(column.id),
      articleId,
      lockVersion: await lockVersion(articleId),
      body: body("撤回后修改"),
      autosave: true,
    });
    const stored = await revisions(articleId);
    expect(stored).toHaveLength(3);
    expect(stored[1]).toEqual(before);
  });

  it("never rewrites a revision a reviewer commented on", async () => {
    const { articleId } = await draftWithAutosaves(["草稿"]);
    const commenter = await makeUser([{ role: "REVIEWER", level: 3 }]);
    await addComment(db, commenter, { articleId, body: "这一段要改", quote: "草稿" });
    const before = (await revisions(articleId))[1];
    await saveArticle(db, editor, {
      ...fields(column.id),
      articleId,
      lockVersion: await lockVersion(articleId),
      body: body("按批注修改"),
      autosave: true,
    });
    const stored = await revisions(articleId);
    expect(stored).toHaveLength(3);
    expect(stored[1]).toEqual(before);
  });

  it("starts a new revision when the working one is 10 minutes old", async () => {
    const { articleId } = await draftWithAutosaves(["上午写的"]);
    const working = (await revisions(articleId))[1];
    await db.revision.update({
      where: { id: working.id },
      data: { createdAt: new Date(Date.now() - 10 * 60_000 - 1_000) },
    });
    await saveArticle(db, editor, {
      ...fields(column.id),
      articleId,
      lockVersion: await lockVersion(articleId),
      body: body("十分钟后"),
      autosave: true,
    });
    const stored = await revisions(articleId);
    expect(stored.map((revision) => revision.number)).toEqual([1, 2, 3]);
    expect(stored[1].body).toEqual(body("上午写的"));
  });

  it("never rewrites the published revision: an edit of a live article is a new revision", async () => {
    const articleId = await atFinalLevel();
    await combinedTransition(db, reviewer3, {
      articleId,
      combined: "approveAndPublish",
      lockVersion: await lockVersion(articleId),
    });
    const published = await db.revision.findFirstOrThrow({ where: { articleId }, orderBy: { number: "desc" } });
    for (const text of ["改一处", "改两处"]) {
      await saveArticle(db, editor, {
        ...fields(column.id),
        articleId,
        lockVersion: await lockVersion(articleId),
        body: body(text),
        autosave: true,
      });
    }
    const after = await db.revision.findUniqueOrThrow({ where: { id: published.id } });
    expect(after).toEqual(published);
    expect(await db.revision.count({ where: { articleId } })).toBe(published.number + 1);
  });
});

describe("review notes at the top of the editor", () => {
  it("gives the author the latest 退回意见 and that round's 批注 with their quotes, until the next submission", async () => {
    const { articleId } = await createArticle(db, editor, {
      ...fields(column.id),
      body: body("会议总结了今年的工作。"),
    });
    expect(await reviewNotes(db, articleId)).toEqual({ returned: null, comments: [] });
    await transition(db, editor, { articleId, event: "submit", lockVersion: await lockVersion(articleId) });
    await addComment(db, reviewer1, { articleId, body: "表述过于笼统", quote: "总结了今年的工作" });
    // While the round is in review, the notes are the reviewers' business.
    expect(await reviewNotes(db, articleId)).toEqual({ returned: null, comments: [] });
    await transition(db, reviewer1, {
      articleId,
      event: "return",
      comment: "请补充「今年的工作」的具体内容",
      lockVersion: await lockVersion(articleId),
    });
    const notes = await reviewNotes(db, articleId);
    expect(notes.returned).toMatchObject({
      comment: "请补充「今年的工作」的具体内容",
      level: 1,
      reviewer: reviewer1.displayName,
      revisionNumber: 1,
    });
    expect(notes.comments).toEqual([
      expect.objectContaining({ body: "表述过于笼统", quote: "总结了今年的工作", author: reviewer1.displayName }),
    ]);

    await saveArticle(db, editor, {
      ...fields(column.id),
      articleId,
      lockVersion: await lockVersion(articleId),
      body: body("会议总结了今年的三项重点工作。"),
    });
    expect((await reviewNotes(db, articleId)).returned).not.toBeNull();
    await transition(db, editor, { articleId, event: "submit", lockVersion: await lockVersion(articleId) });
    expect(await reviewNotes(db, articleId)).toEqual({ returned: null, comments: [] });
  });
});
