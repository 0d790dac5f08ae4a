"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/guarded";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { okState } from "@/lib/forms/action-state";
import { approveImportBatch, batchTargetColumns, rejectImportBatch } from "@/lib/import/commands";
import { importText } from "@/lib/import/messages";
import { decisionSchema } from "@/lib/import/schemas";

// The batch's first target column is what `authorize` is asked about (a 终审 of it); the command
// checks every target column again inside its transaction.

async function batchResource(input: { batchId: string }) {
  const columns = await batchTargetColumns(db, input.batchId);
  if (columns.length === 0) throw new AppError("CONFLICT", importText.errors.nothingToApprove);
  return { columnId: columns[0].id };
}

const decision = {
  action: "import.approve",
  schema: decisionSchema,
  input: (formData: FormData) => ({ batchId: formData.get("batchId"), comment: formData.get("comment") ?? "" }),
  resource: batchResource,
  refresh: (input: { batchId: string }) => {
    revalidatePath("/admin/import");
    revalidatePath(`/admin/import/${input.batchId}`);
  },
} as const;

/** 批准并发布整批: the runner publishes it within seconds. */
export const approveImportAction = guardedAction({
  ...decision,
  run: async (input, actor) => {
    await approveImportBatch(db, actor, input);
    return okState(importText.ui.approved);
  },
});

/** 驳回: nothing of the batch goes live. */
export const rejectImportAction = guardedAction({
  ...decision,
  run: async (input, actor) => {
    await rejectImportBatch(db, actor, input);
    return okState(importText.ui.rejected);
  },
});
