import { createArticle, saveArticle } from "@/lib/articles/commands";
import type { BodyDocument } from "@/lib/articles/body";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { workflowText } from "@/lib/workflow/messages";
import { retryDelayMs, runDueJobs, runOneDueJob } from "@/lib/workflow/scheduler";
import { transition } from "@/lib/workflow/transition";
import { addComment } from "@/lib/workflow/comments";
import { articleTimeline, availableEvents, reviewQueue } from "@/lib/workflow/queries";
import { markNotificationsRead } from "@/lib/notifications/commands";
import { unreadNotificationCount } from "@/lib/notifications/queries";
import { createUser, ownerDb, testDb, type RoleGrant } from "../support/factories";

const db = testDb();
const secondDb = testDb();
afterAll(() => Promise.all([db.$disconnect(), secondDb.$disconnect()]));

let sequence = 0;
const makeUser = (roles: RoleGrant[]) => createUser(db, roles);
type Actor = Awaited<ReturnType<typeof makeUser>>;

async function makeColumn(reviewLevels = 3) {
  sequence += 1;
  return db.column.create({
    data: { slug: `wf-col-${sequence}-${Date.now().toString(36)}`, name: `栏目${sequence}`, reviewLevels },
  });
}

const body = (text: string): BodyDocument => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});

function fields(columnId: string, title: string, text: string) {
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
    body: body(text),
  };
}

async function draft(author: Actor, columnId: string, title = "全区宣传思想文化工作会议召开") {
  const saved = await createArticle(db, author, fields(columnId, title, "会议总结了今年的工作。"));
  return saved.articleId;
}

async function lockVersion(articleId: string) {
  const row = await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { lockVersion: true } });
  return row.lockVersion;
}

async function act(
  user: Actor,
  articleId: string,
  event: Parameters<typeof transition>[2]["event"],
  extra: { comment?: string; reason?: string; publishAt?: Date; withdrawAt?: Date } = {},
  client: PrismaClient = db,
) {
  return transition(client, user, { articleId, event, lockVersion: await lockVersion(articleId), ...extra });
}

function appError(code: string, message?: string | RegExp) {
  return expect.objectContaining({
    code,
    ...(message ? { message: typeof message === "string" ? message : expect.stringMatching(message) } : {}),
  });
}

let editor: Actor;
let reviewer1: Actor;
let reviewer1b: Actor;
let reviewer2: Actor;
let reviewer3: Actor;
let reviewer12: Actor;
let column: { id: string };
let otherColumn: { id: string };

beforeAll(async () => {
  column = await makeColumn();
  otherColumn = await makeColumn();
  editor = await makeUser([{ role: "EDITOR" }]);
  reviewer1 = await makeUser([{ role: "REVIEWER", level: 1 }]);
  reviewer1b = await makeUser([{ role: "REVIEWER", level: 1 }]);
  reviewer2 = await makeUser([{ role: "REVIEWER", level: 2 }]);
  reviewer3 = await makeUser([{ role: "REVIEWER", level: 3 }]);
  reviewer12 = await makeUser([
    { role: "REVIEWER", level: 1 },
    { role: "REVIEWER", level: 2 },
  ]);
});

/** Submits and approves at every level with the standard reviewers. */
async function approveAll(articleId: string) {
  await act(editor, articleId, "submit");
  await act(reviewer1, articleId, "approve");
  await act(reviewer2, articleId, "approve");
  return act(reviewer3, articleId, "approve");
}

