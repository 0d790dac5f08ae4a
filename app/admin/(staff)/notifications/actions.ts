"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { markNotificationsRead } from "@/lib/notifications/commands";
import { authorize } from "@/lib/permissions";
import type { WorkflowFormState } from "@/lib/workflow/form-state";
import { workflowUi } from "@/lib/workflow/messages";

/** Marks every notification of the signed-in user read (only their own: the command filters by user). */
export async function markAllReadAction(): Promise<WorkflowFormState> {
  try {
    const user = await authorize("notification.read");
    await markNotificationsRead(db, user.id, "all");
    revalidatePath("/admin", "layout");
    return { status: "ok", message: workflowUi.notifications.markedRead, at: Date.now() };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { status: "error", code: error.code, message: error.message, at: Date.now() };
  }
}
