import type { ArticleStatus, ReviewDecision } from "@/lib/generated/prisma/enums";
import type { GuardName, WorkflowEvent } from "./table";

/** What the guards know about an article, read under its row lock by transition.ts. */
export interface WorkflowArticle {
  status: ArticleStatus;
  /** The level it waits at while IN_REVIEW. */
  reviewLevel: number | null;
  columnId: string;
  /**
   * The column readers find it in (its published revision's), when that is not `columnId`: a move
   * to another column waits for review while the article stays live in this one.
   */
  liveColumnId?: string | null;
  ownerId: string;
  /** On the public site: publishedRevisionId set and not withdrawn. */
  live: boolean;
  currentRevisionId: string | null;
  /**
   * The current revision's contentHash, recomputed from its stored content; null when the stored
   * hash does not match what is stored (tampering) or there is no revision.
   */
  currentHash: string | null;
  /** A 定时撤稿 (pending UNPUBLISH job) is queued. */
  withdrawalScheduled: boolean;
  /** The latest submission (the one in progress while IN_REVIEW / APPROVED / SCHEDULED). */
  submission: WorkflowSubmission | null;
}

export interface WorkflowSubmission {
  revisionId: string;
  contentHash: string;
  levels: number;
  reviews: readonly { level: number; reviewerId: string; decision: ReviewDecision; contentHash: string }[];
}

export interface WorkflowRequest {
  event: WorkflowEvent;
  comment?: string;
  reason?: string;
  publishAt?: Date;
  withdrawAt?: Date;
  now: Date;
}

export type GuardKind =
  /** Picks between rows of the same (from, event): a failure just means "not this row". */
  | "selector"
  /** About who is asking: answered with FORBIDDEN. */
  | "actor"
  /** About the article's state: answered with CONFLICT. */
  | "state"
  /** About the request's own fields: answered with VALIDATION on that field. */
  | "input";

export interface Guard {
  kind: GuardKind;
  /** The form field an input guard belongs to. */
  field?: "comment" | "reason" | "publishAt" | "withdrawAt";
  test: (article: WorkflowArticle, request: WorkflowRequest, actorId: string | null) => boolean;
}

/** Every level of the submission approved exactly the current revision (what publishing relies on). */
export function approvalsComplete(article: WorkflowArticle): boolean {
  const submission = article.submission;
  if (!submission || !article.currentHash) return false;
  if (submission.revisionId !== article.currentRevisionId || submission.contentHash !== article.currentHash)
    return false;
  for (let level = 1; level <= submission.levels; level++) {
    const approved = submission.reviews.some(
      (review) => review.level === level && review.decision === "APPROVE" && review.contentHash === article.currentHash,
    );
    if (!approved) return false;
  }
  return true;
}

const MAX_SCHEDULE_AHEAD_MS = 366 * 24 * 60 * 60 * 1000;

/** A scheduled time (publication or withdrawal) after now and at most a year ahead. */
function inFuture(time: Date | undefined, now: Date): boolean {
  return (
    time !== undefined && time.getTime() > now.getTime() && time.getTime() - now.getTime() <= MAX_SCHEDULE_AHEAD_MS
  );
}

export const GUARDS: Record<GuardName, Guard> = {
  hasRevision: { kind: "state", test: (article) => article.currentRevisionId !== null && article.currentHash !== null },
  notLastLevel: {
    kind: "selector",
    test: (article) =>
      article.submission !== null && article.reviewLevel !== null && article.reviewLevel < article.submission.levels,
  },
  lastLevel: {
    kind: "selector",
    test: (article) =>
      article.submission !== null && article.reviewLevel !== null && article.reviewLevel === article.submission.levels,
  },
  notOwnArticle: { kind: "actor", test: (article, _request, actorId) => actorId !== article.ownerId },
  notReviewedAtOtherLevel: {
    kind: "actor",
    test: (article, _request, actorId) => !article.submission?.reviews.some((review) => review.reviewerId === actorId),
  },
  contentAsSubmitted: {
    kind: "state",
    test: (article) =>
      article.submission !== null &&
      article.currentHash !== null &&
      article.submission.revisionId === article.currentRevisionId &&
      article.submission.contentHash === article.currentHash,
  },
  undecided: {
    kind: "state",
    test: (article) => article.submission !== null && article.submission.reviews.length === 0,
  },
  approvalsComplete: { kind: "state", test: (article) => approvalsComplete(article) },
  commentGiven: {
    kind: "input",
    field: "comment",
    test: (_article, request) => (request.comment ?? "").trim().length > 0,
  },
  reasonGiven: {
    kind: "input",
    field: "reason",
    test: (_article, request) => (request.reason ?? "").trim().length > 0,
  },
  publishAtInFuture: {
    kind: "input",
    field: "publishAt",
    test: (_article, request) => inFuture(request.publishAt, request.now),
  },
  withdrawAtInFuture: {
    kind: "input",
    field: "withdrawAt",
    test: (_article, request) => inFuture(request.withdrawAt, request.now),
  },
  withdrawalScheduled: { kind: "state", test: (article) => article.withdrawalScheduled },
  live: { kind: "state", test: (article) => article.live },
};
