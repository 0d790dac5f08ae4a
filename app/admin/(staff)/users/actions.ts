"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { authorize } from "@/lib/permissions";
import { invalidState, refusedState } from "@/lib/users/action-state";
import { approvalsText } from "@/lib/approvals/messages";
import { createUser, disableUser, enableUser, resetPassword, unlockUser, updateUser, updateUserRoles } from "@/lib/users/commands";
import type { UserFormState } from "@/lib/users/form-state";
import { usersText } from "@/lib/users/messages";
import { createUserSchema, updateUserRolesSchema, updateUserSchema, userFormValues, userIdSchema } from "@/lib/users/schemas";

// Thin wrappers: parse → authorize → lib/users command (transaction + audit) → revalidate.
// Every export here must appear in GUARDED_ACTIONS (lib/permissions.ts); the matrix test checks it.

const t = usersText.toasts;

function refreshUserPages() {
  revalidatePath("/admin/users", "layout");
  revalidatePath("/admin/approvals");
}

export async function createUserAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  const values = userFormValues(formData);
  const parsed = createUserSchema.safeParse(values);
  if (!parsed.success) return invalidState(parsed.error, values);
  try {
    const actor = await authorize("user.create");
    const outcome = await createUser(db, actor, parsed.data);
    refreshUserPages();
    // An auditor account waits for a 安全管理员: nothing to show yet, and no password for its requester.
    if (!("done" in outcome)) return { status: "ok", message: approvalsText.toasts.requested, at: Date.now() };
    return { status: "ok", message: t.created, ...outcome.done, at: Date.now() };
  } catch (error) {
    return refusedState(error, values);
  }
}

export async function updateUserAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  const values = userFormValues(formData);
  const parsed = updateUserSchema.safeParse(values);
  if (!parsed.success) return invalidState(parsed.error, values);
  try {
    const actor = await authorize("user.update");
    await updateUser(db, actor, parsed.data);
    refreshUserPages();
    return { status: "ok", message: t.updated, values, at: Date.now() };
  } catch (error) {
    return refusedState(error, values);
  }
}

export async function updateUserRolesAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  const values = userFormValues(formData);
  const parsed = updateUserRolesSchema.safeParse(values);
  if (!parsed.success) return invalidState(parsed.error, values);
  try {
    const actor = await authorize("user.grantRoles");
    const outcome = await updateUserRoles(db, actor, parsed.data);
    refreshUserPages();
    return { status: "ok", message: "done" in outcome ? t.rolesUpdated : approvalsText.toasts.requested, values, at: Date.now() };
  } catch (error) {
    return refusedState(error, values);
  }
}

type UserCommand = (actorId: { id: string }, userId: string) => Promise<{ password?: string; message?: string } | void>;

async function runOnUser(
  formData: FormData,
  action: "user.disable" | "user.enable" | "user.unlock" | "user.resetPassword",
  command: UserCommand,
  message: string,
): Promise<UserFormState> {
  const parsed = userIdSchema.safeParse({ userId: formData.get("userId") });
  if (!parsed.success) return invalidState(parsed.error, undefined);
  try {
    const actor = await authorize(action);
    const result = await command(actor, parsed.data.userId);
    refreshUserPages();
    return { status: "ok", message: result?.message ?? message, userId: parsed.data.userId, password: result?.password, at: Date.now() };
  } catch (error) {
    return refusedState(error, undefined);
  }
}

export async function disableUserAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  return runOnUser(formData, "user.disable", (actor, userId) => disableUser(db, actor, userId), t.disabled);
}

export async function enableUserAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  return runOnUser(formData, "user.enable", (actor, userId) => enableUser(db, actor, userId), t.enabled);
}

export async function unlockUserAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  return runOnUser(formData, "user.unlock", (actor, userId) => unlockUser(db, actor, userId), t.unlocked);
}

export async function resetPasswordAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  return runOnUser(
    formData,
    "user.resetPassword",
    async (actor, userId) => {
      const outcome = await resetPassword(db, actor, userId);
      // An administrator's password waits for a 系统管理员's approval; the password then goes to them.
      return "done" in outcome ? { password: outcome.done.password } : { message: approvalsText.toasts.requested };
    },
    t.reset,
  );
}
