import { verifyPassword } from "@/lib/auth/password";
import { bootstrapAdministrators } from "@/lib/seed/bootstrap-admin";
import { testDb } from "../support/factories";

describe("first administrators of an empty database (三员分立)", () => {
  const db = testDb();
  afterAll(() => db.$disconnect());

  it("creates one 系统管理员, one 安全管理员 and one 安全审计员, once, each with a generated password that must be changed", async () => {
    const [first, second] = await Promise.all([bootstrapAdministrators(db), bootstrapAdministrators(db)]);
    const logins = [...first, ...second];
    expect(logins.map((login) => [login.username, login.role]).sort()).toEqual([
      ["admin", "ADMIN"],
      ["auditor", "AUDITOR"],
      ["secadmin", "SECURITY_ADMIN"],
    ]);

    const users = await db.user.findMany({ include: { roles: true } });
    expect(users).toHaveLength(3);
    for (const login of logins) {
      const user = users.find((item) => item.username === login.username);
      expect(user?.mustChangePassword).toBe(true);
      expect(user?.roles.map((role) => role.role)).toEqual([login.role]);
      expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
      await expect(verifyPassword(user?.passwordHash ?? "", login.password)).resolves.toBe(true);
    }
    expect(new Set(logins.map((login) => login.password)).size).toBe(3);
  });

  it("does nothing when users exist", async () => {
    await expect(bootstrapAdministrators(db)).resolves.toEqual([]);
  });
});
