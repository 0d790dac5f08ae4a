import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { UserFormState } from "./form-state";
import { usersText } from "./messages";

/** A zod failure as the form shows it: the first message of each field, and what the user typed. */
export function invalidState(error: z.ZodError, values: UserFormState["values"]): UserFormState {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    fieldErrors[field] ??= issue.message;
  }
  return { status: "error", code: "VALIDATION", message: usersText.validation.formHasErrors, fieldErrors, values, at: Date.now() };
}

/**
 * An AppError (refusal, conflict, not found, not signed in) becomes a message on the form; anything
 * else is a bug and is rethrown to Next's error boundary rather than swallowed.
 */
export function refusedState(error: unknown, values: UserFormState["values"]): UserFormState {
  if (!(error instanceof AppError)) throw error;
  return {
    status: "error",
    code: error.code,
    message: error.message,
    fieldErrors: error.field ? { [error.field]: error.message } : undefined,
    values,
    at: Date.now(),
  };
}
