import "server-only";
import type { z } from "zod";
import { invalidState as invalidFormState, refusedState as refusedFormState } from "@/lib/forms/action-state";
import type { UserFormState } from "./form-state";
import { usersText } from "./messages";

/** A zod failure as the form shows it, with what the user typed. */
export function invalidState(error: z.ZodError, values: UserFormState["values"]): UserFormState {
  return { ...invalidFormState(error, usersText.validation.formHasErrors), values };
}

/**
 * An AppError (refusal, conflict, not found, not signed in) becomes a message on the form, with what
 * the user typed; anything else is a bug and is rethrown to Next's error boundary.
 */
export function refusedState(error: unknown, values: UserFormState["values"]): UserFormState {
  return { ...refusedFormState(error), values };
}
