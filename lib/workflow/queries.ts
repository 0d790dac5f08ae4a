import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ArticleStatus } from "@/lib/generated/prisma/enums";
import { can, type PermissionUser } from "@/lib/permissions";
import { planTransition } from "./plan";
import { articleStateSelect, readArticle } from "./snapshot";
import { WORKFLOW_EVENTS, type WorkflowEvent } from "./table";

export interface QueueItem {
  id: string;
  title: string;
  columnName: string;
  status: ArticleStatus;
  reviewLevel: number | null;
  authorName: string;
  /** When it reached its current state (submission or last decision). */
  waitingSince: Date;
  waitingMs: number;
  publishAt: Date | null;
}

const QUEUE_LIMIT = 200;

/**
 * 待我审核: what the user can act on now — articles at a level they hold, in their columns, not their
 * own, not already decided by them in this submission; and, for a 终审, approved or scheduled
 * articles waiting for publication. Oldest first: the longest wait is the first to do.
 */
export async function reviewQueue(db: PrismaClient, user: PermissionUser, now = new Date()): Promise<QueueItem[]> {
  const levels = [...new Set(user.roles.flatMap((role) => (role.role === "REVIEWER" && role.level !== null ? [role.level] : [])))];
  if (levels.length === 0) return [];
  const rows = await db.article.findMany({
    where: {
      createdById: { not: user.id },
      OR: [{ status: "IN_REVIEW", reviewLevel: { in: levels } }, ...(levels.includes(3) ? [{ status: { in: ["APPROVED", "SCHEDULED"] as ArticleStatus[] } }] : [])],
    },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take: QUEUE_LIMIT,
    select: {
      id: true,
      status: true,
      reviewLevel: true,
      columnId: true,
      createdById: true,
      updatedAt: true,
      publishAt: true,
      column: { select: { name: true } },
      createdBy: { select: { displayName: true } },
      currentRevision: { select: { title: true } },
      submissions: { orderBy: { number: "desc" }, take: 1, select: { reviews: { select: { reviewerId: true } } } },
    },
  });
  return rows
    .filter((row) => {
      const resource = { columnId: row.columnId, ownerId: row.createdById, level: row.reviewLevel ?? undefined };
      if (row.status !== "IN_REVIEW") return can(user, "article.publish", resource);
      const decided = row.submissions[0]?.reviews.some((review) => review.reviewerId === user.id) ?? false;
      return !decided && can(user, "review.approve", resource);
    })
    .map((row) => ({
      id: row.id,
      title: row.currentRevision?.title ?? "",
      columnName: row.column.name,
      status: row.status,
      reviewLevel: row.reviewLevel,
      authorName: row.createdBy.displayName,
      waitingSince: row.updatedAt,
      waitingMs: now.getTime() - row.updatedAt.getTime(),
      publishAt: row.publishAt,
    }));
}

/** Everything the review screen shows about one article. */
export async function reviewDetail(db: PrismaClient, articleId: string) {
  return db.article.findUnique({
    where: { id: articleId },
    select: {
      ...articleStateSelect,
      publishAt: true,
      withdrawnReason: true,
      seriesMark: true,
      lead: true,
      summary: true,
      // The content checks read every published field.
      source: true,
      byline: true,
      profileId: true,
      coverId: true,
      column: { select: { name: true, reviewLevels: true } },
      createdBy: { select: { displayName: true } },
      currentRevision: { select: { id: true, number: true, title: true, body: true, meta: true, plainText: true, contentHash: true, createdAt: true } },
      publishedRevision: { select: { id: true, number: true, title: true, body: true, meta: true } },
      submissions: {
        orderBy: { number: "desc" },
        take: 1,
        select: { number: true, levels: true, contentHash: true, createdAt: true, reviews: { orderBy: { level: "asc" }, select: { level: true, decision: true, contentHash: true, reviewer: { select: { displayName: true } } } } },
      },
      comments: {
        orderBy: { createdAt: "asc" },
        select: { id: true, body: true, quote: true, createdAt: true, author: { select: { displayName: true } }, revision: { select: { number: true } } },
      },
    },
  });
}

export type ReviewDetail = NonNullable<Awaited<ReturnType<typeof reviewDetail>>>;

export type TimelineKind = "revision" | "submit" | "approve" | "return" | "recall" | "comment" | "publish" | "schedule" | "unschedule" | "withdraw" | "scheduleWithdraw" | "unscheduleWithdraw" | "job";

