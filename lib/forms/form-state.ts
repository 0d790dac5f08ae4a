/**
 * What a site-administration server action hands back to its form (via useActionState): a message,
 * the first error of each field, and a stamp that changes on every answer.
 */
export interface FormState {
  status: "idle" | "ok" | "error";
  /** AppError code on refusal (FORBIDDEN, CONFLICT, VALIDATION, …). */
  code?: string;
  message?: string;
  fieldErrors?: Record<string, string>;
  /** Extra data for the form, e.g. the id of a created row. */
  id?: string;
  at?: number;
}

export const initialFormState: FormState = { status: "idle" };
