import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { appendAuditEvent } from "@/lib/audit/append";
import { isAppError } from "@/lib/errors";
import { notify } from "@/lib/notifications/commands";
import { afterCommit, runDueEffects } from "@/lib/public/publish/outbox";
import { workflowText } from "./messages";
import { transitionInTx } from "./transition";

/**
 * Scheduled publishing （定时发布, PUBLISH jobs） and withdrawal （定时撤稿, UNPUBLISH jobs） from the Job table, safe with several app instances: each job is claimed with
 * `FOR UPDATE SKIP LOCKED` inside the transaction that publishes it, so two pollers never run the
 * same job, and a crashed instance's claim ends with its connection. Nothing lives in memory: after a
 * restart the next poll finds every due job.
 *
 * A failed run rolls back entirely; the failure is then recorded in a second transaction (attempts,
 * lastError, runAt pushed back). After MAX_ATTEMPTS — or at once for a refusal by the workflow's rules,
 * which a retry cannot change — the job is FAILED, a scheduled publication goes back to APPROVED for
 * the 终审 to decide again, and whoever scheduled it is notified.
 */

export const MAX_ATTEMPTS = 5;

/** 30 s, 1 min, 2 min, 4 min … capped at 30 min. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
}

interface ClaimedJob {
  id: string;
  kind: "PUBLISH" | "UNPUBLISH";
  articleId: string;
  reason: string | null;
  attempts: number;
  createdById: string | null;
}

export type JobOutcome =
  | { jobId: string; articleId: string; status: "DONE" }
  | { jobId: string; articleId: string; status: "RETRY"; attempts: number; error: string }
  | { jobId: string; articleId: string; status: "FAILED"; attempts: number; error: string }
  /** Another instance recorded the outcome first. */
  | { jobId: string; articleId: string; status: "SKIPPED" };

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function recordFailure(db: PrismaClient, job: ClaimedJob, error: unknown, now: Date): Promise<JobOutcome> {
  const message = errorText(error).slice(0, 2000);
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<
      { status: string; attempts: number }[]
    >`SELECT status, attempts FROM "Job" WHERE id = ${job.id}::uuid FOR UPDATE`;
    const current = rows[0];
    if (!current || current.status !== "PENDING" || current.attempts !== job.attempts)
      return { jobId: job.id, articleId: job.articleId, status: "SKIPPED" as const };
    const attempts = job.attempts + 1;
    const final = attempts >= MAX_ATTEMPTS || isAppError(error);
    if (!final) {
      await tx.job.update({
        where: { id: job.id },
        data: { attempts, lastError: message, runAt: new Date(now.getTime() + retryDelayMs(attempts)) },
      });
      return { jobId: job.id, articleId: job.articleId, status: "RETRY" as const, attempts, error: message };
    }
    await tx.job.update({ where: { id: job.id }, data: { attempts, lastError: message, status: "FAILED" } });
    const article = await tx.article.findUnique({
      where: { id: job.articleId },
      select: { status: true, currentRevision: { select: { title: true } } },
    });
    if (job.kind === "PUBLISH" && article?.status === "SCHEDULED") {
      await tx.article.update({
        where: { id: job.articleId },
        data: { status: "APPROVED", publishAt: null, lockVersion: { increment: 1 } },
      });
    }
    await appendAuditEvent(tx, {
      actorId: null,
      action: "job.failed",
      target: `article:${job.articleId}`,
      data: { jobId: job.id, attempts, error: message },
    });
    if (job.createdById) {
      await notify(tx, [job.createdById], {
        kind: "job.failed",
        title: (job.kind === "PUBLISH"
          ? workflowText.notifications.jobFailed
          : workflowText.notifications.withdrawalJobFailed)(article?.currentRevision?.title ?? ""),
        link: `/admin/review/${job.articleId}`,
      });
    }
    return { jobId: job.id, articleId: job.articleId, status: "FAILED" as const, attempts, error: message };
  });
}

/** Claims and runs one due job; null when none is due (or all due ones are held by other instances). */
export async function runOneDueJob(db: PrismaClient, now = new Date()): Promise<JobOutcome | null> {
  let claimed: ClaimedJob | null = null;
  try {
    const done = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<ClaimedJob[]>`
        SELECT id, kind::text AS kind, "articleId", reason, attempts, "createdById" FROM "Job"
        WHERE status = 'PENDING' AND "runAt" <= ${now}
          -- Article jobs only: 网站体检 and 已发布稿件复查 run minutes, not milliseconds, and are
          -- claimed apart (lib/inspection/schedule.ts, lib/checks/sweep.ts).
          AND kind IN ('PUBLISH', 'UNPUBLISH')
        ORDER BY "runAt", id
        LIMIT 1
        FOR UPDATE SKIP LOCKED`;
      const job = rows[0];
      if (!job) return null;
      claimed = job;
      // A PUBLISH job is the publish row SCHEDULED → PUBLISHED with all approvals re-checked against
      // the current revision's hash, exactly as for "publish now"; an UNPUBLISH job is the withdraw
      // row with the reason given when it was scheduled (the article must still be live).
      const request =
        job.kind === "PUBLISH"
          ? { articleId: job.articleId, event: "publish" as const }
          : { articleId: job.articleId, event: "withdraw" as const, reason: job.reason ?? "" };
      const result = await transitionInTx(tx, { kind: "system" }, request, now);
      // transitionInTx cancelled the article's pending jobs of that kind, this one included; it ran, so it is DONE.
      await tx.job.update({
        where: { id: job.id },
        data: { status: "DONE", attempts: job.attempts + 1, lastError: null },
      });
      return { ...job, effectIds: result.effectIds };
    });
    if (!done) return null;
    // Published and committed; its effects are in the outbox, retried by runDueEffects until done.
    await afterCommit(done.effectIds, db);
    return { jobId: done.id, articleId: done.articleId, status: "DONE" };
  } catch (error) {
    const job: ClaimedJob | null = claimed;
    if (!job) throw error;
    return recordFailure(db, job, error, now);
  }
}

/** Runs due jobs until none is left or `limit` have run, then the outbox's due effects (lib/public/publish/outbox.ts). */
export async function runDueJobs(db: PrismaClient, now = new Date(), limit = 20): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = [];
  for (let i = 0; i < limit; i++) {
    const outcome = await runOneDueJob(db, now);
    if (!outcome) break;
    outcomes.push(outcome);
  }
  await runDueEffects(db, now, limit);
  return outcomes;
}
