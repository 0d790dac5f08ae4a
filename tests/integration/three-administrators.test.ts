/**
 * 三员分立 (issue 13, findings 1, 2 and 7): the 系统管理员, the 安全管理员 and the 安全审计员 through the
 * server actions as Next calls them, against the real database. Only the session lookup is replaced
 * (it needs a request's cookies) and Next's cache invalidation (it needs a running server).
 */
import { verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/generated/prisma/enums";
import { asCurrentUser, createUser, testDb, type TestUser } from "../support/factories";
import { actAs, formData as form } from "../support/server-action-session";

jest.mock("@/lib/auth/session", () => jest.requireActual("../support/server-action-session").sessionWithTestUser());
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

// Imported after the mocks are declared (jest hoists jest.mock above imports).
import { approveRequestAction, rejectRequestAction } from "@/app/admin/(staff)/approvals/actions";
import { updateHomeSlotsAction } from "@/app/admin/(staff)/home/actions";
import {
  createUserAction,
  resetPasswordAction,
  updateUserAction,
  updateUserRolesAction,
} from "@/app/admin/(staff)/users/actions";
import { approvalsText } from "@/lib/approvals/messages";
import { initialFormState } from "@/lib/forms/form-state";
import { initialUserFormState } from "@/lib/users/form-state";
import { usersText } from "@/lib/users/messages";

const db = testDb();
afterAll(() => db.$disconnect());

const as = (user: TestUser, role: Role = user.roles[0].role) => actAs(asCurrentUser(user, role));
const rolesOf = async (userId: string) =>
  (await db.userRole.findMany({ where: { userId }, orderBy: [{ role: "asc" }, { level: "asc" }] })).map(
    (row) => `${row.role}:${row.level ?? ""}:${row.columnId ?? ""}`,
  );
const pendingFor = (targetUserId: string) =>
  db.approvalRequest.findFirstOrThrow({ where: { targetUserId, status: "PENDING" } });

let sysadmin: TestUser;
let sysadmin2: TestUser;
let secadmin: TestUser;
let secadmin2: TestUser;
let auditor: TestUser;
beforeAll(async () => {
  sysadmin = await createUser(db, "ADMIN", { username: "sys.admin" });
  sysadmin2 = await createUser(db, "ADMIN", { username: "sys.admin2" });
  secadmin = await createUser(db, "SECURITY_ADMIN", { username: "sec.admin" });
  secadmin2 = await createUser(db, "SECURITY_ADMIN", { username: "sec.admin2" });
  auditor = await createUser(db, "AUDITOR", { username: "the.auditor" });
});

describe("finding 1: nobody grants a role to themselves", () => {
  it("the 系统管理员 cannot make itself a 终审: role fields in its account form are ignored, the role form is refused", async () => {
    as(sysadmin);
    const renamed = await updateUserAction(
      initialUserFormState,
      form({ userId: sysadmin.id, displayName: "系统管理员甲", reviewer: ["3:all"], roles: ["EDITOR"] }),
    );
    expect(renamed.status).toBe("ok");
    expect(await rolesOf(sysadmin.id)).toEqual(["ADMIN::"]);

    const granted = await updateUserRolesAction(
      initialUserFormState,
      form({ userId: sysadmin.id, reviewer: ["3:all"] }),
    );
    expect(granted).toMatchObject({ status: "error", code: "FORBIDDEN" });
    expect(await rolesOf(sysadmin.id)).toEqual(["ADMIN::"]);
  });

  it("the 安全管理员 cannot change its own roles, not even through a request", async () => {
    as(secadmin);
    const state = await updateUserRolesAction(initialUserFormState, form({ userId: secadmin.id, reviewer: ["3:all"] }));
    expect(state).toMatchObject({ status: "error", code: "CONFLICT", message: usersText.errors.selfGrant });
    expect(await rolesOf(secadmin.id)).toEqual(["SECURITY_ADMIN::"]);
    expect(await db.approvalRequest.count({ where: { targetUserId: secadmin.id } })).toBe(0);
  });

  it("the database refuses an administrator role held with any other role, whatever code writes it", async () => {
    for (const [role, other] of [
      ["ADMIN", { role: "REVIEWER", level: 3 }],
      ["SECURITY_ADMIN", { role: "EDITOR" }],
      ["AUDITOR", { role: "ADMIN" }],
      ["ADMIN", { role: "SECURITY_ADMIN" }],
    ] as const) {
      const user = await createUser(db, role);
      await expect(db.userRole.create({ data: { userId: user.id, ...other } })).rejects.toThrow(
        /manual_user_role_separation|三员分立/,
      );
      expect(await db.userRole.count({ where: { userId: user.id } })).toBe(1);
    }
    // Workflow roles still combine freely.
    const editor = await createUser(db, "EDITOR");
    await db.userRole.create({ data: { userId: editor.id, role: "REVIEWER", level: 1 } });
    expect(await rolesOf(editor.id)).toEqual(["EDITOR::", "REVIEWER:1:"]);
  });

  it("the role form refuses an administrator role together with a workflow role, with the values typed", async () => {
    const target = await createUser(db, "EDITOR");
    as(secadmin);
    const state = await updateUserRolesAction(
      initialUserFormState,
      form({ userId: target.id, roles: ["ADMIN", "EDITOR"] }),
    );
    expect(state).toMatchObject({
      status: "error",
      fieldErrors: { roles: usersText.validation.administratorExclusive },
    });
    expect(state.values).toMatchObject({ roles: ["ADMIN", "EDITOR"] });
    expect(await rolesOf(target.id)).toEqual(["EDITOR::"]);
  });
});

describe("granting roles: 安全管理员, with 终审 and administrator roles approved by a 系统管理员", () => {
  it("applies an ordinary grant at once and audits it", async () => {
    const target = await createUser(db, "EDITOR");
    as(secadmin);
    const state = await updateUserRolesAction(
      initialUserFormState,
      form({ userId: target.id, roles: ["EDITOR"], reviewer: ["1:all", "2:all"] }),
    );
    expect(state).toMatchObject({ status: "ok", message: usersText.toasts.rolesUpdated });
    expect(await rolesOf(target.id)).toEqual(["EDITOR::", "REVIEWER:1:", "REVIEWER:2:"]);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "user.grantRoles", target: `user:${target.id}` },
    });
    expect(event.actorId).toBe(secadmin.id);
  });

  it("turns a 终审 grant into a pending request: one person is not enough, the other role approves", async () => {
    const target = await createUser(db, "EDITOR");
    as(secadmin);
    const asked = await updateUserRolesAction(
      initialUserFormState,
      form({ userId: target.id, roles: ["EDITOR"], reviewer: ["3:all"] }),
    );
    expect(asked).toMatchObject({ status: "ok", message: approvalsText.toasts.requested });
    expect(await rolesOf(target.id)).toEqual(["EDITOR::"]);
    const request = await pendingFor(target.id);
    expect(request).toMatchObject({ kind: "GRANT_ROLES", requestedById: secadmin.id });

    // One person: the requester cannot approve, nor can another 安全管理员.
    expect(await approveRequestAction(initialUserFormState, form({ requestId: request.id }))).toMatchObject({
      status: "error",
      code: "FORBIDDEN",
    });
    as(secadmin2);
    expect(await approveRequestAction(initialUserFormState, form({ requestId: request.id }))).toMatchObject({
      status: "error",
      code: "FORBIDDEN",
    });
    expect(await rolesOf(target.id)).toEqual(["EDITOR::"]);

    // Two people: a 系统管理员 approves.
    as(sysadmin);
    const approved = await approveRequestAction(initialUserFormState, form({ requestId: request.id }));
    expect(approved).toMatchObject({ status: "ok", message: approvalsText.toasts.approved });
    expect(await rolesOf(target.id)).toEqual(["EDITOR::", "REVIEWER:3:"]);
    expect(await db.approvalRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "APPROVED",
      decidedById: sysadmin.id,
    });

    const events = await db.auditEvent.findMany({
      where: { OR: [{ target: `approval:${request.id}` }, { target: `user:${target.id}` }] },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => [event.action, event.actorId])).toEqual([
      ["approval.request", secadmin.id],
      ["approval.approve", sysadmin.id],
      ["user.grantRoles", sysadmin.id],
    ]);
    expect(events[2].data).toMatchObject({ approvalRequestId: request.id, requestedById: secadmin.id });

    // Approving twice does nothing more.
    expect(await approveRequestAction(initialUserFormState, form({ requestId: request.id }))).toMatchObject({
      status: "error",
      code: "CONFLICT",
    });
  });

  it("grants 终审 or an administrator role only once the owner has replaced the issued password", async () => {
    as(sysadmin);
    const created = await createUserAction(
      initialUserFormState,
      form({ username: "fresh.staff", displayName: "新同事" }),
    );
    const userId = created.userId ?? "";
    as(secadmin);
    await updateUserRolesAction(initialUserFormState, form({ userId, roles: ["EDITOR"] }));
    // The 系统管理员 who created it knows its password: no 终审 until its owner has changed it.
    expect(
      await updateUserRolesAction(initialUserFormState, form({ userId, roles: ["EDITOR"], reviewer: ["3:all"] })),
    ).toMatchObject({
      status: "error",
      code: "CONFLICT",
      message: usersText.errors.privilegedInitialPassword,
    });
    expect(await db.approvalRequest.count({ where: { targetUserId: userId } })).toBe(0);
    await db.user.update({ where: { id: userId }, data: { mustChangePassword: false } });
    expect(
      await updateUserRolesAction(initialUserFormState, form({ userId, roles: ["EDITOR"], reviewer: ["3:all"] })),
    ).toMatchObject({ status: "ok" });

    // …and the rule holds again when the decision comes: a reset in between puts it back.
    const request = await pendingFor(userId);
    await db.user.update({ where: { id: userId }, data: { mustChangePassword: true } });
    as(sysadmin);
    expect(await approveRequestAction(initialUserFormState, form({ requestId: request.id }))).toMatchObject({
      code: "CONFLICT",
      message: usersText.errors.privilegedInitialPassword,
    });
    expect(await rolesOf(userId)).toEqual(["EDITOR::"]);
  });

  it("refuses to approve a grant when the account's roles changed after the request", async () => {
    const target = await createUser(db, "EDITOR");
    as(secadmin);
    await updateUserRolesAction(initialUserFormState, form({ userId: target.id, roles: ["ADMIN"] }));
    const request = await pendingFor(target.id);
    await updateUserRolesAction(initialUserFormState, form({ userId: target.id, reviewer: ["1:all"] }));
    as(sysadmin);
    expect(await approveRequestAction(initialUserFormState, form({ requestId: request.id }))).toMatchObject({
      status: "error",
      code: "CONFLICT",
      message: approvalsText.errors.stale,
    });
    expect(await rolesOf(target.id)).toEqual(["REVIEWER:1:"]);
  });

  it("rejects with a Chinese message, changes nothing and audits the rejection", async () => {
    const target = await createUser(db, "EDITOR");
    as(secadmin);
    await updateUserRolesAction(initialUserFormState, form({ userId: target.id, roles: ["SECURITY_ADMIN"] }));
    const request = await pendingFor(target.id);
    as(sysadmin2);
    expect(await rejectRequestAction(initialUserFormState, form({ requestId: request.id }))).toMatchObject({
      status: "ok",
      message: approvalsText.toasts.rejected,
    });
    expect(await rolesOf(target.id)).toEqual(["EDITOR::"]);
    expect(
      await db.auditEvent.count({
        where: { action: "approval.reject", actorId: sysadmin2.id, target: `approval:${request.id}` },
      }),
    ).toBe(1);
  });

  it("never adds or removes the auditor role through the role form", async () => {
    const target = await createUser(db, "EDITOR");
    as(secadmin);
    expect(
      await updateUserRolesAction(initialUserFormState, form({ userId: target.id, roles: ["AUDITOR"] })),
    ).toMatchObject({ status: "error" });
    expect(
      await updateUserRolesAction(initialUserFormState, form({ userId: auditor.id, roles: ["EDITOR"] })),
    ).toMatchObject({
      status: "error",
      code: "CONFLICT",
      message: usersText.errors.auditorRoles,
    });
    expect(await rolesOf(target.id)).toEqual(["EDITOR::"]);
    expect(await rolesOf(auditor.id)).toEqual(["AUDITOR::"]);
  });
});

