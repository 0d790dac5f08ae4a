"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/guarded";
import { createColumn, deleteColumn, moveColumnArticles, reorderColumn, updateColumn } from "@/lib/columns/commands";
import { columnsText } from "@/lib/columns/messages";
import {
  columnIdSchema,
  createColumnSchema,
  moveArticlesSchema,
  reorderColumnSchema,
  updateColumnSchema,
} from "@/lib/columns/schemas";
import { db } from "@/lib/db";
import { okState } from "@/lib/forms/action-state";
import { afterCommitted, outboxText } from "@/lib/public/publish/outbox";

// Each export is a guardedAction: parse → authorize → lib/columns command (transaction + audit) → refresh.

const t = columnsText.toasts;

/** After a committed change: the command wrote its outbox row; run it now and say if it is still pending. */
async function refresh(message: string): Promise<string> {
  revalidatePath("/admin/columns", "layout");
  // Column names, order and visibility appear in every public page's navigation and breadcrumbs.
  const { pending } = await afterCommitted(db);
  return pending ? `${message} ${outboxText.pendingNotice}` : message;
}

export const createColumnAction = guardedAction({
  action: "column.manage",
  schema: createColumnSchema,
  run: async (input, actor) => {
    const { id } = await createColumn(db, actor, input);
    return okState(await refresh(t.created), id);
  },
});

export const updateColumnAction = guardedAction({
  action: "column.manage",
  schema: updateColumnSchema,
  run: async (input, actor) => {
    await updateColumn(db, actor, input);
    return okState(await refresh(t.updated), input.columnId);
  },
});

export const reorderColumnAction = guardedAction({
  action: "column.manage",
  schema: reorderColumnSchema,
  run: async (input, actor) => {
    await reorderColumn(db, actor, input.columnId, input.direction);
    return okState(await refresh(t.moved));
  },
});

export const deleteColumnAction = guardedAction({
  action: "column.manage",
  schema: columnIdSchema,
  run: async (input, actor) => {
    await deleteColumn(db, actor, input.columnId);
    return okState(await refresh(t.deleted));
  },
});

export const moveColumnArticlesAction = guardedAction({
  action: "column.manage",
  schema: moveArticlesSchema,
  run: async (input, actor) => {
    const { moved } = await moveColumnArticles(db, actor, input);
    return okState(await refresh(t.articlesMoved(moved.length)));
  },
});
