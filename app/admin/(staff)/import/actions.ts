"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { invalidState, okState, refusedState } from "@/lib/forms/action-state";
import type { FormState } from "@/lib/forms/form-state";
import { approveImportBatch, batchTargetColumns, rejectImportBatch } from "@/lib/import/commands";
import { importText } from "@/lib/import/messages";
import { decisionSchema } from "@/lib/import/schemas";
import { authorize } from "@/lib/permissions";

// Thin wrappers: parse → authorize (a 终审 of the batch's columns; the command checks every one of
// them again inside its transaction) → lib/import command (transaction + audit) → refresh.

async function decide(formData: FormData, command: typeof approveImportBatch, message: string): Promise<FormState> {
  const parsed = decisionSchema.safeParse({ batchId: formData.get("batchId"), comment: formData.get("comment") ?? "" });
  if (!parsed.success) return invalidState(parsed.error);
  try {
    const columns = await batchTargetColumns(db, parsed.data.batchId);
    if (columns.length === 0) throw new AppError("CONFLICT", importText.errors.nothingToApprove);
    const actor = await authorize("import.approve", { columnId: columns[0].id });
    await command(db, actor, parsed.data);
    revalidatePath("/admin/import");
    revalidatePath(`/admin/import/${parsed.data.batchId}`);
    return okState(message);
  } catch (error) {
    return refusedState(error);
  }
}

/** 批准并发布整批: the runner publishes it within seconds. */
export async function approveImportAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return decide(formData, approveImportBatch, importText.ui.approved);
}

/** 驳回: nothing of the batch goes live. */
export async function rejectImportAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return decide(formData, rejectImportBatch, importText.ui.rejected);
}
