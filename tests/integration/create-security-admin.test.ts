import { verifyPassword } from "@/lib/auth/password";
import { createFirstSecurityAdmin, SecurityAdminExistsError } from "@/lib/seed/security-admin";
import { createUser, testDb } from "../support/factories";

describe("npm run create:security-admin (upgrading an install from before the 安全管理员)", () => {
  const db = testDb();
  afterAll(() => db.$disconnect());

  it("creates one 安全管理员 with a must-change generated password, audited, and refuses a second run", async () => {
    await createUser(db, "ADMIN", { username: "old.admin" });
    const login = await createFirstSecurityAdmin(db);
    const user = await db.user.findUniqueOrThrow({ where: { username: "secadmin" }, include: { roles: true } });
    expect(user.roles.map((role) => role.role)).toEqual(["SECURITY_ADMIN"]);
    expect(user.mustChangePassword).toBe(true);
    await expect(verifyPassword(user.passwordHash, login.password)).resolves.toBe(true);
    const event = await db.auditEvent.findFirstOrThrow({ where: { target: `user:${user.id}` } });
    expect(event).toMatchObject({ action: "user.create", actorId: null });
    expect(JSON.stringify(event.data)).not.toContain(login.password);

    await expect(createFirstSecurityAdmin(db, { username: "secadmin2" })).rejects.toBeInstanceOf(
      SecurityAdminExistsError,
    );
    expect(await db.user.count({ where: { roles: { some: { role: "SECURITY_ADMIN" } } } })).toBe(1);
  });
});
