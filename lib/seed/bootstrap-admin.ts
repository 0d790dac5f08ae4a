import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { generatePassword, hashPassword } from "@/lib/auth/password";

/** The three administrators of 三员分立 (docs/roles.md), as a fresh install creates them. */
export const FIRST_ADMINISTRATORS = [
  { username: "admin", displayName: "系统管理员", role: "ADMIN" },
  { username: "secadmin", displayName: "安全管理员", role: "SECURITY_ADMIN" },
  { username: "auditor", displayName: "安全审计员", role: "AUDITOR" },
] as const satisfies readonly { username: string; displayName: string; role: Role }[];

export interface InitialLogin {
  username: string;
  password: string;
  role: string;
}

/**
 * A database with no users at all (a fresh server install without demo content) gets one 系统管理员,
 * one 安全管理员 and one 安全审计员, each with its own generated password that must be changed at first
 * login. Returns the logins, or none when users already exist.
 */
export async function bootstrapAdministrators(db: PrismaClient): Promise<InitialLogin[]> {
  if ((await db.user.count()) > 0) return [];
  const prepared = await Promise.all(
    FIRST_ADMINISTRATORS.map(async (account) => {
      const password = generatePassword();
      return { ...account, password, passwordHash: await hashPassword(password) };
    }),
  );
  const created = await db.$transaction(async (tx) => {
    // Re-check inside the transaction: two instances starting at once must not both create them.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(72707370)`;
    if ((await tx.user.count()) > 0) return false;
    for (const account of prepared) {
      await tx.user.create({
        data: {
          username: account.username,
          displayName: account.displayName,
          passwordHash: account.passwordHash,
          mustChangePassword: true,
          roles: { create: [{ role: account.role }] },
          passwordHistory: { create: [{ passwordHash: account.passwordHash }] },
        },
      });
    }
    return true;
  });
  return created ? prepared.map(({ username, password, role }) => ({ username, password, role })) : [];
}
