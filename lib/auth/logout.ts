import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { appendAuditEvent } from "@/lib/audit/append";
import { revokeSession } from "./session-store";

/** Ends the session row and audits the logout (once, even when the button is pressed twice). */
export async function logout(db: PrismaClient, user: { id: string; sessionId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    if (await revokeSession(tx, user.sessionId)) {
      await appendAuditEvent(tx, { actorId: user.id, action: "auth.logout", target: `user:${user.id}`, data: { sessionId: user.sessionId } });
    }
  });
}
