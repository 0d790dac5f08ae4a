/**
 * The TOTP second factor end to end on a real database: login with and without a code, replay,
 * lockout counting, enrolment enforced on the server for privileged accounts (actions and commands
 * refuse them until they enrol), the 安全管理员's reset (a two-person request for privileged
 * accounts) and turning an optional factor off.
 */
jest.mock("@/lib/auth/session", () => jest.requireActual("../support/server-action-session").sessionWithTestUser());
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

import { createUserAction } from "@/app/admin/(staff)/users/actions";
import { enrolTotpAction } from "@/app/admin/two-factor/actions";
import { decideRequest } from "@/lib/approvals/commands";
import { attemptLogin, type LoginInput } from "@/lib/auth/login";
import { hashPassword } from "@/lib/auth/password";
import { createSession, resolveSession } from "@/lib/auth/session-store";
import { decryptTotpSecret, timeStep, totpCode } from "@/lib/auth/totp";
import { confirmTotpEnrolment, disableOwnTotp, pendingTotpSecret } from "@/lib/auth/two-factor";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { createUser as createUserCommand, resetTotp } from "@/lib/users/commands";
import { createUser, TEST_TOTP_SECRET, testDb } from "../support/factories";
import { actAs, formData } from "../support/server-action-session";

const PASSWORD = "Correct-Horse-42";
let db: PrismaClient;
beforeAll(() => {
  db = testDb();
});
afterAll(() => db.$disconnect());

let ipCounter = 0;
const freshIp = () => `10.77.0.${++ipCounter}`;
const login = (input: Partial<LoginInput> & { username: string }) =>
  attemptLogin(db, { password: PASSWORD, ip: freshIp(), userAgent: "jest", ...input });

/** An account with a known password, with or without an enrolled second factor. */
async function account(role: Role | "FINAL", secondFactor: boolean) {
  const user = await createUser(db, role === "FINAL" ? [{ role: "REVIEWER", level: 3 }] : role, { secondFactor });
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
  return user;
}

const codeNow = (offset = 0) => totpCode(TEST_TOTP_SECRET, timeStep(new Date()) + offset);

async function signedIn(userId: string) {
  const sessionId = await db.$transaction((tx) =>
    createSession(tx, { userId, ip: "10.77.9.9", userAgent: null, now: new Date() }),
  );
  const user = await resolveSession(db, sessionId, userId);
  if (!user) throw new Error("session did not resolve");
  return user;
}

const lastReason = async (userId: string) =>
  (await db.loginAttempt.findFirstOrThrow({ where: { userId }, orderBy: { id: "desc" } })).reason;

describe("login with a second factor", () => {
  it("needs the code: none or a wrong one is INVALID, the right one signs in, and it works once (replay)", async () => {
    const user = await account("EDITOR", true);
    expect(await login({ username: user.username })).toEqual({ ok: false, code: "INVALID" });
    expect(await lastReason(user.id)).toBe("missing_code");
    const wrong = codeNow() === "000000" ? "111111" : "000000";
    expect(await login({ username: user.username, code: wrong })).toEqual({ ok: false, code: "INVALID" });
    expect(await lastReason(user.id)).toBe("bad_code");
    // A right code with a wrong password: the same answer as any wrong password.
    expect(await login({ username: user.username, password: "Wrong-Pass-99", code: codeNow() })).toEqual({
      ok: false,
      code: "INVALID",
    });
    expect(await lastReason(user.id)).toBe("bad_password");

    const code = codeNow();
    expect(await login({ username: user.username, code })).toMatchObject({ ok: true, userId: user.id });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.totpLastStep).toBe(timeStep(new Date()));
    expect(after.failedLoginCount).toBe(0);

    // The same code again (someone who saw it over the shoulder): refused, and counted.
    expect(await login({ username: user.username, code })).toEqual({ ok: false, code: "INVALID" });
    expect(await lastReason(user.id)).toBe("bad_code");
    // The next step's code is still good (one step of drift is accepted).
    expect(await login({ username: user.username, code: codeNow(1) })).toMatchObject({ ok: true });
  });

  it("ignores the code field for an account without a second factor", async () => {
    const user = await account("EDITOR", false);
    expect(await login({ username: user.username })).toMatchObject({ ok: true });
    expect(await login({ username: user.username, code: "123456" })).toMatchObject({ ok: true });
  });

  it("counts wrong codes toward the lockout: the fifth locks, and then the right code does not get in", async () => {
    const user = await account("EDITOR", true);
    const wrong = () => (codeNow() === "000000" ? "111111" : "000000");
    for (let i = 1; i <= 4; i++)
      expect(await login({ username: user.username, code: wrong() })).toEqual({ ok: false, code: "INVALID" });
    expect(await login({ username: user.username, code: wrong() })).toEqual({ ok: false, code: "LOCKED" });
    expect(await login({ username: user.username, code: codeNow() })).toEqual({ ok: false, code: "LOCKED" });
    const events = await db.auditEvent.findMany({
      where: { target: `user:${user.id}`, action: { in: ["auth.login_failed", "auth.account_locked"] } },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => event.action)).toEqual([
      ...Array(5).fill("auth.login_failed"),
      "auth.account_locked",
      "auth.login_failed",
    ]);
    expect((events[0].data as { reason: string }).reason).toBe("bad_code");
  });
});

