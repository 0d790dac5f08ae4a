"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { okState, refusedState } from "@/lib/forms/action-state";
import type { FormState } from "@/lib/forms/form-state";
import { authorize } from "@/lib/permissions";
import { afterSearchSettingsChange } from "@/lib/public/publication-events";
import { replaceSynonymGroups } from "@/lib/synonyms/commands";
import { parseSynonymText, synonymsText } from "@/lib/synonyms/schemas";

// Parse → authorize (系统管理员) → lib/synonyms command (transaction + audit) → evict cached searches.
// Every export here must appear in GUARDED_ACTIONS (lib/permissions.ts).

export async function updateSynonymsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const text = formData.get("synonyms");
  const { groups, errors } = parseSynonymText(typeof text === "string" ? text : "");
  if (errors.length > 0) {
    return { status: "error", code: "VALIDATION", message: errors.join("；"), fieldErrors: { synonyms: errors.join("；") }, at: Date.now() };
  }
  try {
    const actor = await authorize("settings.manage");
    await replaceSynonymGroups(db, actor, groups);
    await afterSearchSettingsChange();
    revalidatePath("/admin/terms/synonyms");
    return okState(synonymsText.saved);
  } catch (error) {
    return refusedState(error);
  }
}
