/**
 * What an account-management server action hands back to its form (via useActionState): field errors
 * shown beside the fields, the values the user typed (so nothing is lost on an error), and — once,
 * only in the response to the admin who asked — a generated password.
 */
export interface UserFormState {
  status: "idle" | "ok" | "error";
  /** AppError code on refusal (FORBIDDEN, CONFLICT, …). */
  code?: string;
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string | string[]>;
  /** Set on create and reset: shown once in a dialog, never stored in clear anywhere. */
  password?: string;
  userId?: string;
  username?: string;
  /** Changes on every response, so the form can react to two identical outcomes in a row. */
  at?: number;
}

export const initialUserFormState: UserFormState = { status: "idle" };
