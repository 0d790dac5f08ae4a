"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { invalidState, okState, refusedState } from "@/lib/forms/action-state";
import type { FormState } from "@/lib/forms/form-state";
import { setHomeSlots } from "@/lib/home/commands";
import { homeText } from "@/lib/home/messages";
import { homeFormValues, homeSlotsSchema } from "@/lib/home/schemas";
import { authorize } from "@/lib/permissions";
import { afterPublicationChange } from "@/lib/public/publication-events";

// parse → authorize → lib/home command (transaction + audit) → the home page and the pages that list
// the affected articles are refreshed (the home tag is always among afterPublicationChange's tags).
export async function updateHomeSlotsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = homeSlotsSchema.safeParse(homeFormValues(formData));
  if (!parsed.success) return invalidState(parsed.error);
  try {
    const actor = await authorize("homeSlots.manage");
    const { affected } = await setHomeSlots(db, actor, parsed.data);
    revalidatePath("/admin/home");
    await afterPublicationChange(affected);
    return okState(homeText.toasts.saved);
  } catch (error) {
    return refusedState(error);
  }
}
