"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { decideRequest, type Decision } from "@/lib/approvals/commands";
import { approvalsText } from "@/lib/approvals/messages";
import { db } from "@/lib/db";
import { guardedAction } from "@/lib/actions/guarded";
import { invalidState, refusedState } from "@/lib/users/action-state";
import type { UserFormState } from "@/lib/users/form-state";
import { usersText } from "@/lib/users/messages";

// Each export is a guardedAction: parse → authorize → lib/approvals command (claims the request,
// checks who decides, applies, audits).

const requestIdSchema = z.object({ requestId: z.guid({ error: usersText.validation.invalidRequest }) });

function decide(decision: Decision) {
  return guardedAction({
    action: "approval.decide",
    schema: requestIdSchema,
    input: (formData) => ({ requestId: formData.get("requestId") }),
    invalid: (error) => invalidState(error, undefined),
    refused: (error) => refusedState(error, undefined),
    run: async (input, actor): Promise<UserFormState> => {
      const result = await decideRequest(db, actor, input.requestId, decision);
      // With a one-time password to show, the page is not refreshed here: the decided row would leave the
      // pending list and take the dialog with it. The dialog refreshes the page when it is closed.
      if (!result.issued) {
        revalidatePath("/admin/approvals");
        revalidatePath("/admin/users", "layout");
      }
      const message = decision === "approve" ? approvalsText.toasts.approved : approvalsText.toasts.rejected;
      // The one-time password of an approved auditor account or reset goes to the approver only.
      return { status: "ok", message, ...result.issued, at: Date.now() };
    },
  });
}

export const approveRequestAction = decide("approve");

export const rejectRequestAction = decide("reject");
