import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { appendAuditEvent } from "@/lib/audit/append";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { revokeUserSessions } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { usersText } from "./messages";
import type { CreateUserInput, RoleAssignment, UpdateUserInput } from "./schemas";

/**
 * Account management. Each command is one transaction: it re-reads the account, checks the rules
 * (last active administrator, self lock-out), writes, and appends the audit event in the same
 * transaction, so a refused or failed change leaves neither data nor log behind.
 */

type Tx = Prisma.TransactionClient;
export interface Actor {
  id: string;
}

const e = usersText.errors;

/**
 * Serialises every change that can reduce the set of active administrators: without it, two admins
 * disabling each other at the same moment would each see the other as "another admin" and both win.
 */
const ADMIN_SET_LOCK = 72707371;

async function lockAdminSet(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_SET_LOCK})`;
}

async function otherActiveAdmins(tx: Tx, userId: string): Promise<number> {
  return tx.user.count({ where: { id: { not: userId }, status: "ACTIVE", roles: { some: { role: "ADMIN" } } } });
}

async function loadTarget(tx: Tx, userId: string) {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { id: true, username: true, displayName: true, status: true, roles: { select: { role: true, level: true, columnId: true } } },
  });
  if (!user) throw new AppError("NOT_FOUND", e.notFound);
  return user;
}

async function checkColumnsExist(tx: Tx, roles: readonly RoleAssignment[]): Promise<void> {
  const ids = [...new Set(roles.flatMap((role) => (role.columnId ? [role.columnId] : [])))];
  if (ids.length === 0) return;
  const found = await tx.column.count({ where: { id: { in: ids } } });
  if (found !== ids.length) throw new AppError("VALIDATION", usersText.validation.columnMissing, "roles");
}

function roleRows(roles: readonly RoleAssignment[]) {
  return roles.map(({ role, level, columnId }) => ({ role, level: role === "REVIEWER" ? level : null, columnId: role === "REVIEWER" ? columnId : null }));
}

const target = (userId: string) => `user:${userId}`;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export interface IssuedPassword {
  userId: string;
  username: string;
  /** Shown once to the administrator; only its argon2id hash is stored. */
  password: string;
}

export async function createUser(db: PrismaClient, actor: Actor, input: CreateUserInput): Promise<IssuedPassword> {
  const password = generatePassword();
  // Hash outside the transaction: argon2 takes tens of milliseconds and holds no lock.
  const passwordHash = await hashPassword(password);
  try {
    return await db.$transaction(async (tx) => {
      const taken = await tx.user.findUnique({ where: { username: input.username }, select: { id: true } });
      if (taken) throw new AppError("CONFLICT", usersText.validation.usernameTaken, "username");
      await checkColumnsExist(tx, input.roles);
      const user = await tx.user.create({
        data: {
          username: input.username,
          displayName: input.displayName,
          passwordHash,
          mustChangePassword: true,
          roles: { create: roleRows(input.roles) },
          passwordHistory: { create: [{ passwordHash }] },
        },
        select: { id: true, username: true },
      });
      await appendAuditEvent(tx, {
        actorId: actor.id,
        action: "user.create",
        target: target(user.id),
        data: { username: user.username, displayName: input.displayName, roles: roleRows(input.roles) },
      });
      return { userId: user.id, username: user.username, password };
    });
  } catch (error) {
    // Two admins creating the same username at once: the unique index decides, the message is the same.
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", usersText.validation.usernameTaken, "username");
    throw error;
  }
}

export async function updateUser(db: PrismaClient, actor: Actor, input: UpdateUserInput): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockAdminSet(tx);
    const user = await loadTarget(tx, input.userId);
    const wasAdmin = user.roles.some((role) => role.role === "ADMIN");
    const staysAdmin = input.roles.some((role) => role.role === "ADMIN");
    if (wasAdmin && !staysAdmin) {
      if (user.id === actor.id) throw new AppError("CONFLICT", e.selfDemote, "roles");
      if (user.status === "ACTIVE" && (await otherActiveAdmins(tx, user.id)) === 0) throw new AppError("CONFLICT", e.lastAdmin, "roles");
    }
    await checkColumnsExist(tx, input.roles);
    await tx.userRole.deleteMany({ where: { userId: user.id } });
    await tx.userRole.createMany({ data: roleRows(input.roles).map((row) => ({ ...row, userId: user.id })) });
    await tx.user.update({ where: { id: user.id }, data: { displayName: input.displayName } });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "user.update",
      target: target(user.id),
      data: {
        username: user.username,
        before: { displayName: user.displayName, roles: roleRows(user.roles) },
        after: { displayName: input.displayName, roles: roleRows(input.roles) },
      },
    });
  });
}

/** Disables the account and ends all of its sessions in the same transaction. */
export async function disableUser(db: PrismaClient, actor: Actor, userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockAdminSet(tx);
    const user = await loadTarget(tx, userId);
    if (user.id === actor.id) throw new AppError("CONFLICT", e.selfDisable);
    if (user.status === "DISABLED") throw new AppError("CONFLICT", e.alreadyDisabled);
    if (user.roles.some((role) => role.role === "ADMIN") && (await otherActiveAdmins(tx, user.id)) === 0) {
      throw new AppError("CONFLICT", e.lastAdmin);
    }
    await tx.user.update({ where: { id: user.id }, data: { status: "DISABLED" } });
    await revokeUserSessions(tx, user.id);
    await appendAuditEvent(tx, { actorId: actor.id, action: "user.disable", target: target(user.id), data: { username: user.username } });
  });
}

export async function enableUser(db: PrismaClient, actor: Actor, userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await loadTarget(tx, userId);
    if (user.status === "ACTIVE") throw new AppError("CONFLICT", e.alreadyActive);
    await tx.user.update({ where: { id: user.id }, data: { status: "ACTIVE" } });
    await appendAuditEvent(tx, { actorId: actor.id, action: "user.enable", target: target(user.id), data: { username: user.username } });
  });
}

/** Lifts a lock-out after failed logins before it would expire by itself. */
export async function unlockUser(db: PrismaClient, actor: Actor, userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await loadTarget(tx, userId);
    await tx.user.update({ where: { id: user.id }, data: { lockedUntil: null, failedLoginCount: 0, firstFailedLoginAt: null } });
    await appendAuditEvent(tx, { actorId: actor.id, action: "user.unlock", target: target(user.id), data: { username: user.username } });
  });
}

/**
 * Issues a new generated password that must be changed at the next login, lifts any lock-out, and
 * ends the user's sessions: whoever held the old password is signed out at once.
 */
export async function resetPassword(db: PrismaClient, actor: Actor, userId: string): Promise<IssuedPassword> {
  if (userId === actor.id) throw new AppError("CONFLICT", e.selfReset);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const user = await loadTarget(tx, userId);
    await tx.user.update({
      where: { id: user.id },
      data: {
        passwordHash,
        mustChangePassword: true,
        passwordChangedAt: new Date(),
        failedLoginCount: 0,
        firstFailedLoginAt: null,
        lockedUntil: null,
      },
    });
    await tx.passwordHistory.create({ data: { userId: user.id, passwordHash } });
    await revokeUserSessions(tx, user.id);
    await appendAuditEvent(tx, { actorId: actor.id, action: "user.resetPassword", target: target(user.id), data: { username: user.username } });
    return { userId: user.id, username: user.username, password };
  });
}
