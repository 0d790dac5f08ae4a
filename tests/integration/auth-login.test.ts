import { attemptLogin, type LoginInput } from "@/lib/auth/login";
import { hashPassword } from "@/lib/auth/password";
import { loginErrorMessage } from "@/lib/auth/messages";
import { auditEventHash, GENESIS_HASH } from "@/lib/audit/append";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { testDb } from "../support/factories";

const PASSWORD = "Correct-Horse-42";
let db: PrismaClient;
beforeAll(() => {
  db = testDb();
});
afterAll(() => db.$disconnect());

async function makeUser(username: string, status: "ACTIVE" | "DISABLED" = "ACTIVE") {
  const passwordHash = await hashPassword(PASSWORD);
  return db.user.create({
    data: {
      username,
      displayName: username,
      passwordHash,
      status,
      mustChangePassword: false,
      roles: { create: [{ role: "EDITOR" }] },
    },
  });
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
let ipCounter = 0;
/** Each test logs in from its own address, so the per-IP limit of one test does not leak into another. */
const freshIp = () => `10.0.0.${++ipCounter}`;
const login = (input: Partial<LoginInput> & { username: string }, client: PrismaClient = db) =>
  attemptLogin(client, { password: PASSWORD, ip: "10.9.9.9", userAgent: "jest", ...input });

describe("login lockout (5 failures in 15 minutes → locked for 15 minutes)", () => {
  it("locks the account on the fifth wrong password and says so in Chinese", async () => {
    await makeUser("lock.me");
    const ip = freshIp();
    for (let i = 1; i <= 4; i++)
      expect(await login({ username: "lock.me", password: "wrong", ip })).toEqual({ ok: false, code: "INVALID" });
    expect(await login({ username: "lock.me", password: "wrong", ip })).toEqual({ ok: false, code: "LOCKED" });
    expect(loginErrorMessage("LOCKED")).toBe("账户已锁定，请 15 分钟后再试");

    // The right password does not get in while the lock lasts.
    expect(await login({ username: "lock.me", ip })).toEqual({ ok: false, code: "LOCKED" });
    const user = await db.user.findUniqueOrThrow({ where: { username: "lock.me" } });
    expect(user.lockedUntil?.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(user.lockedUntil?.getTime()).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
  });

  it("keeps the lock across a restart (a new database client sees it)", async () => {
    const restarted = testDb();
    try {
      expect(await login({ username: "lock.me", ip: freshIp() }, restarted)).toEqual({ ok: false, code: "LOCKED" });
    } finally {
      await restarted.$disconnect();
    }
  });

  it("lets the user in once the lock has expired", async () => {
    await db.user.update({
      where: { username: "lock.me" },
      data: { lockedUntil: minutesAgo(0.1), firstFailedLoginAt: minutesAgo(16) },
    });
    const result = await login({ username: "lock.me", ip: freshIp() });
    expect(result).toMatchObject({ ok: true });
    const user = await db.user.findUniqueOrThrow({ where: { username: "lock.me" } });
    expect(user).toMatchObject({ failedLoginCount: 0, firstFailedLoginAt: null, lockedUntil: null });
  });

  it("does not count failures older than the window", async () => {
    await makeUser("slow.typist");
    const ip = freshIp();
    for (let i = 1; i <= 4; i++) await login({ username: "slow.typist", password: "wrong", ip });
    await db.user.update({ where: { username: "slow.typist" }, data: { firstFailedLoginAt: minutesAgo(16) } });
    expect(await login({ username: "slow.typist", password: "wrong", ip })).toEqual({ ok: false, code: "INVALID" });
    expect((await db.user.findUniqueOrThrow({ where: { username: "slow.typist" } })).failedLoginCount).toBe(1);
  });

  it("counts failures arriving at the same moment (no lost update)", async () => {
    await makeUser("parallel");
    const ip = freshIp();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => login({ username: "parallel", password: "wrong", ip })),
    );
    expect(results.filter((result) => !result.ok && result.code === "LOCKED")).toHaveLength(1);
    expect((await db.user.findUniqueOrThrow({ where: { username: "parallel" } })).lockedUntil).not.toBeNull();
  });
});

