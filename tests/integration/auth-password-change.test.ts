import { attemptLogin } from "@/lib/auth/login";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { changeOwnPassword } from "@/lib/auth/password-change";
import { passwordRuleText } from "@/lib/auth/policy";
import { resolveSession } from "@/lib/auth/session-store";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { testDb } from "../support/factories";

let db: PrismaClient;
beforeAll(() => {
  db = testDb();
});
afterAll(() => db.$disconnect());

const INITIAL = "Initial-Pass-01";
let counter = 0;

async function newUserSignedIn() {
  const username = `pw.user${++counter}`;
  const passwordHash = await hashPassword(INITIAL);
  const user = await db.user.create({
    data: {
      username,
      displayName: username,
      passwordHash,
      mustChangePassword: true,
      passwordHistory: { create: [{ passwordHash }] },
    },
  });
  const result = await attemptLogin(db, { username, password: INITIAL, ip: `10.3.0.${counter}` });
  if (!result.ok) throw new Error(result.code);
  expect(result.mustChangePassword).toBe(true);
  return { user, actor: { id: user.id, sessionId: result.sessionId } };
}

function change(actor: { id: string; sessionId: string }, currentPassword: string, newPassword: string) {
  return changeOwnPassword(db, actor, { currentPassword, newPassword, confirmPassword: newPassword });
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("changing one's own password", () => {
  it("needs the right current password", async () => {
    const { actor } = await newUserSignedIn();
    const error = await refusal(change(actor, "not-it", "Brand-New-Pass-9"));
    expect(error).toMatchObject({ code: "VALIDATION", field: "currentPassword", message: "当前密码不正确" });
  });

  it("applies the password rules, with Chinese messages", async () => {
    const { actor, user } = await newUserSignedIn();
    expect(await refusal(change(actor, INITIAL, "short1A"))).toMatchObject({
      field: "newPassword",
      message: expect.stringContaining(passwordRuleText.minLength),
    });
    expect(await refusal(change(actor, INITIAL, "alllowercaseletters"))).toMatchObject({
      message: expect.stringContaining(passwordRuleText.classes),
    });
    expect(await refusal(change(actor, INITIAL, `X1!${user.username.toUpperCase()}`))).toMatchObject({
      message: passwordRuleText.username,
    });
  });

  it("clears the forced change, stores the new hash, ends other sessions, and audits", async () => {
    const { actor, user } = await newUserSignedIn();
    const other = await attemptLogin(db, { username: user.username, password: INITIAL, ip: "10.4.0.1" });
    if (!other.ok) throw new Error(other.code);

    await change(actor, INITIAL, "Brand-New-Pass-9");

    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.mustChangePassword).toBe(false);
    expect(await verifyPassword(after.passwordHash, "Brand-New-Pass-9")).toBe(true);
    expect(await db.passwordHistory.count({ where: { userId: user.id } })).toBe(2);
    expect(await resolveSession(db, actor.sessionId, user.id)).toMatchObject({ mustChangePassword: false });
    expect(await resolveSession(db, other.sessionId, user.id)).toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.password_change", actorId: user.id } });
    expect(JSON.stringify(event.data)).not.toContain("Brand-New");
  });

  it("refuses any of the last five passwords and accepts the sixth-last", async () => {
    const { actor, user } = await newUserSignedIn();
    const passwords = [INITIAL, "Second-Pass-02", "Third-Pass-03", "Fourth-Pass-04", "Fifth-Pass-05", "Sixth-Pass-06"];
    for (let i = 1; i < passwords.length; i++) await change(actor, passwords[i - 1], passwords[i]);

    // Current: Sixth. The last five: Sixth, Fifth, Fourth, Third, Second.
    for (const reused of passwords.slice(1, 5)) {
      expect(await refusal(change(actor, "Sixth-Pass-06", reused))).toMatchObject({
        field: "newPassword",
        message: passwordRuleText.history,
      });
    }
    expect(await refusal(change(actor, "Sixth-Pass-06", "Sixth-Pass-06"))).toMatchObject({ field: "newPassword" });
    await change(actor, "Sixth-Pass-06", INITIAL);
    expect(await db.passwordHistory.count({ where: { userId: user.id } })).toBe(5);
  });

  it("refuses common passwords and their variants, keyboard runs, repeats and the site's name", async () => {
    const { actor } = await newUserSignedIn();
    await db.siteSetting.upsert({
      where: { key: "site" },
      create: { key: "site", value: { siteName: "样板宣传网" } },
      update: { value: { siteName: "样板宣传网" } },
    });
    for (const weak of ["Password123", "Passw0rd!!", "Qwerty12345", "Admin@12345", "Aaaaaaaaa1"]) {
      expect({ weak, error: await refusal(change(actor, INITIAL, weak)) }).toMatchObject({
        weak,
        error: { field: "newPassword", code: "VALIDATION" },
      });
    }
    expect(await refusal(change(actor, INITIAL, "P@ssw0rd2026!"))).toMatchObject({
      message: expect.stringContaining(passwordRuleText.common),
    });
    expect(await refusal(change(actor, INITIAL, "样板宣传网Lamp-9x"))).toMatchObject({
      message: expect.stringContaining(passwordRuleText.siteName),
    });
    // None of those refusals was a wrong current password: the account is not any closer to a lock.
    expect((await db.user.findUniqueOrThrow({ where: { id: actor.id } })).failedLoginCount).toBe(0);
  });
});

describe("guessing the current password in the change form", () => {
  it("counts as a failed login: five lock the account, which then refuses the change and the login", async () => {
    const { actor, user } = await newUserSignedIn();
    for (let i = 1; i <= 4; i++)
      expect(await refusal(change(actor, `guess-${i}`, "Brand-New-Pass-9"))).toMatchObject({
        field: "currentPassword",
        message: "当前密码不正确",
      });
    expect(await refusal(change(actor, "guess-5", "Brand-New-Pass-9"))).toMatchObject({
      code: "LOCKED",
      field: "currentPassword",
    });
    const locked = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(locked.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    // Locked: even the right current password does not change it, and login says locked.
    expect(await refusal(change(actor, INITIAL, "Brand-New-Pass-9"))).toMatchObject({ code: "LOCKED" });
    expect(
      await verifyPassword((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, INITIAL),
    ).toBe(true);
    expect(await attemptLogin(db, { username: user.username, password: INITIAL, ip: "10.5.0.1" })).toEqual({
      ok: false,
      code: "LOCKED",
    });
    expect(await db.loginAttempt.count({ where: { userId: user.id, reason: "bad_current_password" } })).toBe(5);
    expect(await db.auditEvent.count({ where: { action: "auth.account_locked", target: `user:${user.id}` } })).toBe(1);
  });
});
