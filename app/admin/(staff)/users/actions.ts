"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { authorize } from "@/lib/permissions";
import { invalidState, refusedState } from "@/lib/users/action-state";
import { createUser, disableUser, enableUser, resetPassword, unlockUser, updateUser } from "@/lib/users/commands";
import type { UserFormState } from "@/lib/users/form-state";
import { usersText } from "@/lib/users/messages";
import { createUserSchema, updateUserSchema, userFormValues, userIdSchema } from "@/lib/users/schemas";

// Thin wrappers: parse → authorize → lib/users command (transaction + audit) → revalidate.
// Every export here must appear in GUARDED_ACTIONS (lib/permissions.ts); the matrix test checks it.

const t = usersText.toasts;

function refreshUserPages() {
  revalidatePath("/admin/users", "layout");
}

export async function createUserAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  const values = userFormValues(formData);
  const parsed = createUserSchema.safeParse(values);
  if (!parsed.success) return invalidState(parsed.error, values);
  try {
    const actor = await authorize("user.create");
    const issued = await createUser(db, actor, parsed.data);
    refreshUserPages();
    return { status: "ok", message: t.created, ...issued, at: Date.now() };
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

type UserCommand = (actorId: { id: string }, userId: string) => Promise<{ password?: string } | void>;

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
    return { status: "ok", message, userId: parsed.data.userId, password: result?.password, at: Date.now() };
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
  return runOnUser(formData, "user.resetPassword", (actor, userId) => resetPassword(db, actor, userId), t.reset);
}
