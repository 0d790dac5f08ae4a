"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { guardedAction } from "@/lib/actions/guarded";
import { clientIp } from "@/lib/auth/client-ip";
import { db } from "@/lib/db";
import type { PasswordFormState } from "@/lib/auth/form-state";
import { authText } from "@/lib/auth/messages";
import { changeOwnPassword } from "@/lib/auth/password-change";
import { changePasswordSchema } from "@/lib/auth/schemas";
import { AppError } from "@/lib/errors";

const t = authText.changePassword;

/**
 * Changes the signed-in user's own password (forced page and 我的账户 both post here): a guardedAction,
 * parse → authorize("account.changeOwnPassword") → lib/auth command (transaction + audit).
 * Passwords are never echoed back to the form.
 */
export const changePasswordAction = guardedAction({
  action: "account.changeOwnPassword",
  schema: changePasswordSchema,
  input: (formData) => ({
    currentPassword: formData.get("currentPassword") ?? "",
    newPassword: formData.get("newPassword") ?? "",
    confirmPassword: formData.get("confirmPassword") ?? "",
  }),
  invalid: (error): PasswordFormState => {
    const fieldErrors: NonNullable<PasswordFormState["fieldErrors"]> = {};
    for (const issue of error.issues) {
      const field = issue.path[0];
      if (field === "currentPassword" || field === "newPassword" || field === "confirmPassword")
        fieldErrors[field] ??= issue.message;
    }
    return { status: "error", message: t.formHasErrors, fieldErrors, at: Date.now() };
  },
  refused: (error): PasswordFormState => {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "UNAUTHENTICATED") redirect("/admin/login");
    const field = error.field;
    return {
      status: "error",
      message: error.message,
      fieldErrors: field ? { [field]: error.message } : undefined,
      at: Date.now(),
    };
  },
  run: async (input, user, formData): Promise<PasswordFormState> => {
    await changeOwnPassword(db, { ...user, ip: clientIp(await headers()) }, input);
    // A redirect is not a refusal: `refused` rethrows it to Next.
    if (formData.get("after") === "dashboard") redirect("/admin");
    return { status: "ok", message: t.done, at: Date.now() };
  },
});
