"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientIp } from "@/lib/auth/client-ip";
import { db } from "@/lib/db";
import type { PasswordFormState } from "@/lib/auth/form-state";
import { authText } from "@/lib/auth/messages";
import { changeOwnPassword } from "@/lib/auth/password-change";
import { changePasswordSchema } from "@/lib/auth/schemas";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";

const t = authText.changePassword;

/**
 * Changes the signed-in user's own password (forced page and 我的账户 both post here).
 * parse → authorize("account.changeOwnPassword") → lib/auth command (transaction + audit).
 * Passwords are never echoed back to the form.
 */
export async function changePasswordAction(_previous: PasswordFormState, formData: FormData): Promise<PasswordFormState> {
  const parsed = changePasswordSchema.safeParse({
    currentPassword: formData.get("currentPassword") ?? "",
    newPassword: formData.get("newPassword") ?? "",
    confirmPassword: formData.get("confirmPassword") ?? "",
  });
  if (!parsed.success) {
    const fieldErrors: PasswordFormState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === "currentPassword" || field === "newPassword" || field === "confirmPassword") fieldErrors[field] ??= issue.message;
    }
    return { status: "error", message: t.formHasErrors, fieldErrors, at: Date.now() };
  }
  try {
    const user = await authorize("account.changeOwnPassword");
    await changeOwnPassword(db, { ...user, ip: clientIp(await headers()) }, parsed.data);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "UNAUTHENTICATED") redirect("/admin/login");
    const field = error.field as keyof NonNullable<PasswordFormState["fieldErrors"]> | undefined;
    return { status: "error", message: error.message, fieldErrors: field ? { [field]: error.message } : undefined, at: Date.now() };
  }
  if (formData.get("after") === "dashboard") redirect("/admin");
  return { status: "ok", message: t.done, at: Date.now() };
}
