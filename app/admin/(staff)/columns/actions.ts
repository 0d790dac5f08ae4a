"use server";

import { revalidatePath } from "next/cache";
import { createColumn, deleteColumn, moveColumnArticles, reorderColumn, updateColumn } from "@/lib/columns/commands";
import { columnsText } from "@/lib/columns/messages";
import { columnIdSchema, createColumnSchema, moveArticlesSchema, reorderColumnSchema, updateColumnSchema } from "@/lib/columns/schemas";
import { db } from "@/lib/db";
import { formValues, invalidState, okState, refusedState } from "@/lib/forms/action-state";
import type { FormState } from "@/lib/forms/form-state";
import { authorize } from "@/lib/permissions";
import { afterCommitted, outboxText } from "@/lib/public/outbox";

// Thin wrappers: parse → authorize → lib/columns command (transaction + audit) → refresh.
// Every export here must appear in GUARDED_ACTIONS (lib/permissions.ts).

const t = columnsText.toasts;

/** After a committed change: the command wrote its outbox row; run it now and say if it is still pending. */
async function refresh(message: string): Promise<string> {
  revalidatePath("/admin/columns", "layout");
  // Column names, order and visibility appear in every public page's navigation and breadcrumbs.
  const { pending } = await afterCommitted(db);
  return pending ? `${message} ${outboxText.pendingNotice}` : message;
}

export async function createColumnAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = createColumnSchema.safeParse(formValues(formData));
  if (!parsed.success) return invalidState(parsed.error);
  try {
    const actor = await authorize("column.manage");
    const { id } = await createColumn(db, actor, parsed.data);
    return okState(await refresh(t.created), id);
  } catch (error) {
    return refusedState(error);
  }
}

export async function updateColumnAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = updateColumnSchema.safeParse(formValues(formData));
  if (!parsed.success) return invalidState(parsed.error);
  try {
    const actor = await authorize("column.manage");
    await updateColumn(db, actor, parsed.data);
    return okState(await refresh(t.updated), parsed.data.columnId);
  } catch (error) {
    return refusedState(error);
  }
}

export async function reorderColumnAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = reorderColumnSchema.safeParse(formValues(formData));
  if (!parsed.success) return invalidState(parsed.error);
  try {
    const actor = await authorize("column.manage");
    await reorderColumn(db, actor, parsed.data.columnId, parsed.data.direction);
    return okState(await refresh(t.moved));
  } catch (error) {
    return refusedState(error);
  }
}

export async function deleteColumnAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = columnIdSchema.safeParse(formValues(formData));
  if (!parsed.success) return invalidState(parsed.error);
  try {
    const actor = await authorize("column.manage");
    await deleteColumn(db, actor, parsed.data.columnId);
    return okState(await refresh(t.deleted));
  } catch (error) {
    return refusedState(error);
  }
}

export async function moveColumnArticlesAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = moveArticlesSchema.safeParse(formValues(formData));
  if (!parsed.success) return invalidState(parsed.error);
  try {
    const actor = await authorize("column.manage");
    const { moved } = await moveColumnArticles(db, actor, parsed.data);
    return okState(await refresh(t.articlesMoved(moved.length)));
  } catch (error) {
    return refusedState(error);
  }
}
