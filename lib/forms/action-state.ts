import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import type { FormState } from "./form-state";

const FORM_HAS_ERRORS = "请按提示修改后再提交";

/**
 * A zod failure as the form shows it: the first message of each field, under a message for the whole
 * form. Forms with state of their own (accounts, photos) add to this state.
 */
export function invalidState(error: z.ZodError, message: string = FORM_HAS_ERRORS): FormState {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    fieldErrors[field] ??= issue.message;
  }
  return { status: "error", code: "VALIDATION", message, fieldErrors, at: Date.now() };
}

/** An AppError becomes a message on the form; anything else is a bug and goes to the error boundary. */
export function refusedState(error: unknown): FormState {
  if (!(error instanceof AppError)) throw error;
  return {
    status: "error",
    code: error.code,
    message: error.message,
    fieldErrors: error.field ? { [error.field]: error.message } : undefined,
    at: Date.now(),
  };
}

export function okState(message: string, id?: string): FormState {
  return { status: "ok", message, id, at: Date.now() };
}

/** FormData → a plain object of its text fields (repeated names become arrays). */
export function formValues(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = formData.getAll(key).filter((value): value is string => typeof value === "string");
    values[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return values;
}
