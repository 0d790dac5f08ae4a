import {
  myDrafts,
  myReviewQueue,
  publicationsPerMonth,
  recentlyPublished,
  reviewTurnaround,
  scheduledJobs,
  topArticles,
} from "@/lib/dashboard/queries";
import { lastMonths } from "@/lib/dashboard/months";
import { testDb } from "../support/factories";
import { makeArticle, makeColumn, makeUser } from "../support/site-fixtures";

/**
 * A fixed data set whose figures were worked out by hand (in the comments) before the queries ran.
 * "Now" is 2026-11-25 12:00 in Shanghai (04:00 UTC).
 */
const db = testDb();
afterAll(() => db.$disconnect());

const NOW = new Date("2026-11-25T04:00:00Z");
const HOUR = 3600;
const at = (iso: string) => new Date(iso);
const plus = (base: Date, hours: number) => new Date(base.getTime() + hours * HOUR * 1000);

type Article = Awaited<ReturnType<typeof makeArticle>>;
const ids: Record<string, Article> = {};
let editor: { id: string };
let reviewers: { id: string }[];
let r1: Awaited<ReturnType<typeof makeUser>>;
let r2: Awaited<ReturnType<typeof makeUser>>;
let columnA: { id: string };
let columnD: { id: string };

async function submit(article: Article, number: number, createdAt: Date, levels: number) {
  return db.submission.create({
    data: {
      articleId: article.id,
      number,
      revisionId: article.currentRevisionId ?? "",
      contentHash: "0".repeat(64),
      levels,
      submittedById: editor.id,
      createdAt,
    },
  });
}

async function review(
  article: Article,
  submissionId: string,
  level: number,
  decision: "APPROVE" | "RETURN",
  createdAt: Date,
  comment = "",
) {
  await db.review.create({
    data: {
      articleId: article.id,
      revisionId: article.currentRevisionId ?? "",
      contentHash: "0".repeat(64),
      submissionId,
      level,
      reviewerId: reviewers[level - 1].id,
      decision,
      comment,
      createdAt,
    },
  });
}

async function views(article: Article, day: string, count: number) {
  await db.articleViewDaily.create({
    data: { articleId: article.id, day: new Date(`${day}T00:00:00Z`), views: count },
  });
}

