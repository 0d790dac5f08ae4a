"use server";

import { revalidatePath } from "next/cache";
import { guardedAction, guardedCall } from "@/lib/actions/guarded";
import { startQueuedTermSweep } from "@/lib/checks/sweep-poller";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { okState } from "@/lib/forms/action-state";
import { lineListInvalid, lineListSchema } from "@/lib/forms/line-list";
import { createTerm, deleteTerm, importTerms, planTermImport, updateLeaders, updateTerm } from "@/lib/terms/commands";
import { parseLeaders } from "@/lib/terms/leaders-format";
import { termsText } from "@/lib/terms/messages";
import { importTextSchema, termFormSchema, termIdSchema } from "@/lib/terms/schemas";
import type { RejectedLine } from "@/lib/terms/text-format";

// Each export is a guardedAction / guardedCall: parse → authorize → lib/terms command (transaction +
// audit) → revalidate.

const t = termsText.toasts;

function refreshTermPages() {
  revalidatePath("/admin/terms", "layout");
  // Each list change queued a sweep of the live articles in its transaction; start it now.
  startQueuedTermSweep();
}

export const createTermAction = guardedAction({
  action: "terms.manage",
  schema: termFormSchema,
  refresh: refreshTermPages,
  run: async (input, actor) => {
    const { id } = await createTerm(db, actor, input);
    return okState(t.created, id);
  },
});

/** The id first (a bad one is all a tampered form is told), then the fields. */
const updateTermParser = {
  safeParse: (values: unknown) => {
    const id = termIdSchema.safeParse(values);
    if (!id.success) return id;
    const fields = termFormSchema.safeParse(values);
    return fields.success ? { success: true as const, data: { id: id.data.id, fields: fields.data } } : fields;
  },
};

export const updateTermAction = guardedAction({
  action: "terms.manage",
  schema: updateTermParser,
  refresh: refreshTermPages,
  run: async ({ id, fields }, actor) => {
    await updateTerm(db, actor, id, fields);
    return okState(t.updated, id);
  },
});

export const deleteTermAction = guardedAction({
  action: "terms.manage",
  schema: termIdSchema,
  refresh: refreshTermPages,
  run: async (input, actor) => {
    await deleteTerm(db, actor, input.id);
    return okState(t.deleted);
  },
});

export interface ImportPreview {
  status: "ok" | "error";
  message?: string;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: RejectedLine[];
  /** The first new or changed terms, to show what will happen. */
  sample: { change: "created" | "updated"; term: string; level: string; suggestion: string; category: string }[];
}

const emptyPreview = { total: 0, created: 0, updated: 0, unchanged: 0, rejected: [], sample: [] };

function refusedPreview(error: unknown): ImportPreview {
  if (!(error instanceof AppError)) throw error;
  return { status: "error", message: error.message, ...emptyPreview };
}

const importCall = {
  schema: importTextSchema,
  invalid: (error: { issues: { message: string }[] }): ImportPreview => ({
    status: "error",
    message: error.issues[0]?.message,
    ...emptyPreview,
  }),
  refused: refusedPreview,
};

/** Parses an import file and says what importing it would do; writes nothing. */
export const previewTermImportAction = guardedCall({
  action: "terms.manage",
  ...importCall,
  run: async (text): Promise<ImportPreview> => {
    const plan = await planTermImport(db, text);
    const sample = [
      ...plan.created.map((term) => ({ change: "created" as const, ...term })),
      ...plan.updated.map(({ after }) => ({ change: "updated" as const, ...after })),
    ]
      .slice(0, 100)
      .map(({ change, term, level, suggestion, category }) => ({ change, term, level, suggestion, category }));
    return {
      status: "ok",
      total: plan.total,
      created: plan.created.length,
      updated: plan.updated.length,
      unchanged: plan.unchanged,
      rejected: plan.rejected.slice(0, 500),
      sample,
    };
  },
});

export const importTermsAction = guardedCall({
  action: "terms.manage",
  ...importCall,
  refresh: refreshTermPages,
  run: async (text, actor): Promise<ImportPreview> => {
    const plan = await importTerms(db, actor, text);
    return {
      status: "ok",
      message: t.imported(plan.created.length, plan.updated.length),
      total: plan.total,
      created: plan.created.length,
      updated: plan.updated.length,
      unchanged: plan.unchanged,
      rejected: plan.rejected.slice(0, 500),
      sample: [],
    };
  },
});

export const updateLeadersAction = guardedAction({
  action: "terms.manage",
  schema: lineListSchema((text) => {
    const { leaders, errors } = parseLeaders(text);
    return { entries: leaders, errors };
  }),
  input: (formData) => formData.get("leaders"),
  invalid: lineListInvalid("leaders", ";"),
  refresh: refreshTermPages,
  run: async (leaders, actor) => {
    await updateLeaders(db, actor, leaders);
    return okState(t.leadersSaved);
  },
});
