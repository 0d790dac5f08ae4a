"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/guarded";
import { db } from "@/lib/db";
import { okState } from "@/lib/forms/action-state";
import { setHomeSlots } from "@/lib/home/commands";
import { homeText } from "@/lib/home/messages";
import { homeFormValues, homeSlotsSchema } from "@/lib/home/schemas";
import { afterCommitted, outboxText } from "@/lib/public/publish/outbox";

// A guardedAction: parse → authorize → lib/home command (transaction + audit + outbox row) → its effects
// run now; if they cannot, the save is still a success and says the public copy is catching up.
export const updateHomeSlotsAction = guardedAction({
  action: "homeSlots.manage",
  schema: homeSlotsSchema,
  input: homeFormValues,
  run: async (input, actor) => {
    await setHomeSlots(db, actor, input);
    revalidatePath("/admin/home");
    const { pending } = await afterCommitted(db);
    return okState(pending ? `${homeText.toasts.saved} ${outboxText.pendingNotice}` : homeText.toasts.saved);
  },
});
