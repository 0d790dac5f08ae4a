/** What the change-password action hands back to its form (via useActionState). */
export interface PasswordFormState {
  status: "idle" | "ok" | "error";
  message?: string;
  fieldErrors?: Partial<Record<"currentPassword" | "newPassword" | "confirmPassword", string>>;
  /** Changes on every response, so the form reacts to two identical outcomes in a row. */
  at?: number;
}

export const initialPasswordFormState: PasswordFormState = { status: "idle" };
