import { AppError } from "@/lib/errors";
import type { WorkflowArticle, WorkflowRequest } from "./guards";
import { workflowText } from "./messages";
import { planTransition, type TransitionPlan, type WorkflowActor } from "./plan";
import { COMBINED_EVENTS, type CombinedEvent } from "./table";

/**
 * The article as the guards would see it after `plan` was carried out: status and level move as the
 * row says, and an approval is added to the submission, bound to the current hash (as decide() in
 * transition.ts records it). Only what the next step's guards read is simulated.
 */
function after(
  article: WorkflowArticle,
  plan: Extract<TransitionPlan, { ok: true }>,
  actor: WorkflowActor,
): WorkflowArticle {
  const next: WorkflowArticle = { ...article, status: plan.to, reviewLevel: plan.reviewLevel };
  if (plan.row.event === "approve" && article.submission && article.currentHash && actor.kind === "user") {
    const approval = {
      level: article.reviewLevel ?? 0,
      reviewerId: actor.user.id,
      decision: "APPROVE" as const,
      contentHash: article.currentHash,
    };
    next.submission = { ...article.submission, reviews: [...article.submission.reviews, approval] };
  }
  return next;
}

/**
 * Decides 通过并发布 / 通过并定时发布 without touching the database: each step planned by the table on
 * the state the previous step leaves. The approval must complete the review (APPROVED), or the act
 * would approve one level and then fail to publish.
 */
export function planCombined(
  article: WorkflowArticle,
  combined: CombinedEvent,
  request: Omit<WorkflowRequest, "event">,
  actor: WorkflowActor,
): TransitionPlan {
  let state = article;
  let last: TransitionPlan | null = null;
  for (const event of COMBINED_EVENTS[combined]) {
    const plan = planTransition(state, { ...request, event }, actor);
    if (!plan.ok) return plan;
    if (event === "approve" && plan.to !== "APPROVED") return { ok: false, error: notLastLevel() };
    state = after(state, plan, actor);
    last = plan;
  }
  if (!last) throw new Error(`combined event without steps: ${combined}`);
  return last;
}

/** 通过并发布 at a level that is not the last one. */
export function notLastLevel(): AppError {
  return new AppError("CONFLICT", workflowText.errors.notLastLevel);
}