describe("enrolment of a privileged account", () => {
  it.each([["ADMIN"], ["SECURITY_ADMIN"], ["AUDITOR"], ["FINAL"]] as const)(
    "is required for %s: the session says so and the server refuses everything else until it is done",
    async (role) => {
      const user = await account(role, false);
      const session = await signedIn(user.id);
      expect(session.mustEnrolTotp).toBe(true);
    },
  );

  it("is optional for an editor", async () => {
    const user = await account("EDITOR", false);
    expect((await signedIn(user.id)).mustEnrolTotp).toBe(false);
  });

  it("refuses a 系统管理员's action and command before enrolment, and allows them after one valid code", async () => {
    const admin = await account("ADMIN", false);
    const session = await signedIn(admin.id);
    actAs(session);
    const refused = await createUserAction(
      { status: "idle" },
      formData({ username: `nf${Date.now().toString(36)}`, displayName: "新账户" }),
    );
    expect(refused).toMatchObject({ status: "error", code: "FORBIDDEN" });
    // The command re-reads the caller from the database: being called directly, past the action, does not help.
    await expect(
      createUserCommand(
        db,
        { id: admin.id },
        {
          username: `ng${Date.now().toString(36)}`,
          displayName: "新账户",
          accountType: "STAFF",
        },
      ),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    // The enrolment page's key stays the same on every visit until confirmed, and is stored encrypted.
    const secret = await pendingTotpSecret(db, admin.id);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await pendingTotpSecret(db, admin.id)).toBe(secret);
    const stored = await db.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(stored.totpSecret).not.toContain(secret as string);
    expect(decryptTotpSecret(admin.id, stored.totpSecret as string)).toBe(secret);

    // A wrong code does not enrol.
    const step = timeStep(new Date());
    const good = totpCode(secret as string, step);
    await expect(confirmTotpEnrolment(db, admin, good === "000000" ? "111111" : "000000")).rejects.toMatchObject({
      code: "VALIDATION",
      message: "动态验证码不正确或已使用过，请输入身份验证器上的最新验证码",
    });
    // The action (the form posts here) enrols with a right code and sends the user on.
    await expect(enrolTotpAction({ status: "idle" }, formData({ code: good, after: "dashboard" }))).rejects.toThrow(
      "NEXT_REDIRECT",
    );
    const enrolled = await db.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(enrolled.totpEnabledAt).not.toBeNull();
    expect(enrolled.totpLastStep).toBe(step);
    expect(await db.auditEvent.count({ where: { action: "auth.totp_enrol", target: `user:${admin.id}` } })).toBe(1);

    const after = await signedIn(admin.id);
    expect(after.mustEnrolTotp).toBe(false);
    actAs(after);
    expect(
      await createUserAction(
        { status: "idle" },
        formData({ username: `nh${Date.now().toString(36)}`, displayName: "新账户" }),
      ),
    ).toMatchObject({ status: "ok" });
    // The enrolment code is used: it cannot sign in.
    expect(await login({ username: admin.username, code: good })).toEqual({ ok: false, code: "INVALID" });
    actAs(null);
  });
});

