import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { appendAuditEvent } from "@/lib/audit/append";
import { revokeSession } from "./session-store";

/** Ends the session row and audits the logout (once, even when the button is pressed twice). */
export async function logout(db: PrismaClient, user: { id: string; sessionId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    if (await revokeSession(tx, user.sessionId)) {
      await appendAuditEvent(tx, {
        actorId: user.id,
        action: "auth.logout",
        target: `user:${user.id}`,
        data: { sessionId: user.sessionId },
      });
    }
  });
}

/**
 * Ends the session of this request, if any (next-auth's own sign-out endpoint calls this before it
 * clears the cookie). Loaded on call: the session helpers read next/headers.
 */
export async function endCurrentSession(): Promise<void> {
  const [{ getCurrentUser }, { db }] = await Promise.all([import("./session"), import("@/lib/db")]);
  const user = await getCurrentUser();
  if (user) await logout(db, user);
}
