import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { appendAuditEvent } from "@/lib/audit/append";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { USERNAME_PATTERN } from "@/lib/users/schemas";
import type { InitialLogin } from "./bootstrap-admin";

export class SecurityAdminExistsError extends Error {}

/**
 * The one-time upgrade step for installs from before 三员分立 had three administrators
 * (`npm run create:security-admin`, docs/roles.md): creates the first 安全管理员 with a generated
 * password that must be changed at first login, and audits it with no actor (the server's operator).
 * Refuses when an active 安全管理员 exists: after that, administrators come through the two-person rule.
 */
export async function createFirstSecurityAdmin(
  db: PrismaClient,
  options: { username?: string; displayName?: string } = {},
): Promise<InitialLogin> {
  const username = options.username ?? "secadmin";
  const displayName = options.displayName ?? "安全管理员";
  if (!USERNAME_PATTERN.test(username)) throw new Error(`用户名无效 / invalid username: ${username}`);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    // The lock every change to the set of administrators takes (lib/users/commands.ts).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(72707371)`;
    const existing = await tx.user.count({ where: { status: "ACTIVE", roles: { some: { role: "SECURITY_ADMIN" } } } });
    if (existing > 0)
      throw new SecurityAdminExistsError(
        "已有在用的安全管理员，无需再建 / an active security administrator already exists",
      );
    if (await tx.user.findUnique({ where: { username }, select: { id: true } }))
      throw new Error(`用户名已被使用 / username taken: ${username}`);
    const user = await tx.user.create({
      data: {
        username,
        displayName,
        passwordHash,
        mustChangePassword: true,
        roles: { create: [{ role: "SECURITY_ADMIN" }] },
        passwordHistory: { create: [{ passwordHash }] },
      },
      select: { id: true },
    });
    await appendAuditEvent(tx, {
      actorId: null,
      action: "user.create",
      target: `user:${user.id}`,
      data: {
        username,
        displayName,
        roles: [{ role: "SECURITY_ADMIN", level: null, columnId: null }],
        via: "create:security-admin",
      },
    });
  });
  return { username, password, role: "SECURITY_ADMIN" };
}