describe("lost device", () => {
  it("the 安全管理员 resets an editor's factor alone: sessions end, the event is audited", async () => {
    const securityAdmin = await createUser(db, "SECURITY_ADMIN");
    const editor = await account("EDITOR", true);
    const session = await signedIn(editor.id);
    expect(await resetTotp(db, securityAdmin, editor.id)).toEqual({ done: { userId: editor.id } });
    const after = await db.user.findUniqueOrThrow({ where: { id: editor.id } });
    expect([after.totpSecret, after.totpEnabledAt, after.totpLastStep]).toEqual([null, null, null]);
    expect(await resolveSession(db, session.sessionId, editor.id)).toBeNull();
    expect(
      await db.auditEvent.count({
        where: { action: "user.resetTotp", actorId: securityAdmin.id, target: `user:${editor.id}` },
      }),
    ).toBe(1);
    // Without a factor the password alone signs in again.
    expect(await login({ username: editor.username })).toMatchObject({ ok: true });
  });

  it("for a privileged account it is a request a 系统管理员 approves; the account must then enrol again", async () => {
    const securityAdmin = await createUser(db, "SECURITY_ADMIN");
    const admin = await createUser(db, "ADMIN");
    const final = await account("FINAL", true);
    const session = await signedIn(final.id);
    const outcome = await resetTotp(db, securityAdmin, final.id);
    expect(outcome).toHaveProperty("requestId");
    // Nothing changes until it is approved.
    expect((await db.user.findUniqueOrThrow({ where: { id: final.id } })).totpEnabledAt).not.toBeNull();
    const requestId = (outcome as { requestId: string }).requestId;
    // The requester cannot approve it.
    await expect(decideRequest(db, securityAdmin, requestId, "approve")).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await decideRequest(db, admin, requestId, "approve")).toEqual({ kind: "RESET_TOTP" });
    expect((await db.user.findUniqueOrThrow({ where: { id: final.id } })).totpEnabledAt).toBeNull();
    expect(await resolveSession(db, session.sessionId, final.id)).toBeNull();
    expect((await signedIn(final.id)).mustEnrolTotp).toBe(true);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "user.resetTotp", target: `user:${final.id}` },
    });
    expect(event.actorId).toBe(admin.id);
    expect(event.data).toMatchObject({ approvalRequestId: requestId, requestedById: securityAdmin.id });
  });

  it("refuses resetting one's own factor, and an account without one", async () => {
    const securityAdmin = await createUser(db, "SECURITY_ADMIN");
    await expect(resetTotp(db, securityAdmin, securityAdmin.id)).rejects.toMatchObject({ code: "CONFLICT" });
    const editor = await account("EDITOR", false);
    await expect(resetTotp(db, securityAdmin, editor.id)).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("turning an optional factor off", () => {
  it("needs a current code; a wrong one counts as a failed login; a privileged account cannot", async () => {
    const editor = await account("EDITOR", true);
    const wrong = codeNow() === "000000" ? "111111" : "000000";
    await expect(disableOwnTotp(db, editor, wrong)).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await lastReason(editor.id)).toBe("bad_code");
    expect((await db.user.findUniqueOrThrow({ where: { id: editor.id } })).failedLoginCount).toBe(1);
    await disableOwnTotp(db, editor, codeNow());
    expect((await db.user.findUniqueOrThrow({ where: { id: editor.id } })).totpEnabledAt).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "auth.totp_disable", target: `user:${editor.id}` } })).toBe(1);

    const admin = await account("ADMIN", true);
    await expect(disableOwnTotp(db, admin, codeNow())).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
