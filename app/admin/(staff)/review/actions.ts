"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { DEFAULT_DISPLAY_TIME_ZONE, parseLocalDateTime } from "@/lib/format/date";
import { declareGuard } from "@/lib/actions/guarded";
import { authorize } from "@/lib/permissions";
import { outboxText } from "@/lib/public/publish/outbox";
import { displayTimeZone } from "@/lib/settings/display-time-zone";
import { addComment } from "@/lib/workflow/comments";
import type { WorkflowFormState } from "@/lib/workflow/form-state";
import { workflowText, workflowUi } from "@/lib/workflow/messages";
import { combinedTransition } from "@/lib/workflow/combined";
import { combinedTransitionSchema, commentSchema, transitionSchema } from "@/lib/workflow/schemas";
import { COMBINED_EVENTS, eventAction, type CombinedEvent, type WorkflowEvent } from "@/lib/workflow/table";
import { transition } from "@/lib/workflow/transition";

// Thin wrappers: parse → authorize against the article → lib/workflow (one transaction, the table's
// guards, audit, notifications; cache invalidation after commit) → revalidate. One export per event,
// each declaring its Action with declareGuard (checked by tests/integration/guarded-exports.test.ts);
// the workflow table checks again. NOT yet built on guardedAction: that version failed the 撤稿 step
// of tests/e2e/review-journey.test.ts with a stale lock version (CONFLICT), cause not found yet.

function refused(error: unknown): WorkflowFormState {
  if (!(error instanceof AppError)) throw error;
  return { status: "error", code: error.code, message: error.message, field: error.field, at: Date.now() };
}

async function articleResource(articleId: string) {
  const article = await db.article.findUnique({
    where: { id: articleId },
    select: { columnId: true, createdById: true, reviewLevel: true },
  });
  if (!article) throw new AppError("NOT_FOUND", workflowText.errors.notFound);
  return { columnId: article.columnId, ownerId: article.createdById, level: article.reviewLevel ?? undefined };
}

function refreshPages(articleId: string) {
  revalidatePath("/admin", "layout");
  revalidatePath(`/admin/review/${articleId}`);
  revalidatePath(`/admin/articles/${articleId}`);
}

/** A datetime-local value means wall time in the site's zone, the zone every admin date is shown in. */
function typedTime(value: FormDataEntryValue | null, timeZone: string): Date | string | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  return parseLocalDateTime(value, timeZone) ?? value;
}

async function run(event: WorkflowEvent, formData: FormData): Promise<WorkflowFormState> {
  // Only the scheduling events carry a time; the others need no settings read.
  const timeZone =
    formData.get("publishAt") || formData.get("withdrawAt") ? await displayTimeZone() : DEFAULT_DISPLAY_TIME_ZONE;
  const parsed = transitionSchema.safeParse({
    articleId: formData.get("articleId"),
    event,
    lockVersion: formData.get("lockVersion"),
    comment: formData.get("comment") ?? undefined,
    reason: formData.get("reason") ?? undefined,
    publishAt: typedTime(formData.get("publishAt"), timeZone),
    withdrawAt: typedTime(formData.get("withdrawAt"), timeZone),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      status: "error",
      code: "VALIDATION",
      message: issue?.message ?? workflowText.validation.invalidRequest,
      field: String(issue?.path[0] ?? ""),
      at: Date.now(),
    };
  }
  try {
    const user = await authorize(eventAction(event), await articleResource(parsed.data.articleId));
    const result = await transition(db, user, parsed.data);
    refreshPages(parsed.data.articleId);
    // Committed: a success even when its public effects are still pending (the outbox retries them).
    const message = result.effectsPending
      ? `${workflowUi.actions.done[event]} ${outboxText.pendingNotice}`
      : workflowUi.actions.done[event];
    return { status: "ok", message, lockVersion: result.lockVersion, at: Date.now() };
  } catch (error) {
    return refused(error);
  }
}

