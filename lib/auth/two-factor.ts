import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { appendAuditEvent } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import { recheckCredential } from "./login";
import { authText } from "./messages";
import { secondFactorRequired } from "./second-factor";
import { revokeUserSessions } from "./session-store";
import { CODE_PATTERN, decryptTotpSecret, encryptTotpSecret, newTotpSecret, verifyTotp } from "./totp";
import type { Tx } from "@/lib/db";

const t = authText.twoFactor;

/**
 * One's own second factor: enrolment (forced for privileged accounts, optional for others) and, where
 * it is optional, turning it off. The 安全管理员's reset for a lost device is `applyTotpReset`, run by
 * lib/users/commands.ts (or by an approved request for a privileged account).
 */

/**
 * The key being enrolled, in base32, for the enrolment page; null once the factor is on. Made on the
 * first visit and kept until confirmed (never replaced by a later visit), so the page is idempotent:
 * loading it again, or from a link on another site, changes nothing.
 */
export async function pendingTotpSecret(db: PrismaClient, userId: string): Promise<string | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { totpSecret: true, totpEnabledAt: true },
  });
  if (!user || user.totpEnabledAt) return null;
  const existing = user.totpSecret ? decryptTotpSecret(userId, user.totpSecret) : null;
  if (existing) return existing;
  const secret = newTotpSecret();
  // Only over an empty (or unreadable) pending key: two tabs opened at once end with one key.
  await db.user.updateMany({
    where: { id: userId, totpEnabledAt: null, totpSecret: user.totpSecret },
    data: { totpSecret: encryptTotpSecret(userId, secret) },
  });
  const stored = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { totpSecret: true } });
  return stored.totpSecret ? decryptTotpSecret(userId, stored.totpSecret) : null;
}

/** Turns the factor on with one valid code for the pending key; that code's step counts as used. */
export async function confirmTotpEnrolment(
  db: PrismaClient,
  actor: { id: string },
  code: string,
  now = new Date(),
): Promise<void> {
  const token = code.replace(/\s+/g, "");
  if (!CODE_PATTERN.test(token)) throw new AppError("VALIDATION", t.codeRequired, "code");
  await db.$transaction(async (tx) => {
    const [user] = await tx.$queryRaw<{ totpSecret: string | null; totpEnabledAt: Date | null; username: string }[]>`
      SELECT "totpSecret", "totpEnabledAt", "username" FROM "User" WHERE "id" = ${actor.id}::uuid FOR UPDATE`;
    if (!user) throw new AppError("NOT_FOUND", authText.unauthenticated);
    if (user.totpEnabledAt) throw new AppError("CONFLICT", t.alreadyEnrolled);
    const secret = user.totpSecret ? decryptTotpSecret(actor.id, user.totpSecret) : null;
    const step = secret ? verifyTotp(secret, token, null, now) : null;
    if (step === null) throw new AppError("VALIDATION", t.codeWrong, "code");
    await tx.user.update({ where: { id: actor.id }, data: { totpEnabledAt: now, totpLastStep: step } });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "auth.totp_enrol",
      target: `user:${actor.id}`,
      data: { username: user.username },
    });
  });
}

/**
 * Turns one's own factor off, for an account that does not need one, with a current code. A wrong
 * code is a failed login (the same counter and lock as a wrong current password): a stolen session
 * cannot try codes here without limit.
 */
export async function disableOwnTotp(
  db: PrismaClient,
  actor: { id: string; ip?: string },
  code: string,
  now = new Date(),
): Promise<void> {
  const user = await db.user.findUnique({
    where: { id: actor.id },
    select: {
      id: true,
      username: true,
      lockedUntil: true,
      totpSecret: true,
      totpEnabledAt: true,
      totpLastStep: true,
      roles: { select: { role: true, level: true } },
    },
  });
  if (!user) throw new AppError("NOT_FOUND", authText.unauthenticated);
  if (secondFactorRequired(user.roles)) throw new AppError("FORBIDDEN", t.cannotDisable);
  if (!user.totpEnabledAt || !user.totpSecret) throw new AppError("CONFLICT", t.notEnabled);
  const { totpSecret } = user;
  await recheckCredential(
    db,
    user,
    {
      ok: () => {
        const secret = decryptTotpSecret(user.id, totpSecret);
        return secret !== null && verifyTotp(secret, code, user.totpLastStep, now) !== null;
      },
      ip: actor.ip,
      reason: "bad_code",
      field: "code",
      wrong: t.codeWrong,
    },
    now,
  );
  await db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: user.id, totpEnabledAt: { not: null } },
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
    });
    if (count !== 1) throw new AppError("CONFLICT", t.notEnabled);
    await appendAuditEvent(tx, {
      actorId: user.id,
      action: "auth.totp_disable",
      target: `user:${user.id}`,
      data: { username: user.username },
    });
  });
}

/**
 * Lost device: clears the account's second factor inside the caller's transaction and ends its
 * sessions. A privileged account must enrol again at its next login before it can do anything.
 */
export async function applyTotpReset(
  tx: Tx,
  actorId: string,
  user: { id: string; username: string },
  approval?: { approvalRequestId: string; requestedById: string },
): Promise<void> {
  await tx.user.update({
    where: { id: user.id },
    data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
  });
  await revokeUserSessions(tx, user.id);
  await appendAuditEvent(tx, {
    actorId,
    action: "user.resetTotp",
    target: `user:${user.id}`,
    data: { username: user.username, ...approval },
  });
}
