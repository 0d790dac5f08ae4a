import type { FormState } from "@/lib/forms/form-state";

/** What the change-password action hands back to its form; field errors are keyed by the form's fields. */
export type PasswordFormState = FormState;

export const initialPasswordFormState: PasswordFormState = { status: "idle" };
