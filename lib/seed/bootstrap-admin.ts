import type { PrismaClient } from "@/lib/generated/prisma/client";
import { generatePassword, hashPassword } from "@/lib/auth/password";

/**
 * A database with no users at all (a fresh server install without demo content) gets one
 * administrator with a generated password that must be changed at first login.
 * Returns the login, or null when users already exist.
 */
export async function bootstrapAdmin(db: PrismaClient): Promise<{ username: string; password: string } | null> {
  if ((await db.user.count()) > 0) return null;
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const created = await db.$transaction(async (tx) => {
    // Re-check inside the transaction: two instances starting at once must not both create one.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(72707370)`;
    if ((await tx.user.count()) > 0) return false;
    await tx.user.create({
      data: {
        username: "admin",
        displayName: "系统管理员",
        passwordHash,
        mustChangePassword: true,
        roles: { create: [{ role: "ADMIN" }] },
        passwordHistory: { create: [{ passwordHash }] },
      },
    });
    return true;
  });
  return created ? { username: "admin", password } : null;
}
