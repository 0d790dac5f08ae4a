import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { DEFAULT_DISPLAY_TIME_ZONE, parseLocalDateTime } from "@/lib/format/date";
import type { AuditListQuery } from "./schemas";

export const AUDIT_PAGE_SIZE = 50;

/** A day in the filter starts at midnight in the site's zone, like every date the admin shows. */
function dayStart(day: string, timeZone: string): Date {
  return parseLocalDateTime(`${day}T00:00`, timeZone) ?? new Date(`${day}T00:00:00Z`);
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const listSelect = {
  id: true,
  at: true,
  actorId: true,
  action: true,
  target: true,
  actor: { select: { username: true, displayName: true } },
} as const satisfies Prisma.AuditEventSelect;

export type AuditListRow = Prisma.AuditEventGetPayload<{ select: typeof listSelect }>;

async function filterWhere(
  db: PrismaClient,
  query: AuditListQuery,
  timeZone: string,
): Promise<Prisma.AuditEventWhereInput[]> {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (query.from) and.push({ at: { gte: dayStart(query.from, timeZone) } });
  // The next midnight, not +24 h: a daylight-saving day is 23 or 25 hours long.
  if (query.to) and.push({ at: { lt: dayStart(nextDay(query.to), timeZone) } });
  if (query.action)
    and.push(query.action.endsWith(".") ? { action: { startsWith: query.action } } : { action: query.action });
  if (query.target) and.push({ target: { startsWith: query.target } });
  if (query.actor) {
    if (query.actor === "system" || query.actor === "系统") {
      and.push({ actorId: null });
    } else {
      const users = await db.user.findMany({
        where: {
          OR: [
            { username: { contains: query.actor, mode: "insensitive" } },
            { displayName: { contains: query.actor, mode: "insensitive" } },
          ],
        },
        select: { id: true },
        take: 200,
      });
      and.push({ actorId: { in: users.map((user) => user.id) } });
    }
  }
  return and;
}

/**
 * One page of events, newest first, by keyset on the id (the chain's order): `before` pages to older
 * events, `after` back to newer ones. Stays fast at any depth, unlike OFFSET.
 */
export async function listAuditEvents(
  db: PrismaClient,
  query: AuditListQuery,
  timeZone: string = DEFAULT_DISPLAY_TIME_ZONE,
) {
  const and = await filterWhere(db, query, timeZone);
  const newerFirst = query.after === undefined;
  if (query.before !== undefined) and.push({ id: { lt: BigInt(query.before) } });
  else if (query.after !== undefined) and.push({ id: { gt: BigInt(query.after) } });
  const rows = await db.auditEvent.findMany({
    where: { AND: and },
    select: listSelect,
    orderBy: { id: newerFirst ? "desc" : "asc" },
    take: AUDIT_PAGE_SIZE + 1,
  });
  const more = rows.length > AUDIT_PAGE_SIZE;
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  if (!newerFirst) page.reverse();
  const first = page[0]?.id;
  const last = page[page.length - 1]?.id;
  return {
    rows: page,
    /** Cursor for newer events, when there are any beyond this page. */
    newer: first !== undefined && (!newerFirst ? more : query.before !== undefined) ? String(first) : undefined,
    /** Cursor for older events. */
    older: last !== undefined && (newerFirst ? more : true) ? String(last) : undefined,
  };
}

export function getAuditEvent(db: PrismaClient, id: bigint) {
  return db.auditEvent.findUnique({
    where: { id },
    select: { ...listSelect, data: true, prevHash: true, hash: true },
  });
}
