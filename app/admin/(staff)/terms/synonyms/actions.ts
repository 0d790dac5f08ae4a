"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/guarded";
import { db } from "@/lib/db";
import { okState } from "@/lib/forms/action-state";
import { lineListInvalid, lineListSchema } from "@/lib/forms/line-list";
import { afterSearchSettingsChange } from "@/lib/public/publish/publication-events";
import { replaceSynonymGroups } from "@/lib/synonyms/commands";
import { parseSynonymText, synonymsText } from "@/lib/synonyms/schemas";

// A guardedAction: parse → authorize (系统管理员) → lib/synonyms command (transaction + audit) → evict
// cached searches.

export const updateSynonymsAction = guardedAction({
  action: "settings.manage",
  schema: lineListSchema((text) => {
    const { groups, errors } = parseSynonymText(text);
    return { entries: groups, errors };
  }),
  input: (formData) => formData.get("synonyms"),
  invalid: lineListInvalid("synonyms", "\uff1b"),
  run: async (groups, actor) => {
    await replaceSynonymGroups(db, actor, groups);
    await afterSearchSettingsChange();
    revalidatePath("/admin/terms/synonyms");
    return okState(synonymsText.saved);
  },
});
