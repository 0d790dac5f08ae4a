import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { appendAuditEvent } from "@/lib/audit/append";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { revokeUserSessions } from "@/lib/auth/session";
import { applyTotpReset } from "@/lib/auth/two-factor";
import { isPendingConflict, loadActor, openRequest } from "@/lib/approvals/requests";
import { AppError } from "@/lib/errors";
import { approvalsText } from "@/lib/approvals/messages";
import { can, FORBIDDEN_MESSAGE, type Action } from "@/lib/permissions";
import { usersText } from "./messages";
import { isPrivilegedRole, separationHolds, type RoleAssignment } from "@/lib/roles";
import type { CreateUserInput, UpdateUserInput, UpdateUserRolesInput } from "./schemas";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/actor";

/**
 * Account management (三员分立, docs/roles.md). The 系统管理员 decides that an account exists (create,
 * rename, disable, enable); the 安全管理员 what it may do (roles, passwords, unlocking). Each command is
 * one transaction: it re-reads the caller's roles and the account from the database, checks the
 * rules (the caller's role, never on themselves, the last holder of an administrator role, the
 * two-person rule), writes, and appends the audit event in the same transaction, so a refused or
 * failed change leaves neither data nor log behind.
 */

export type { Actor };

const e = usersText.errors;

/**
 * Serialises every change that can reduce the set of active administrators: without it, two admins
 * disabling each other at the same moment would each see the other as "another admin" and both win.
 */
const ADMIN_SET_LOCK = 72707371;

