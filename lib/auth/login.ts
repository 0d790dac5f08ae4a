import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { appendAuditEvent } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import { authText } from "./messages";
import { hashPassword, verifyPassword } from "./password";
import { authPolicy, MINUTE_MS, mustChangePassword } from "./policy";
import { createSession } from "./session-store";
import { decryptTotpSecret, dummyTotp, verifyTotp } from "./totp";
import type { Tx } from "@/lib/db";

export interface LoginInput {
  username: string;
  password: string;
  /** 动态验证码: needed by an account with a second factor, ignored for others. */
  code?: string;
  ip: string;
  userAgent?: string | null;
}

export type LoginFailure = "INVALID" | "LOCKED" | "RATE_LIMITED";

export type LoginResult =
  { ok: true; userId: string; sessionId: string; mustChangePassword: boolean } | { ok: false; code: LoginFailure };

const { lockout, ipLimit, password: passwordPolicy } = authPolicy;

// Unknown, locked and malformed logins are verified against this hash, so every failure costs one
// argon2id verification and the response time does not tell which names exist or are locked.
let dummyHash: Promise<string> | undefined;
function timingDummy(): Promise<string> {
  dummyHash ??= hashPassword("timing-equaliser-Xx1!");
  return dummyHash;
}

/** The lockout counter of one username: a real account keeps it on its User row, an unknown name in its LoginAttempt rows. */
export interface LockState {
  failures: number;
  firstFailedAt: Date | null;
  lockedUntil: Date | null;
}

const FRESH: LockState = { failures: 0, firstFailedAt: null, lockedUntil: null };

export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** One more failure (not while locked): counted in a window that runs from the first failure; the fifth locks. */
export function afterFailure(state: LockState, now: Date): { state: LockState; lockNow: boolean } {
  const windowStart = now.getTime() - lockout.windowMinutes * MINUTE_MS;
  const windowOpen = state.firstFailedAt !== null && state.firstFailedAt.getTime() > windowStart;
  const failures = windowOpen ? state.failures + 1 : 1;
  const lockNow = failures >= lockout.maxFailures;
  return {
    state: {
      failures,
      firstFailedAt: windowOpen ? state.firstFailedAt : now,
      lockedUntil: lockNow ? new Date(now.getTime() + lockout.lockMinutes * MINUTE_MS) : state.lockedUntil,
    },
    lockNow,
  };
}

/**
 * An unknown name's counter, replayed from its failures with the same two functions a real account
 * uses, so it locks, stays locked and unlocks exactly as a real account would: the lock message and
 * its timing prove nothing. The history needed is bounded: a window plus a lock plus a window.
 */
async function unknownNameState(tx: Tx, username: string, now: Date): Promise<LockState> {
  const since = new Date(now.getTime() - (2 * lockout.windowMinutes + lockout.lockMinutes) * MINUTE_MS);
  const attempts = await tx.loginAttempt.findMany({
    // Only what the login itself counted for this name (a per-IP refusal is not a password failure).
    where: {
      username,
      userId: null,
      success: false,
      reason: { in: ["unknown_user", "locked"] },
      createdAt: { gt: since },
    },
    orderBy: { id: "asc" },
    select: { createdAt: true },
  });
  let state = FRESH;
  for (const attempt of attempts)
    if (!isLocked(state, attempt.createdAt)) state = afterFailure(state, attempt.createdAt).state;
  return state;
}

export type FailureReason =
  | "bad_password"
  | "unknown_user"
  | "disabled"
  | "locked"
  | "bad_current_password"
  /** The password was right, the 动态验证码 missing, wrong or already used. */
  | "missing_code"
  | "bad_code";

/**
 * One second-factor check: decrypt the stored key, verify the code. Logins without a factor to
 * check run it against a dummy key, so every login does this work once, whichever way it ends.
 */
export function checkSecondFactor(
  factor: { userId: string; stored: string; lastStep: number | null } | null,
  code: string,
  now: Date,
): number | null {
  const { userId, stored, lastStep } = factor ?? { ...dummyTotp(), lastStep: null };
  const secret = decryptTotpSecret(userId, stored);
  const step = verifyTotp(secret ?? "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", code, lastStep, now);
  return factor && secret ? step : null;
}

