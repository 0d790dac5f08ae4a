import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { UserListQuery } from "./schemas";

export const USERS_PAGE_SIZE = 20;

const roleSelect = { role: true, level: true, columnId: true, column: { select: { name: true } } } as const;

const listSelect = {
  id: true,
  username: true,
  displayName: true,
  status: true,
  lockedUntil: true,
  failedLoginCount: true,
  mustChangePassword: true,
  lastLoginAt: true,
  totpEnabledAt: true,
  roles: { select: roleSelect, orderBy: [{ role: "asc" }, { level: "asc" }] },
} as const satisfies Prisma.UserSelect;

export type UserListRow = Prisma.UserGetPayload<{ select: typeof listSelect }>;

export function isLocked(user: { lockedUntil: Date | null }, now = new Date()): boolean {
  return user.lockedUntil !== null && user.lockedUntil > now;
}

/**
 * The account list, searched by username or display name and filtered by role and status.
 * Offset paging with page numbers: a department has tens to hundreds of accounts, not the
 * hundred thousand rows that make keyset paging necessary for articles.
 */
export async function listUsers(db: PrismaClient, query: UserListQuery, now = new Date()) {
  const where: Prisma.UserWhereInput = { AND: [] };
  const and = where.AND as Prisma.UserWhereInput[];
  if (query.q) {
    and.push({
      OR: [
        { username: { contains: query.q, mode: "insensitive" } },
        { displayName: { contains: query.q, mode: "insensitive" } },
      ],
    });
  }
  if (query.role) and.push({ roles: { some: { role: query.role } } });
  if (query.status === "ACTIVE") and.push({ status: "ACTIVE" });
  if (query.status === "DISABLED") and.push({ status: "DISABLED" });
  if (query.status === "LOCKED") and.push({ status: "ACTIVE", lockedUntil: { gt: now } });

  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      select: listSelect,
      orderBy: { username: "asc" },
      skip: (query.page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
    }),
  ]);
  return { rows, total, page: query.page, pageCount: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)) };
}

/** One account for its edit page: roles, recent sign-ins and how many sessions are open. */
export async function getUserDetail(db: PrismaClient, id: string, now = new Date()) {
  const user = await db.user.findUnique({
    where: { id },
    select: {
      ...listSelect,
      createdAt: true,
      passwordChangedAt: true,
      loginAttempts: { select: { createdAt: true, ip: true, success: true }, orderBy: { createdAt: "desc" }, take: 5 },
    },
  });
  if (!user) return null;
  const openSessions = await db.session.count({ where: { userId: id, revokedAt: null, expiresAt: { gt: now } } });
  return { ...user, openSessions };
}

export type UserDetail = NonNullable<Awaited<ReturnType<typeof getUserDetail>>>;

/** Columns a reviewer can be scoped to, in the site's order. */
export function listColumnOptions(db: PrismaClient) {
  return db.column.findMany({
    select: { id: true, name: true, parentId: true },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
  });
}

export type ColumnOption = Awaited<ReturnType<typeof listColumnOptions>>[number];

/** Column names by id, for showing a user's reviewer scopes. */
export async function columnNames(db: PrismaClient, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const columns = await db.column.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } });
  return new Map(columns.map((column) => [column.id, column.name]));
}

/** The administrator's dashboard figures. */
export async function accountsOverview(db: PrismaClient, now = new Date()) {
  const [active, disabled, locked, mustChange] = await Promise.all([
    db.user.count({ where: { status: "ACTIVE" } }),
    db.user.count({ where: { status: "DISABLED" } }),
    db.user.count({ where: { status: "ACTIVE", lockedUntil: { gt: now } } }),
    db.user.count({ where: { status: "ACTIVE", mustChangePassword: true } }),
  ]);
  return { active, disabled, locked, mustChange };
}

/**
 * The sign-in before the current one (lastLoginAt already holds the current one once the login
 * has been recorded), so "上次登录" tells users about a sign-in that may not have been theirs.
 */
export async function previousLogin(db: PrismaClient, userId: string): Promise<Date | null> {
  const logins = await db.loginAttempt.findMany({
    where: { userId, success: true },
    orderBy: { createdAt: "desc" },
    take: 2,
    select: { createdAt: true },
  });
  return logins[1]?.createdAt ?? null;
}