beforeAll(async () => {
  editor = await makeUser(db, [{ role: "EDITOR" }], "编辑甲");
  reviewers = [
    await makeUser(db, [{ role: "REVIEWER", level: 1 }]),
    await makeUser(db, [{ role: "REVIEWER", level: 2 }]),
    await makeUser(db, [{ role: "REVIEWER", level: 3 }]),
  ];
  columnA = await makeColumn(db, "要闻");
  const columnB = await makeColumn(db, "先锋");
  columnD = await makeColumn(db, "通知", 1);
  r1 = await makeUser(db, [{ role: "EDITOR" }, { role: "REVIEWER", level: 1 }], "初审员");
  r2 = await makeUser(db, [{ role: "REVIEWER", level: 2, columnId: columnA.id }], "复审员");
  const live = (columnId: string, publishedAt: string, extra: Partial<Parameters<typeof makeArticle>[1]> = {}) =>
    makeArticle(db, { columnId, authorId: editor.id, publishedAt: at(publishedAt), ...extra });

  // Publications per month (Shanghai months):
  ids.A1 = await live(columnA.id, "2026-11-10T02:00:00Z"); // 2026-11
  ids.A2 = await live(columnA.id, "2026-10-31T17:00:00Z"); // 2026-11-01 01:00 Shanghai → 2026-11
  ids.A3 = await live(columnA.id, "2026-10-15T02:00:00Z"); // 2026-10
  ids.B1 = await live(columnB.id, "2025-12-01T00:00:00Z"); // 2025-12-01 08:00 → 2025-12, first month of the window
  ids.B2 = await live(columnB.id, "2025-11-30T15:00:00Z"); // 2025-11-30 23:00 → before the window
  ids.B3 = await live(columnB.id, "2026-06-05T02:00:00Z", { withdrawnAt: at("2026-07-01T00:00:00Z") }); // 2026-06, withdrawn later: still counted

  // Review turnaround. X: 3 levels, submitted t0, approvals at +1h, +3h, +6h, published +8h.
  const t0 = at("2026-11-20T00:00:00Z");
  ids.X = await live(columnA.id, plus(t0, 8).toISOString());
  const sx = await submit(ids.X, 1, t0, 3);
  await review(ids.X, sx.id, 1, "APPROVE", plus(t0, 1));
  await review(ids.X, sx.id, 2, "APPROVE", plus(t0, 3));
  await review(ids.X, sx.id, 3, "APPROVE", plus(t0, 6));
  // Y: first submission returned at level 2 (L1 waited 3h, L2 1h); resubmitted at +10h, approvals +11h, +15h, +16h, published +20h.
  ids.Y = await live(columnA.id, plus(t0, 20).toISOString());
  const sy1 = await submit(ids.Y, 1, t0, 3);
  await review(ids.Y, sy1.id, 1, "APPROVE", plus(t0, 3));
  await review(ids.Y, sy1.id, 2, "RETURN", plus(t0, 4), "请核实数据");
  const sy2 = await submit(ids.Y, 2, plus(t0, 10), 3);
  await review(ids.Y, sy2.id, 1, "APPROVE", plus(t0, 11));
  await review(ids.Y, sy2.id, 2, "APPROVE", plus(t0, 15));
  await review(ids.Y, sy2.id, 3, "APPROVE", plus(t0, 16));
  // Z: a one-level column, approved after 30 minutes, published after 1h.
  ids.Z = await live(columnD.id, plus(t0, 1).toISOString());
  const sz = await submit(ids.Z, 1, t0, 1);
  await review(ids.Z, sz.id, 1, "APPROVE", plus(t0, 0.5));

  // Review queues. Q1 waits at level 1 since its submission; Q2 at level 2 since its L1 approval (5h after submission).
  ids.Q1 = await makeArticle(db, { columnId: columnA.id, authorId: editor.id, status: "IN_REVIEW", reviewLevel: 1 });
  await submit(ids.Q1, 1, at("2026-11-24T00:00:00Z"), 3);
  ids.Q2 = await makeArticle(db, { columnId: columnA.id, authorId: editor.id, status: "IN_REVIEW", reviewLevel: 2 });
  const sq2 = await submit(ids.Q2, 1, at("2026-11-23T00:00:00Z"), 3);
  await review(ids.Q2, sq2.id, 1, "APPROVE", at("2026-11-23T05:00:00Z"));
  ids.Q3 = await makeArticle(db, { columnId: columnD.id, authorId: editor.id, status: "IN_REVIEW", reviewLevel: 2 }); // outside r2's column
  ids.Q4 = await makeArticle(db, { columnId: columnA.id, authorId: r1.id, status: "IN_REVIEW", reviewLevel: 1 }); // r1's own article
  await submit(ids.Q4, 1, at("2026-11-22T00:00:00Z"), 3);

  // The editor's drafts: D1 plain, D2 returned with a comment.
  ids.D1 = await makeArticle(db, { columnId: columnA.id, authorId: editor.id, title: "草稿一" });
  ids.D2 = await makeArticle(db, { columnId: columnA.id, authorId: editor.id, title: "退回稿" });
  const sd2 = await submit(ids.D2, 1, at("2026-11-21T00:00:00Z"), 3);
  await review(ids.D2, sd2.id, 1, "RETURN", at("2026-11-21T02:00:00Z"), "请补充图片说明");

  // Views. Today is 2026-11-25: the 7-day window is 11-19..11-25, the 30-day window 10-27..11-25.
  await views(ids.A1, "2026-11-25", 5);
  await views(ids.A1, "2026-11-19", 10);
  await views(ids.A1, "2026-11-18", 100); // 30 days only
  await views(ids.A1, "2026-10-27", 7); // 30 days only, the first day of it
  await views(ids.A1, "2026-10-26", 1000); // outside both
  await views(ids.A3, "2026-11-24", 20);
  await views(ids.A3, "2026-11-26", 50); // tomorrow: not yet
  await views(ids.B3, "2026-11-25", 500); // withdrawn: never listed

  // Jobs: pending and a recent failure are shown; done and old failures are not.
  await db.job.create({ data: { kind: "PUBLISH", articleId: ids.D1.id, runAt: at("2026-11-26T01:00:00Z") } });
  await db.job.create({
    data: { kind: "PUBLISH", articleId: ids.D1.id, runAt: at("2026-11-20T01:00:00Z"), status: "DONE" },
  });
  const recent = await db.job.create({
    data: {
      kind: "PUBLISH",
      articleId: ids.D2.id,
      runAt: at("2026-11-23T01:00:00Z"),
      status: "FAILED",
      lastError: "x",
    },
  });
  const old = await db.job.create({
    data: { kind: "UNPUBLISH", articleId: ids.D2.id, runAt: at("2026-11-10T01:00:00Z"), status: "FAILED" },
  });
  await db.$executeRaw`UPDATE "Job" SET "updatedAt" = ${at("2026-11-23T01:00:00Z")} WHERE id = ${recent.id}::uuid`;
  await db.$executeRaw`UPDATE "Job" SET "updatedAt" = ${at("2026-11-10T01:00:00Z")} WHERE id = ${old.id}::uuid`;
});

