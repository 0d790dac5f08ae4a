"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/guarded";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formValues, okState } from "@/lib/forms/action-state";
import { saveMedia } from "@/lib/media/save";
import { mediaStorage } from "@/lib/media/storage";
import { afterCommitted, outboxText } from "@/lib/public/publish/outbox";
import { updateSiteSettings } from "@/lib/settings/commands";
import { settingsText } from "@/lib/settings/messages";
import { siteSettingsSchema } from "@/lib/settings/schemas";

/** Server actions accept bodies up to 1 MB (Next's default); the rest of the form needs a little. */
const LOGO_MAX_BYTES = 900 * 1024;

// A guardedAction: parse → authorize → optional logo upload (content-addressed, harmless if the save is
// refused) → lib/settings command (transaction + audit with old and new values) → every public page refreshed.
export const updateSettingsAction = guardedAction({
  action: "settings.manage",
  schema: siteSettingsSchema,
  input: (formData) => {
    const values = formValues(formData);
    if (values.logoRemove === "on") values.logoMediaId = "";
    return values;
  },
  run: async (input, actor, formData) => {
    const settings = { ...input };
    const logo = formData.get("logoFile");
    if (logo instanceof File && logo.size > 0) {
      if (logo.size > LOGO_MAX_BYTES)
        throw new AppError("VALIDATION", settingsText.validation.logoTooLarge, "logoFile");
      const media = await saveMedia(db, mediaStorage(), Buffer.from(await logo.arrayBuffer()), {
        originalName: logo.name || "logo",
        alt: settingsText.validation.logoAlt(settings.siteName),
        uploaderId: actor.id,
      });
      settings.logoMediaId = media.id;
    }
    await updateSiteSettings(db, actor, settings);
    revalidatePath("/admin/settings");
    // Committed with its outbox row: a static copy that cannot be written now is retried, not an error.
    const { pending } = await afterCommitted(db);
    return okState(pending ? `${settingsText.toasts.saved} ${outboxText.pendingNotice}` : settingsText.toasts.saved);
  },
});
