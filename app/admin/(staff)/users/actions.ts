"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/guarded";
import { db } from "@/lib/db";
import { invalidState, refusedState } from "@/lib/users/action-state";
import { approvalsText } from "@/lib/approvals/messages";
import {
  createUser,
  disableUser,
  enableUser,
  resetPassword,
  resetTotp,
  unlockUser,
  updateUser,
  updateUserRoles,
} from "@/lib/users/commands";
import type { UserFormState } from "@/lib/users/form-state";
import { usersText } from "@/lib/users/messages";
import {
  createUserSchema,
  updateUserRolesSchema,
  updateUserSchema,
  userFormValues,
  userIdSchema,
} from "@/lib/users/schemas";

// Each export is a guardedAction: parse → authorize → lib/users command (transaction + audit) →
// revalidate. The forms keep what was typed on every refusal.

const t = usersText.toasts;

function refreshUserPages() {
  revalidatePath("/admin/users", "layout");
  revalidatePath("/admin/approvals");
}

/** The account forms: the values typed go back with every answer. */
const withValues = {
  input: userFormValues,
  invalid: (error: Parameters<typeof invalidState>[0], formData: FormData) =>
    invalidState(error, userFormValues(formData)),
  refused: (error: unknown, formData: FormData) => refusedState(error, userFormValues(formData)),
  refresh: refreshUserPages,
};

export const createUserAction = guardedAction({
  action: "user.create",
  schema: createUserSchema,
  ...withValues,
  run: async (input, actor): Promise<UserFormState> => {
    const outcome = await createUser(db, actor, input);
    // An auditor account waits for a 安全管理员: nothing to show yet, and no password for its requester.
    if (!("done" in outcome)) return { status: "ok", message: approvalsText.toasts.requested, at: Date.now() };
    return { status: "ok", message: t.created, ...outcome.done, at: Date.now() };
  },
});

export const updateUserAction = guardedAction({
  action: "user.update",
  schema: updateUserSchema,
  ...withValues,
  run: async (input, actor, formData): Promise<UserFormState> => {
    await updateUser(db, actor, input);
    return { status: "ok", message: t.updated, values: userFormValues(formData), at: Date.now() };
  },
});

export const updateUserRolesAction = guardedAction({
  action: "user.grantRoles",
  schema: updateUserRolesSchema,
  ...withValues,
  run: async (input, actor, formData): Promise<UserFormState> => {
    const outcome = await updateUserRoles(db, actor, input);
    return {
      status: "ok",
      message: "done" in outcome ? t.rolesUpdated : approvalsText.toasts.requested,
      values: userFormValues(formData),
      at: Date.now(),
    };
  },
});

type UserCommand = (actorId: { id: string }, userId: string) => Promise<{ password?: string; message?: string } | void>;

/** The one-button actions on an account (停用, 启用, 解锁, 重置密码): only the user id is sent. */
function onUser(
  action: "user.disable" | "user.enable" | "user.unlock" | "user.resetPassword" | "user.resetTotp",
  command: UserCommand,
  message: string,
) {
  return guardedAction({
    action,
    schema: userIdSchema,
    input: (formData) => ({ userId: formData.get("userId") }),
    invalid: (error) => invalidState(error, undefined),
    refused: (error) => refusedState(error, undefined),
    refresh: refreshUserPages,
    run: async (input, actor): Promise<UserFormState> => {
      const result = await command(actor, input.userId);
      return {
        status: "ok",
        message: result?.message ?? message,
        userId: input.userId,
        password: result?.password,
        at: Date.now(),
      };
    },
  });
}

export const disableUserAction = onUser("user.disable", (actor, userId) => disableUser(db, actor, userId), t.disabled);

export const enableUserAction = onUser("user.enable", (actor, userId) => enableUser(db, actor, userId), t.enabled);

export const unlockUserAction = onUser("user.unlock", (actor, userId) => unlockUser(db, actor, userId), t.unlocked);

export const resetPasswordAction = onUser(
  "user.resetPassword",
  async (actor, userId) => {
    const outcome = await resetPassword(db, actor, userId);
    // An administrator's password waits for a 系统管理员's approval; the password then goes to them.
    return "done" in outcome ? { password: outcome.done.password } : { message: approvalsText.toasts.requested };
  },
  t.reset,
);

export const resetTotpAction = onUser(
  "user.resetTotp",
  async (actor, userId) => {
    const outcome = await resetTotp(db, actor, userId);
    // An administrator's or a 终审's factor waits for a 系统管理员's approval.
    return "done" in outcome ? undefined : { message: approvalsText.toasts.requested };
  },
  t.totpReset,
);
