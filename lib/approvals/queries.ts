import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const person = { select: { id: true, username: true, displayName: true } } as const;
const requestSelect = {
  id: true,
  kind: true,
  status: true,
  subject: true,
  data: true,
  createdAt: true,
  decidedAt: true,
  requestedById: true,
  targetUserId: true,
  requestedBy: person,
  decidedBy: person,
  targetUser: person,
} as const;

/** Pending requests, oldest first (the one waiting longest is handled first); a department has a handful. */
export function pendingRequests(db: PrismaClient) {
  return db.approvalRequest.findMany({
    where: { status: "PENDING" },
    select: requestSelect,
    orderBy: { createdAt: "asc" },
    take: 200,
  });
}

/** The most recent decisions, newest first. */
export function recentDecisions(db: PrismaClient, take = 20) {
  return db.approvalRequest.findMany({
    where: { status: { not: "PENDING" } },
    select: requestSelect,
    orderBy: { decidedAt: "desc" },
    take,
  });
}

export type ApprovalRow = Awaited<ReturnType<typeof pendingRequests>>[number];

/** Pending requests about one account, for its page. */
export function pendingForUser(db: PrismaClient, userId: string) {
  return db.approvalRequest.findMany({
    where: { status: "PENDING", targetUserId: userId },
    select: { id: true, kind: true },
    orderBy: { createdAt: "asc" },
  });
}

export function pendingCount(db: PrismaClient): Promise<number> {
  return db.approvalRequest.count({ where: { status: "PENDING" } });
}
