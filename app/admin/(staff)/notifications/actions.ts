"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/guarded";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { markNotificationsRead } from "@/lib/notifications/commands";
import type { WorkflowFormState } from "@/lib/workflow/form-state";
import { workflowUi } from "@/lib/workflow/messages";

/** Marks every notification of the signed-in user read (only their own: the command filters by user). */
export const markAllReadAction = guardedAction({
  action: "notification.read",
  run: async (_input, user): Promise<WorkflowFormState> => {
    await markNotificationsRead(db, user.id, "all");
    revalidatePath("/admin", "layout");
    return { status: "ok", message: workflowUi.notifications.markedRead, at: Date.now() };
  },
  refused: (error): WorkflowFormState => {
    if (!(error instanceof AppError)) throw error;
    return { status: "error", code: error.code, message: error.message, at: Date.now() };
  },
});
