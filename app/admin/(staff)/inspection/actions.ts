"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { formValues, invalidState, okState, refusedState } from "@/lib/forms/action-state";
import type { FormState } from "@/lib/forms/form-state";
import { inspectionText } from "@/lib/inspection/messages";
import { requestInspection, updateInspectionSettings } from "@/lib/inspection/schedule";
import { inspectionSettingsSchema } from "@/lib/inspection/settings";
import { authorize } from "@/lib/permissions";

// Thin wrappers: parse → authorize → lib/inspection command (transaction + audit) → refresh.

/** 立即体检: queues the run; the poller of one instance starts it within seconds. */
export async function runInspectionAction(): Promise<FormState> {
  try {
    const actor = await authorize("inspection.run");
    await requestInspection(db, actor);
    revalidatePath("/admin/inspection");
    return okState(inspectionText.ui.queued);
  } catch (error) {
    return refusedState(error);
  }
}

export async function updateInspectionSettingsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const parsed = inspectionSettingsSchema.safeParse({ externalLinks: values.externalLinks ?? "", weekly: values.weekly ?? "" });
  if (!parsed.success) return invalidState(parsed.error);
  try {
    const actor = await authorize("inspection.configure");
    await updateInspectionSettings(db, actor, parsed.data);
    revalidatePath("/admin/inspection");
    return okState(inspectionText.ui.settingsSaved);
  } catch (error) {
    return refusedState(error);
  }
}
