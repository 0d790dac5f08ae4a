import { verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { createUser, disableUser, enableUser, resetPassword, unlockUser, updateUser } from "@/lib/users/commands";
import { usersText } from "@/lib/users/messages";
import { createUser as createTestUser, testDb, type RoleGrant } from "../support/factories";

const db = testDb();
afterAll(() => db.$disconnect());

let sequence = 0;

const makeUser = (roles: RoleGrant[], status: "ACTIVE" | "DISABLED" = "ACTIVE") => createTestUser(db, roles, { status });

async function makeColumn(name: string) {
  sequence += 1;
  return db.column.create({ data: { slug: `col-${sequence}-${Date.now().toString(36)}`, name } });
}

async function openSession(userId: string) {
  return db.session.create({ data: { userId, expiresAt: new Date(Date.now() + 3_600_000) } });
}

async function auditFor(target: string) {
  return db.auditEvent.findMany({ where: { target: `user:${target}` }, orderBy: { id: "asc" } });
}

function appError(code: string, message?: string) {
  return expect.objectContaining({ code, ...(message ? { message } : {}) });
}

/** Keeps at least one other active administrator around so the rules under test are the only ones in play. */
let admin: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  admin = await makeUser([{ role: "ADMIN" }]);
  await makeUser([{ role: "ADMIN" }]);
});

describe("creating an account", () => {
  it("stores the roles, a must-change generated password, its history and an audit event without the password", async () => {
    const column = await makeColumn("先锋");
    const issued = await createUser(db, admin, {
      username: "zhang.san",
      displayName: "张三",
      roles: [
        { role: "EDITOR", level: null, columnId: null },
        { role: "REVIEWER", level: 1, columnId: column.id },
      ],
    });

    const user = await db.user.findUniqueOrThrow({ where: { id: issued.userId }, include: { roles: true, passwordHistory: true } });
    expect(user.username).toBe("zhang.san");
    expect(user.mustChangePassword).toBe(true);
    expect(user.status).toBe("ACTIVE");
    expect(user.roles.map(({ role, level, columnId }) => ({ role, level, columnId })).sort((a, b) => a.role.localeCompare(b.role))).toEqual([
      { role: "EDITOR", level: null, columnId: null },
      { role: "REVIEWER", level: 1, columnId: column.id },
    ]);
    expect(issued.password).toHaveLength(16);
    await expect(verifyPassword(user.passwordHash, issued.password)).resolves.toBe(true);
    expect(user.passwordHistory.map((row) => row.passwordHash)).toEqual([user.passwordHash]);

    const events = await auditFor(user.id);
    expect(events.map((event) => [event.action, event.actorId])).toEqual([["user.create", admin.id]]);
    expect(JSON.stringify(events[0].data)).not.toContain(issued.password);
    expect(JSON.stringify(events[0].data)).not.toContain(user.passwordHash);
  });

  it("refuses a username that is taken, beside the username field", async () => {
    const input = { username: "li.si", displayName: "李四", roles: [{ role: "EDITOR" as const, level: null, columnId: null }] };
    await createUser(db, admin, input);
    await expect(createUser(db, admin, { ...input, displayName: "另一个李四" })).rejects.toEqual(
      appError("CONFLICT", usersText.validation.usernameTaken),
    );
    await expect(createUser(db, admin, input)).rejects.toMatchObject({ field: "username" });
    expect(await db.user.count({ where: { username: "li.si" } })).toBe(1);
  });

  it("lets exactly one of two simultaneous creations of the same username win", async () => {
    const input = { username: "wang.wu", displayName: "王五", roles: [{ role: "EDITOR" as const, level: null, columnId: null }] };
    const results = await Promise.allSettled([createUser(db, admin, input), createUser(db, admin, input)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason).toBeInstanceOf(AppError);
  });

  it("refuses a reviewer scope on a column that does not exist", async () => {
    await expect(
      createUser(db, admin, {
        username: "ghost.scope",
        displayName: "某人",
        roles: [{ role: "REVIEWER", level: 2, columnId: "00000000-0000-4000-8000-000000000000" }],
      }),
    ).rejects.toEqual(appError("VALIDATION", usersText.validation.columnMissing));
    expect(await db.user.count({ where: { username: "ghost.scope" } })).toBe(0);
  });
});

describe("editing an account", () => {
  it("replaces display name and roles and records both versions", async () => {
    const user = await makeUser([{ role: "EDITOR" }]);
    await updateUser(db, admin, {
      userId: user.id,
      displayName: "新名字",
      roles: [{ role: "REVIEWER", level: 3, columnId: null }],
    });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id }, include: { roles: true } });
    expect(after.displayName).toBe("新名字");
    expect(after.roles.map(({ role, level, columnId }) => ({ role, level, columnId }))).toEqual([{ role: "REVIEWER", level: 3, columnId: null }]);
    const [event] = await auditFor(user.id);
    expect(event.action).toBe("user.update");
    expect(event.data).toMatchObject({
      before: { roles: [{ role: "EDITOR", level: null, columnId: null }] },
      after: { displayName: "新名字", roles: [{ role: "REVIEWER", level: 3, columnId: null }] },
    });
  });

  it("refuses to remove an administrator's own ADMIN role", async () => {
    await expect(updateUser(db, admin, { userId: admin.id, displayName: "管理员", roles: [{ role: "EDITOR", level: null, columnId: null }] })).rejects.toEqual(
      appError("CONFLICT", usersText.errors.selfDemote),
    );
    const roles = await db.userRole.findMany({ where: { userId: admin.id } });
    expect(roles.map((role) => role.role)).toEqual(["ADMIN"]);
  });

  it("answers NOT_FOUND for an unknown account", async () => {
    await expect(updateUser(db, admin, { userId: "00000000-0000-4000-8000-000000000000", displayName: "x", roles: [] })).rejects.toEqual(appError("NOT_FOUND"));
  });
});

