import "server-only";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { appendAuditEvent } from "@/lib/audit/append";
import { notify } from "@/lib/notifications/commands";
import { can, type PermissionUser } from "@/lib/permissions";
import { LIVE } from "@/lib/articles/live";
import { sweepText } from "./messages";
import { storedPublishedText } from "./published";
import { runChecks } from "./run";
import { compiledChecks } from "./term-cache";
import type { HitRule } from "./types";

/**
 * 已发布稿件复查: when the term list or the leader list changes, the content checks run again over the
 * published revision of every LIVE article (every public field, as recorded in `Revision.meta`), and
 * the term and leader-title hits are listed for the 终审 of each article's column
 * (/admin/terms/sweep). Nothing is changed: the 终审 decides whether to edit or withdraw.
 *
 * Mechanism, like 网站体检 (lib/inspection/schedule.ts): the list change queues a TERM_SWEEP row in
 * `Job` in its own transaction (`queueTermSweep`, at most one pending: a burst of edits is one sweep),
 * so the sweep happens after commit and survives a restart. `runDueTermSweep` — called right after
 * the change by the action, and every few seconds by each instance's poller (./sweep-poller.ts) —
 * claims the job under an advisory lock (one run at a time, across instances), then works outside any
 * transaction in batches, writing progress and a heartbeat. A queue and a claim take the same lock,
 * so a change committed while a run is starting is either seen by that run or queues the next one.
 * The listing is the newest DONE run's hits; a run's end replaces the previous run's hits at once.
 */

type Tx = Prisma.TransactionClient;

/** pg_advisory_xact_lock key: queueing and claiming sweeps. */
const SWEEP_LOCK = 51_471_014;
/** A run writes its heartbeat every batch; this long without one means its process is gone. */
export const SWEEP_STALE_AFTER_MS = 15 * 60_000;
const BATCH = 200;
/** What a list change can change: punctuation hits do not depend on either list. */
export const SWEPT_RULES: ReadonlySet<HitRule> = new Set<HitRule>(["term", "leaderTitle"]);
export const SWEEP_LINK = "/admin/terms/sweep";

/** In a list change's transaction: a sweep after commit (nothing new when one is already queued). */
export async function queueTermSweep(tx: Tx, now = new Date()): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SWEEP_LOCK})`;
  const pending = await tx.job.findFirst({ where: { kind: "TERM_SWEEP", status: "PENDING" }, select: { id: true } });
  if (!pending) await tx.job.create({ data: { kind: "TERM_SWEEP", runAt: now } });
}

/** 立即复查: the same queue, asked for by hand (recorded). */
export async function requestTermSweep(db: PrismaClient, actor: { id: string }, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    await queueTermSweep(tx, now);
    await appendAuditEvent(tx, { actorId: actor.id, action: "term.sweep.request", target: "terms" });
  });
}

/** Marks runs whose process died FAILED (and their jobs), so the next sweep can start. */
export async function recoverStaleSweeps(db: PrismaClient, now = new Date()): Promise<number> {
  const stale = await db.termSweepRun.updateMany({
    where: { status: "RUNNING", heartbeatAt: { lt: new Date(now.getTime() - SWEEP_STALE_AFTER_MS) } },
    data: { status: "FAILED", finishedAt: now, error: sweepText.interrupted },
  });
  if (stale.count > 0) await db.termSweepHit.deleteMany({ where: { run: { status: "FAILED" } } });
  if ((await db.termSweepRun.count({ where: { status: "RUNNING" } })) === 0) {
    await db.job.updateMany({
      where: { kind: "TERM_SWEEP", status: "RUNNING" },
      data: { status: "FAILED", lastError: sweepText.interrupted },
    });
  }
  return stale.count;
}

export interface SweepOutcome {
  runId: string;
  status: "DONE" | "FAILED";
  checked: number;
  articleCount: number;
  hitCount: number;
  error?: string;
}

/** Claims and runs the due sweep; null when none is due or one is already running. */
export async function runDueTermSweep(db: PrismaClient, now = new Date()): Promise<SweepOutcome | null> {
  await recoverStaleSweeps(db, now);
  const claimed = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SWEEP_LOCK})`;
    if (await tx.termSweepRun.findFirst({ where: { status: "RUNNING" }, select: { id: true } })) return null;
    const rows = await tx.$queryRaw<{ id: string; attempts: number }[]>`
      SELECT id, attempts FROM "Job"
      WHERE kind = 'TERM_SWEEP' AND status = 'PENDING' AND "runAt" <= ${now}
      ORDER BY "runAt", id LIMIT 1 FOR UPDATE SKIP LOCKED`;
    const job = rows[0];
    if (!job) return null;
    await tx.job.update({ where: { id: job.id }, data: { status: "RUNNING", attempts: job.attempts + 1 } });
    const run = await tx.termSweepRun.create({
      data: { startedAt: new Date(), heartbeatAt: new Date() },
      select: { id: true },
    });
    return { jobId: job.id, runId: run.id };
  });
  if (!claimed) return null;
  const outcome = await executeSweep(db, claimed.runId);
  await db.job.update({
    where: { id: claimed.jobId },
    data:
      outcome.status === "DONE"
        ? { status: "DONE", lastError: null }
        : { status: "FAILED", lastError: outcome.error ?? null },
  });
  return outcome;
}

