import { verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import {
  createUser as createUserOutcome,
  disableUser,
  enableUser,
  resetPassword as resetPasswordOutcome,
  unlockUser,
  updateUser,
  updateUserRoles,
  type Actor,
} from "@/lib/users/commands";
import type { CreateUserInput } from "@/lib/users/schemas";
import { usersText } from "@/lib/users/messages";
import { createUser as createTestUser, testDb, type RoleGrant } from "../support/factories";

const db = testDb();
afterAll(() => db.$disconnect());

/** The commands that may open a request, for accounts that do not need one. */
async function createUser(db: ReturnType<typeof testDb>, actor: Actor, input: Omit<CreateUserInput, "accountType">) {
  const outcome = await createUserOutcome(db, actor, { ...input, accountType: "STAFF" });
  if (!("done" in outcome)) throw new Error("expected the account to be created at once");
  return outcome.done;
}
async function resetPassword(db: ReturnType<typeof testDb>, actor: Actor, userId: string) {
  const outcome = await resetPasswordOutcome(db, actor, userId);
  if (!("done" in outcome)) throw new Error("expected the password to be reset at once");
  return outcome.done;
}

const makeUser = (roles: RoleGrant[], status: "ACTIVE" | "DISABLED" = "ACTIVE") =>
  createTestUser(db, roles, { status });

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
let secadmin: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  admin = await makeUser([{ role: "ADMIN" }]);
  await makeUser([{ role: "ADMIN" }]);
  secadmin = await makeUser([{ role: "SECURITY_ADMIN" }]);
  await makeUser([{ role: "SECURITY_ADMIN" }]);
});

