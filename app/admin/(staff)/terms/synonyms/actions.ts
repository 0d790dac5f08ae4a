"use server";

import { revalidatePath } from "next/cache";
import { guardedAction, type Parser } from "@/lib/actions/guarded";
import { db } from "@/lib/db";
import { okState } from "@/lib/forms/action-state";
import type { FormState } from "@/lib/forms/form-state";
import { afterSearchSettingsChange } from "@/lib/public/publish/publication-events";
import { replaceSynonymGroups } from "@/lib/synonyms/commands";
import { parseSynonymText, synonymsText } from "@/lib/synonyms/schemas";

// A guardedAction: parse → authorize (系统管理员) → lib/synonyms command (transaction + audit) → evict
// cached searches.

/** The text format's own parser: every bad line is reported, joined into one message. */
const synonymsParser: Parser<string[][], string[]> = {
  safeParse: (text) => {
    const { groups, errors } = parseSynonymText(typeof text === "string" ? text : "");
    return errors.length > 0 ? { success: false, error: errors } : { success: true, data: groups };
  },
};

export const updateSynonymsAction = guardedAction({
  action: "settings.manage",
  schema: synonymsParser,
  input: (formData) => formData.get("synonyms"),
  invalid: (errors): FormState => ({
    status: "error",
    code: "VALIDATION",
    message: errors.join("；"),
    fieldErrors: { synonyms: errors.join("；") },
    at: Date.now(),
  }),
  run: async (groups, actor) => {
    await replaceSynonymGroups(db, actor, groups);
    await afterSearchSettingsChange();
    revalidatePath("/admin/terms/synonyms");
    return okState(synonymsText.saved);
  },
});