type HitRow = Prisma.TermSweepHitCreateManyInput;
const hitKey = (hit: { articleId: string; field: string; rule: string; term: string }) =>
  JSON.stringify([hit.articleId, hit.field, hit.rule, hit.term]);

async function executeSweep(db: PrismaClient, runId: string): Promise<SweepOutcome> {
  let checked = 0;
  let articleCount = 0;
  let hitCount = 0;
  try {
    // Read after the claim: the list as committed by every change that queued this run.
    const compiled = await compiledChecks(db);
    const total = await db.article.count({ where: LIVE });
    await db.termSweepRun.update({ where: { id: runId }, data: { progressTotal: total, heartbeatAt: new Date() } });
    let cursor: string | undefined;
    for (;;) {
      const articles = await db.article.findMany({
        where: { ...LIVE, ...(cursor ? { id: { gt: cursor } } : {}) },
        orderBy: { id: "asc" },
        take: BATCH,
        select: {
          id: true,
          publishedColumnId: true,
          publishedRevision: { select: { id: true, title: true, body: true, meta: true } },
        },
      });
      if (articles.length === 0) break;
      cursor = articles[articles.length - 1].id;
      const rows: HitRow[] = [];
      for (const article of articles) {
        const revision = article.publishedRevision;
        const stored = revision ? storedPublishedText(revision) : null;
        checked += 1;
        if (!revision || !stored) continue;
        const { meta } = stored;
        const result = runChecks(compiled, stored.text);
        const hits = result.hits.filter((hit) => SWEPT_RULES.has(hit.rule));
        if (hits.length > 0) articleCount += 1;
        for (const hit of hits) {
          rows.push({
            runId,
            articleId: article.id,
            revisionId: revision.id,
            columnId: article.publishedColumnId ?? meta.columnId,
            title: revision.title,
            field: hit.location.field,
            rule: hit.rule,
            level: hit.level,
            term: hit.term,
            suggestion: hit.suggestion,
            message: hit.message,
            excerpt: hit.excerpt,
            location: hit.location as unknown as Prisma.InputJsonValue,
          });
        }
        // The checks are synchronous: let the server answer requests between articles.
        await yieldToLoop();
      }
      hitCount += rows.length;
      if (rows.length > 0) await db.termSweepHit.createMany({ data: rows });
      await db.termSweepRun.update({
        where: { id: runId },
        data: { progressDone: checked, articleCount, hitCount, heartbeatAt: new Date() },
      });
    }
    const fresh = await finish(db, runId, { checked, articleCount, hitCount });
    await notifyFinalReviewers(db, fresh);
    return { runId, status: "DONE", checked, articleCount, hitCount };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    console.error(`[checks] term sweep ${runId} failed`, error);
    await db.termSweepHit.deleteMany({ where: { runId } });
    await db.termSweepRun.update({
      where: { id: runId },
      data: { status: "FAILED", finishedAt: new Date(), error: message },
    });
    return { runId, status: "FAILED", checked, articleCount, hitCount, error: message };
  }
}

/**
 * The run becomes the listing in one transaction (the previous run's hits go); returns, per column,
 * how many articles have a hit the previous listing did not have — what the 终审 are told about.
 */
