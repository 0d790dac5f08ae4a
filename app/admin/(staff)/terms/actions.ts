"use server";

import { revalidatePath } from "next/cache";
import { startQueuedTermSweep } from "@/lib/checks/sweep-poller";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formValues, invalidState, okState, refusedState } from "@/lib/forms/action-state";
import type { FormState } from "@/lib/forms/form-state";
import { authorize } from "@/lib/permissions";
import { createTerm, deleteTerm, importTerms, planTermImport, updateLeaders, updateTerm } from "@/lib/terms/commands";
import { parseLeaders } from "@/lib/terms/leaders-format";
import { termsText } from "@/lib/terms/messages";
import { importTextSchema, termFormSchema, termIdSchema } from "@/lib/terms/schemas";
import type { RejectedLine } from "@/lib/terms/text-format";

// Thin wrappers: parse → authorize → lib/terms command (transaction + audit) → revalidate.
// Every export here must appear in GUARDED_ACTIONS (lib/permissions.ts).

const t = termsText.toasts;

function refreshTermPages() {
  revalidatePath("/admin/terms", "layout");
  // Each list change queued a sweep of the live articles in its transaction; start it now.
  startQueuedTermSweep();
}

export async function createTermAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = termFormSchema.safeParse(formValues(formData));
  if (!parsed.success) return invalidState(parsed.error);
  try {
    const actor = await authorize("terms.manage");
    const { id } = await createTerm(db, actor, parsed.data);
    refreshTermPages();
    return okState(t.created, id);
  } catch (error) {
    return refusedState(error);
  }
}

export async function updateTermAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const id = termIdSchema.safeParse(values);
  if (!id.success) return invalidState(id.error);
  const parsed = termFormSchema.safeParse(values);
  if (!parsed.success) return invalidState(parsed.error);
  try {
    const actor = await authorize("terms.manage");
    await updateTerm(db, actor, id.data.id, parsed.data);
    refreshTermPages();
    return okState(t.updated, id.data.id);
  } catch (error) {
    return refusedState(error);
  }
}

export async function deleteTermAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const id = termIdSchema.safeParse(formValues(formData));
  if (!id.success) return invalidState(id.error);
  try {
    const actor = await authorize("terms.manage");
    await deleteTerm(db, actor, id.data.id);
    refreshTermPages();
    return okState(t.deleted);
  } catch (error) {
    return refusedState(error);
  }
}

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

/** Parses an import file and says what importing it would do; writes nothing. */
export async function previewTermImportAction(text: string): Promise<ImportPreview> {
  const parsed = importTextSchema.safeParse(text);
  if (!parsed.success) return { status: "error", message: parsed.error.issues[0]?.message, ...emptyPreview };
  try {
    await authorize("terms.manage");
    const plan = await planTermImport(db, parsed.data);
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
  } catch (error) {
    return refusedPreview(error);
  }
}

export async function importTermsAction(text: string): Promise<ImportPreview> {
  const parsed = importTextSchema.safeParse(text);
  if (!parsed.success) return { status: "error", message: parsed.error.issues[0]?.message, ...emptyPreview };
  try {
    const actor = await authorize("terms.manage");
    const plan = await importTerms(db, actor, parsed.data);
    refreshTermPages();
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
  } catch (error) {
    return refusedPreview(error);
  }
}

export async function updateLeadersAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const text = formData.get("leaders");
  const { leaders, errors } = parseLeaders(typeof text === "string" ? text : "");
  if (errors.length > 0) {
    return { status: "error", code: "VALIDATION", message: errors.join(";"), fieldErrors: { leaders: errors.join(";") }, at: Date.now() };
  }
  try {
    const actor = await authorize("terms.manage");
    await updateLeaders(db, actor, leaders);
    refreshTermPages();
    return okState(t.leadersSaved);
  } catch (error) {
    return refusedState(error);
  }
}
