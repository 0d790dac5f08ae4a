/**
 * Issue 13's identity findings over real HTTP, against the production server (scripts/server.ts):
 * forged forwarded headers, next-auth's own sign-out endpoint, the term export's method, and the
 * second factor: the 动态验证码 over the credentials endpoint, and a privileged account that has not
 * enrolled refused by the server.
 */
import { hashPassword } from "@/lib/auth/password";
import { SOCKET_ADDRESS_HEADER } from "@/lib/auth/client-ip";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { startApp, type RunningApp } from "../support/app-server";
import { encryptTotpSecret, timeStep, totpCode } from "@/lib/auth/totp";
import { TEST_TOTP_SECRET, testDb } from "../support/factories";

const PASSWORD = "Lamp-Http-Test-92x";
let plain: RunningApp;
let proxied: RunningApp;
let db: PrismaClient;

beforeAll(async () => {
  db = testDb();
  // The same database twice: once exposed directly, once behind a "proxy" on loopback.
  [plain, proxied] = await Promise.all([startApp(), startApp({ env: { TRUSTED_PROXIES: "127.0.0.1/32, ::1" } })]);
  const passwordHash = await hashPassword(PASSWORD);
  for (const [username, role] of [
    ["ip.user", "EDITOR"],
    ["out.user", "EDITOR"],
    ["terms.admin", "SECURITY_ADMIN"],
    ["unenrolled.admin", "SECURITY_ADMIN"],
  ] as const) {
    const user = await db.user.create({
      data: { username, displayName: username, passwordHash, mustChangePassword: false, roles: { create: [{ role }] } },
    });
    if (username === "terms.admin")
      await db.user.update({
        where: { id: user.id },
        data: { totpSecret: encryptTotpSecret(user.id, TEST_TOTP_SECRET), totpEnabledAt: new Date() },
      });
  }
}, 600_000);

afterAll(async () => {
  await Promise.all([plain?.stop(), proxied?.stop()]);
  await db?.$disconnect();
});

function cookiesFrom(response: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) jar.set(line.split("=")[0], line.split(";")[0]);
  return jar;
}
const cookieHeader = (...jars: Map<string, string>[]) => jars.flatMap((jar) => [...jar.values()]).join("; ");

async function signIn(
  app: RunningApp,
  username: string,
  headers: Record<string, string> = {},
  password = PASSWORD,
  code = "",
) {
  const csrfResponse = await fetch(`${app.url}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${app.url}/api/auth/callback/credentials`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookieHeader(cookiesFrom(csrfResponse)),
      origin: app.url,
      ...headers,
    },
    body: new URLSearchParams({ username, password, code, csrfToken, json: "true" }),
    redirect: "manual",
  });
  const { url } = (await response.json()) as { url: string };
  return {
    error: new URL(url).searchParams.get("error"),
    cookies: cookiesFrom(response),
    csrfCookies: cookiesFrom(csrfResponse),
  };
}

const lastAttemptIp = async (username: string) =>
  (await db.loginAttempt.findFirstOrThrow({ where: { username }, orderBy: { id: "desc" } })).ip;

describe("client address", () => {
  it("is the connecting address without TRUSTED_PROXIES, whatever X-Forwarded-For or our own header says", async () => {
    const forged = {
      "x-forwarded-for": "198.51.100.23",
      "x-real-ip": "198.51.100.24",
      [SOCKET_ADDRESS_HEADER]: "guess 198.51.100.25",
    };
    expect((await signIn(plain, "ip.user", forged, "wrong-guess")).error).toBe("INVALID");
    expect(await lastAttemptIp("ip.user")).toBe("127.0.0.1");
    expect((await signIn(plain, "ip.user", forged)).error).toBeNull();
    const session = await db.session.findFirstOrThrow({
      where: { user: { username: "ip.user" } },
      orderBy: { createdAt: "desc" },
    });
    expect(session.ip).toBe("127.0.0.1");
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "auth.login", target: `user:${session.userId}` },
      orderBy: { id: "desc" },
    });
    expect(event.data).toMatchObject({ ip: "127.0.0.1" });
  });

  it("keeps the per-IP limit when the header changes on every try", async () => {
    await db.loginAttempt.createMany({
      data: Array.from({ length: 20 }, (_, i) => ({
        username: `spray${i}`,
        ip: "127.0.0.1",
        success: false,
        reason: "bad_password",
      })),
    });
    try {
      expect((await signIn(plain, "ip.user", { "x-forwarded-for": "203.0.113.77" })).error).toBe("RATE_LIMITED");
    } finally {
      await db.loginAttempt.deleteMany({ where: { username: { startsWith: "spray" } } });
    }
  });

  it("is the right-most untrusted X-Forwarded-For hop when the connection comes from a trusted proxy", async () => {
    expect(
      (await signIn(proxied, "ip.user", { "x-forwarded-for": "1.1.1.1, ::ffff:203.0.113.9" }, "wrong-guess")).error,
    ).toBe("INVALID");
    expect(await lastAttemptIp("ip.user")).toBe("203.0.113.9");
    expect(
      (await signIn(proxied, "ip.user", { "x-forwarded-for": "2001:DB8::7, 127.0.0.1" }, "wrong-guess")).error,
    ).toBe("INVALID");
    expect(await lastAttemptIp("ip.user")).toBe("2001:db8::7");
    await db.user.update({
      where: { username: "ip.user" },
      data: { failedLoginCount: 0, firstFailedLoginAt: null, lockedUntil: null },
    });
  });
});

