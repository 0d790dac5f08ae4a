import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export async function unreadNotificationCount(db: PrismaClient, userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

export interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  link: string;
  readAt: Date | null;
  createdAt: Date;
}

const PAGE_SIZE = 50;

/** The user's inbox, newest first; keyset on (createdAt, id). */
export async function listNotifications(
  db: PrismaClient,
  userId: string,
  before?: { createdAt: Date; id: string },
): Promise<{ rows: NotificationRow[]; next: NotificationRow | null }> {
  const rows = await db.notification.findMany({
    where: {
      userId,
      ...(before
        ? { OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PAGE_SIZE + 1,
    select: { id: true, kind: true, title: true, link: true, readAt: true, createdAt: true },
  });
  return { rows: rows.slice(0, PAGE_SIZE), next: rows.length > PAGE_SIZE ? rows[PAGE_SIZE - 1] : null };
}
