import { verifyPassword } from "@/lib/auth/password";
import { bootstrapAdmin } from "@/lib/seed/bootstrap-admin";
import { testDb } from "../support/factories";

describe("first administrator of an empty database", () => {
  const db = testDb();
  afterAll(() => db.$disconnect());

  it("is created once with a generated password that must be changed", async () => {
    const [first, second] = await Promise.all([bootstrapAdmin(db), bootstrapAdmin(db)]);
    const logins = [first, second].filter((login) => login !== null);
    expect(logins).toHaveLength(1);

    const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" }, include: { roles: true } });
    expect(admin.mustChangePassword).toBe(true);
    expect(admin.roles.map((role) => role.role)).toEqual(["ADMIN"]);
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
    await expect(verifyPassword(admin.passwordHash, logins[0]!.password)).resolves.toBe(true);
    expect(await db.user.count()).toBe(1);
  });

  it("does nothing when users exist", async () => {
    await expect(bootstrapAdmin(db)).resolves.toBeNull();
  });
});
