import { attemptLogin } from "@/lib/auth/login";
import { changeOwnPassword } from "@/lib/auth/password-change";
import { authPolicy } from "@/lib/auth/policy";
import { hashPassword } from "@/lib/auth/password";
import { resolveSession, revokeUserSessions } from "@/lib/auth/session-store";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { testDb } from "../support/factories";

const PASSWORD = "Session-Pass-42";
let db: PrismaClient;
beforeAll(() => {
  db = testDb();
});
afterAll(() => db.$disconnect());

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const daysAgo = (days: number) => minutesAgo(days * 24 * 60);
let counter = 0;

/** A fresh user signed in once: the Session row the JWT would name. */
async function signedIn() {
  const username = `session.user${++counter}`;
  const passwordHash = await hashPassword(PASSWORD);
  const user = await db.user.create({
    data: {
      username,
      displayName: `用户${counter}`,
      passwordHash,
      mustChangePassword: false,
      roles: { create: [{ role: "EDITOR" }, { role: "REVIEWER", level: 2 }] },
    },
  });
  const result = await attemptLogin(db, { username, password: PASSWORD, ip: `10.1.0.${counter}` });
  if (!result.ok) throw new Error(result.code);
  return { user, sessionId: result.sessionId };
}

describe("server-side sessions", () => {
  it("resolve to the CurrentUser with roles", async () => {
    const { user, sessionId } = await signedIn();
    expect(await resolveSession(db, sessionId, user.id)).toEqual({
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      sessionId,
      mustChangePassword: false,
      // Editor and 复审: no privileged role, so no second factor is required (none is set here).
      mustEnrolTotp: false,
      totpEnabled: false,
      roles: [
        { role: "EDITOR", level: null, columnId: null },
        { role: "REVIEWER", level: 2, columnId: null },
      ],
    });
  });

  it("refuse a session id that belongs to someone else, or garbage", async () => {
    const a = await signedIn();
    const b = await signedIn();
    expect(await resolveSession(db, a.sessionId, b.user.id)).toBeNull();
    expect(await resolveSession(db, "not-a-uuid", a.user.id)).toBeNull();
  });

  it("ask for a new password once the current one is 90 days old (等保: 定期更换), until it is changed", async () => {
    expect(authPolicy.password.maxAgeDays).toBe(90);
    const { user, sessionId } = await signedIn();
    await db.user.update({ where: { id: user.id }, data: { passwordChangedAt: daysAgo(89) } });
    expect(await resolveSession(db, sessionId, user.id)).toMatchObject({ mustChangePassword: false });
    await db.user.update({ where: { id: user.id }, data: { passwordChangedAt: daysAgo(91) } });
    // The forced change: can() then allows only one's own account (tests/unit/permissions-matrix.test.ts).
    expect(await resolveSession(db, sessionId, user.id)).toMatchObject({ mustChangePassword: true });

    const newPassword = "Rotated-Pass-57";
    await changeOwnPassword(
      db,
      { id: user.id, sessionId },
      { currentPassword: PASSWORD, newPassword, confirmPassword: newPassword },
    );
    expect(await resolveSession(db, sessionId, user.id)).toMatchObject({ mustChangePassword: false });
  });

  it("end after 30 minutes idle, and stay ended", async () => {
    const { user, sessionId } = await signedIn();
    await db.session.update({ where: { id: sessionId }, data: { lastSeenAt: minutesAgo(29) } });
    expect(await resolveSession(db, sessionId, user.id)).not.toBeNull();
    await db.session.update({ where: { id: sessionId }, data: { lastSeenAt: minutesAgo(31) } });
    expect(await resolveSession(db, sessionId, user.id)).toBeNull();
    expect((await db.session.findUniqueOrThrow({ where: { id: sessionId } })).revokedAt).not.toBeNull();
    // Activity afterwards does not revive it.
    await db.session.update({ where: { id: sessionId }, data: { lastSeenAt: new Date() } });
    expect(await resolveSession(db, sessionId, user.id)).toBeNull();
    const ended = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.session_end", actorId: user.id } });
    expect(ended.data).toEqual({ sessionId, reason: "idle" });
  });

  it("end 12 hours after login even when active all along", async () => {
    const { user, sessionId } = await signedIn();
    await db.session.update({
      where: { id: sessionId },
      data: { createdAt: minutesAgo(12 * 60 + 1), expiresAt: minutesAgo(1), lastSeenAt: minutesAgo(1) },
    });
    expect(await resolveSession(db, sessionId, user.id)).toBeNull();
    const ended = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.session_end", actorId: user.id } });
    expect(ended.data).toMatchObject({ reason: "absolute" });
  });

  it("record activity at most once a minute", async () => {
    const { user, sessionId } = await signedIn();
    const recent = new Date(Date.now() - 10_000);
    await db.session.update({ where: { id: sessionId }, data: { lastSeenAt: recent } });
    await resolveSession(db, sessionId, user.id);
    expect((await db.session.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt).toEqual(recent);
    await db.session.update({ where: { id: sessionId }, data: { lastSeenAt: minutesAgo(2) } });
    await resolveSession(db, sessionId, user.id);
    expect((await db.session.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt.getTime()).toBeGreaterThan(
      Date.now() - 5_000,
    );
  });

  it("end at once when the user is disabled", async () => {
    const { user, sessionId } = await signedIn();
    expect(await resolveSession(db, sessionId, user.id)).not.toBeNull();
    await db.user.update({ where: { id: user.id }, data: { status: "DISABLED" } });
    expect(await resolveSession(db, sessionId, user.id)).toBeNull();
    expect((await db.session.findUniqueOrThrow({ where: { id: sessionId } })).revokedAt).not.toBeNull();
  });

  it("end at once when revoked (disable, password reset), every one of the user's sessions", async () => {
    const { user, sessionId } = await signedIn();
    const second = await attemptLogin(db, { username: user.username, password: PASSWORD, ip: "10.2.0.1" });
    if (!second.ok) throw new Error(second.code);
    await db.$transaction((tx) => revokeUserSessions(tx, user.id));
    expect(await resolveSession(db, sessionId, user.id)).toBeNull();
    expect(await resolveSession(db, second.sessionId, user.id)).toBeNull();
  });
});