describe("review workflow", () => {
  it("takes an article from draft through 初审, 复审, 终审 to the public site, each step audited", async () => {
    const id = await draft(editor, column.id);
    const submitted = await act(editor, id, "submit");
    expect(submitted).toMatchObject({ status: "IN_REVIEW", reviewLevel: 1 });
    expect(await db.notification.count({ where: { userId: reviewer1.id, kind: "review.assigned" } })).toBeGreaterThan(
      0,
    );
    expect(await db.notification.count({ where: { userId: editor.id, kind: "review.assigned" } })).toBe(0);

    expect(await act(reviewer1, id, "approve")).toMatchObject({ status: "IN_REVIEW", reviewLevel: 2 });
    expect(await act(reviewer2, id, "approve")).toMatchObject({ status: "IN_REVIEW", reviewLevel: 3 });
    expect(await act(reviewer3, id, "approve", { comment: "同意。" })).toMatchObject({
      status: "APPROVED",
      reviewLevel: null,
    });
    const published = await act(reviewer3, id, "publish");
    expect(published).toMatchObject({ status: "PUBLISHED", liveChanged: true });

    const article = await db.article.findUniqueOrThrow({ where: { id }, include: { currentRevision: true } });
    expect(article.publishedRevisionId).toBe(article.currentRevisionId);
    expect(article.publishedAt).not.toBeNull();
    expect(article.withdrawnAt).toBeNull();
    const reviews = await db.review.findMany({ where: { articleId: id }, orderBy: { level: "asc" } });
    expect(reviews.map((review) => [review.level, review.decision, review.contentHash])).toEqual(
      [1, 2, 3].map((level) => [level, "APPROVE", article.currentRevision?.contentHash]),
    );
    const audit = await db.auditEvent.findMany({
      where: { target: `article:${id}` },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(audit.map((event) => event.action)).toEqual([
      "article.create",
      "article.submit",
      "article.approve",
      "article.approve",
      "article.approve",
      "article.publish",
    ]);
    expect(await db.notification.count({ where: { userId: editor.id, kind: "article.published" } })).toBe(1);
  });

  it("refuses an approval by the author, even one who holds the level", async () => {
    const author = await makeUser([{ role: "EDITOR" }, { role: "REVIEWER", level: 1 }]);
    const id = await draft(author, column.id);
    await act(author, id, "submit");
    await expect(act(author, id, "approve")).rejects.toEqual(appError("FORBIDDEN", workflowText.errors.ownArticle));
  });

  it("refuses one person approving the same submission at two levels", async () => {
    const id = await draft(editor, column.id);
    await act(editor, id, "submit");
    await act(reviewer12, id, "approve");
    await expect(act(reviewer12, id, "approve")).rejects.toEqual(appError("FORBIDDEN", workflowText.errors.twoLevels));
    expect(await act(reviewer2, id, "approve")).toMatchObject({ reviewLevel: 3 });
  });

  it("keeps a column-scoped reviewer out of other columns", async () => {
    const scoped = await makeUser([{ role: "REVIEWER", level: 1, columnId: otherColumn.id }]);
    const id = await draft(editor, column.id);
    await act(editor, id, "submit");
    await expect(act(scoped, id, "approve")).rejects.toEqual(appError("FORBIDDEN"));
    const inside = await draft(editor, otherColumn.id);
    await act(editor, inside, "submit");
    expect(await act(scoped, inside, "approve")).toMatchObject({ reviewLevel: 2 });
  });

  it("follows the column's number of review levels", async () => {
    const oneLevel = await makeColumn(1);
    const id = await draft(editor, oneLevel.id);
    await act(editor, id, "submit");
    expect(await act(reviewer1, id, "approve")).toMatchObject({ status: "APPROVED" });
    // Publication stays the 终审's act.
    await expect(act(reviewer1, id, "publish")).rejects.toEqual(appError("FORBIDDEN"));
    expect(await act(reviewer3, id, "publish")).toMatchObject({ status: "PUBLISHED" });
  });

  it("needs a comment to return; a resubmission starts a new submission whose approvals start over", async () => {
    const id = await draft(editor, column.id);
    await act(editor, id, "submit");
    await act(reviewer1, id, "approve");
    await expect(act(reviewer2, id, "return", { comment: " " })).rejects.toEqual(appError("VALIDATION"));
    expect(await act(reviewer2, id, "return", { comment: "第二段数据请核实。" })).toMatchObject({ status: "DRAFT" });
    expect(await db.notification.count({ where: { userId: editor.id, kind: "review.returned" } })).toBeGreaterThan(0);

    await saveArticle(db, editor, {
      ...fields(column.id, "全区宣传思想文化工作会议召开", "会议总结了今年的工作，数据已核实。"),
      articleId: id,
      lockVersion: await lockVersion(id),
    });
    expect(await act(editor, id, "submit")).toMatchObject({ reviewLevel: 1 });
    const submissions = await db.submission.findMany({ where: { articleId: id }, orderBy: { number: "asc" } });
    expect(submissions.map((submission) => submission.number)).toEqual([1, 2]);
    expect(submissions[0].contentHash).not.toBe(submissions[1].contentHash);
    // reviewer2 decided on submission 1 at level 2; in submission 2 the chain restarts at 初审.
    await act(reviewer1, id, "approve");
    await act(reviewer2, id, "approve");
    await act(reviewer3, id, "approve");
    expect(await act(reviewer3, id, "publish")).toMatchObject({ status: "PUBLISHED" });
  });

  it("refuses a submission while a photo in the body or the cover has no alt text, and accepts it once described", async () => {
    const photo = (alt: string) =>
      db.media.create({
        data: {
          sha256: `${sequence++}`.padStart(64, "a"),
          originalName: "p.jpg",
          mimeType: "image/jpeg",
          width: 8,
          height: 8,
          bytes: 1,
          alt,
          storageKey: "k",
          uploaderId: editor.id,
        },
      });
    const figure = await photo("");
    const withFigure = {
      ...fields(column.id, "有图的稿件", "正文"),
      body: { type: "doc", content: [{ type: "figure", attrs: { mediaId: figure.id, alt: "" } }] } as BodyDocument,
    };
    const saved = await createArticle(db, editor, withFigure);
    // The step stays offered, so the refusal can say what is missing.
    expect((await availableEvents(db, editor, saved.articleId)).events).toContain("submit");
    await expect(act(editor, saved.articleId, "submit")).rejects.toEqual(
      appError("CONFLICT", workflowText.errors.photosWithoutAlt),
    );

    const described = {
      ...withFigure,
      body: {
        type: "doc",
        content: [{ type: "figure", attrs: { mediaId: figure.id, alt: "会议现场" } }],
      } as BodyDocument,
    };
    await saveArticle(db, editor, {
      ...described,
      articleId: saved.articleId,
      lockVersion: await lockVersion(saved.articleId),
    });
    const cover = await photo(" ");
    await saveArticle(db, editor, {
      ...described,
      coverId: cover.id,
      articleId: saved.articleId,
      lockVersion: await lockVersion(saved.articleId),
    });
    await expect(act(editor, saved.articleId, "submit")).rejects.toEqual(
      appError("CONFLICT", workflowText.errors.photosWithoutAlt),
    );

    await db.media.update({ where: { id: cover.id }, data: { alt: "封面照片" } });
    // The revision records the cover's alt text as it was saved (it is what would be published):
    // the library's new text counts once the article is saved again.
    await expect(act(editor, saved.articleId, "submit")).rejects.toEqual(
      appError("CONFLICT", workflowText.errors.photosWithoutAlt),
    );
    await saveArticle(db, editor, {
      ...described,
      coverId: cover.id,
      articleId: saved.articleId,
      lockVersion: await lockVersion(saved.articleId),
    });
    expect(await act(editor, saved.articleId, "submit")).toMatchObject({ status: "IN_REVIEW" });
  });

  it("lets the editor recall an undecided submission, not a decided one", async () => {
    const id = await draft(editor, column.id);
    await act(editor, id, "submit");
    expect(await act(editor, id, "recall")).toMatchObject({ status: "DRAFT" });
    await act(editor, id, "submit");
    await act(reviewer1, id, "approve");
    await expect(act(editor, id, "recall")).rejects.toEqual(
      appError("CONFLICT", workflowText.errors.recallAfterDecision),
    );
  });

  it("makes saving impossible while in review, so an approval always covers what is stored", async () => {
    const id = await draft(editor, column.id);
    await act(editor, id, "submit");
    await expect(
      saveArticle(db, editor, {
        ...fields(column.id, "改过的标题", "改过的内容"),
        articleId: id,
        lockVersion: await lockVersion(id),
      }),
    ).rejects.toEqual(appError("CONFLICT"));
  });

  it("refuses to publish when the stored revision no longer matches what was approved", async () => {
    const id = await draft(editor, column.id);
    await approveAll(id);
    // Tampering behind the application's back: the approved bytes are changed in place.
    const article = await db.article.findUniqueOrThrow({ where: { id }, select: { currentRevisionId: true } });
    await db.$executeRaw`UPDATE "Revision" SET title = '被篡改的标题' WHERE id = ${article.currentRevisionId}::uuid`;
    await expect(act(reviewer3, id, "publish")).rejects.toEqual(
      appError("CONFLICT", workflowText.errors.approvalsIncomplete),
    );
    expect(await db.article.findUniqueOrThrow({ where: { id }, select: { publishedRevisionId: true } })).toEqual({
      publishedRevisionId: null,
    });
  });

  it("refuses to publish a revision swapped in after the approvals", async () => {
    const id = await draft(editor, column.id);
    await approveAll(id);
    const current = await db.article.findUniqueOrThrow({ where: { id }, include: { currentRevision: true } });
    const revision = current.currentRevision;
    if (!revision) throw new Error("no revision");
    const swapped = await db.revision.create({
      data: {
        articleId: id,
        number: 99,
        title: "另一篇",
        body: revision.body ?? {},
        html: "",
        plainText: "",
        contentHash: "c".repeat(64),
        authorId: editor.id,
      },
    });
    await db.article.update({ where: { id }, data: { currentRevisionId: swapped.id } });
    await expect(act(reviewer3, id, "publish")).rejects.toEqual(appError("CONFLICT"));
  });

  it("lets exactly one of two simultaneous approvals through; the other gets a clear conflict", async () => {
    const id = await draft(editor, column.id);
    await act(editor, id, "submit");
    const version = await lockVersion(id);
    const results = await Promise.allSettled([
      transition(db, reviewer1, { articleId: id, event: "approve", lockVersion: version }),
      transition(secondDb, reviewer1b, { articleId: id, event: "approve", lockVersion: version }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected");
    expect(rejected?.status === "rejected" && rejected.reason).toEqual(appError("CONFLICT", workflowText.errors.stale));
    expect(await db.review.count({ where: { articleId: id } })).toBe(1);
    expect(await db.article.findUniqueOrThrow({ where: { id }, select: { reviewLevel: true } })).toEqual({
      reviewLevel: 2,
    });
  });

  it("ends an approval racing an edit with exactly one outcome", async () => {
    const id = await draft(editor, column.id);
    await act(editor, id, "submit");
    const version = await lockVersion(id);
    // The editor recalls and saves while 初审 approves the submitted text.
    const results = await Promise.allSettled([
      transition(db, reviewer1, { articleId: id, event: "approve", lockVersion: version }),
      transition(secondDb, editor, { articleId: id, event: "recall", lockVersion: version }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const article = await db.article.findUniqueOrThrow({ where: { id }, select: { status: true, reviewLevel: true } });
    const reviews = await db.review.count({ where: { articleId: id } });
    expect([
      { status: "IN_REVIEW", reviewLevel: 2, reviews: 1 },
      { status: "DRAFT", reviewLevel: null, reviews: 0 },
    ]).toContainEqual({ ...article, reviews });
  });

  it("keeps the live revision on the site while an edit of it goes through review", async () => {
    const id = await draft(editor, column.id);
    await approveAll(id);
    await act(reviewer3, id, "publish");
    const first = await db.article.findUniqueOrThrow({
      where: { id },
      select: { publishedRevisionId: true, publishedAt: true },
    });

    await saveArticle(db, editor, {
      ...fields(column.id, "全区宣传思想文化工作会议召开（更新）", "补充了会议的部署。"),
      articleId: id,
      lockVersion: await lockVersion(id),
    });
    const editing = await db.article.findUniqueOrThrow({
      where: { id },
      select: { status: true, publishedRevisionId: true, currentRevisionId: true },
    });
    expect(editing.status).toBe("DRAFT");
    expect(editing.publishedRevisionId).toBe(first.publishedRevisionId);
    expect(editing.currentRevisionId).not.toBe(first.publishedRevisionId);

    await approveAll(id);
    await act(reviewer3, id, "publish");
    const second = await db.article.findUniqueOrThrow({
      where: { id },
      select: { publishedRevisionId: true, publishedAt: true, currentRevisionId: true },
    });
    expect(second.publishedRevisionId).toBe(editing.currentRevisionId);
    expect(second.publishedAt).toEqual(first.publishedAt);
  });

  it("withdraws with a reason: the article is no longer live, and can come back only through review", async () => {
    const id = await draft(editor, column.id);
    await approveAll(id);
    await act(reviewer3, id, "publish");
    await expect(act(reviewer3, id, "withdraw", { reason: "" })).rejects.toEqual(appError("VALIDATION"));
    await expect(act(reviewer2, id, "withdraw", { reason: "内容有误" })).rejects.toEqual(appError("FORBIDDEN"));
    expect(await act(reviewer3, id, "withdraw", { reason: "内容有误" })).toMatchObject({
      status: "WITHDRAWN",
      liveChanged: true,
    });
    const live = await db.article.count({ where: { id, publishedRevisionId: { not: null }, withdrawnAt: null } });
    expect(live).toBe(0);
    expect(await db.article.findUniqueOrThrow({ where: { id }, select: { withdrawnReason: true } })).toEqual({
      withdrawnReason: "内容有误",
    });
    await expect(act(reviewer3, id, "withdraw", { reason: "再撤一次" })).rejects.toEqual(appError("CONFLICT"));

    await approveAll(id);
    await act(reviewer3, id, "publish");
    expect(await db.article.findUniqueOrThrow({ where: { id }, select: { withdrawnAt: true, status: true } })).toEqual({
      withdrawnAt: null,
      status: "PUBLISHED",
    });
  });

  it("refuses a submission with a blocking content-check hit, naming it", async () => {
    await db.sensitiveTerm.create({ data: { term: "禁用测试词", level: "BLOCK", suggestion: "规范说法" } });
    const author = await makeUser([{ role: "EDITOR" }]);
    const saved = await createArticle(db, author, fields(column.id, "一篇稿件", "这里出现了禁用测试词。"));
    await expect(act(author, saved.articleId, "submit")).rejects.toEqual(
      appError("VALIDATION", /禁用测试词.*规范说法/),
    );
    expect(await db.article.findUniqueOrThrow({ where: { id: saved.articleId }, select: { status: true } })).toEqual({
      status: "DRAFT",
    });
    await db.sensitiveTerm.deleteMany({ where: { term: "禁用测试词" } });
  });

  it("keeps reviewers' comments with the revision they were made on", async () => {
    const id = await draft(editor, column.id);
    await act(editor, id, "submit");
    await addComment(db, reviewer1, { articleId: id, body: "此处表述请再斟酌。", quote: "会议总结了今年的工作" });
    const comment = await db.comment.findFirstOrThrow({ where: { articleId: id } });
    const article = await db.article.findUniqueOrThrow({ where: { id }, select: { currentRevisionId: true } });
    expect(comment).toMatchObject({
      revisionId: article.currentRevisionId,
      quote: "会议总结了今年的工作",
      authorId: reviewer1.id,
    });
    await expect(addComment(db, editor, { articleId: id, body: "x" })).rejects.toEqual(appError("FORBIDDEN"));
  });
});

describe("scheduled publishing", () => {
  async function scheduled(minutesAhead = 60) {
    const id = await draft(editor, column.id);
    await approveAll(id);
    const publishAt = new Date(Date.now() + minutesAhead * 60_000);
    await act(reviewer3, id, "schedule", { publishAt });
    return { id, publishAt };
  }

  it("publishes a scheduled article when its time comes, not before", async () => {
    const { id, publishAt } = await scheduled();
    const job = await db.job.findFirstOrThrow({ where: { articleId: id } });
    expect(job).toMatchObject({ status: "PENDING", kind: "PUBLISH", createdById: reviewer3.id });
    expect(await runDueJobs(db, new Date(publishAt.getTime() - 1000))).toEqual([]);
    const outcomes = await runDueJobs(db, new Date(publishAt.getTime() + 1000));
    expect(outcomes).toContainEqual(expect.objectContaining({ articleId: id, status: "DONE" }));
    expect(await db.article.findUniqueOrThrow({ where: { id }, select: { status: true, publishAt: true } })).toEqual({
      status: "PUBLISHED",
      publishAt: null,
    });
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id }, select: { status: true } })).toEqual({
      status: "DONE",
    });
  });

  it("runs a job once when two scheduler instances race for it", async () => {
    const { id, publishAt } = await scheduled(30);
    const at = new Date(publishAt.getTime() + 1000);
    const [a, b] = await Promise.all([runOneDueJob(db, at), runOneDueJob(secondDb, at)]);
    const mine = [a, b].filter((outcome) => outcome?.articleId === id);
    expect(mine).toEqual([expect.objectContaining({ status: "DONE" })]);
    expect(await db.auditEvent.count({ where: { target: `article:${id}`, action: "article.publish" } })).toBe(1);
  });

  it("cancels the job when the 终审 unschedules", async () => {
    const { id } = await scheduled();
    expect(await act(reviewer3, id, "unschedule")).toMatchObject({ status: "APPROVED" });
    expect(await db.job.findFirstOrThrow({ where: { articleId: id } })).toMatchObject({ status: "CANCELLED" });
  });

  it("retries a job that failed for a passing reason, with backoff", async () => {
    const { id, publishAt } = await scheduled(20);
    const owner = ownerDb(); // only the table's owner may add a trigger
    // A database failure while publishing: a trigger refuses the update once.
    await owner.$executeRawUnsafe(`CREATE FUNCTION manual_test_refuse_publish() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.status = 'PUBLISHED' AND NEW.id = '${id}' THEN RAISE EXCEPTION 'disk full (test)'; END IF; RETURN NEW; END $$`);
    await owner.$executeRawUnsafe(
      `CREATE TRIGGER manual_test_refuse_publish BEFORE UPDATE ON "Article" FOR EACH ROW EXECUTE FUNCTION manual_test_refuse_publish()`,
    );
    const at = new Date(publishAt.getTime() + 1000);
    try {
      const [outcome] = (await runDueJobs(db, at)).filter((item) => item.articleId === id);
      expect(outcome).toMatchObject({ status: "RETRY", attempts: 1, error: expect.stringContaining("disk full") });
      const job = await db.job.findFirstOrThrow({ where: { articleId: id } });
      expect(job).toMatchObject({ status: "PENDING", attempts: 1 });
      expect(job.runAt.getTime()).toBe(at.getTime() + retryDelayMs(1));
    } finally {
      await owner.$executeRawUnsafe(`DROP TRIGGER manual_test_refuse_publish ON "Article"`);
      await owner.$executeRawUnsafe(`DROP FUNCTION manual_test_refuse_publish()`);
      await owner.$disconnect();
    }
    const later = await runDueJobs(db, new Date(at.getTime() + retryDelayMs(1) + 1000));
    expect(later).toContainEqual(expect.objectContaining({ articleId: id, status: "DONE" }));
  });

  it("fails a job the rules refuse, tells whoever scheduled it, and hands the article back", async () => {
    const { id, publishAt } = await scheduled(10);
    const article = await db.article.findUniqueOrThrow({ where: { id }, select: { currentRevisionId: true } });
    await db.$executeRaw`UPDATE "Revision" SET title = '被篡改的标题' WHERE id = ${article.currentRevisionId}::uuid`;
    const outcomes = await runDueJobs(db, new Date(publishAt.getTime() + 1000));
    expect(outcomes).toContainEqual(expect.objectContaining({ articleId: id, status: "FAILED" }));
    expect(await db.job.findFirstOrThrow({ where: { articleId: id } })).toMatchObject({
      status: "FAILED",
      lastError: workflowText.errors.approvalsIncomplete,
    });
    expect(
      await db.article.findUniqueOrThrow({ where: { id }, select: { status: true, publishedRevisionId: true } }),
    ).toEqual({ status: "APPROVED", publishedRevisionId: null });
    expect(await db.notification.count({ where: { userId: reviewer3.id, kind: "job.failed" } })).toBe(1);
  });
});

describe("scheduled withdrawal （定时撤稿）", () => {
  async function liveWithWithdrawal(minutesAhead: number) {
    const id = await draft(editor, column.id, "定时撤稿的稿件");
    await approveAll(id);
    await act(reviewer3, id, "publish");
    const withdrawAt = new Date(Date.now() + minutesAhead * 60_000);
    const result = await act(reviewer3, id, "scheduleWithdraw", { reason: "活动已结束", withdrawAt });
    return { id, withdrawAt, result };
  }
  const isLive = async (id: string) =>
    (await db.article.count({ where: { id, publishedRevisionId: { not: null }, withdrawnAt: null } })) === 1;

  it("withdraws the article when its time comes, not before, with the reason given, audited and notified", async () => {
    const { id, withdrawAt, result } = await liveWithWithdrawal(90);
    expect(result).toMatchObject({ status: "PUBLISHED", liveChanged: false });
    const job = await db.job.findFirstOrThrow({ where: { articleId: id, kind: "UNPUBLISH" } });
    expect(job).toMatchObject({ status: "PENDING", reason: "活动已结束", createdById: reviewer3.id });
    expect(job.runAt.getTime()).toBe(withdrawAt.getTime());
    const view = await availableEvents(db, reviewer3, id);
    expect(view.withdrawal).toEqual({ runAt: withdrawAt, reason: "活动已结束" });
    expect(view.events).toEqual(expect.arrayContaining(["withdraw", "scheduleWithdraw", "unscheduleWithdraw"]));

    expect(
      (await runDueJobs(db, new Date(withdrawAt.getTime() - 1000))).filter((outcome) => outcome.articleId === id),
    ).toEqual([]);
    expect(await isLive(id)).toBe(true);
    const outcomes = await runDueJobs(db, new Date(withdrawAt.getTime() + 1000));
    expect(outcomes).toContainEqual(expect.objectContaining({ articleId: id, status: "DONE" }));
    expect(await isLive(id)).toBe(false);
    expect(
      await db.article.findUniqueOrThrow({ where: { id }, select: { status: true, withdrawnReason: true } }),
    ).toEqual({ status: "WITHDRAWN", withdrawnReason: "活动已结束" });
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id }, select: { status: true } })).toEqual({
      status: "DONE",
    });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { target: `article:${id}`, action: "article.withdraw" },
    });
    expect(audit).toMatchObject({ actorId: null, data: expect.objectContaining({ reason: "活动已结束" }) });
    expect(
      await db.notification.count({
        where: { userId: editor.id, kind: "article.withdrawn", link: `/admin/articles/${id}` },
      }),
    ).toBe(1);
    expect((await articleTimeline(db, id)).map((entry) => entry.kind)).toEqual(
      expect.arrayContaining(["scheduleWithdraw", "withdraw"]),
    );
  });

  it("keeps the 定时撤稿 while an edit of the live article goes through review and is published", async () => {
    const { id, withdrawAt } = await liveWithWithdrawal(80);
    const current = await db.article.findUniqueOrThrow({ where: { id }, select: { lockVersion: true } });
    await saveArticle(db, editor, {
      articleId: id,
      lockVersion: current.lockVersion,
      ...fields(column.id, "定时撤稿的稿件（修订）", "修订后的正文。"),
    });
    await approveAll(id);
    await act(reviewer3, id, "publish");
    expect(await db.job.findFirstOrThrow({ where: { articleId: id, kind: "UNPUBLISH" } })).toMatchObject({
      status: "PENDING",
    });
    await runDueJobs(db, new Date(withdrawAt.getTime() + 1000));
    expect(await isLive(id)).toBe(false);
  });

  it("withdraws once when two scheduler instances race for the job", async () => {
    const { id, withdrawAt } = await liveWithWithdrawal(70);
    const at = new Date(withdrawAt.getTime() + 1000);
    const [a, b] = await Promise.all([runDueJobs(db, at), runDueJobs(secondDb, at)]);
    const mine = [...a, ...b].filter((outcome) => outcome.articleId === id);
    expect(mine).toEqual([expect.objectContaining({ status: "DONE" })]);
    expect(await db.auditEvent.count({ where: { target: `article:${id}`, action: "article.withdraw" } })).toBe(1);
    expect(await isLive(id)).toBe(false);
  });

  it("cancels: the 终审 unschedules it, or withdraws by hand first; the job then never runs", async () => {
    const first = await liveWithWithdrawal(60);
    await expect(act(reviewer2, first.id, "unscheduleWithdraw")).rejects.toEqual(appError("FORBIDDEN"));
    expect(await act(reviewer3, first.id, "unscheduleWithdraw")).toMatchObject({ status: "PUBLISHED" });
    expect(await db.job.findFirstOrThrow({ where: { articleId: first.id, kind: "UNPUBLISH" } })).toMatchObject({
      status: "CANCELLED",
    });
    await expect(act(reviewer3, first.id, "unscheduleWithdraw")).rejects.toEqual(
      appError("CONFLICT", workflowText.errors.noWithdrawalScheduled),
    );

    const second = await liveWithWithdrawal(60);
    await act(reviewer3, second.id, "withdraw", { reason: "提前撤稿" });
    expect(await db.job.findFirstOrThrow({ where: { articleId: second.id, kind: "UNPUBLISH" } })).toMatchObject({
      status: "CANCELLED",
    });

    const outcomes = await runDueJobs(db, new Date(Date.now() + 61 * 60_000));
    expect(outcomes.filter((outcome) => outcome.articleId === first.id || outcome.articleId === second.id)).toEqual([]);
    expect(await isLive(first.id)).toBe(true);
    expect(await db.article.findUniqueOrThrow({ where: { id: second.id }, select: { withdrawnReason: true } })).toEqual(
      { withdrawnReason: "提前撤稿" },
    );
  });

  it("refuses a 定时撤稿 without a reason, in the past, or of an article that is not live", async () => {
    const id = await draft(editor, column.id);
    await approveAll(id);
    await expect(
      act(reviewer3, id, "scheduleWithdraw", { reason: "理由", withdrawAt: new Date(Date.now() + 60_000) }),
    ).rejects.toEqual(appError("CONFLICT"));
    await act(reviewer3, id, "publish");
    await expect(
      act(reviewer3, id, "scheduleWithdraw", { reason: " ", withdrawAt: new Date(Date.now() + 60_000) }),
    ).rejects.toEqual(appError("VALIDATION"));
    await expect(
      act(reviewer3, id, "scheduleWithdraw", { reason: "理由", withdrawAt: new Date(Date.now() - 60_000) }),
    ).rejects.toEqual(appError("VALIDATION", workflowText.validation.withdrawAtInPast));
    expect(await db.job.count({ where: { articleId: id, kind: "UNPUBLISH" } })).toBe(0);
  });
});

