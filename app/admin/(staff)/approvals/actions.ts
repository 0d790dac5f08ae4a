"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { decideRequest, type Decision } from "@/lib/approvals/commands";
import { approvalsText } from "@/lib/approvals/messages";
import { db } from "@/lib/db";
import { authorize } from "@/lib/permissions";
import { invalidState, refusedState } from "@/lib/users/action-state";
import type { UserFormState } from "@/lib/users/form-state";
import { usersText } from "@/lib/users/messages";

// parse → authorize → lib/approvals command (claims the request, checks who decides, applies, audits).
// Every export here must appear in GUARDED_ACTIONS (lib/permissions.ts); the matrix test checks it.

const requestIdSchema = z.object({ requestId: z.guid({ error: usersText.validation.invalidRequest }) });

async function decide(formData: FormData, decision: Decision): Promise<UserFormState> {
  const parsed = requestIdSchema.safeParse({ requestId: formData.get("requestId") });
  if (!parsed.success) return invalidState(parsed.error, undefined);
  try {
    const actor = await authorize("approval.decide");
    const result = await decideRequest(db, actor, parsed.data.requestId, decision);
    // With a one-time password to show, the page is not refreshed here: the decided row would leave the
    // pending list and take the dialog with it. The dialog refreshes the page when it is closed.
    if (!result.issued) {
      revalidatePath("/admin/approvals");
      revalidatePath("/admin/users", "layout");
    }
    const message = decision === "approve" ? approvalsText.toasts.approved : approvalsText.toasts.rejected;
    // The one-time password of an approved auditor account or reset goes to the approver only.
    return { status: "ok", message, ...result.issued, at: Date.now() };
  } catch (error) {
    return refusedState(error, undefined);
  }
}

export async function approveRequestAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  return decide(formData, "approve");
}

export async function rejectRequestAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  return decide(formData, "reject");
}
