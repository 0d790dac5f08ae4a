/**
 * What a server action hands back to its form (via useActionState): a status, the AppError code on
 * refusal, a message, the first error of each field and a stamp that changes on every answer (so the
 * form reacts to two identical outcomes in a row). A form with more to show names it in `Extra`
 * (the values typed, a generated password, the lock version after a workflow step …).
 */
export type FormState<Extra extends object = object> = {
  status: "idle" | "ok" | "error";
  /** AppError code on refusal (FORBIDDEN, CONFLICT, VALIDATION, …). */
  code?: string;
  message?: string;
  fieldErrors?: Record<string, string>;
  /** Extra data for the form, e.g. the id of a created row. */
  id?: string;
  at?: number;
} & Partial<Extra>;

export const initialFormState: FormState = { status: "idle" };
