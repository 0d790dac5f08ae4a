"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { invalidState, okState, refusedState } from "@/lib/forms/action-state";
import type { FormState } from "@/lib/forms/form-state";
import { setHomeSlots } from "@/lib/home/commands";
import { homeText } from "@/lib/home/messages";
import { homeFormValues, homeSlotsSchema } from "@/lib/home/schemas";
import { authorize } from "@/lib/permissions";
import { afterCommitted, outboxText } from "@/lib/public/outbox";

// parse → authorize → lib/home command (transaction + audit + outbox row) → its effects run now; if
// they cannot, the save is still a success and says the public copy is catching up.
export async function updateHomeSlotsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = homeSlotsSchema.safeParse(homeFormValues(formData));
  if (!parsed.success) return invalidState(parsed.error);
  try {
    const actor = await authorize("homeSlots.manage");
    await setHomeSlots(db, actor, parsed.data);
    revalidatePath("/admin/home");
    const { pending } = await afterCommitted(db);
    return okState(pending ? `${homeText.toasts.saved} ${outboxText.pendingNotice}` : homeText.toasts.saved);
  } catch (error) {
    return refusedState(error);
  }
}
