"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/guarded";
import { requestTermSweep } from "@/lib/checks/sweep";
import { sweepText } from "@/lib/checks/messages";
import { startQueuedTermSweep } from "@/lib/checks/sweep-poller";
import { db } from "@/lib/db";
import { okState } from "@/lib/forms/action-state";

/** 立即复查: queues a sweep of every live article (one queued at most, audited) and starts it after the commit. */
export const requestTermSweepAction = guardedAction({
  action: "terms.sweep.run",
  run: async (_input, actor) => {
    await requestTermSweep(db, actor);
    return okState(sweepText.queued);
  },
  refresh: () => {
    startQueuedTermSweep();
    revalidatePath("/admin/terms/sweep");
  },
});
