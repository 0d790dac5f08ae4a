import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { NotificationKind } from "./kinds";
import type { Tx } from "@/lib/db";

export interface NotificationInput {
  kind: NotificationKind;
  title: string;
  link: string;
}

/** Writes one notification per recipient inside the caller's transaction (sent exactly when the change commits). */
export async function notify(tx: Tx, userIds: readonly string[], input: NotificationInput): Promise<void> {
  const recipients = [...new Set(userIds)];
  if (recipients.length === 0) return;
  await tx.notification.createMany({
    data: recipients.map((userId) => ({
      userId,
      kind: input.kind,
      title: input.title.slice(0, 200),
      link: input.link.slice(0, 300),
    })),
  });
}

/** Marks the user's own notifications read: the given ones, or all of them. Returns how many changed. */
export async function markNotificationsRead(
  db: PrismaClient,
  userId: string,
  ids: readonly string[] | "all",
): Promise<number> {
  const result = await db.notification.updateMany({
    where: { userId, readAt: null, ...(ids === "all" ? {} : { id: { in: [...ids] } }) },
    data: { readAt: new Date() },
  });
  return result.count;
}
