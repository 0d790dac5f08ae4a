"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formValues, invalidState, okState, refusedState } from "@/lib/forms/action-state";
import type { FormState } from "@/lib/forms/form-state";
import { saveMedia } from "@/lib/media/save";
import { mediaStorage } from "@/lib/media/storage";
import { authorize } from "@/lib/permissions";
import { afterCommitted, outboxText } from "@/lib/public/outbox";
import { updateSiteSettings } from "@/lib/settings/commands";
import { settingsText } from "@/lib/settings/messages";
import { siteSettingsSchema } from "@/lib/settings/schemas";

/** Server actions accept bodies up to 1 MB (Next's default); the rest of the form needs a little. */
const LOGO_MAX_BYTES = 900 * 1024;

// parse → authorize → optional logo upload (content-addressed, harmless if the save is refused) →
// lib/settings command (transaction + audit with old and new values) → every public page refreshed.
export async function updateSettingsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  if (values.logoRemove === "on") values.logoMediaId = "";
  const parsed = siteSettingsSchema.safeParse(values);
  if (!parsed.success) return invalidState(parsed.error);
  try {
    const actor = await authorize("settings.manage");
    const settings = { ...parsed.data };
    const logo = formData.get("logoFile");
    if (logo instanceof File && logo.size > 0) {
      if (logo.size > LOGO_MAX_BYTES) throw new AppError("VALIDATION", settingsText.validation.logoTooLarge, "logoFile");
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
  } catch (error) {
    return refusedState(error);
  }
}