describe("login answers that reveal nothing", () => {
  it("gives an unknown username and a wrong password the same answer", async () => {
    await makeUser("known.user");
    const unknown = await login({ username: "no.such.user", password: "wrong", ip: freshIp() });
    const known = await login({ username: "known.user", password: "wrong", ip: freshIp() });
    expect(unknown).toEqual(known);
    expect(loginErrorMessage(known.ok ? null : known.code)).toBe("用户名、密码或动态验证码错误");
  });

  it("locks an unknown username after five tries too, so the lock message proves nothing", async () => {
    const ip = freshIp();
    const codes = [];
    for (let i = 0; i < 5; i++) {
      const result = await login({ username: "ghost", password: "wrong", ip });
      codes.push(result.ok ? "OK" : result.code);
    }
    expect(codes).toEqual(["INVALID", "INVALID", "INVALID", "INVALID", "LOCKED"]);
  });

  it("answers a disabled account's right password like a wrong one", async () => {
    await makeUser("gone", "DISABLED");
    expect(await login({ username: "gone", ip: freshIp() })).toEqual({ ok: false, code: "INVALID" });
    expect(await db.session.count({ where: { user: { username: "gone" } } })).toBe(0);
  });
});

describe("per-IP rate limit", () => {
  it("refuses an address after 20 failures in 15 minutes, whatever the username, and only that address", async () => {
    await makeUser("sprayed");
    const ip = "192.0.2.77";
    await db.loginAttempt.createMany({
      data: Array.from({ length: 20 }, (_, i) => ({
        username: `guess${i}`,
        ip,
        success: false,
        reason: "bad_password",
        createdAt: minutesAgo(5),
      })),
    });
    expect(await login({ username: "sprayed", ip })).toEqual({ ok: false, code: "RATE_LIMITED" });
    expect(await login({ username: "sprayed", ip: "192.0.2.78" })).toMatchObject({ ok: true });
  });

  it("forgets failures older than the window", async () => {
    const ip = "192.0.2.99";
    await db.loginAttempt.createMany({
      data: Array.from({ length: 20 }, (_, i) => ({
        username: `old${i}`,
        ip,
        success: false,
        reason: "bad_password",
        createdAt: minutesAgo(16),
      })),
    });
    expect(await login({ username: "sprayed", ip })).toMatchObject({ ok: true });
  });
});

describe("a successful login", () => {
  it("creates a Session row, a LoginAttempt row and an audit event, and resets the failure count", async () => {
    const user = await makeUser("happy");
    await login({ username: "happy", password: "wrong", ip: freshIp() });
    const result = await login({ username: "  HAPPY ", ip: "198.51.100.7", userAgent: "Chromium" });
    if (!result.ok) throw new Error(`login failed: ${result.code}`);
    const session = await db.session.findUniqueOrThrow({ where: { id: result.sessionId } });
    expect(session).toMatchObject({ userId: user.id, ip: "198.51.100.7", userAgent: "Chromium", revokedAt: null });
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(12 * 3600_000);
    const attempts = await db.loginAttempt.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } });
    expect(attempts.map((attempt) => attempt.success)).toEqual([false, true]);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      failedLoginCount: 0,
      lastLoginAt: expect.any(Date),
    });
    expect(await db.auditEvent.count({ where: { action: "auth.login", actorId: user.id } })).toBe(1);
  });
});

describe("audit events of logins", () => {
  it("records logins, failures and lockouts in one unbroken hash chain, without passwords", async () => {
    const events = await db.auditEvent.findMany({ orderBy: { id: "asc" } });
    const actions = new Set(events.map((event) => event.action));
    for (const action of ["auth.login", "auth.login_failed", "auth.account_locked"]) expect(actions).toContain(action);

    let prevHash = GENESIS_HASH;
    for (const event of events) {
      expect(event.prevHash).toBe(prevHash);
      expect(event.hash).toBe(auditEventHash(prevHash, event));
      prevHash = event.hash;
    }
    const serialised = JSON.stringify(events.map((event) => event.data));
    expect(serialised).not.toContain(PASSWORD);
    expect(serialised).not.toContain("wrong");
  });
});