describe("disabling and enabling", () => {
  it("disables the account, ends every open session at once and logs it", async () => {
    const user = await makeUser([{ role: "EDITOR" }]);
    await openSession(user.id);
    await openSession(user.id);
    await disableUser(db, admin, user.id);

    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).status).toBe("DISABLED");
    const live = await db.session.count({ where: { userId: user.id, revokedAt: null } });
    expect(live).toBe(0);
    expect((await auditFor(user.id)).map((event) => event.action)).toEqual(["user.disable"]);

    await enableUser(db, admin, user.id);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).status).toBe("ACTIVE");
    expect((await auditFor(user.id)).map((event) => event.action)).toEqual(["user.disable", "user.enable"]);
  });

  it("refuses to let an administrator disable themselves", async () => {
    await expect(disableUser(db, admin, admin.id)).rejects.toEqual(appError("CONFLICT", usersText.errors.selfDisable));
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).status).toBe("ACTIVE");
  });
});

describe("the last active administrator", () => {
  // A database of its own shape: exactly one active admin besides a disabled one.
  it("cannot be disabled or demoted", async () => {
    await db.user.updateMany({ where: { roles: { some: { role: "ADMIN" } } }, data: { status: "DISABLED" } });
    const last = await makeUser([{ role: "ADMIN" }]);
    const actor = await makeUser([{ role: "ADMIN" }], "DISABLED");

    await expect(disableUser(db, actor, last.id)).rejects.toEqual(appError("CONFLICT", usersText.errors.lastAdmin));
    await expect(
      updateUser(db, actor, { userId: last.id, displayName: last.displayName, roles: [{ role: "EDITOR", level: null, columnId: null }] }),
    ).rejects.toEqual(appError("CONFLICT", usersText.errors.lastAdmin));
    const after = await db.user.findUniqueOrThrow({ where: { id: last.id }, include: { roles: true } });
    expect(after.status).toBe("ACTIVE");
    expect(after.roles.map((role) => role.role)).toEqual(["ADMIN"]);
    expect(await auditFor(last.id)).toEqual([]);

    // Once another administrator is active again, the same change goes through.
    await db.user.update({ where: { id: admin.id }, data: { status: "ACTIVE" } });
    await disableUser(db, actor, last.id);
    expect((await db.user.findUniqueOrThrow({ where: { id: last.id } })).status).toBe("DISABLED");
  });

  it("survives two administrators disabling each other at the same moment", async () => {
    await db.user.updateMany({ where: { roles: { some: { role: "ADMIN" } } }, data: { status: "DISABLED" } });
    const a = await makeUser([{ role: "ADMIN" }]);
    const b = await makeUser([{ role: "ADMIN" }]);
    const results = await Promise.allSettled([disableUser(db, a, b.id), disableUser(db, b, a.id)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({ reason: appError("CONFLICT", usersText.errors.lastAdmin) });
    expect(await db.user.count({ where: { status: "ACTIVE", roles: { some: { role: "ADMIN" } } } })).toBe(1);
    await db.user.update({ where: { id: admin.id }, data: { status: "ACTIVE" } });
  });
});

describe("unlocking", () => {
  it("clears the lock and the failed-login count", async () => {
    const user = await makeUser([{ role: "EDITOR" }]);
    await db.user.update({
      where: { id: user.id },
      data: { failedLoginCount: 5, firstFailedLoginAt: new Date(), lockedUntil: new Date(Date.now() + 15 * 60_000) },
    });
    await unlockUser(db, admin, user.id);
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect({ failed: after.failedLoginCount, first: after.firstFailedLoginAt, lockedUntil: after.lockedUntil }).toEqual({ failed: 0, first: null, lockedUntil: null });
    expect((await auditFor(user.id)).map((event) => event.action)).toEqual(["user.unlock"]);
  });
});

describe("resetting a password", () => {
  it("issues a new must-change password, keeps the history, lifts the lock and ends sessions", async () => {
    const issued = await createUser(db, admin, { username: "reset.me", displayName: "待重置", roles: [{ role: "EDITOR", level: null, columnId: null }] });
    await db.user.update({ where: { id: issued.userId }, data: { mustChangePassword: false, lockedUntil: new Date(Date.now() + 60_000), failedLoginCount: 5 } });
    await openSession(issued.userId);

    const reset = await resetPassword(db, admin, issued.userId);
    expect(reset.password).not.toBe(issued.password);
    const user = await db.user.findUniqueOrThrow({ where: { id: issued.userId }, include: { passwordHistory: true } });
    await expect(verifyPassword(user.passwordHash, reset.password)).resolves.toBe(true);
    await expect(verifyPassword(user.passwordHash, issued.password)).resolves.toBe(false);
    expect(user.mustChangePassword).toBe(true);
    expect(user.lockedUntil).toBeNull();
    expect(user.failedLoginCount).toBe(0);
    expect(user.passwordHistory).toHaveLength(2);
    expect(await db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    const events = await auditFor(user.id);
    expect(events.map((event) => event.action)).toEqual(["user.create", "user.resetPassword"]);
    expect(JSON.stringify(events[1].data)).not.toContain(reset.password);
  });

  it("refuses an administrator's reset of their own password (that is 我的账户's job)", async () => {
    await expect(resetPassword(db, admin, admin.id)).rejects.toEqual(appError("CONFLICT", usersText.errors.selfReset));
  });
});
