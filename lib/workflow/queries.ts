import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ArticleStatus } from "@/lib/generated/prisma/enums";
import { can, type PermissionUser } from "@/lib/permissions";
import { planTransition } from "./plan";
import { articleStateSelect, readArticle } from "./snapshot";
import { planCombined } from "./combined-plan";
import { COMBINED_EVENT_NAMES, WORKFLOW_EVENTS, type CombinedEvent, type WorkflowEvent } from "./table";

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
  const levels = [
    ...new Set(user.roles.flatMap((role) => (role.role === "REVIEWER" && role.level !== null ? [role.level] : []))),
  ];
  if (levels.length === 0) return [];
  const rows = await db.article.findMany({
    where: {
      createdById: { not: user.id },
      OR: [
        { status: "IN_REVIEW", reviewLevel: { in: levels } },
        ...(levels.includes(3) ? [{ status: { in: ["APPROVED", "SCHEDULED"] as ArticleStatus[] } }] : []),
      ],
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
      currentRevision: {
        select: {
          id: true,
          number: true,
          title: true,
          body: true,
          meta: true,
          plainText: true,
          contentHash: true,
          createdAt: true,
        },
      },
      publishedRevision: { select: { id: true, number: true, title: true, body: true, meta: true } },
      submissions: {
        orderBy: { number: "desc" },
        take: 1,
        select: {
          number: true,
          levels: true,
          contentHash: true,
          createdAt: true,
          reviews: {
            orderBy: { level: "asc" },
            select: { level: true, decision: true, contentHash: true, reviewer: { select: { displayName: true } } },
          },
        },
      },
      comments: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          body: true,
          quote: true,
          createdAt: true,
          author: { select: { displayName: true } },
          revision: { select: { number: true } },
        },
      },
    },
  });
}

export type ReviewDetail = NonNullable<Awaited<ReturnType<typeof reviewDetail>>>;

export type TimelineKind =
  | "revision"
  | "submit"
  | "approve"
  | "return"
  | "recall"
  | "comment"
  | "publish"
  | "schedule"
  | "unschedule"
  | "withdraw"
  | "scheduleWithdraw"
  | "unscheduleWithdraw"
  | "job";

export interface TimelineEntry {
  kind: TimelineKind;
  at: Date;
  who: string;
  /** Revision number, level, comment, reason, job status … as short facts. */
  detail: string;
  level?: number;
  revisionNumber?: number;
  job?: { status: string; runAt: Date; attempts: number };
  /** The time a 定时发布 / 定时撤稿 was set for (shown in the site's zone, like every time). */
  scheduledFor?: Date;
}

const WORKFLOW_AUDIT_ACTIONS = [
  "article.submit",
  "article.recall",
  "article.publish",
  "article.schedule",
  "article.unschedule",
  "article.withdraw",
  "article.scheduleWithdraw",
  "article.unscheduleWithdraw",
  "job.failed",
];

/**
 * An article's history, newest first: revisions, submissions, review decisions, comments,
 * publications, withdrawals and scheduled jobs. Decisions and comments come from their own tables;
 * the acts that leave no row of their own (submit, publish, withdraw …) from the article's audit events.
 */
export async function articleTimeline(db: PrismaClient, articleId: string): Promise<TimelineEntry[]> {
  const [revisions, reviews, comments, jobs, events] = await Promise.all([
    db.revision.findMany({
      where: { articleId },
      select: { number: true, createdAt: true, author: { select: { displayName: true } } },
    }),
    db.review.findMany({
      where: { articleId },
      select: {
        level: true,
        decision: true,
        comment: true,
        createdAt: true,
        reviewer: { select: { displayName: true } },
        revision: { select: { number: true } },
      },
    }),
    db.comment.findMany({
      where: { articleId },
      select: {
        body: true,
        quote: true,
        createdAt: true,
        author: { select: { displayName: true } },
        revision: { select: { number: true } },
      },
    }),
    db.job.findMany({
      where: { articleId },
      select: { runAt: true, status: true, attempts: true, lastError: true, updatedAt: true },
    }),
    db.auditEvent.findMany({
      where: { target: `article:${articleId}`, action: { in: WORKFLOW_AUDIT_ACTIONS } },
      select: { action: true, at: true, data: true, actor: { select: { displayName: true } } },
    }),
  ]);
  const entries: TimelineEntry[] = [
    ...revisions.map((revision) => ({
      kind: "revision" as const,
      at: revision.createdAt,
      who: revision.author.displayName,
      detail: "",
      revisionNumber: revision.number,
    })),
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
    ...jobs.map((job) => ({
      kind: "job" as const,
      at: job.updatedAt,
      who: "",
      detail: job.lastError ?? "",
      job: { status: job.status, runAt: job.runAt, attempts: job.attempts },
    })),
    ...events.flatMap((event): TimelineEntry[] => {
      const kind = event.action.replace(/^article\./, "");
      if (kind === "job.failed") return [];
      const data = (event.data ?? {}) as Record<string, unknown>;
      const detail = typeof data.reason === "string" ? data.reason : "";
      const when =
        typeof data.publishAt === "string"
          ? data.publishAt
          : typeof data.withdrawAt === "string"
            ? data.withdrawAt
            : null;
      const scheduledFor = when === null ? undefined : new Date(when);
      return [
        {
          kind: kind as TimelineKind,
          at: event.at,
          who: event.actor?.displayName ?? "",
          detail,
          ...(scheduledFor && !Number.isNaN(scheduledFor.getTime()) ? { scheduledFor } : {}),
        },
      ];
    }),
  ];
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime());
}

