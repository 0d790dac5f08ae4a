import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { MediaInUseError } from "./commands";
import type { MediaFormState } from "./form-state";
import { mediaText } from "./messages";

/** A zod failure as the form shows it: the first message of each field, and what the user typed. */
export function invalidMediaState(error: z.ZodError, values: MediaFormState["values"]): MediaFormState {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
  return { status: "error", code: "VALIDATION", message: mediaText.validation.formHasErrors, fieldErrors, values, at: Date.now() };
}

/**
 * An AppError becomes a message on the form (a refused deletion also lists what uses the photo);
 * anything else is a bug and is rethrown to Next's error boundary rather than swallowed.
 */
export function refusedMediaState(error: unknown, values: MediaFormState["values"]): MediaFormState {
  if (!(error instanceof AppError)) throw error;
  return {
    status: "error",
    code: error.code,
    message: error.message,
    fieldErrors: error.field ? { [error.field]: error.message } : undefined,
    usages: error instanceof MediaInUseError ? error.usages : undefined,
    values,
    at: Date.now(),
  };
}
