import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { appendAuditEvent } from "@/lib/audit/append";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getSiteSettings } from "@/lib/settings/queries";
import { recheckCredential } from "./login";
import { authText } from "./messages";
import { hashPassword, verifyPassword } from "./password";
import { siteWords, weakPasswordProblems } from "./password-strength";
import { authPolicy, checkPasswordRules, passwordRuleText } from "./policy";
import type { ChangePasswordInput } from "./schemas";
import { revokeUserSessions } from "./session-store";

const t = authText.changePassword;

async function matchesAny(hashes: readonly string[], password: string): Promise<boolean> {
  for (const hash of hashes) if (await verifyPassword(hash, password)) return true;
  return false;
}

/** Every rule a new password breaks (length, classes, username, guessability), in Chinese. */
export async function newPasswordProblems(db: PrismaClient, password: string, username: string): Promise<string[]> {
  const settings = await getSiteSettings(db);
  const words = siteWords({ siteName: settings.siteName, shortName: settings.shortName, siteUrl: env().SITE_URL });
  return [
    ...new Set([
      ...checkPasswordRules(password, username),
      ...weakPasswordProblems(password, { username, siteWords: words }),
    ]),
  ];
}

/**
 * A user changes their own password: the current one must be right, the new one must pass the
 * rules and differ from the last N (the current included). Clears the forced-change flag, records
 * the hash in the history (keeping only the last N), ends the user's other sessions, and audits.
 *
 * A wrong current password is a failed login (recheckCredential: the same counter, the same
 * lock, a LoginAttempt and an audit event): whoever holds a stolen session cannot guess the password
 * here without limit. A locked account cannot change its password until the lock ends.
 */
export async function changeOwnPassword(
  db: PrismaClient,
  actor: { id: string; sessionId: string; ip?: string },
  input: ChangePasswordInput,
  now = new Date(),
): Promise<void> {
  const user = await db.user.findUnique({
    where: { id: actor.id },
    select: { id: true, username: true, passwordHash: true, lockedUntil: true },
  });
  if (!user) throw new AppError("NOT_FOUND", authText.unauthenticated);
  await recheckCredential(
    db,
    user,
    {
      ok: () => verifyPassword(user.passwordHash, input.currentPassword),
      ip: actor.ip,
      reason: "bad_current_password",
      field: "currentPassword",
      wrong: t.currentWrong,
    },
    now,
  );

  const problems = await newPasswordProblems(db, input.newPassword, user.username);
  if (problems.length) throw new AppError("VALIDATION", problems.join(";"), "newPassword");
  if (input.newPassword === input.currentPassword) throw new AppError("VALIDATION", t.sameAsCurrent, "newPassword");

  const { historySize } = authPolicy.password;
  const history = await db.passwordHistory.findMany({
    where: { userId: user.id },
    orderBy: { id: "desc" },
    take: historySize,
    select: { passwordHash: true },
  });
  // The current hash counts as one of the last N even if it never reached the history table.
  const recent = [...new Set([user.passwordHash, ...history.map((row) => row.passwordHash)])].slice(0, historySize);
  if (await matchesAny(recent, input.newPassword))
    throw new AppError("VALIDATION", passwordRuleText.history, "newPassword");

  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    // Compare-and-set on the hash: two concurrent changes must not both pass the history check.
    const { count } = await tx.user.updateMany({
      where: { id: user.id, passwordHash: user.passwordHash },
      data: {
        passwordHash,
        mustChangePassword: false,
        passwordChangedAt: new Date(),
        failedLoginCount: 0,
        firstFailedLoginAt: null,
      },
    });
    if (count !== 1) throw new AppError("CONFLICT", t.currentWrong, "currentPassword");
    await tx.passwordHistory.create({ data: { userId: user.id, passwordHash } });
    const keep = await tx.passwordHistory.findMany({
      where: { userId: user.id },
      orderBy: { id: "desc" },
      take: historySize,
      select: { id: true },
    });
    await tx.passwordHistory.deleteMany({ where: { userId: user.id, id: { notIn: keep.map((row) => row.id) } } });
    // Whoever else holds a session of this account (a stolen cookie) loses it now.
    await revokeUserSessions(tx, user.id, { except: actor.sessionId });
    await appendAuditEvent(tx, {
      actorId: user.id,
      action: "auth.password_change",
      target: `user:${user.id}`,
      data: { username: user.username },
    });
  });
}