/** The workflow steps `user` could take on the article now (the table's answer, with the fields a form would add). */
export async function availableEvents(
  db: PrismaClient,
  user: PermissionUser,
  articleId: string,
): Promise<{
  events: WorkflowEvent[];
  combined: CombinedEvent[];
  lockVersion: number;
  status: ArticleStatus;
  withdrawal: { runAt: Date; reason: string } | null;
}> {
  const article = await readArticle(db, articleId);
  const now = new Date();
  const later = new Date(now.getTime() + 3_600_000);
  const request = { comment: "-", reason: "-", publishAt: later, withdrawAt: later, now };
  const events = WORKFLOW_EVENTS.filter(
    (event) => planTransition(article.snapshot, { ...request, event }, { kind: "user", user }).ok,
  );
  // 通过并发布 where the user's approval would complete the review and they may also publish.
  const combined = COMBINED_EVENT_NAMES.filter(
    (name) => planCombined(article.snapshot, name, request, { kind: "user", user }).ok,
  );
  const withdrawal = article.withdrawal ? { runAt: article.withdrawal.runAt, reason: article.withdrawal.reason } : null;
  return { events, combined, lockVersion: article.lockVersion, status: article.snapshot.status, withdrawal };
}

/** What the editor's article page shows of the workflow: the steps open to the user and the timeline. */
export async function articleWorkflowView(db: PrismaClient, user: PermissionUser, articleId: string) {
  const [workflow, timeline] = await Promise.all([
    availableEvents(db, user, articleId),
    articleTimeline(db, articleId),
  ]);
  return { articleId, ...workflow, timeline };
}

export interface ReviewNotes {
  /** The 退回意见 that ended the latest submission, if it was returned. */
  returned: { comment: string; level: number; reviewer: string; at: Date; revisionNumber: number } | null;
  /** 批注 of the latest submission round (since it was submitted; all of them before any submission). */
  comments: { id: string; body: string; quote: string; author: string; at: Date; revisionNumber: number }[];
}

/**
 * What the author must see first when the article comes back: the latest 退回意见 and the 批注 of that
 * round, newest first. Empty once the article is submitted again (a new round has no return yet).
 */
export async function reviewNotes(db: PrismaClient, articleId: string): Promise<ReviewNotes> {
  const submission = await db.submission.findFirst({
    where: { articleId },
    orderBy: { number: "desc" },
    select: {
      createdAt: true,
      reviews: {
        where: { decision: "RETURN" },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: {
          comment: true,
          level: true,
          createdAt: true,
          reviewer: { select: { displayName: true } },
          revision: { select: { number: true } },
        },
      },
    },
  });
  const returned = submission?.reviews[0];
  const comments = await db.comment.findMany({
    where: { articleId, ...(submission ? { createdAt: { gte: submission.createdAt } } : {}) },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: {
      id: true,
      body: true,
      quote: true,
      createdAt: true,
      author: { select: { displayName: true } },
      revision: { select: { number: true } },
    },
  });
  // A round still in review (or approved) is the reviewers' business; the author sees its notes when it comes back.
  if (submission && !returned) return { returned: null, comments: [] };
  return {
    returned: returned
      ? {
          comment: returned.comment,
          level: returned.level,
          reviewer: returned.reviewer.displayName,
          at: returned.createdAt,
          revisionNumber: returned.revision.number,
        }
      : null,
    comments: comments.map((comment) => ({
      id: comment.id,
      body: comment.body,
      quote: comment.quote,
      author: comment.author.displayName,
      at: comment.createdAt,
      revisionNumber: comment.revision.number,
    })),
  };
}