/** Thrown inside the login transaction when another login used the same code first. */
class CodeReplayed extends Error {}

/**
 * A credential asked again inside a signed-in form (the current password when changing it, a code
 * to turn the second factor off): refused while the account is locked, and a wrong one is a failed
 * login — the same counter and lock — so a stolen session cannot guess it here without limit.
 * `field` is the form field the refusal is shown by.
 */
export async function recheckCredential(
  db: PrismaClient,
  user: { id: string; username: string; lockedUntil: Date | null },
  check: { ok: () => boolean | Promise<boolean>; ip?: string; reason: FailureReason; field: string; wrong: string },
  now: Date,
): Promise<void> {
  const locked = () => new AppError("LOCKED", authText.loginErrors.LOCKED, check.field);
  if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) throw locked();
  if (await check.ok()) return;
  const lockedNow = await recordPasswordFailure(db, {
    userId: user.id,
    username: user.username,
    ip: check.ip ?? "unknown",
    reason: check.reason,
    now,
  });
  if (lockedNow) throw locked();
  throw new AppError("VALIDATION", check.wrong, check.field);
}

/**
 * A failed password check — at login, or the current password in the change form — counted on the
 * same lockout counter, in one transaction of the same shape whatever the reason: lock the counter
 * (the User row, or the name's advisory lock), read it, count, write one LoginAttempt and one audit
 * event (two when this failure locks). Returns whether the name is now locked.
 */
