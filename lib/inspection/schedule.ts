import "server-only";
import { appendAuditEvent } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { inspectionText } from "./messages";
import { notifySummary } from "./notify";
import { executeInspection, type InspectionOptions, type RunOutcome } from "./run";
import { getInspectionSettings, INSPECTION_SETTINGS_KEY, type InspectionSettings } from "./settings";
import type { Actor } from "@/lib/actor";

/**
 * When 网站体检 runs: an INSPECTION row in the `Job` table, like scheduled publishing, so exactly one
 * app instance runs it and nothing is lost on a restart. The button (立即体检) queues a job due now;
 * the weekly job is kept queued by `ensureWeeklyJob`. `runDueInspection` claims a due job with
 * `FOR UPDATE SKIP LOCKED`, marks it RUNNING and opens the InspectionRun in the same transaction
 * (the partial unique index manual_inspection_run_one_running allows one RUNNING run at a time),
 * then runs it outside any transaction — a run takes minutes, a lock-holding transaction must not.
 * An instance that dies mid-run leaves a RUNNING run whose heartbeat stops: `recoverStaleRuns`
 * marks it FAILED so the next run starts clean.
 */

/** A run writes its heartbeat at least every batch; this long without one means its process is gone. */
export const STALE_AFTER_MS = 15 * 60_000;
const SCHEDULE_LOCK = 72707390;
const WEEK = 7 * 86_400_000;

/** Monday 03:00 in Asia/Shanghai (UTC+8 all year), the first one after `now`: a quiet hour. */
export function nextWeeklySlot(now: Date): Date {
  const offset = 8 * 3_600_000;
  const local = new Date(now.getTime() + offset);
  const slot = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 3, 0, 0));
  const daysToMonday = (8 - slot.getUTCDay()) % 7;
  slot.setUTCDate(slot.getUTCDate() + daysToMonday);
  let at = slot.getTime() - offset;
  while (at <= now.getTime()) at += WEEK;
  return new Date(at);
}

export async function recoverStaleRuns(db: PrismaClient, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - STALE_AFTER_MS);
  const stale = await db.inspectionRun.updateMany({
    where: { status: "RUNNING", heartbeatAt: { lt: cutoff } },
    data: { status: "FAILED", finishedAt: now, error: inspectionText.errors.interrupted },
  });
  // A job is RUNNING exactly while its run is (both are set in one transaction): with no run going,
  // a RUNNING job belongs to a process that died.
  if ((await db.inspectionRun.count({ where: { status: "RUNNING" } })) === 0) {
    await db.job.updateMany({
      where: { kind: "INSPECTION", status: "RUNNING" },
      data: { status: "FAILED", lastError: inspectionText.errors.interrupted },
    });
  }
  return stale.count;
}

/** Keeps one weekly job queued while the weekly switch is on, and none while it is off. */
export async function ensureWeeklyJob(db: PrismaClient, now = new Date()): Promise<void> {
  const settings = await getInspectionSettings(db);
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SCHEDULE_LOCK})`;
    const pending = await tx.job.findFirst({
      where: { kind: "INSPECTION", status: "PENDING", createdById: null },
      select: { id: true },
    });
    if (!settings.weekly) {
      if (pending) await tx.job.update({ where: { id: pending.id }, data: { status: "CANCELLED" } });
      return;
    }
    if (!pending) await tx.job.create({ data: { kind: "INSPECTION", runAt: nextWeeklySlot(now) } });
  });
}

/** 立即体检: queues a job due now (the poller starts it within seconds), unless one is queued or running. */
export async function requestInspection(db: PrismaClient, actor: Actor, now = new Date()): Promise<{ jobId: string }> {
  await recoverStaleRuns(db, now);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SCHEDULE_LOCK})`;
    if (await tx.inspectionRun.findFirst({ where: { status: "RUNNING" }, select: { id: true } }))
      throw new AppError("CONFLICT", inspectionText.errors.alreadyRunning);
    const queued = await tx.job.findFirst({
      where: { kind: "INSPECTION", status: { in: ["PENDING", "RUNNING"] }, runAt: { lte: now } },
      select: { id: true },
    });
    if (queued) throw new AppError("CONFLICT", inspectionText.errors.alreadyQueued);
    const job = await tx.job.create({
      data: { kind: "INSPECTION", runAt: now, createdById: actor.id },
      select: { id: true },
    });
    await appendAuditEvent(tx, { actorId: actor.id, action: "inspection.request", target: `job:${job.id}` });
    return { jobId: job.id };
  });
}