describe("publications per month", () => {
  it("lists the 12 Shanghai months ending with the current one", () => {
    expect(lastMonths("2026-11-25", 12)).toEqual([
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
    ]);
    expect(lastMonths("2026-01-31", 3)).toEqual(["2025-11", "2025-12", "2026-01"]);
  });

  it("counts first publications per column and month, in Shanghai time", async () => {
    const result = await publicationsPerMonth(db, NOW);
    const zero = Array<number>(12).fill(0);
    // 要闻: A1, A2 (Nov 1st in Shanghai), X, Y in November; A3 in October.
    const a = [...zero];
    a[11] = 4;
    a[10] = 1;
    // 先锋: B1 in the first month, B3 in June (withdrawn later); B2 is before the window.
    const b = [...zero];
    b[0] = 1;
    b[6] = 1;
    const d = [...zero];
    d[11] = 1;
    expect(result.series.map(({ columnName, counts, total }) => ({ columnName, counts, total }))).toEqual([
      { columnName: "要闻", counts: a, total: 5 },
      { columnName: "先锋", counts: b, total: 2 },
      { columnName: "通知", counts: d, total: 1 },
    ]);
    expect(result.totals[11]).toBe(5);
    expect(result.totals.reduce((sum, n) => sum + n, 0)).toBe(8);
  });
});

describe("review turnaround", () => {
  it("gives median and 90th percentile of the wait at each level", async () => {
    const { perLevel } = await reviewTurnaround(db, NOW);
    // Level 1 waits: Z 0.5h, X 1h, Y² 1h, D2 2h (returned), Y¹ 3h, Q2 5h → median (1h + 2h) / 2 = 1.5h;
    // p90 at rank 0.9 × 5 = 4.5: 3h + 0.5 × 2h = 4h.
    // Level 2 waits: Y¹ 1h (returned), X 2h, Y² 4h → median 2h; p90 at rank 1.8: 2h + 0.8 × 2h = 3.6h.
    // Level 3 waits: Y² 1h, X 3h → median 2h; p90 at rank 0.9: 1h + 0.9 × 2h = 2.8h.
    expect(
      perLevel.map((row) => ({ ...row, median: row.median / HOUR, p90: Number((row.p90 / HOUR).toFixed(6)) })),
    ).toEqual([
      { level: 1, count: 6, median: 1.5, p90: 4 },
      { level: 2, count: 3, median: 2, p90: 3.6 },
      { level: 3, count: 2, median: 2, p90: 2.8 },
    ]);
  });

  it("gives submission → publication by the number of levels, from the submission that was published", async () => {
    const { toPublication } = await reviewTurnaround(db, NOW);
    // 3 levels: X 8h, Y 10h (from its second submission) → median 9h, p90 8h + 0.9 × 2h = 9.8h. 1 level: Z 1h.
    expect(
      toPublication.map((row) => ({ ...row, median: row.median / HOUR, p90: Number((row.p90 / HOUR).toFixed(6)) })),
    ).toEqual([
      { level: 1, count: 1, median: 1, p90: 1 },
      { level: 3, count: 2, median: 9, p90: 9.8 },
    ]);
  });
});

describe("top articles by views", () => {
  it("sums the last 7 and 30 days, today included, live articles only", async () => {
    expect((await topArticles(db, 7, NOW)).map((row) => [row.id, row.views])).toEqual([
      [ids.A3.id, 20],
      [ids.A1.id, 15],
    ]);
    expect((await topArticles(db, 30, NOW)).map((row) => [row.id, row.views])).toEqual([
      [ids.A1.id, 122],
      [ids.A3.id, 20],
    ]);
  });
});

describe("my work", () => {
  it("splits the editor's drafts from returned ones, with the reviewer's comment", async () => {
    const { drafts, returned } = await myDrafts(db, editor.id);
    expect(drafts.map((row) => row.title)).toEqual(["草稿一"]);
    expect(returned.map((row) => [row.title, row.returnComment])).toEqual([["退回稿", "请补充图片说明"]]);
  });

  it("shows each reviewer what waits at their level, in their columns, not their own, oldest first", async () => {
    const asUser = async (user: { id: string }) => ({
      id: user.id,
      mustChangePassword: false,
      roles: await db.userRole.findMany({
        where: { userId: user.id },
        select: { role: true, level: true, columnId: true },
      }),
    });
    const queue1 = await myReviewQueue(db, await asUser(r1));
    const queue2 = await myReviewQueue(db, await asUser(r2));
    expect(queue1.map((row) => [row.id, row.level, row.waitingSince.toISOString()])).toEqual([
      [ids.Q1.id, 1, "2026-11-24T00:00:00.000Z"],
    ]);
    expect(queue2.map((row) => [row.id, row.level, row.waitingSince.toISOString()])).toEqual([
      [ids.Q2.id, 2, "2026-11-23T05:00:00.000Z"],
    ]);
    expect(
      await myReviewQueue(db, {
        id: editor.id,
        mustChangePassword: false,
        roles: [{ role: "EDITOR", level: null, columnId: null }],
      }),
    ).toEqual([]);
  });

  it("lists the newest live articles and the jobs that need attention", async () => {
    expect((await recentlyPublished(db, 3)).map((row) => row.id)).toEqual([ids.Y.id, ids.X.id, ids.Z.id]);
    const jobs = await scheduledJobs(db, NOW);
    expect(jobs.map((job) => [job.status, job.runAt.toISOString()])).toEqual([
      ["FAILED", "2026-11-23T01:00:00.000Z"],
      ["PENDING", "2026-11-26T01:00:00.000Z"],
    ]);
  });
});
