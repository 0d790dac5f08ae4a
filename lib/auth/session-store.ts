import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { appendAuditEvent } from "@/lib/audit/append";
import { isUuid } from "@/lib/uuid";
import { authPolicy, MINUTE_MS, mustChangePassword } from "./policy";
import { mustEnrolTotp } from "./second-factor";
import type { Db, Tx } from "@/lib/db";

/**
 * Server-side sessions: the JWT cookie only names a Session row, and this row decides. Revoking it
 * (logout, disable, password reset) ends the session at once, on every app instance.
 */

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  sessionId: string;
  mustChangePassword: boolean;
  /** A privileged account without a second factor yet: it may only enrol one (lib/auth/second-factor.ts). */
  mustEnrolTotp: boolean;
  /** Whether the account signs in with a TOTP code. */
  totpEnabled: boolean;
  roles: { role: Role; level: number | null; columnId: string | null }[];
}

export type SessionEndReason = "idle" | "absolute" | "inactive";

export function sessionExpiry(createdAt: Date): Date {
  return new Date(createdAt.getTime() + authPolicy.session.absoluteHours * 60 * MINUTE_MS);
}

export async function createSession(
  tx: Tx,
  input: { userId: string; ip: string; userAgent: string | null; now: Date },
): Promise<string> {
  const session = await tx.session.create({
    data: {
      userId: input.userId,
      createdAt: input.now,
      lastSeenAt: input.now,
      expiresAt: sessionExpiry(input.now),
      ip: input.ip.slice(0, 64),
      userAgent: input.userAgent?.slice(0, 400) ?? null,
    },
    select: { id: true },
  });
  return session.id;
}

/** Ends every open session of the user (disable, password reset), optionally keeping one. */
export async function revokeUserSessions(tx: Db, userId: string, options: { except?: string } = {}): Promise<number> {
  const { count } = await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(options.except ? { id: { not: options.except } } : {}) },
    data: { revokedAt: new Date() },
  });
  return count;
}

/** Ends one session; true when it was still open (so the caller audits a logout exactly once). */
export async function revokeSession(tx: Db, sessionId: string): Promise<boolean> {
  const { count } = await tx.session.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count === 1;
}

/**
 * The user behind a session id, or null when the session is unknown, revoked, idle for too long,
 * past its absolute lifetime or its user is no longer active. A session found expired is revoked
 * (and audited) on the spot; a live one has lastSeenAt moved forward at most once a minute.
 */
export async function resolveSession(
  db: PrismaClient,
  sessionId: string,
  userId: string,
  now = new Date(),
): Promise<CurrentUser | null> {
  if (!isUuid(sessionId) || !isUuid(userId)) return null;
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: {
      userId: true,
      lastSeenAt: true,
      expiresAt: true,
      revokedAt: true,
      user: {
        select: {
          id: true,
          username: true,
          displayName: true,
          status: true,
          mustChangePassword: true,
          passwordChangedAt: true,
          totpEnabledAt: true,
          roles: { select: { role: true, level: true, columnId: true }, orderBy: [{ role: "asc" }, { level: "asc" }] },
        },
      },
    },
  });
  if (!session || session.userId !== userId || session.revokedAt) return null;

  const ended: SessionEndReason | null =
    session.user.status !== "ACTIVE"
      ? "inactive"
      : session.expiresAt.getTime() <= now.getTime()
        ? "absolute"
        : now.getTime() - session.lastSeenAt.getTime() > authPolicy.session.idleMinutes * MINUTE_MS
          ? "idle"
          : null;
  if (ended) {
    await db.$transaction(async (tx) => {
      if (await revokeSession(tx, sessionId)) {
        await appendAuditEvent(tx, {
          actorId: userId,
          action: "auth.session_end",
          target: `user:${userId}`,
          data: { sessionId, reason: ended },
        });
      }
    });
    return null;
  }

  if (now.getTime() - session.lastSeenAt.getTime() >= authPolicy.session.touchIntervalSeconds * 1000) {
    await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { lastSeenAt: now } });
  }
  const { user } = session;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    sessionId,
    mustChangePassword: mustChangePassword(user, now),
    mustEnrolTotp: mustEnrolTotp(user),
    totpEnabled: user.totpEnabledAt !== null,
    roles: user.roles.map((role) => ({ role: role.role, level: role.level, columnId: role.columnId })),
  };
}