export async function updateInspectionSettings(
  db: PrismaClient,
  actor: Actor,
  settings: InspectionSettings,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.siteSetting.findUnique({ where: { key: INSPECTION_SETTINGS_KEY } });
    await tx.siteSetting.upsert({
      where: { key: INSPECTION_SETTINGS_KEY },
      create: { key: INSPECTION_SETTINGS_KEY, value: settings },
      update: { value: settings },
    });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "inspection.settings",
      target: "setting:inspection",
      data: { before: before?.value ?? null, after: settings },
    });
  });
  await ensureWeeklyJob(db);
}

interface ClaimedJob {
  id: string;
  createdById: string | null;
  attempts: number;
}

export interface InspectionJobOutcome {
  jobId: string;
  runId: string;
  outcome: RunOutcome;
}

/** Claims and runs one due inspection job; null when none is due or a run is already going. */
export async function runDueInspection(
  db: PrismaClient,
  now = new Date(),
  options: InspectionOptions = {},
): Promise<InspectionJobOutcome | null> {
  await recoverStaleRuns(db, now);
  let claimed: { job: ClaimedJob; runId: string } | null;
  try {
    claimed = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<ClaimedJob[]>`
        SELECT id, "createdById", attempts FROM "Job"
        WHERE kind = 'INSPECTION' AND status = 'PENDING' AND "runAt" <= ${now}
        ORDER BY "runAt", id
        LIMIT 1
        FOR UPDATE SKIP LOCKED`;
      const job = rows[0];
      if (!job) return null;
      // Leave the job queued while another run is going; it starts when that one ends.
      if (await tx.inspectionRun.findFirst({ where: { status: "RUNNING" }, select: { id: true } })) return null;
      await tx.job.update({ where: { id: job.id }, data: { status: "RUNNING", attempts: job.attempts + 1 } });
      const run = await tx.inspectionRun.create({
        data: {
          trigger: job.createdById ? "MANUAL" : "SCHEDULED",
          startedById: job.createdById,
          startedAt: now,
          heartbeatAt: now,
        },
        select: { id: true },
      });
      return { job, runId: run.id };
    });
  } catch (error) {
    // Two instances opening a run at the same moment: the unique index let one through.
    if (error instanceof Error && /manual_inspection_run_one_running|Unique constraint/i.test(error.message))
      return null;
    throw error;
  }
  if (!claimed) return null;
  const { job, runId } = claimed;
  const outcome = await executeInspection(db, runId, options);
  await db.job.update({
    where: { id: job.id },
    data:
      outcome.status === "DONE"
        ? { status: "DONE", lastError: null }
        : { status: "FAILED", lastError: outcome.error ?? null },
  });
  if (!job.createdById) {
    const t = inspectionText.notifications;
    await notifySummary(
      db,
      outcome.status === "DONE"
        ? t.summary(outcome.score.score.toFixed(1), outcome.score.vetoCount, totalFindings(outcome))
        : t.summaryFailed(outcome.error ?? ""),
    );
  }
  await ensureWeeklyJob(db);
  return { jobId: job.id, runId, outcome };
}

function totalFindings(outcome: RunOutcome): number {
  return outcome.score.deductions.reduce((sum, item) => sum + item.count, 0) + outcome.score.vetoCount;
}
