import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { generatePassword, hashPassword } from "@/lib/auth/password";

/** One account per role, so every screen of the admin can be tried out (the three of 三员分立 included). */
export const demoUsers = [
  { username: "admin", displayName: "系统管理员", role: "ADMIN", level: null },
  { username: "secadmin", displayName: "安全管理员 郑安", role: "SECURITY_ADMIN", level: null },
  { username: "editor", displayName: "编辑 周文", role: "EDITOR", level: null },
  { username: "reviewer1", displayName: "初审 赵敏", role: "REVIEWER", level: 1 },
  { username: "reviewer2", displayName: "复审 钱立", role: "REVIEWER", level: 2 },
  { username: "reviewer3", displayName: "终审 孙宏", role: "REVIEWER", level: 3 },
  { username: "auditor", displayName: "安全审计员 吴明", role: "AUDITOR", level: null },
] as const satisfies readonly { username: string; displayName: string; role: Role; level: number | null }[];

export type DemoUsername = (typeof demoUsers)[number]["username"];

export interface DemoLogin {
  username: DemoUsername;
  password: string;
  /** `ADMIN`, `SECURITY_ADMIN`, `EDITOR`, `AUDITOR`, or `REVIEWER:<level>`. */
  role: string;
  passwordHash: string;
}

/** Generated passwords, hashed up front: argon2 takes tens of milliseconds and must not hold a lock. */
export async function prepareDemoLogins(): Promise<DemoLogin[]> {
  return Promise.all(
    demoUsers.map(async (user) => {
      const password = generatePassword();
      return {
        username: user.username,
        password,
        role: user.level === null ? user.role : `${user.role}:${user.level}`,
        passwordHash: await hashPassword(password),
      };
    }),
  );
}

/**
 * Creates the accounts the way an administrator would: each must change its password at first
 * login, and the generated one is the first entry of its password history.
 */
export async function createDemoUsers(
  tx: Prisma.TransactionClient,
  logins: readonly DemoLogin[],
): Promise<Record<DemoUsername, string>> {
  const ids: Partial<Record<DemoUsername, string>> = {};
  for (const user of demoUsers) {
    const login = logins.find((item) => item.username === user.username);
    if (!login) throw new Error(`no generated password for ${user.username}`);
    const created = await tx.user.create({
      data: {
        username: user.username,
        displayName: user.displayName,
        passwordHash: login.passwordHash,
        mustChangePassword: true,
        roles: { create: [{ role: user.role, level: user.level }] },
        passwordHistory: { create: [{ passwordHash: login.passwordHash }] },
      },
      select: { id: true },
    });
    ids[user.username] = created.id;
  }
  return ids as Record<DemoUsername, string>;
}