/** 通过并发布 / 通过并定时发布: authorized for its first step here; every step is checked again in lib/workflow/combined.ts. */
async function runCombined(combined: CombinedEvent, formData: FormData): Promise<WorkflowFormState> {
  const timeZone = formData.get("publishAt") ? await displayTimeZone() : DEFAULT_DISPLAY_TIME_ZONE;
  const parsed = combinedTransitionSchema.safeParse({
    articleId: formData.get("articleId"),
    combined,
    lockVersion: formData.get("lockVersion"),
    comment: formData.get("comment") ?? undefined,
    publishAt: typedTime(formData.get("publishAt"), timeZone),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      status: "error",
      code: "VALIDATION",
      message: issue?.message ?? workflowText.validation.invalidRequest,
      field: String(issue?.path[0] ?? ""),
      at: Date.now(),
    };
  }
  try {
    const resource = await articleResource(parsed.data.articleId);
    const user = await authorize(eventAction(COMBINED_EVENTS[combined][0]), resource);
    const results = await combinedTransition(db, user, parsed.data);
    refreshPages(parsed.data.articleId);
    return {
      status: "ok",
      message: workflowUi.actions.done[combined],
      lockVersion: results[results.length - 1]?.lockVersion,
      at: Date.now(),
    };
  } catch (error) {
    return refused(error);
  }
}

export async function approveAndPublishAction(
  _previous: WorkflowFormState,
  formData: FormData,
): Promise<WorkflowFormState> {
  return runCombined("approveAndPublish", formData);
}

export async function approveAndScheduleAction(
  _previous: WorkflowFormState,
  formData: FormData,
): Promise<WorkflowFormState> {
  return runCombined("approveAndSchedule", formData);
}

export async function submitAction(_previous: WorkflowFormState, formData: FormData): Promise<WorkflowFormState> {
  return run("submit", formData);
}

export async function recallAction(_previous: WorkflowFormState, formData: FormData): Promise<WorkflowFormState> {
  return run("recall", formData);
}

export async function approveAction(_previous: WorkflowFormState, formData: FormData): Promise<WorkflowFormState> {
  return run("approve", formData);
}

export async function returnAction(_previous: WorkflowFormState, formData: FormData): Promise<WorkflowFormState> {
  return run("return", formData);
}

export async function publishAction(_previous: WorkflowFormState, formData: FormData): Promise<WorkflowFormState> {
  return run("publish", formData);
}

export async function scheduleAction(_previous: WorkflowFormState, formData: FormData): Promise<WorkflowFormState> {
  return run("schedule", formData);
}

export async function unscheduleAction(_previous: WorkflowFormState, formData: FormData): Promise<WorkflowFormState> {
  return run("unschedule", formData);
}

export async function withdrawAction(_previous: WorkflowFormState, formData: FormData): Promise<WorkflowFormState> {
  return run("withdraw", formData);
}

export async function scheduleWithdrawAction(
  _previous: WorkflowFormState,
  formData: FormData,
): Promise<WorkflowFormState> {
  return run("scheduleWithdraw", formData);
}

export async function unscheduleWithdrawAction(
  _previous: WorkflowFormState,
  formData: FormData,
): Promise<WorkflowFormState> {
  return run("unscheduleWithdraw", formData);
}

export async function commentAction(_previous: WorkflowFormState, formData: FormData): Promise<WorkflowFormState> {
  const parsed = commentSchema.safeParse({
    articleId: formData.get("articleId"),
    body: formData.get("body"),
    quote: formData.get("quote") ?? undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      status: "error",
      code: "VALIDATION",
      message: issue?.message ?? workflowText.validation.invalidRequest,
      field: String(issue?.path[0] ?? ""),
      at: Date.now(),
    };
  }
  try {
    const article = await articleResource(parsed.data.articleId);
    const user = await authorize("review.comment", { columnId: article.columnId, ownerId: article.ownerId });
    await addComment(db, user, parsed.data);
    refreshPages(parsed.data.articleId);
    return { status: "ok", message: workflowUi.comment.added, at: Date.now() };
  } catch (error) {
    return refused(error);
  }
}

for (const [exported, action] of [
  [approveAndPublishAction, eventAction(COMBINED_EVENTS.approveAndPublish[0])],
  [approveAndScheduleAction, eventAction(COMBINED_EVENTS.approveAndSchedule[0])],
  [submitAction, eventAction("submit")],
  [recallAction, eventAction("recall")],
  [approveAction, eventAction("approve")],
  [returnAction, eventAction("return")],
  [publishAction, eventAction("publish")],
  [scheduleAction, eventAction("schedule")],
  [unscheduleAction, eventAction("unschedule")],
  [withdrawAction, eventAction("withdraw")],
  [scheduleWithdrawAction, eventAction("scheduleWithdraw")],
  [unscheduleWithdrawAction, eventAction("unscheduleWithdraw")],
  [commentAction, "review.comment"],
] as const) {
  declareGuard(exported, { kind: "action", action });
}
