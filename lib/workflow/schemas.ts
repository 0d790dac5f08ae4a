import { z } from "zod";
import { parseLocalDateTime } from "@/lib/format/date";
import { workflowText } from "./messages";
import { COMBINED_EVENT_NAMES, WORKFLOW_EVENTS } from "./table";

const v = workflowText.validation;

const optionalText = (max: number, message: string) =>
  z.preprocess(
    (value) => (value === null || value === undefined ? undefined : value),
    z.string({ error: v.invalidRequest }).trim().max(max, { error: message }).optional(),
  );

// Forms convert what staff typed with the site's time zone before they get here (see
// app/admin/(staff)/review/actions.ts); a bare wall-time string is read in the default zone.
const localDateTime = (message: string) =>
  z.preprocess(
    (value) =>
      value === "" || value === null || value === undefined
        ? undefined
        : typeof value === "string"
          ? (parseLocalDateTime(value) ?? new Date(value))
          : value,
    z
      .date({ error: message })
      .refine((date) => !Number.isNaN(date.getTime()), { error: message })
      .optional(),
  );

/** One workflow request as a form or a test sends it; the rules about required fields live in the table's guards. */
export const transitionSchema = z.object({
  articleId: z.guid({ error: v.invalidRequest }),
  event: z.enum(WORKFLOW_EVENTS, { error: v.invalidRequest }),
  lockVersion: z.coerce
    .number({ error: v.invalidRequest })
    .int({ error: v.invalidRequest })
    .min(0, { error: v.invalidRequest }),
  comment: optionalText(2000, v.commentTooLong),
  reason: optionalText(500, v.reasonTooLong),
  publishAt: localDateTime(v.publishAtRequired),
  withdrawAt: localDateTime(v.withdrawAtRequired),
});

export type TransitionInput = z.input<typeof transitionSchema>;
export type TransitionRequest = z.output<typeof transitionSchema>;

/** 通过并发布 / 通过并定时发布 (lib/workflow/combined.ts): the fields of its steps, without `event`. */
export const combinedTransitionSchema = transitionSchema.omit({ event: true, reason: true, withdrawAt: true }).extend({
  combined: z.enum(COMBINED_EVENT_NAMES, { error: v.invalidRequest }),
});

export type CombinedTransitionInput = z.input<typeof combinedTransitionSchema>;

export const commentSchema = z.object({
  articleId: z.guid({ error: v.invalidRequest }),
  body: z
    .string({ error: v.commentBodyRequired })
    .trim()
    .min(1, { error: v.commentBodyRequired })
    .max(2000, { error: v.commentTooLong }),
  quote: optionalText(500, v.quoteTooLong),
});

export type CommentInput = z.output<typeof commentSchema>;