async function finish(
  db: PrismaClient,
  runId: string,
  counts: { checked: number; articleCount: number; hitCount: number },
): Promise<Map<string, Set<string>>> {
  return db.$transaction(
    async (tx) => {
      const previous = await tx.termSweepHit.findMany({
        where: { runId: { not: runId } },
        select: { articleId: true, field: true, rule: true, term: true },
      });
      const known = new Set(previous.map(hitKey));
      const current = await tx.termSweepHit.findMany({
        where: { runId },
        select: { articleId: true, columnId: true, field: true, rule: true, term: true },
      });
      const fresh = new Map<string, Set<string>>();
      for (const hit of current) {
        if (known.has(hitKey(hit))) continue;
        const articles = fresh.get(hit.columnId) ?? new Set<string>();
        articles.add(hit.articleId);
        fresh.set(hit.columnId, articles);
      }
      await tx.termSweepHit.deleteMany({ where: { runId: { not: runId } } });
      await tx.termSweepRun.update({
        where: { id: runId },
        data: {
          status: "DONE",
          finishedAt: new Date(),
          progressDone: counts.checked,
          articleCount: counts.articleCount,
          hitCount: counts.hitCount,
        },
      });
      await appendAuditEvent(tx, {
        actorId: null,
        action: "term.sweep.done",
        target: "terms",
        data: { runId, ...counts },
      });
      return fresh;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/** The 终审 of each column with new hits (level-3 reviewers scoped to it or to every column). */
async function notifyFinalReviewers(db: PrismaClient, fresh: Map<string, Set<string>>): Promise<void> {
  if (fresh.size === 0) return;
  const columns = await db.column.findMany({
    where: { id: { in: [...fresh.keys()] } },
    select: { id: true, name: true },
  });
  for (const column of columns) {
    const reviewers = await db.userRole.findMany({
      where: {
        role: "REVIEWER",
        level: 3,
        OR: [{ columnId: column.id }, { columnId: null }],
        user: { status: "ACTIVE" },
      },
      select: { userId: true },
    });
    const count = fresh.get(column.id)?.size ?? 0;
    await db.$transaction((tx) =>
      notify(
        tx,
        reviewers.map((row) => row.userId),
        {
          kind: "terms.sweep",
          title: sweepText.notification(column.name, count),
          link: `${SWEEP_LINK}?column=${column.id}`,
        },
      ),
    );
  }
}

export type SweepScope = "all" | readonly string[];

export interface SweepListing {
  latest: {
    id: string;
    status: "RUNNING" | "DONE" | "FAILED";
    startedAt: Date;
    finishedAt: Date | null;
    progressDone: number;
    progressTotal: number;
    error: string | null;
  } | null;
  lastDone: {
    id: string;
    finishedAt: Date | null;
    progressDone: number;
    articleCount: number;
    hitCount: number;
  } | null;
  queued: boolean;
  total: number;
  hits: SweepHitRow[];
}

export interface SweepHitRow {
  id: string;
  articleId: string;
  columnId: string;
  title: string;
  field: string;
  rule: string;
  level: "BLOCK" | "WARN";
  term: string;
  suggestion: string;
  message: string;
  excerpt: string;
}

/**
 * The listing a user may see: the newest DONE run's hits in the columns of `scope`, and only where
 * the article is still live with the revision that was checked (a withdrawn or since republished
 * article drops out at once — its new revision passed the checks at submission).
 */
export async function sweepListing(
  db: PrismaClient,
  scope: SweepScope,
  filter: { columnId?: string; take?: number } = {},
): Promise<SweepListing> {
  const [latest, lastDone, queued] = await Promise.all([
    db.termSweepRun.findFirst({
      orderBy: { startedAt: "desc" },
      select: {
        id: true,
        status: true,
        startedAt: true,
        finishedAt: true,
        progressDone: true,
        progressTotal: true,
        error: true,
      },
    }),
    db.termSweepRun.findFirst({
      where: { status: "DONE" },
      orderBy: { finishedAt: "desc" },
      select: { id: true, finishedAt: true, progressDone: true, articleCount: true, hitCount: true },
    }),
    db.job.count({ where: { kind: "TERM_SWEEP", status: "PENDING" } }),
  ]);
  const empty = { latest, lastDone, queued: queued > 0, total: 0, hits: [] };
  if (!lastDone || (scope !== "all" && scope.length === 0)) return empty;
  const columns = scope === "all" ? null : filter.columnId ? scope.filter((id) => id === filter.columnId) : [...scope];
  if (columns && columns.length === 0) return empty;
  const where = Prisma.sql`
    FROM "TermSweepHit" h
    JOIN "Article" a ON a.id = h."articleId" AND a."publishedRevisionId" = h."revisionId" AND a."withdrawnAt" IS NULL
    WHERE h."runId" = ${lastDone.id}::uuid
      ${columns ? Prisma.sql`AND h."columnId" IN (${Prisma.join(columns.map((id) => Prisma.sql`${id}::uuid`))})` : filter.columnId ? Prisma.sql`AND h."columnId" = ${filter.columnId}::uuid` : Prisma.empty}`;
  const [count] = await db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total ${where}`;
  const hits = await db.$queryRaw<SweepHitRow[]>`
    SELECT h.id, h."articleId", h."columnId", h.title, h.field, h.rule, h.level::text AS level, h.term, h.suggestion, h.message, h.excerpt
    ${where}
    ORDER BY h.level, h.title, h."articleId", h.field, h.term
    LIMIT ${filter.take ?? 300}`;
  return { ...empty, total: count?.total ?? 0, hits };
}

/**
 * Whose hits a user sees: the 安全管理员 (who manages the list) every column's; a 终审 those of the
 * columns they may publish in — the permission table decides, per column.
 */
export async function sweepScopeFor(db: Pick<PrismaClient, "column">, user: PermissionUser): Promise<SweepScope> {
  if (can(user, "terms.manage")) return "all";
  if (!can(user, "terms.sweep.view")) return [];
  const columns = await db.column.findMany({ select: { id: true } });
  return columns.map((column) => column.id).filter((columnId) => can(user, "article.publish", { columnId }));
}
