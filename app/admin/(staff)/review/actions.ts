"use server";

import type { z } from "zod";
import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/guarded";
import { articleResource as loadArticleResource } from "@/lib/articles/resource";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { DEFAULT_DISPLAY_TIME_ZONE, parseLocalDateTime } from "@/lib/format/date";
import { outboxText } from "@/lib/public/publish/outbox";
import { displayTimeZone } from "@/lib/settings/display-time-zone";
import { addComment } from "@/lib/workflow/comments";
import type { WorkflowFormState } from "@/lib/workflow/form-state";
import { workflowText, workflowUi } from "@/lib/workflow/messages";
import { combinedTransition } from "@/lib/workflow/combined";
import { combinedTransitionSchema, commentSchema, transitionSchema } from "@/lib/workflow/schemas";
import { COMBINED_EVENTS, eventAction, type CombinedEvent, type WorkflowEvent } from "@/lib/workflow/table";
import { transition } from "@/lib/workflow/transition";

// Each export is a guardedAction: parse → authorize against the article → lib/workflow (one
// transaction, the table's guards, audit, notifications; cache invalidation after commit) →
// revalidate. One export per event, with its event's Action; the workflow table checks again.
// The dialogs send the lock version of the last step any of them took (WorkflowPanel shares it), so a
// step taken right after another does not wait for the page's refresh to learn the new version.

/** The first problem, beside the field it belongs to (the dialog keeps what was typed). */
function invalid(error: z.ZodError): WorkflowFormState {
  const issue = error.issues[0];
  return {
    status: "error",
    code: "VALIDATION",
    message: issue?.message ?? workflowText.validation.invalidRequest,
    field: String(issue?.path[0] ?? ""),
    at: Date.now(),
  };
}

function refused(error: unknown): WorkflowFormState {
  if (!(error instanceof AppError)) throw error;
  return { status: "error", code: error.code, message: error.message, field: error.field, at: Date.now() };
}

async function articleResource(input: { articleId: string }) {
  const resource = await loadArticleResource(db, input.articleId);
  if (!resource) throw new AppError("NOT_FOUND", workflowText.errors.notFound);
  return resource;
}

function refreshPages(input: { articleId: string }) {
  revalidatePath("/admin", "layout");
  revalidatePath(`/admin/review/${input.articleId}`);
  revalidatePath(`/admin/articles/${input.articleId}`);
}

/** A datetime-local value means wall time in the site's zone, the zone every admin date is shown in. */
function typedTime(value: FormDataEntryValue | null, timeZone: string): Date | string | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  return parseLocalDateTime(value, timeZone) ?? value;
}

const workflowForm = { invalid, refused, resource: articleResource, refresh: refreshPages };

function eventActionOf(event: WorkflowEvent) {
  return guardedAction({
    action: eventAction(event),
    schema: transitionSchema,
    ...workflowForm,
    input: async (formData) => {
      // Only the scheduling events carry a time; the others need no settings read.
      const timeZone =
        formData.get("publishAt") || formData.get("withdrawAt") ? await displayTimeZone() : DEFAULT_DISPLAY_TIME_ZONE;
      return {
        articleId: formData.get("articleId"),
        event,
        lockVersion: formData.get("lockVersion"),
        comment: formData.get("comment") ?? undefined,
        reason: formData.get("reason") ?? undefined,
        publishAt: typedTime(formData.get("publishAt"), timeZone),
        withdrawAt: typedTime(formData.get("withdrawAt"), timeZone),
      };
    },
    run: async (input, user): Promise<WorkflowFormState> => {
      const result = await transition(db, user, input);
      // Committed: a success even when its public effects are still pending (the outbox retries them).
      const message = result.effectsPending
        ? `${workflowUi.actions.done[event]} ${outboxText.pendingNotice}`
        : workflowUi.actions.done[event];
      return { status: "ok", message, lockVersion: result.lockVersion, at: Date.now() };
    },
  });
}

/** 通过并发布 / 通过并定时发布: authorized for its first step here; every step is checked again in lib/workflow/combined.ts. */
function combinedActionOf(combined: CombinedEvent) {
  return guardedAction({
    action: eventAction(COMBINED_EVENTS[combined][0]),
    schema: combinedTransitionSchema,
    ...workflowForm,
    input: async (formData) => {
      const timeZone = formData.get("publishAt") ? await displayTimeZone() : DEFAULT_DISPLAY_TIME_ZONE;
      return {
        articleId: formData.get("articleId"),
        combined,
        lockVersion: formData.get("lockVersion"),
        comment: formData.get("comment") ?? undefined,
        publishAt: typedTime(formData.get("publishAt"), timeZone),
      };
    },
    run: async (input, user): Promise<WorkflowFormState> => {
      const results = await combinedTransition(db, user, input);
      return {
        status: "ok",
        message: workflowUi.actions.done[combined],
        lockVersion: results[results.length - 1]?.lockVersion,
        at: Date.now(),
      };
    },
  });
}

export const approveAndPublishAction = combinedActionOf("approveAndPublish");

export const approveAndScheduleAction = combinedActionOf("approveAndSchedule");

export const submitAction = eventActionOf("submit");

export const recallAction = eventActionOf("recall");

export const approveAction = eventActionOf("approve");

export const returnAction = eventActionOf("return");

export const publishAction = eventActionOf("publish");

export const scheduleAction = eventActionOf("schedule");

export const unscheduleAction = eventActionOf("unschedule");

export const withdrawAction = eventActionOf("withdraw");

export const scheduleWithdrawAction = eventActionOf("scheduleWithdraw");

export const unscheduleWithdrawAction = eventActionOf("unscheduleWithdraw");

export const commentAction = guardedAction({
  action: "review.comment",
  schema: commentSchema,
  ...workflowForm,
  input: (formData) => ({
    articleId: formData.get("articleId"),
    body: formData.get("body"),
    quote: formData.get("quote") ?? undefined,
  }),
  run: async (input, user): Promise<WorkflowFormState> => {
    await addComment(db, user, input);
    return { status: "ok", message: workflowUi.comment.added, at: Date.now() };
  },
});
