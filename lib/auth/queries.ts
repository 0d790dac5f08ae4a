import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** The user's own latest login attempts (successful or not) for 我的账户. */
export function recentLogins(db: PrismaClient, userId: string, take = 10) {
  return db.loginAttempt.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, createdAt: true, ip: true, success: true },
  });
}
