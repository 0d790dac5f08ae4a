"use server";

import { appendAuditEvent } from "@/lib/audit/append";
import { auditText } from "@/lib/audit/messages";
import { verifyAuditChainAnchored } from "@/lib/audit/anchor";
import { db } from "@/lib/db";
import type { FormState } from "@/lib/forms/form-state";
import { guardedAction } from "@/lib/actions/guarded";

/**
 * Walks the whole chain against the anchor kept outside the database (and moves the anchor on
 * success); the answer (and who asked) is itself recorded on the chain.
 */
export const verifyAuditChainAction = guardedAction({
  action: "audit.verify",
  run: async (_input, actor): Promise<FormState> => {
    const { result } = await verifyAuditChainAnchored(db);
    const message = result.ok
      ? auditText.verifyOk(result.count)
      : auditText.verifyFailed(
          result.id === null ? null : String(result.id),
          result.afterId === null ? null : String(result.afterId),
          auditText.reasons[result.reason],
          result.checked,
        );
    await db.$transaction((tx) =>
      appendAuditEvent(tx, {
        actorId: actor.id,
        action: "audit.verify",
        target: "audit",
        data: result.ok
          ? { ok: true, count: result.count, lastId: String(result.lastId ?? "") }
          : {
              ok: false,
              id: String(result.id ?? ""),
              afterId: String(result.afterId ?? ""),
              reason: result.reason,
              checked: result.checked,
            },
      }),
    );
    return { status: result.ok ? "ok" : "error", code: result.ok ? undefined : "CONFLICT", message, at: Date.now() };
  },
});