describe("finding 2: no single administrator reaches the audit log", () => {
  it("the 系统管理员 cannot reset any password, the auditor's included", async () => {
    const before = (await db.user.findUniqueOrThrow({ where: { id: auditor.id } })).passwordHash;
    as(sysadmin);
    const state = await resetPasswordAction(initialUserFormState, form({ userId: auditor.id }));
    expect(state).toMatchObject({ status: "error", code: "FORBIDDEN" });
    expect(state.password).toBeUndefined();
    expect((await db.user.findUniqueOrThrow({ where: { id: auditor.id } })).passwordHash).toBe(before);
  });

  it("the 安全管理员's reset of the auditor waits for a 系统管理员, who gets the one-time password", async () => {
    const before = (await db.user.findUniqueOrThrow({ where: { id: auditor.id } })).passwordHash;
    as(secadmin);
    const asked = await resetPasswordAction(initialUserFormState, form({ userId: auditor.id }));
    expect(asked).toMatchObject({ status: "ok", message: approvalsText.toasts.requested });
    expect(asked.password).toBeUndefined();
    expect((await db.user.findUniqueOrThrow({ where: { id: auditor.id } })).passwordHash).toBe(before);
    // A second click does not queue a second request.
    expect(await resetPasswordAction(initialUserFormState, form({ userId: auditor.id }))).toMatchObject({
      status: "error",
      code: "CONFLICT",
    });

    const request = await pendingFor(auditor.id);
    expect(await approveRequestAction(initialUserFormState, form({ requestId: request.id }))).toMatchObject({
      code: "FORBIDDEN",
    });

    as(sysadmin);
    const approved = await approveRequestAction(initialUserFormState, form({ requestId: request.id }));
    expect(approved).toMatchObject({ status: "ok", username: "the.auditor" });
    const after = await db.user.findUniqueOrThrow({ where: { id: auditor.id } });
    await expect(verifyPassword(after.passwordHash, approved.password ?? "")).resolves.toBe(true);
    expect(after.mustChangePassword).toBe(true);
    const reset = await db.auditEvent.findFirstOrThrow({
      where: { action: "user.resetPassword", target: `user:${auditor.id}` },
    });
    expect(reset).toMatchObject({
      actorId: sysadmin.id,
      data: expect.objectContaining({ approvalRequestId: request.id, requestedById: secadmin.id }),
    });
    expect(JSON.stringify(reset.data)).not.toContain(approved.password);
  });

  it("applies the same rule to another administrator's password: the 安全管理员 cannot take over a 系统管理员", async () => {
    as(secadmin);
    expect(await resetPasswordAction(initialUserFormState, form({ userId: sysadmin2.id }))).toMatchObject({
      status: "ok",
      message: approvalsText.toasts.requested,
    });
    const request = await pendingFor(sysadmin2.id);
    // The target itself may not approve its own reset.
    as(sysadmin2);
    expect(await approveRequestAction(initialUserFormState, form({ requestId: request.id }))).toMatchObject({
      code: "FORBIDDEN",
    });
    as(sysadmin);
    expect(await rejectRequestAction(initialUserFormState, form({ requestId: request.id }))).toMatchObject({
      status: "ok",
    });
  });

  it("applies the same rule to a 终审's password: the 安全管理员 alone cannot sign in as one and publish", async () => {
    // Granting 终审 needs two people; taking over an existing 终审 by a reset must not need fewer.
    const column = await db.column.create({ data: { slug: `reset-scope-${Date.now().toString(36)}`, name: "通知" } });
    for (const grant of [
      { role: "REVIEWER", level: 3 },
      { role: "REVIEWER", level: 3, columnId: column.id },
    ] as const) {
      const finalReviewer = await createUser(db, [{ role: "EDITOR" }, grant]);
      const before = (await db.user.findUniqueOrThrow({ where: { id: finalReviewer.id } })).passwordHash;
      as(secadmin);
      const asked = await resetPasswordAction(initialUserFormState, form({ userId: finalReviewer.id }));
      expect(asked).toMatchObject({ status: "ok", message: approvalsText.toasts.requested });
      expect(asked.password).toBeUndefined();
      expect((await db.user.findUniqueOrThrow({ where: { id: finalReviewer.id } })).passwordHash).toBe(before);

      const request = await pendingFor(finalReviewer.id);
      expect(request).toMatchObject({ kind: "RESET_PASSWORD", requestedById: secadmin.id });
      as(secadmin2);
      expect(await approveRequestAction(initialUserFormState, form({ requestId: request.id }))).toMatchObject({
        code: "FORBIDDEN",
      });
      as(sysadmin);
      const approved = await approveRequestAction(initialUserFormState, form({ requestId: request.id }));
      expect(approved).toMatchObject({ status: "ok", username: finalReviewer.username });
      const after = await db.user.findUniqueOrThrow({ where: { id: finalReviewer.id } });
      await expect(verifyPassword(after.passwordHash, approved.password ?? "")).resolves.toBe(true);
      expect(after.mustChangePassword).toBe(true);
    }
  });

  it("resets an editor's or a 初审 / 复审's password at once, shown to the 安全管理员", async () => {
    const reviewer = await createUser(db, [
      { role: "REVIEWER", level: 1 },
      { role: "REVIEWER", level: 2 },
    ]);
    as(secadmin);
    const reset = await resetPasswordAction(initialUserFormState, form({ userId: reviewer.id }));
    expect(reset).toMatchObject({ status: "ok", message: usersText.toasts.reset });
    expect(reset.password).toEqual(expect.any(String));
  });

  it("resets an editor's password at once, shown to the 安全管理员", async () => {
    const editor = await createUser(db, "EDITOR");
    as(secadmin);
    const state = await resetPasswordAction(initialUserFormState, form({ userId: editor.id }));
    expect(state).toMatchObject({ status: "ok", message: usersText.toasts.reset });
    expect(state.password).toEqual(expect.any(String));
  });

  it("an auditor account asked for by the 系统管理员 exists only once a 安全管理员 approves; the password goes to the approver", async () => {
    as(sysadmin);
    const asked = await createUserAction(
      initialUserFormState,
      form({ username: "new.auditor", displayName: "新审计员", accountType: "AUDITOR" }),
    );
    expect(asked).toMatchObject({ status: "ok", message: approvalsText.toasts.requested });
    expect(asked.password).toBeUndefined();
    expect(await db.user.count({ where: { username: "new.auditor" } })).toBe(0);

    const request = await db.approvalRequest.findFirstOrThrow({ where: { kind: "CREATE_AUDITOR", status: "PENDING" } });
    expect(await approveRequestAction(initialUserFormState, form({ requestId: request.id }))).toMatchObject({
      code: "FORBIDDEN",
    });
    as(sysadmin2);
    expect(await approveRequestAction(initialUserFormState, form({ requestId: request.id }))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await db.user.count({ where: { username: "new.auditor" } })).toBe(0);

    as(secadmin);
    const approved = await approveRequestAction(initialUserFormState, form({ requestId: request.id }));
    expect(approved).toMatchObject({ status: "ok", username: "new.auditor" });
    const created = await db.user.findUniqueOrThrow({ where: { username: "new.auditor" }, include: { roles: true } });
    expect(created.roles.map((row) => row.role)).toEqual(["AUDITOR"]);
    await expect(verifyPassword(created.passwordHash, approved.password ?? "")).resolves.toBe(true);
    expect(
      await db.auditEvent.findFirstOrThrow({ where: { action: "user.create", target: `user:${created.id}` } }),
    ).toMatchObject({ actorId: secadmin.id });
  });

  it("a staff account made by the 系统管理员 has no roles: the 安全管理员 grants them", async () => {
    as(sysadmin);
    const state = await createUserAction(
      initialUserFormState,
      form({
        username: "plain.staff",
        displayName: "新同事",
        accountType: "STAFF",
        roles: ["AUDITOR"],
        reviewer: ["3:all"],
      }),
    );
    expect(state).toMatchObject({ status: "ok", username: "plain.staff" });
    const created = await db.user.findUniqueOrThrow({ where: { username: "plain.staff" } });
    expect(await rolesOf(created.id)).toEqual([]);
  });

  it("the database refuses a decision by the requester", async () => {
    const request = await db.approvalRequest.create({
      data: { kind: "RESET_PASSWORD", subject: "user:x", requestedById: secadmin.id, targetUserId: auditor.id },
    });
    await expect(
      db.approvalRequest.update({
        where: { id: request.id },
        data: { status: "APPROVED", decidedById: secadmin.id, decidedAt: new Date() },
      }),
    ).rejects.toThrow(/manual_approval_not_own/);
  });
});

describe("finding 7: the home page belongs to a site-wide role", () => {
  it("refuses a 终审 scoped to one column", async () => {
    const column = await db.column.create({ data: { slug: `home-scope-${Date.now().toString(36)}`, name: "要闻" } });
    const scoped = await createUser(db, [{ role: "REVIEWER", level: 3, columnId: column.id }]);
    actAs({ ...asCurrentUser(scoped, "REVIEWER"), roles: [{ role: "REVIEWER", level: 3, columnId: column.id }] });
    const state = await updateHomeSlotsAction(initialFormState, form({ headline: "" }));
    expect(state).toMatchObject({ status: "error", code: "FORBIDDEN" });
    expect(await db.auditEvent.count({ where: { action: "homeSlots.update" } })).toBe(0);
  });
});