export async function lockAdminSet(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_SET_LOCK})`;
}

/** The caller's roles as stored now must allow `action` (the session's copy may be stale). */
async function requireActor(tx: Tx, actor: Actor, action: Action): Promise<void> {
  if (!can(await loadActor(tx, actor.id), action)) throw new AppError("FORBIDDEN", FORBIDDEN_MESSAGE);
}

async function otherActiveHolders(tx: Tx, role: Role, userId: string): Promise<number> {
  return tx.user.count({ where: { id: { not: userId }, status: "ACTIVE", roles: { some: { role } } } });
}

const LAST_HOLDER: Partial<Record<Role, string>> = {
  ADMIN: e.lastAdmin,
  SECURITY_ADMIN: e.lastSecurityAdmin,
  AUDITOR: e.lastAuditor,
};

/** Refuses to leave no active holder of an administrator role the account holds and would lose. */
async function keepOneHolder(
  tx: Tx,
  user: { id: string; status: string },
  losing: readonly Role[],
  field?: string,
): Promise<void> {
  if (user.status !== "ACTIVE") return;
  for (const role of losing) {
    const message = LAST_HOLDER[role];
    if (message && (await otherActiveHolders(tx, role, user.id)) === 0) throw new AppError("CONFLICT", message, field);
  }
}

async function loadTarget(tx: Tx, userId: string) {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      username: true,
      displayName: true,
      status: true,
      mustChangePassword: true,
      roles: { select: { role: true, level: true, columnId: true } },
    },
  });
  if (!user) throw new AppError("NOT_FOUND", e.notFound);
  return user;
}

/**
 * 终审 and administrator roles go only to an account whose owner has replaced the password an
 * administrator issued: otherwise whoever issued it (the 系统管理员 at creation, the 安全管理员 at a
 * reset) could sign in first and use the new role.
 */
export function checkPrivilegedTarget(user: { status: string; mustChangePassword: boolean }): void {
  if (user.status !== "ACTIVE") throw new AppError("CONFLICT", e.privilegedInactive, "roles");
  if (user.mustChangePassword) throw new AppError("CONFLICT", e.privilegedInitialPassword, "roles");
}

async function checkColumnsExist(tx: Tx, roles: readonly RoleAssignment[]): Promise<void> {
  const ids = [...new Set(roles.flatMap((role) => (role.columnId ? [role.columnId] : [])))];
  if (ids.length === 0) return;
  const found = await tx.column.count({ where: { id: { in: ids } } });
  if (found !== ids.length) throw new AppError("VALIDATION", usersText.validation.columnMissing, "roles");
}

export function roleRows(roles: readonly RoleAssignment[]): RoleAssignment[] {
  return roles
    .map(({ role, level, columnId }) => ({
      role,
      level: role === "REVIEWER" ? level : null,
      columnId: role === "REVIEWER" ? columnId : null,
    }))
    .sort((a, b) => roleKey(a).localeCompare(roleKey(b)));
}

const roleKey = (row: RoleAssignment) => `${row.role}:${row.level ?? ""}:${row.columnId ?? ""}`;

export function sameRoles(a: readonly RoleAssignment[], b: readonly RoleAssignment[]): boolean {
  const keys = (rows: readonly RoleAssignment[]) => roleRows(rows).map(roleKey).join("|");
  return keys(a) === keys(b);
}

/** Rows `after` adds that need a second administrator: an administrator role, or 终审 (level 3). */
export function privilegedAdditions(
  before: readonly RoleAssignment[],
  after: readonly RoleAssignment[],
): RoleAssignment[] {
  const had = new Set(before.map(roleKey));
  return after.filter((row) => !had.has(roleKey(row)) && isPrivilegedRole(row));
}

const target = (userId: string) => `user:${userId}`;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export interface IssuedPassword {
  userId: string;
  username: string;
  /** Shown once to the administrator who issued it; only its argon2id hash is stored. */
  password: string;
}

/** What a command that may need a second administrator did: done, or a request now waits. */
export type Outcome<T> = { done: T } | { requestId: string };

/** Where a change came from when a second administrator approved it, for its audit event. */
export interface ApprovalContext {
  approvalRequestId: string;
  requestedById: string;
}

/** Creates the account row with a hashed, must-change password; shared with an approved auditor request. */
export async function insertAccount(
  tx: Tx,
  actorId: string,
  input: { username: string; displayName: string; roles: readonly RoleAssignment[] },
  passwordHash: string,
  approval?: ApprovalContext,
): Promise<{ id: string; username: string }> {
  const taken = await tx.user.findUnique({ where: { username: input.username }, select: { id: true } });
  if (taken) throw new AppError("CONFLICT", usersText.validation.usernameTaken, "username");
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
    actorId,
    action: "user.create",
    target: target(user.id),
    data: { username: user.username, displayName: input.displayName, roles: roleRows(input.roles), ...approval },
  });
  return user;
}

/**
 * 系统管理员: a staff account (no roles: the 安全管理员 grants them) with a generated password shown to
 * the creator once; or, for an auditor, a request that a 安全管理员 approves (the account and its
 * password come into being only then, and go to the approver).
 */
export async function createUser(
  db: PrismaClient,
  actor: Actor,
  input: CreateUserInput,
): Promise<Outcome<IssuedPassword>> {
  if (input.accountType === "AUDITOR") {
    try {
      return await db.$transaction(async (tx) => {
        await requireActor(tx, actor, "user.create");
        const taken = await tx.user.findUnique({ where: { username: input.username }, select: { id: true } });
        if (taken) throw new AppError("CONFLICT", usersText.validation.usernameTaken, "username");
        return openRequest(tx, actor.id, {
          kind: "CREATE_AUDITOR",
          subject: `username:${input.username}`,
          targetUserId: null,
          data: { username: input.username, displayName: input.displayName },
        });
      });
    } catch (error) {
      if (isPendingConflict(error)) throw new AppError("CONFLICT", approvalsText.errors.pendingExists, "username");
      throw error;
    }
  }
  const password = generatePassword();
  // Hash outside the transaction: argon2 takes tens of milliseconds and holds no lock.
  const passwordHash = await hashPassword(password);
  try {
    return await db.$transaction(async (tx) => {
      await requireActor(tx, actor, "user.create");
      const user = await insertAccount(tx, actor.id, { ...input, roles: [] }, passwordHash);
      return { done: { userId: user.id, username: user.username, password } };
    });
  } catch (error) {
    // Two admins creating the same username at once: the unique index decides, the message is the same.
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", usersText.validation.usernameTaken, "username");
    throw error;
  }
}

/** 系统管理员: the account's display name. Roles are not this command's business. */
export async function updateUser(db: PrismaClient, actor: Actor, input: UpdateUserInput): Promise<void> {
  await db.$transaction(async (tx) => {
    await requireActor(tx, actor, "user.update");
    const user = await loadTarget(tx, input.userId);
    if (user.displayName === input.displayName) return;
    await tx.user.update({ where: { id: user.id }, data: { displayName: input.displayName } });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "user.update",
      target: target(user.id),
      data: {
        username: user.username,
        before: { displayName: user.displayName },
        after: { displayName: input.displayName },
      },
    });
  });
}

/**
 * Replaces an account's roles inside the caller's transaction (shared with an approved request): the
 * separation rule, columns, the last holder of an administrator role, then the rows and the event.
 */
export async function applyRoles(
  tx: Tx,
  actorId: string,
  user: Awaited<ReturnType<typeof loadTarget>>,
  roles: readonly RoleAssignment[],
  approval?: ApprovalContext,
): Promise<void> {
  if (!separationHolds(roles)) throw new AppError("VALIDATION", usersText.validation.administratorExclusive, "roles");
  await checkColumnsExist(tx, roles);
  const losing = [...new Set(user.roles.map((row) => row.role))].filter(
    (role) => !roles.some((row) => row.role === role),
  );
  await keepOneHolder(tx, user, losing, "roles");
  await tx.userRole.deleteMany({ where: { userId: user.id } });
  await tx.userRole.createMany({ data: roleRows(roles).map((row) => ({ ...row, userId: user.id })) });
  await appendAuditEvent(tx, {
    actorId,
    action: "user.grantRoles",
    target: target(user.id),
    data: { username: user.username, before: roleRows(user.roles), after: roleRows(roles), ...approval },
  });
}

/**
 * 安全管理员: grants and revokes roles and reviewer levels, never on their own account, never the
 * auditor role. Adding 终审 or an administrator role opens a request a 系统管理员 approves.
 */
export async function updateUserRoles(
  db: PrismaClient,
  actor: Actor,
  input: UpdateUserRolesInput,
): Promise<Outcome<void>> {
  if (input.userId === actor.id) throw new AppError("CONFLICT", e.selfGrant, "roles");
  try {
    return await db.$transaction(async (tx) => {
      await lockAdminSet(tx);
      await requireActor(tx, actor, "user.grantRoles");
      const user = await loadTarget(tx, input.userId);
      if (user.roles.some((row) => row.role === "AUDITOR") || input.roles.some((row) => row.role === "AUDITOR")) {
        throw new AppError("CONFLICT", e.auditorRoles, "roles");
      }
      if (!separationHolds(input.roles))
        throw new AppError("VALIDATION", usersText.validation.administratorExclusive, "roles");
      if (sameRoles(user.roles, input.roles)) return { done: undefined };
      if (privilegedAdditions(user.roles, input.roles).length > 0) {
        checkPrivilegedTarget(user);
        await checkColumnsExist(tx, input.roles);
        return openRequest(tx, actor.id, {
          kind: "GRANT_ROLES",
          subject: target(user.id),
          targetUserId: user.id,
          data: {
            username: user.username,
            before: roleRows(user.roles),
            after: roleRows(input.roles),
          } as unknown as Prisma.InputJsonObject,
        });
      }
      await applyRoles(tx, actor.id, user, input.roles);
      return { done: undefined };
    });
  } catch (error) {
    if (isPendingConflict(error)) throw new AppError("CONFLICT", approvalsText.errors.pendingExists, "roles");
    throw error;
  }
}

/**
 * 系统管理员: disables the account and ends all of its sessions in the same transaction.
 * (Session revocation is lib/auth's; branch c-identity may move it to its own function.)
 */
export async function disableUser(db: PrismaClient, actor: Actor, userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockAdminSet(tx);
    await requireActor(tx, actor, "user.disable");
    const user = await loadTarget(tx, userId);
    if (user.id === actor.id) throw new AppError("CONFLICT", e.selfDisable);
    if (user.status === "DISABLED") throw new AppError("CONFLICT", e.alreadyDisabled);
    await keepOneHolder(
      tx,
      user,
      user.roles.map((row) => row.role),
    );
    await tx.user.update({ where: { id: user.id }, data: { status: "DISABLED" } });
    await revokeUserSessions(tx, user.id);
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "user.disable",
      target: target(user.id),
      data: { username: user.username },
    });
  });
}

export async function enableUser(db: PrismaClient, actor: Actor, userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await requireActor(tx, actor, "user.enable");
    const user = await loadTarget(tx, userId);
    if (user.status === "ACTIVE") throw new AppError("CONFLICT", e.alreadyActive);
    await tx.user.update({ where: { id: user.id }, data: { status: "ACTIVE" } });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "user.enable",
      target: target(user.id),
      data: { username: user.username },
    });
  });
}

/** 安全管理员: lifts a lock-out after failed logins before it would expire by itself. */
export async function unlockUser(db: PrismaClient, actor: Actor, userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await requireActor(tx, actor, "user.unlock");
    const user = await loadTarget(tx, userId);
    await tx.user.update({
      where: { id: user.id },
      data: { lockedUntil: null, failedLoginCount: 0, firstFailedLoginAt: null },
    });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "user.unlock",
      target: target(user.id),
      data: { username: user.username },
    });
  });
}

/**
 * Sets a new must-change password inside the caller's transaction (shared with an approved request),
 * lifts any lock-out and ends the account's sessions: whoever held the old password is out at once.
 */
export async function applyPasswordReset(
  tx: Tx,
  actorId: string,
  user: { id: string; username: string },
  passwordHash: string,
  approval?: ApprovalContext,
): Promise<void> {
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
  await appendAuditEvent(tx, {
    actorId,
    action: "user.resetPassword",
    target: target(user.id),
    data: { username: user.username, ...approval },
  });
}

/**
 * 安全管理员: a new generated password, shown to them once. For an administrator's account (系统管理员,
 * 安全管理员 or 安全审计员) or a 终审's it is a request instead: whoever could reset the auditor's
 * password alone could read the audit log as the auditor, one who could reset a 系统管理员's could
 * approve their own requests, and one who could reset a 终审's could publish — the role a grant
 * needs two people for. A 系统管理员 approves, and the password goes to them.
 */
export async function resetPassword(db: PrismaClient, actor: Actor, userId: string): Promise<Outcome<IssuedPassword>> {
  if (userId === actor.id) throw new AppError("CONFLICT", e.selfReset);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  try {
    return await db.$transaction(async (tx) => {
      await requireActor(tx, actor, "user.resetPassword");
      const user = await loadTarget(tx, userId);
      if (user.roles.some(isPrivilegedRole)) {
        return openRequest(tx, actor.id, {
          kind: "RESET_PASSWORD",
          subject: target(user.id),
          targetUserId: user.id,
          data: { username: user.username },
        });
      }
      await applyPasswordReset(tx, actor.id, user, passwordHash);
      return { done: { userId: user.id, username: user.username, password } };
    });
  } catch (error) {
    if (isPendingConflict(error)) throw new AppError("CONFLICT", approvalsText.errors.pendingExists);
    throw error;
  }
}

/**
 * 安全管理员, for a lost or replaced phone: clears the account's second factor and ends its sessions.
 * For a privileged account (which must then enrol again) it is a request a 系统管理员 approves, for
 * the reason a password reset is: whoever could clear an administrator's or a 终审's factor alone,
 * holding or resetting the password too, would sign in as them with one person's knowledge.
 */
export async function resetTotp(db: PrismaClient, actor: Actor, userId: string): Promise<Outcome<{ userId: string }>> {
  if (userId === actor.id) throw new AppError("CONFLICT", e.selfResetTotp);
  try {
    return await db.$transaction(async (tx) => {
      await requireActor(tx, actor, "user.resetTotp");
      const user = await loadTarget(tx, userId);
      const factor = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true } });
      if (!factor.totpSecret) throw new AppError("CONFLICT", e.noTotp);
      if (user.roles.some(isPrivilegedRole)) {
        return openRequest(tx, actor.id, {
          kind: "RESET_TOTP",
          subject: target(user.id),
          targetUserId: user.id,
          data: { username: user.username },
        });
      }
      await applyTotpReset(tx, actor.id, user);
      return { done: { userId: user.id } };
    });
  } catch (error) {
    if (isPendingConflict(error)) throw new AppError("CONFLICT", approvalsText.errors.pendingExists);
    throw error;
  }
}

export { loadTarget };