export async function recordPasswordFailure(
  db: PrismaClient,
  input: { userId: string | null; username: string; ip: string; reason: FailureReason; now: Date },
): Promise<boolean> {
  const { userId, username, ip, now } = input;
  return db.$transaction(async (tx) => {
    let state: LockState;
    if (userId) {
      // Row lock: two failures arriving together must both be counted.
      const [row] = await tx.$queryRaw<
        { failedLoginCount: number; firstFailedLoginAt: Date | null; lockedUntil: Date | null }[]
      >`
        SELECT "failedLoginCount", "firstFailedLoginAt", "lockedUntil" FROM "User" WHERE "id" = ${userId}::uuid FOR UPDATE`;
      state = {
        failures: row?.failedLoginCount ?? 0,
        firstFailedAt: row?.firstFailedLoginAt ?? null,
        lockedUntil: row?.lockedUntil ?? null,
      };
    } else {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`login:${username}`}, 0))`;
      state = await unknownNameState(tx, username, now);
    }
    const wasLocked = isLocked(state, now);
    const next = wasLocked ? { state, lockNow: false } : afterFailure(state, now);
    const reason = wasLocked ? "locked" : input.reason;
    if (userId && !wasLocked) {
      await tx.user.update({
        where: { id: userId },
        data: {
          failedLoginCount: next.state.failures,
          firstFailedLoginAt: next.state.firstFailedAt,
          lockedUntil: next.state.lockedUntil,
        },
      });
    }
    await tx.loginAttempt.create({
      data: { userId, username: username.slice(0, 64), ip: ip.slice(0, 64), success: false, reason, createdAt: now },
    });
    const target = userId ? `user:${userId}` : `username:${username.slice(0, 64)}`;
    await appendAuditEvent(tx, {
      actorId: null,
      action: "auth.login_failed",
      target,
      data: { ip, reason, failures: next.state.failures },
    });
    if (next.lockNow) {
      await appendAuditEvent(tx, {
        actorId: null,
        action: "auth.account_locked",
        target,
        data: { ip, until: next.state.lockedUntil?.toISOString(), failures: next.state.failures },
      });
    }
    return wasLocked || next.lockNow;
  });
}

/**
 * One login attempt, as the credentials provider runs it. Everything it counts lives in the database
 * (LoginAttempt rows, the user's failure counter and lock), so the limits hold across app instances
 * and restarts.
 *
 * Constant shape: every failure after the per-IP check does the same work — one argon2id
 * verification (against the account's hash, or a dummy for an unknown or locked name), one
 * second-factor check (against the account's TOTP key, or a dummy key) and one
 * `recordPasswordFailure` — and a disabled account answers like a wrong password, lock included. The
 * answer is INVALID — for a wrong password and a wrong or missing 动态验证码 alike, so it never says
 * which of the two was wrong — or LOCKED after five failures (a wrong code counts like a wrong password), for real and unknown names alike (等保 wants the
 * user told why they cannot get in). The per-IP refusal comes before the name is looked up, so its
 * speed says nothing about accounts, and it stays cheap: hashing there would let a flood buy server
 * time.
 */
export async function attemptLogin(db: PrismaClient, input: LoginInput, now = new Date()): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  const password = input.password;
  const code = (input.code ?? "").slice(0, 32);
  if (!username || !password || username.length > 64 || password.length > passwordPolicy.maxLength * 4) {
    await timingDummy().then((hash) => verifyPassword(hash, password.slice(0, passwordPolicy.maxLength)));
    checkSecondFactor(null, code, now);
    return { ok: false, code: "INVALID" };
  }

  const ipWindowStart = new Date(now.getTime() - ipLimit.windowMinutes * MINUTE_MS);
  const ipFailures = await db.loginAttempt.count({
    where: { ip: input.ip, success: false, createdAt: { gt: ipWindowStart } },
  });
  if (ipFailures >= ipLimit.maxFailures) {
    await db.loginAttempt.create({
      data: {
        userId: null,
        username: username.slice(0, 64),
        ip: input.ip.slice(0, 64),
        success: false,
        reason: "rate_limited",
        createdAt: now,
      },
    });
    return { ok: false, code: "RATE_LIMITED" };
  }

  const user = await db.user.findUnique({
    where: { username },
    select: {
      id: true,
      passwordHash: true,
      status: true,
      lockedUntil: true,
      mustChangePassword: true,
      passwordChangedAt: true,
      totpSecret: true,
      totpEnabledAt: true,
      totpLastStep: true,
    },
  });
  const locked = user !== null && user.lockedUntil !== null && user.lockedUntil.getTime() > now.getTime();
  // A locked account's own hash is not tried: the right password must not get in while it lasts.
  const passwordOk = await verifyPassword(user && !locked ? user.passwordHash : await timingDummy(), password);
  // The second factor is checked whatever the password said, so a wrong code and a wrong password
  // cost the same and answer the same (INVALID): the answer never tells that the password was right.
  const factor =
    user && user.totpEnabledAt && user.totpSecret
      ? { userId: user.id, stored: user.totpSecret, lastStep: user.totpLastStep }
      : null;
  const step = checkSecondFactor(factor, code, now);
  const firstFactorOk = user !== null && !locked && passwordOk && user.status === "ACTIVE";
  let codeFailure: FailureReason | null = factor && step === null ? (code ? "bad_code" : "missing_code") : null;

  if (user && firstFactorOk && !codeFailure) {
    const sessionId = await db
      .$transaction(async (tx) => {
        if (factor && step !== null) {
          // Claims the step: of two logins with the same code, one gets in and the other is a replay.
          const claimed = await tx.user.updateMany({
            where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
            data: { totpLastStep: step },
          });
          if (claimed.count !== 1) throw new CodeReplayed();
        }
        await tx.user.update({
          where: { id: user.id },
          data: { failedLoginCount: 0, firstFailedLoginAt: null, lockedUntil: null, lastLoginAt: now },
        });
        const id = await createSession(tx, { userId: user.id, ip: input.ip, userAgent: input.userAgent ?? null, now });
        await tx.loginAttempt.create({
          data: { userId: user.id, username, ip: input.ip, success: true, reason: "ok", createdAt: now },
        });
        await appendAuditEvent(tx, {
          actorId: user.id,
          action: "auth.login",
          target: `user:${user.id}`,
          data: { ip: input.ip, sessionId: id, secondFactor: factor !== null },
        });
        return id;
      })
      .catch((error: unknown) => {
        if (error instanceof CodeReplayed) return null;
        throw error;
      });
    if (sessionId) return { ok: true, userId: user.id, sessionId, mustChangePassword: mustChangePassword(user, now) };
    codeFailure = "bad_code";
  }

  const reason: FailureReason = !user
    ? "unknown_user"
    : user.status !== "ACTIVE"
      ? "disabled"
      : !firstFactorOk
        ? "bad_password"
        : (codeFailure ?? "bad_password");
  const nowLocked = await recordPasswordFailure(db, { userId: user?.id ?? null, username, ip: input.ip, reason, now });
  return { ok: false, code: nowLocked ? "LOCKED" : "INVALID" };
}