describe("next-auth's sign-out endpoint", () => {
  it("ends the server session, so the old cookie no longer opens /admin", async () => {
    const { cookies } = await signIn(plain, "out.user");
    const cookie = cookieHeader(cookies);
    expect((await fetch(`${plain.url}/admin/account`, { headers: { cookie }, redirect: "manual" })).status).toBe(200);

    const csrfResponse = await fetch(`${plain.url}/api/auth/csrf`, { headers: { cookie } });
    const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
    const signOut = (origin: string) =>
      fetch(`${plain.url}/api/auth/signout`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          cookie: cookieHeader(cookies, cookiesFrom(csrfResponse)),
          origin,
        },
        body: new URLSearchParams({ csrfToken, json: "true" }),
        redirect: "manual",
      });
    // From another site: refused, and the session lives on.
    expect((await signOut("https://evil.example")).status).toBe(403);
    expect((await fetch(`${plain.url}/admin/account`, { headers: { cookie }, redirect: "manual" })).status).toBe(200);

    expect((await signOut(plain.url)).status).toBeLessThan(400);
    const replay = await fetch(`${plain.url}/admin/account`, { headers: { cookie }, redirect: "manual" });
    expect(replay.status).toBeGreaterThanOrEqual(300);
    expect(replay.status).toBeLessThan(400);
    expect(replay.headers.get("location")).toContain("/admin/login");
    expect(await db.session.count({ where: { user: { username: "out.user" }, revokedAt: null } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "auth.logout" } })).toBe(1);
  });
});

describe("the term export", () => {
  it("is a same-origin POST: a GET or a cross-site POST writes no audit event", async () => {
    const { cookies } = await signIn(
      plain,
      "terms.admin",
      {},
      PASSWORD,
      totpCode(TEST_TOTP_SECRET, timeStep(new Date())),
    );
    const cookie = cookieHeader(cookies);
    const get = await fetch(`${plain.url}/admin/terms/export`, { headers: { cookie }, redirect: "manual" });
    expect(get.status).toBe(405);
    const crossSite = await fetch(`${plain.url}/admin/terms/export`, {
      method: "POST",
      headers: { cookie, origin: "https://evil.example" },
      redirect: "manual",
    });
    expect(crossSite.status).toBe(403);
    expect(await db.auditEvent.count({ where: { action: "term.export" } })).toBe(0);
    const genuine = await fetch(`${plain.url}/admin/terms/export`, {
      method: "POST",
      headers: { cookie, origin: plain.url },
      redirect: "manual",
    });
    expect(genuine.status).toBe(200);
    expect(genuine.headers.get("content-disposition")).toContain("attachment");
    expect(await db.auditEvent.count({ where: { action: "term.export" } })).toBe(1);
  });
});

describe("the second factor over HTTP", () => {
  it("refuses an enrolled account without its 动态验证码, with the message of a wrong password", async () => {
    const { error, cookies } = await signIn(plain, "terms.admin");
    expect(error).toBe("INVALID");
    expect([...cookies.keys()].some((name) => name.includes("session-token"))).toBe(false);
  });

  it("keeps a privileged account that has not enrolled out of every admin page and action until it does", async () => {
    const { error, cookies } = await signIn(plain, "unenrolled.admin");
    expect(error).toBeNull();
    const cookie = cookieHeader(cookies);
    for (const page of ["/admin", "/admin/terms", "/admin/users"]) {
      const response = await fetch(`${plain.url}${page}`, { headers: { cookie }, redirect: "manual" });
      expect({ page, status: response.status, location: response.headers.get("location") }).toEqual({
        page,
        status: 307,
        location: "/admin/two-factor",
      });
    }
    // A direct POST to a mutating route is refused on the server, whatever the page would have shown.
    const exported = await fetch(`${plain.url}/admin/terms/export`, {
      method: "POST",
      headers: { cookie, origin: plain.url },
      redirect: "manual",
    });
    expect(exported.status).toBe(403);
    // The enrolment page itself is open to it, with the key to scan.
    const enrol = await fetch(`${plain.url}/admin/two-factor`, { headers: { cookie }, redirect: "manual" });
    expect(enrol.status).toBe(200);
    expect(await enrol.text()).toContain("请先设置双因素认证");
  });
});
