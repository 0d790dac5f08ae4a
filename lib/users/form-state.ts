import type { FormState } from "@/lib/forms/form-state";

/**
 * What an account-management server action hands back to its form: the values the user typed (so
 * nothing is lost on an error), and — once, only in the response to the admin who asked — a generated
 * password (set on create and reset: shown once in a dialog, never stored in clear anywhere).
 */
export type UserFormState = FormState<{
  values: Record<string, string | string[]>;
  password: string;
  userId: string;
  username: string;
}>;

export const initialUserFormState: UserFormState = { status: "idle" };