describe("creating an account", () => {
  it("stores an account without roles, a must-change generated password, its history and an audit event without the password", async () => {
    const issued = await createUser(db, admin, { username: "zhang.san", displayName: "张三" });

    const user = await db.user.findUniqueOrThrow({
      where: { id: issued.userId },
      include: { roles: true, passwordHistory: true },
    });
    expect(user.username).toBe("zhang.san");
    expect(user.mustChangePassword).toBe(true);
    expect(user.status).toBe("ACTIVE");
    expect(user.roles).toEqual([]);
    expect(issued.password).toHaveLength(16);
    await expect(verifyPassword(user.passwordHash, issued.password)).resolves.toBe(true);
    expect(user.passwordHistory.map((row) => row.passwordHash)).toEqual([user.passwordHash]);

    const events = await auditFor(user.id);
    expect(events.map((event) => [event.action, event.actorId])).toEqual([["user.create", admin.id]]);
    expect(JSON.stringify(events[0].data)).not.toContain(issued.password);
    expect(JSON.stringify(events[0].data)).not.toContain(user.passwordHash);
  });

  it("refuses a username that is taken, beside the username field", async () => {
    const input = { username: "li.si", displayName: "李四" };
    await createUser(db, admin, input);
    await expect(createUser(db, admin, { ...input, displayName: "另一个李四" })).rejects.toEqual(
      appError("CONFLICT", usersText.validation.usernameTaken),
    );
    await expect(createUser(db, admin, input)).rejects.toMatchObject({ field: "username" });
    expect(await db.user.count({ where: { username: "li.si" } })).toBe(1);
  });

  it("lets exactly one of two simultaneous creations of the same username win", async () => {
    const input = { username: "wang.wu", displayName: "王五" };
    const results = await Promise.allSettled([createUser(db, admin, input), createUser(db, admin, input)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason).toBeInstanceOf(AppError);
  });

  it("refuses a reviewer scope on a column that does not exist", async () => {
    const user = await makeUser([{ role: "EDITOR" }]);
    await expect(
      updateUserRoles(db, secadmin, {
        userId: user.id,
        roles: [{ role: "REVIEWER", level: 2, columnId: "00000000-0000-4000-8000-000000000000" }],
      }),
    ).rejects.toEqual(appError("VALIDATION", usersText.validation.columnMissing));
    expect(await db.userRole.count({ where: { userId: user.id } })).toBe(1);
  });

  it("refuses a caller whose stored roles do not allow it, whatever the session says", async () => {
    await expect(createUser(db, secadmin, { username: "by.secadmin", displayName: "某人" })).rejects.toEqual(
      appError("FORBIDDEN"),
    );
    const editor = await makeUser([{ role: "EDITOR" }]);
    await expect(updateUserRoles(db, admin, { userId: editor.id, roles: [] })).rejects.toEqual(appError("FORBIDDEN"));
  });
});

describe("editing an account", () => {
  it("renames (系统管理员) and records both versions", async () => {
    const user = await makeUser([{ role: "EDITOR" }]);
    await updateUser(db, admin, { userId: user.id, displayName: "新名字" });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id }, include: { roles: true } });
    expect(after.displayName).toBe("新名字");
    const [event] = await auditFor(user.id);
    expect(event.action).toBe("user.update");
    expect(event.data).toMatchObject({ before: { displayName: user.displayName }, after: { displayName: "新名字" } });
  });

  it("replaces the roles (安全管理员) and records both versions", async () => {
    const user = await makeUser([{ role: "EDITOR" }]);
    await updateUserRoles(db, secadmin, { userId: user.id, roles: [{ role: "REVIEWER", level: 2, columnId: null }] });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id }, include: { roles: true } });
    expect(after.roles.map(({ role, level, columnId }) => ({ role, level, columnId }))).toEqual([
      { role: "REVIEWER", level: 2, columnId: null },
    ]);
    const [event] = await auditFor(user.id);
    expect(event.action).toBe("user.grantRoles");
    expect(event.data).toMatchObject({
      before: [{ role: "EDITOR", level: null, columnId: null }],
      after: [{ role: "REVIEWER", level: 2, columnId: null }],
    });
  });

  it("refuses any change to one's own roles", async () => {
    await expect(updateUserRoles(db, secadmin, { userId: secadmin.id, roles: [] })).rejects.toEqual(
      appError("CONFLICT", usersText.errors.selfGrant),
    );
    const roles = await db.userRole.findMany({ where: { userId: secadmin.id } });
    expect(roles.map((role) => role.role)).toEqual(["SECURITY_ADMIN"]);
  });

  it("answers NOT_FOUND for an unknown account", async () => {
    await expect(
      updateUser(db, admin, { userId: "00000000-0000-4000-8000-000000000000", displayName: "x" }),
    ).rejects.toEqual(appError("NOT_FOUND"));
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

describe("the last active holder of an administrator role", () => {
  // A database of its own shape: exactly one active holder of the role, others disabled.
  async function onlyActive(role: "ADMIN" | "SECURITY_ADMIN" | "AUDITOR", keep: string[]) {
    await db.user.updateMany({
      where: { roles: { some: { role } }, id: { notIn: keep } },
      data: { status: "DISABLED" },
    });
  }
  const reactivate = (role: "ADMIN" | "SECURITY_ADMIN" | "AUDITOR") =>
    db.user.updateMany({ where: { roles: { some: { role } } }, data: { status: "ACTIVE" } });

  it("the last 系统管理员 cannot be demoted by the 安全管理员", async () => {
    const last = await makeUser([{ role: "ADMIN" }]);
    await onlyActive("ADMIN", [last.id]);
    await expect(
      updateUserRoles(db, secadmin, { userId: last.id, roles: [{ role: "EDITOR", level: null, columnId: null }] }),
    ).rejects.toEqual(appError("CONFLICT", usersText.errors.lastAdmin));
    const after = await db.user.findUniqueOrThrow({ where: { id: last.id }, include: { roles: true } });
    expect(after.roles.map((role) => role.role)).toEqual(["ADMIN"]);
    expect(await auditFor(last.id)).toEqual([]);
    await reactivate("ADMIN");
  });

  it("the last 安全管理员 and the last 安全审计员 cannot be disabled by the 系统管理员", async () => {
    await onlyActive("SECURITY_ADMIN", [secadmin.id]);
    await expect(disableUser(db, admin, secadmin.id)).rejects.toEqual(
      appError("CONFLICT", usersText.errors.lastSecurityAdmin),
    );
    await reactivate("SECURITY_ADMIN");

    const auditor = await makeUser([{ role: "AUDITOR" }]);
    await onlyActive("AUDITOR", [auditor.id]);
    await expect(disableUser(db, admin, auditor.id)).rejects.toEqual(
      appError("CONFLICT", usersText.errors.lastAuditor),
    );
    expect((await db.user.findUniqueOrThrow({ where: { id: auditor.id } })).status).toBe("ACTIVE");

    // Once another holder is active, the same change goes through.
    await makeUser([{ role: "AUDITOR" }]);
    await disableUser(db, admin, auditor.id);
    expect((await db.user.findUniqueOrThrow({ where: { id: auditor.id } })).status).toBe("DISABLED");
  });

  it("survives two administrators disabling each other at the same moment", async () => {
    const a = await makeUser([{ role: "ADMIN" }]);
    const b = await makeUser([{ role: "ADMIN" }]);
    await onlyActive("ADMIN", [a.id, b.id]);
    const results = await Promise.allSettled([disableUser(db, a, b.id), disableUser(db, b, a.id)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    // The loser is now disabled itself: its stored status no longer allows the command.
    expect(results.find((result) => result.status === "rejected")).toMatchObject({ reason: appError("FORBIDDEN") });
    expect(await db.user.count({ where: { status: "ACTIVE", roles: { some: { role: "ADMIN" } } } })).toBe(1);
    await reactivate("ADMIN");
  });
});

describe("unlocking", () => {
  it("clears the lock and the failed-login count", async () => {
    const user = await makeUser([{ role: "EDITOR" }]);
    await db.user.update({
      where: { id: user.id },
      data: { failedLoginCount: 5, firstFailedLoginAt: new Date(), lockedUntil: new Date(Date.now() + 15 * 60_000) },
    });
    await expect(unlockUser(db, admin, user.id)).rejects.toEqual(appError("FORBIDDEN"));
    await unlockUser(db, secadmin, user.id);
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect({ failed: after.failedLoginCount, first: after.firstFailedLoginAt, lockedUntil: after.lockedUntil }).toEqual(
      { failed: 0, first: null, lockedUntil: null },
    );
    expect((await auditFor(user.id)).map((event) => event.action)).toEqual(["user.unlock"]);
  });
});

describe("resetting a password", () => {
  it("issues a new must-change password, keeps the history, lifts the lock and ends sessions", async () => {
    const issued = await createUser(db, admin, { username: "reset.me", displayName: "待重置" });
    await db.user.update({
      where: { id: issued.userId },
      data: { mustChangePassword: false, lockedUntil: new Date(Date.now() + 60_000), failedLoginCount: 5 },
    });
    await openSession(issued.userId);

    const reset = await resetPassword(db, secadmin, issued.userId);
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

  it("refuses a reset of one's own password (that is 我的账户's job)", async () => {
    await expect(resetPasswordOutcome(db, secadmin, secadmin.id)).rejects.toEqual(
      appError("CONFLICT", usersText.errors.selfReset),
    );
  });
});

describe("an administrator whose password is past its age", () => {
  it("is refused by the commands, which read the caller's stored state, until it changes the password", async () => {
    const stale = await makeUser([{ role: "ADMIN" }]);
    await db.user.update({
      where: { id: stale.id },
      data: { passwordChangedAt: new Date(Date.now() - 91 * 86_400_000) },
    });
    await expect(createUser(db, stale, { username: "after.expiry", displayName: "过期后" })).rejects.toEqual(
      appError("FORBIDDEN"),
    );
    expect(await db.user.count({ where: { username: "after.expiry" } })).toBe(0);
  });
});
