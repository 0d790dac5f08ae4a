import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { appendAuditEvent } from "@/lib/audit/append";
import { hashPassword, verifyPassword } from "./password";
import { authPolicy, MINUTE_MS } from "./policy";
import { createSession } from "./session-store";

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent?: string | null;
}

export type LoginFailure = "INVALID" | "LOCKED" | "RATE_LIMITED";

export type LoginResult =
  | { ok: true; userId: string; sessionId: string; mustChangePassword: boolean }
  | { ok: false; code: LoginFailure };

const { lockout, ipLimit, password: passwordPolicy } = authPolicy;

// Unknown usernames are verified against this hash too, so the response time does not tell an
// attacker which usernames exist.
let dummyHash: Promise<string> | undefined;
function timingDummy(): Promise<string> {
  dummyHash ??= hashPassword("timing-equaliser-Xx1!");
  return dummyHash;
}

type AttemptReason = "ok" | "bad_password" | "unknown_user" | "disabled" | "locked" | "rate_limited";

async function recordAttempt(db: PrismaClient, input: LoginInput, username: string, userId: string | null, reason: AttemptReason, now: Date) {
  await db.loginAttempt.create({
    data: { userId, username: username.slice(0, 64), ip: input.ip.slice(0, 64), success: reason === "ok", reason, createdAt: now },
  });
}

/**
 * One login attempt, as the credentials provider runs it. Everything it counts lives in the database
 * (LoginAttempt rows, the user's failure counter and lock), so the limits hold across app instances
 * and restarts. The answer never tells an unknown username from a wrong password; only a locked
 * account says so, as 等保 requires the user to learn why they cannot get in.
 */
export async function attemptLogin(db: PrismaClient, input: LoginInput, now = new Date()): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  const password = input.password;
  if (!username || !password || username.length > 64 || password.length > passwordPolicy.maxLength * 4) {
    await timingDummy().then((hash) => verifyPassword(hash, password.slice(0, passwordPolicy.maxLength)));
    return { ok: false, code: "INVALID" };
  }

  const ipWindowStart = new Date(now.getTime() - ipLimit.windowMinutes * MINUTE_MS);
  const ipFailures = await db.loginAttempt.count({ where: { ip: input.ip, success: false, createdAt: { gt: ipWindowStart } } });
  if (ipFailures >= ipLimit.maxFailures) {
    await recordAttempt(db, input, username, null, "rate_limited", now);
    return { ok: false, code: "RATE_LIMITED" };
  }

  const windowStart = new Date(now.getTime() - lockout.windowMinutes * MINUTE_MS);
  const user = await db.user.findUnique({
    where: { username },
    select: { id: true, passwordHash: true, status: true, lockedUntil: true, mustChangePassword: true },
  });

  if (!user) {
    await verifyPassword(await timingDummy(), password);
    // Unknown names "lock" like real ones, or the lock message would reveal which names exist.
    const recent = await db.loginAttempt.count({ where: { username, userId: null, success: false, createdAt: { gt: windowStart } } });
    await recordAttempt(db, input, username, null, "unknown_user", now);
    await db.$transaction((tx) =>
      appendAuditEvent(tx, { actorId: null, action: "auth.login_failed", target: `username:${username}`, data: { ip: input.ip, reason: "unknown_user" } }),
    );
    return { ok: false, code: recent + 1 >= lockout.maxFailures ? "LOCKED" : "INVALID" };
  }

  if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) {
    await recordAttempt(db, input, username, user.id, "locked", now);
    return { ok: false, code: "LOCKED" };
  }

  const passwordOk = await verifyPassword(user.passwordHash, password);

  if (passwordOk && user.status === "ACTIVE") {
    const sessionId = await db.$transaction(async (tx) => {
      await tx.user.update({
        where: { id: user.id },
        data: { failedLoginCount: 0, firstFailedLoginAt: null, lockedUntil: null, lastLoginAt: now },
      });
      const id = await createSession(tx, { userId: user.id, ip: input.ip, userAgent: input.userAgent ?? null, now });
      await tx.loginAttempt.create({ data: { userId: user.id, username, ip: input.ip, success: true, reason: "ok", createdAt: now } });
      await appendAuditEvent(tx, { actorId: user.id, action: "auth.login", target: `user:${user.id}`, data: { ip: input.ip, sessionId: id } });
      return id;
    });
    return { ok: true, userId: user.id, sessionId, mustChangePassword: user.mustChangePassword };
  }

  if (user.status !== "ACTIVE") {
    // A disabled account answers like a wrong password: its existence is not the caller's business.
    await recordAttempt(db, input, username, user.id, "disabled", now);
    await db.$transaction((tx) =>
      appendAuditEvent(tx, { actorId: null, action: "auth.login_failed", target: `user:${user.id}`, data: { ip: input.ip, reason: "disabled" } }),
    );
    return { ok: false, code: "INVALID" };
  }

  const locked = await db.$transaction(async (tx) => {
    // Row lock: two failures arriving together must both be counted.
    await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${user.id}::uuid FOR UPDATE`;
    const current = await tx.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { failedLoginCount: true, firstFailedLoginAt: true, lockedUntil: true },
    });
    const windowOpen = current.firstFailedLoginAt !== null && current.firstFailedLoginAt.getTime() > windowStart.getTime();
    const failures = windowOpen ? current.failedLoginCount + 1 : 1;
    const lockNow = failures >= lockout.maxFailures;
    const lockedUntil = lockNow ? new Date(now.getTime() + lockout.lockMinutes * MINUTE_MS) : current.lockedUntil;
    await tx.user.update({
      where: { id: user.id },
      data: {
        failedLoginCount: failures,
        // The window runs from the first failure; once it has passed, counting starts again.
        firstFailedLoginAt: windowOpen ? current.firstFailedLoginAt : now,
        lockedUntil,
      },
    });
    await tx.loginAttempt.create({ data: { userId: user.id, username, ip: input.ip, success: false, reason: "bad_password", createdAt: now } });
    await appendAuditEvent(tx, {
      actorId: null,
      action: "auth.login_failed",
      target: `user:${user.id}`,
      data: { ip: input.ip, reason: "bad_password", failures },
    });
    if (lockNow) {
      await appendAuditEvent(tx, {
        actorId: null,
        action: "auth.account_locked",
        target: `user:${user.id}`,
        data: { ip: input.ip, until: lockedUntil?.toISOString(), failures },
      });
    }
    return lockNow;
  });
  return { ok: false, code: locked ? "LOCKED" : "INVALID" };
}
