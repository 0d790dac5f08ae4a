"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/guarded";
import { db } from "@/lib/db";
import { formValues, okState } from "@/lib/forms/action-state";
import { inspectionText } from "@/lib/inspection/messages";
import { requestInspection, updateInspectionSettings } from "@/lib/inspection/schedule";
import { inspectionSettingsSchema } from "@/lib/inspection/settings";

// Each export is a guardedAction: parse → authorize → lib/inspection command (transaction + audit) → refresh.

const refresh = () => revalidatePath("/admin/inspection");

/** 立即体检: queues the run; the poller of one instance starts it within seconds. */
export const runInspectionAction = guardedAction({
  action: "inspection.run",
  refresh,
  run: async (_input, actor) => {
    await requestInspection(db, actor);
    return okState(inspectionText.ui.queued);
  },
});

export const updateInspectionSettingsAction = guardedAction({
  action: "inspection.configure",
  schema: inspectionSettingsSchema,
  input: (formData) => {
    const values = formValues(formData);
    return { externalLinks: values.externalLinks ?? "", weekly: values.weekly ?? "" };
  },
  refresh,
  run: async (input, actor) => {
    await updateInspectionSettings(db, actor, input);
    return okState(inspectionText.ui.settingsSaved);
  },
});