export interface TimelineEntry {
  kind: TimelineKind;
  at: Date;
  who: string;
  /** Revision number, level, comment, reason, job status … as short facts. */
  detail: string;
  level?: number;
  revisionNumber?: number;
  job?: { status: string; runAt: Date; attempts: number };
}

const WORKFLOW_AUDIT_ACTIONS = ["article.submit", "article.recall", "article.publish", "article.schedule", "article.unschedule", "article.withdraw", "article.scheduleWithdraw", "article.unscheduleWithdraw", "job.failed"];

/**
 * An article's history, newest first: revisions, submissions, review decisions, comments,
 * publications, withdrawals and scheduled jobs. Decisions and comments come from their own tables;
 * the acts that leave no row of their own (submit, publish, withdraw …) from the article's audit events.
 */
export async function articleTimeline(db: PrismaClient, articleId: string): Promise<TimelineEntry[]> {
  const [revisions, reviews, comments, jobs, events] = await Promise.all([
    db.revision.findMany({ where: { articleId }, select: { number: true, createdAt: true, author: { select: { displayName: true } } } }),
    db.review.findMany({ where: { articleId }, select: { level: true, decision: true, comment: true, createdAt: true, reviewer: { select: { displayName: true } }, revision: { select: { number: true } } } }),
    db.comment.findMany({ where: { articleId }, select: { body: true, quote: true, createdAt: true, author: { select: { displayName: true } }, revision: { select: { number: true } } } }),
    db.job.findMany({ where: { articleId }, select: { runAt: true, status: true, attempts: true, lastError: true, updatedAt: true } }),
    db.auditEvent.findMany({
      where: { target: `article:${articleId}`, action: { in: WORKFLOW_AUDIT_ACTIONS } },
      select: { action: true, at: true, data: true, actor: { select: { displayName: true } } },
    }),
  ]);
  const entries: TimelineEntry[] = [
    ...revisions.map((revision) => ({ kind: "revision" as const, at: revision.createdAt, who: revision.author.displayName, detail: "", revisionNumber: revision.number })),
    ...reviews.map((review) => ({
      kind: review.decision === "APPROVE" ? ("approve" as const) : ("return" as const),
      at: review.createdAt,
      who: review.reviewer.displayName,
      detail: review.comment,
      level: review.level,
      revisionNumber: review.revision.number,
    })),
    ...comments.map((comment) => ({
      kind: "comment" as const,
      at: comment.createdAt,
      who: comment.author.displayName,
      detail: comment.quote ? `「${comment.quote}」${comment.body}` : comment.body,
      revisionNumber: comment.revision.number,
    })),
    ...jobs.map((job) => ({ kind: "job" as const, at: job.updatedAt, who: "", detail: job.lastError ?? "", job: { status: job.status, runAt: job.runAt, attempts: job.attempts } })),
    ...events.flatMap((event): TimelineEntry[] => {
      const kind = event.action.replace(/^article\./, "");
      if (kind === "job.failed") return [];
      const data = (event.data ?? {}) as Record<string, unknown>;
      const detail = typeof data.reason === "string" ? data.reason : typeof data.publishAt === "string" ? data.publishAt : "";
      return [{ kind: kind as TimelineKind, at: event.at, who: event.actor?.displayName ?? "", detail }];
    }),
  ];
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime());
}

/** The workflow steps `user` could take on the article now (the table's answer, with the fields a form would add). */
export async function availableEvents(
  db: PrismaClient,
  user: PermissionUser,
  articleId: string,
): Promise<{ events: WorkflowEvent[]; lockVersion: number; status: ArticleStatus; withdrawal: { runAt: Date; reason: string } | null }> {
  const article = await readArticle(db, articleId);
  const now = new Date();
  const later = new Date(now.getTime() + 3_600_000);
  const events = WORKFLOW_EVENTS.filter(
    (event) => planTransition(article.snapshot, { event, comment: "-", reason: "-", publishAt: later, withdrawAt: later, now }, { kind: "user", user }).ok,
  );
  const withdrawal = article.withdrawal ? { runAt: article.withdrawal.runAt, reason: article.withdrawal.reason } : null;
  return { events, lockVersion: article.lockVersion, status: article.snapshot.status, withdrawal };
}

/** What the editor's article page shows of the workflow: the steps open to the user and the timeline. */
export async function articleWorkflowView(db: PrismaClient, user: PermissionUser, articleId: string) {
  const [workflow, timeline] = await Promise.all([availableEvents(db, user, articleId), articleTimeline(db, articleId)]);
  return { articleId, ...workflow, timeline };
}
