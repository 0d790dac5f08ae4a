import type { ArticleStatus } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { can, type PermissionUser } from "@/lib/permissions";
import { GUARDS, type WorkflowArticle, type WorkflowRequest } from "./guards";
import { workflowText } from "./messages";
import { rowsFor, type GuardName, type TransitionRow } from "./table";

/**
 * Decides a transition without touching the database: the table row that applies, or the refusal.
 * transition.ts calls it under the article's row lock; the unit tests call it for every combination.
 */

export type TransitionPlan =
  { ok: true; row: TransitionRow; to: ArticleStatus; reviewLevel: number | null } | { ok: false; error: AppError };

/** The scheduler acts for the 终审 who scheduled the job, whose permission was checked then. */
export type WorkflowActor = { kind: "user"; user: PermissionUser } | { kind: "system" };

const e = workflowText.errors;
const v = workflowText.validation;

const ACTOR_MESSAGES: Partial<Record<GuardName, string>> = {
  notOwnArticle: e.ownArticle,
  notReviewedAtOtherLevel: e.twoLevels,
};

const STATE_MESSAGES: Partial<Record<GuardName, string>> = {
  hasRevision: e.noRevision,
  contentAsSubmitted: e.contentChanged,
  undecided: e.recallAfterDecision,
  approvalsComplete: e.approvalsIncomplete,
  live: e.notLive,
  withdrawalScheduled: e.noWithdrawalScheduled,
};

function inputMessage(name: GuardName, request: WorkflowRequest): string {
  if (name === "commentGiven") return v.commentRequired;
  if (name === "reasonGiven") return v.reasonRequired;
  if (name === "withdrawAtInFuture") {
    if (request.withdrawAt === undefined) return v.withdrawAtRequired;
    return request.withdrawAt.getTime() <= request.now.getTime() ? v.withdrawAtInPast : v.withdrawAtTooFar;
  }
  if (request.publishAt === undefined) return v.publishAtRequired;
  return request.publishAt.getTime() <= request.now.getTime() ? v.publishAtInPast : v.publishAtTooFar;
}

function nextReviewLevel(row: TransitionRow, article: WorkflowArticle): number | null {
  if (row.to !== "IN_REVIEW") return null;
  if (row.event === "submit") return 1;
  if (row.event === "approve") return (article.reviewLevel ?? 0) + 1;
  // 定时撤稿 and its cancellation leave an edit in review where it is.
  return article.reviewLevel;
}

function failedGuards(
  row: TransitionRow,
  kind: "selector" | "actor" | "state" | "input",
  article: WorkflowArticle,
  request: WorkflowRequest,
  actorId: string | null,
) {
  return row.guards.filter((name) => GUARDS[name].kind === kind && !GUARDS[name].test(article, request, actorId));
}

/**
 * Order of the checks, so that a refusal names the most useful reason: the row (status, event and
 * level), who is asking (own article, second level, then the permission table), the article's state,
 * and last the request's own fields.
 */
export function planTransition(
  article: WorkflowArticle,
  request: WorkflowRequest,
  actor: WorkflowActor,
): TransitionPlan {
  const rows = rowsFor(article.status, request.event).filter(
    (row) => failedGuards(row, "selector", article, request, null).length === 0,
  );
  const row = rows[0];
  if (!row) {
    const error =
      article.status === "IN_REVIEW" && !article.submission
        ? e.noSubmission
        : e.wrongState(article.status, request.event);
    return { ok: false, error: new AppError("CONFLICT", error) };
  }

  if (actor.kind === "system") {
    // Only the scheduler's jobs run without a person (定时发布, 定时撤稿); everything else needs one.
    const scheduledJob = (row.event === "publish" && row.from === "SCHEDULED") || row.event === "withdraw";
    if (!scheduledJob) return { ok: false, error: new AppError("FORBIDDEN", e.forbidden) };
  } else {
    const [actorFailure] = failedGuards(row, "actor", article, request, actor.user.id);
    if (actorFailure)
      return { ok: false, error: new AppError("FORBIDDEN", ACTOR_MESSAGES[actorFailure] ?? e.forbidden) };
    // A move waiting for review is reviewed by the new column; what is live in the old one may still
    // be withdrawn by the old column's 终审 (docs/public-site.md).
    const columns =
      row.action === "article.withdraw" && article.liveColumnId
        ? [article.columnId, article.liveColumnId]
        : [article.columnId];
    const allowed = columns.some((columnId) =>
      can(actor.user, row.action, { columnId, ownerId: article.ownerId, level: article.reviewLevel ?? undefined }),
    );
    if (!allowed) return { ok: false, error: new AppError("FORBIDDEN", e.forbidden) };
  }

  const [stateFailure] = failedGuards(row, "state", article, request, null);
  if (stateFailure)
    return {
      ok: false,
      error: new AppError("CONFLICT", STATE_MESSAGES[stateFailure] ?? e.wrongState(article.status, request.event)),
    };

  const [inputFailure] = failedGuards(row, "input", article, request, null);
  if (inputFailure)
    return {
      ok: false,
      error: new AppError("VALIDATION", inputMessage(inputFailure, request), GUARDS[inputFailure].field),
    };

  return { ok: true, row, to: row.to, reviewLevel: nextReviewLevel(row, article) };
}
