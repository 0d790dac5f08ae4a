"use server";

import { revalidatePath } from "next/cache";
import { requestTermSweep } from "@/lib/checks/sweep";
import { sweepText } from "@/lib/checks/messages";
import { startQueuedTermSweep } from "@/lib/checks/sweep-poller";
import { db } from "@/lib/db";
import { okState, refusedState } from "@/lib/forms/action-state";
import type { FormState } from "@/lib/forms/form-state";
import { authorize } from "@/lib/permissions";

// Thin wrapper: authorize → lib/checks/sweep (queue + audit) → start it → refresh.

/** 立即复查: queues a sweep of every live article (one queued at most) and starts it. */
export async function requestTermSweepAction(): Promise<FormState> {
  try {
    const actor = await authorize("terms.sweep.run");
    await requestTermSweep(db, actor);
    startQueuedTermSweep();
    revalidatePath("/admin/terms/sweep");
    return okState(sweepText.queued);
  } catch (error) {
    return refusedState(error);
  }
}
