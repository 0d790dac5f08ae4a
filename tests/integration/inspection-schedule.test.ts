/** When 网站体检 runs: the 立即体检 button, the weekly Job, one instance at a time, recovery after a crash. */
import { AppError } from "@/lib/errors";
import { inspectionText } from "@/lib/inspection/messages";
import {
  ensureWeeklyJob,
  nextWeeklySlot,
  recoverStaleRuns,
  requestInspection,
  runDueInspection,
  STALE_AFTER_MS,
  updateInspectionSettings,
} from "@/lib/inspection/schedule";
import { runDueJobs } from "@/lib/workflow/scheduler";
import { createUser, testDb, type TestUser } from "../support/factories";
import { answering, loopbackServer, type LoopbackServer } from "../support/loopback-servers";

const db = testDb();
const other = testDb();
let site: LoopbackServer;
let admin: TestUser;
let finalReviewer: TestUser;

const options = () => ({ siteUrl: site.url, external: { enabled: false } });

beforeAll(async () => {
  site = await loopbackServer(answering(200));
  admin = await createUser(db, "ADMIN");
  finalReviewer = await createUser(db, [{ role: "REVIEWER", level: 3 }]);
});

afterAll(async () => {
  await site.close();
  await Promise.all([db.$disconnect(), other.$disconnect()]);
});

beforeEach(async () => {
  await db.inspectionFinding.deleteMany();
  await db.inspectionRun.deleteMany();
  await db.job.deleteMany({ where: { kind: "INSPECTION" } });
});

describe("the weekly slot", () => {
  it("is the next Monday 03:00 in Shanghai, strictly after now", () => {
    // 2026-12-01 is a Tuesday.
    expect(nextWeeklySlot(new Date("2026-12-01T08:00:00Z")).toISOString()).toBe("2026-12-06T19:00:00.000Z");
    // Monday 02:59 Shanghai → the same morning; 03:00 exactly → a week later.
    expect(nextWeeklySlot(new Date("2026-12-06T18:59:00Z")).toISOString()).toBe("2026-12-06T19:00:00.000Z");
    expect(nextWeeklySlot(new Date("2026-12-06T19:00:00Z")).toISOString()).toBe("2026-12-13T19:00:00.000Z");
  });
});

describe("立即体检", () => {
  it("queues a job due now, refuses a second one, and runs it as a manual inspection", async () => {
    const now = new Date();
    const { jobId } = await requestInspection(db, admin, now);
    await expect(requestInspection(db, admin, now)).rejects.toMatchObject({
      code: "CONFLICT",
      message: inspectionText.errors.alreadyQueued,
    });
    expect(await db.auditEvent.count({ where: { action: "inspection.request", target: `job:${jobId}` } })).toBe(1);

    const done = await runDueInspection(db, now, options());
    expect(done).toMatchObject({ jobId, outcome: { status: "DONE" } });
    expect(await db.job.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ status: "DONE" });
    expect(await db.inspectionRun.findUniqueOrThrow({ where: { id: done?.runId } })).toMatchObject({
      trigger: "MANUAL",
      startedById: admin.id,
      status: "DONE",
    });
    // A manual run sends no weekly summary.
    expect(await db.notification.count({ where: { kind: "inspection.summary" } })).toBe(0);
  });

  it("is refused while a run is going, whose job is not taken for dead however long it runs", async () => {
    await db.inspectionRun.create({ data: { trigger: "MANUAL" } });
    const job = await db.job.create({
      data: { kind: "INSPECTION", runAt: new Date(Date.now() - 3_600_000), status: "RUNNING" },
    });
    await recoverStaleRuns(db);
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "RUNNING" });
    const error = await requestInspection(db, admin).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ message: inspectionText.errors.alreadyRunning });
  });

  it("allows one RUNNING run at a time in the database itself", async () => {
    await db.inspectionRun.create({ data: { trigger: "MANUAL" } });
    await expect(db.inspectionRun.create({ data: { trigger: "SCHEDULED" } })).rejects.toThrow();
  });
});

describe("one instance runs a job", () => {
  it("lets exactly one of two pollers claim a due job", async () => {
    const now = new Date();
    await requestInspection(db, admin, now);
    const outcomes = await Promise.all([runDueInspection(db, now, options()), runDueInspection(other, now, options())]);
    expect(outcomes.filter((outcome) => outcome !== null)).toHaveLength(1);
    expect(await db.inspectionRun.count()).toBe(1);
  });

  it("is left alone by the scheduled-publishing poller", async () => {
    const now = new Date();
    const { jobId } = await requestInspection(db, admin, now);
    expect(await runDueJobs(db, now)).toEqual([]);
    expect(await db.job.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ status: "PENDING", attempts: 0 });
  });

  it("marks a run whose process died as failed, so the next one starts clean", async () => {
    const now = new Date();
    const old = new Date(now.getTime() - STALE_AFTER_MS - 1_000);
    const dead = await db.inspectionRun.create({ data: { trigger: "SCHEDULED", startedAt: old, heartbeatAt: old } });
    const deadJob = await db.job.create({ data: { kind: "INSPECTION", runAt: old, status: "RUNNING" } });
    expect(await recoverStaleRuns(db, now)).toBe(1);
    expect(await db.inspectionRun.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({
      status: "FAILED",
      error: inspectionText.errors.interrupted,
    });
    expect(await db.job.findUniqueOrThrow({ where: { id: deadJob.id } })).toMatchObject({ status: "FAILED" });
    await requestInspection(db, admin, now);
    expect(await runDueInspection(db, now, options())).toMatchObject({ outcome: { status: "DONE" } });
  });
});

describe("the weekly inspection", () => {
  it("keeps one job queued, runs it at its time with a summary to admins and 终审, and queues the next", async () => {
    const now = new Date();
    await ensureWeeklyJob(db, now);
    await ensureWeeklyJob(db, now);
    const jobs = await db.job.findMany({ where: { kind: "INSPECTION", status: "PENDING" } });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ createdById: null, articleId: null, runAt: nextWeeklySlot(now) });

    expect(await runDueInspection(db, now, options())).toBeNull();
    const done = await runDueInspection(db, jobs[0].runAt, options());
    expect(done).toMatchObject({ jobId: jobs[0].id, outcome: { status: "DONE" } });
    expect(await db.inspectionRun.findUniqueOrThrow({ where: { id: done?.runId } })).toMatchObject({
      trigger: "SCHEDULED",
    });
    for (const user of [admin, finalReviewer]) {
      const notes = await db.notification.findMany({ where: { userId: user.id, kind: "inspection.summary" } });
      expect(notes).toEqual([
        expect.objectContaining({ link: "/admin/inspection", title: expect.stringContaining("本周网站体检完成") }),
      ]);
    }
    const next = await db.job.findMany({ where: { kind: "INSPECTION", status: "PENDING" } });
    expect(next).toHaveLength(1);
  });

  it("is cancelled when the weekly switch is turned off", async () => {
    await ensureWeeklyJob(db);
    await updateInspectionSettings(db, admin, { externalLinks: false, weekly: false });
    expect(await db.job.count({ where: { kind: "INSPECTION", status: "PENDING" } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "inspection.settings" } })).toBe(1);
    await updateInspectionSettings(db, admin, { externalLinks: false, weekly: true });
    expect(await db.job.count({ where: { kind: "INSPECTION", status: "PENDING" } })).toBe(1);
  });
});