describe("待我审核 and the inbox", () => {
  it("lists for each reviewer only what they may act on now", async () => {
    const queueColumn = await makeColumn();
    const author = await makeUser([{ role: "EDITOR" }, { role: "REVIEWER", level: 1 }]);
    const scopedOut = await makeUser([{ role: "REVIEWER", level: 1, columnId: otherColumn.id }]);
    const id = await draft(author, queueColumn.id, "待审队列测试稿");
    await act(author, id, "submit");
    const ids = async (user: Actor) => (await reviewQueue(db, user)).map((item) => item.id);

    expect(await ids(reviewer1)).toContain(id);
    expect(await ids(reviewer2)).not.toContain(id);
    expect(await ids(scopedOut)).not.toContain(id);
    expect(await ids(author)).not.toContain(id);

    await act(reviewer12, id, "approve");
    expect(await ids(reviewer2)).toContain(id);
    // reviewer12 holds 复审 too, but decided this submission at 初审.
    expect(await ids(reviewer12)).not.toContain(id);
    await act(reviewer2, id, "approve");
    await act(reviewer3, id, "approve");
    const [item] = (await reviewQueue(db, reviewer3)).filter((row) => row.id === id);
    expect(item).toMatchObject({ status: "APPROVED", title: "待审队列测试稿" });
    expect(item.waitingMs).toBeGreaterThanOrEqual(0);

    expect((await availableEvents(db, reviewer3, id)).events.sort()).toEqual(["publish", "schedule"]);
    expect((await availableEvents(db, author, id)).events).toEqual([]);
    const timeline = await articleTimeline(db, id);
    expect(timeline.map((entry) => entry.kind)).toEqual(expect.arrayContaining(["revision", "submit", "approve"]));
  });

  it("counts unread notifications and marks only the user's own read", async () => {
    const id = await draft(editor, column.id);
    await act(editor, id, "submit");
    const before = await unreadNotificationCount(db, reviewer1.id);
    expect(before).toBeGreaterThan(0);
    const otherBefore = await unreadNotificationCount(db, reviewer1b.id);
    await markNotificationsRead(db, reviewer1.id, "all");
    expect(await unreadNotificationCount(db, reviewer1.id)).toBe(0);
    expect(await unreadNotificationCount(db, reviewer1b.id)).toBe(otherBefore);
  });
});
