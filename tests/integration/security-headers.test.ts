/**
 * Security headers, cookies and CSRF, against the production build (scripts/server.ts, as `npm start` runs it), as a browser or an
 * attacker would meet them.
 */
import { hashPassword } from "@/lib/auth/password";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { startApp, type RunningApp } from "../support/app-server";
import { testDb } from "../support/factories";

const PASSWORD = "Header-Test-Pass-7";
let app: RunningApp;
let db: PrismaClient;

beforeAll(async () => {
  db = testDb();
  app = await startApp();
  for (const username of ["sec.user", "csrf.user"]) {
    await db.user.create({
      data: {
        username,
        displayName: username,
        passwordHash: await hashPassword(PASSWORD),
        mustChangePassword: false,
        roles: { create: [{ role: "EDITOR" }] },
      },
    });
  }
}, 300_000);

afterAll(async () => {
  await app?.stop();
  await db?.$disconnect();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${app.url}${path}`, { headers, redirect: "manual" });

function cookiesFrom(response: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) jar.set(line.split("=")[0], line);
  return jar;
}

const cookieHeader = (...jars: Map<string, string>[]) =>
  jars.flatMap((jar) => [...jar.values()].map((line) => line.split(";")[0])).join("; ");

/** next-auth's credentials flow by hand: CSRF token from /api/auth/csrf, then the callback POST. */
async function signInOverHttp(username: string, password = PASSWORD, withCsrf = true) {
  const csrfResponse = await get("/api/auth/csrf");
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookies = cookiesFrom(csrfResponse);
  const body = new URLSearchParams({ username, password, json: "true", ...(withCsrf ? { csrfToken } : {}) });
  const response = await fetch(`${app.url}/api/auth/callback/credentials`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookieHeader(csrfCookies),
      origin: app.url,
    },
    body,
    redirect: "manual",
  });
  return { response, cookies: cookiesFrom(response) };
}

function directives(csp: string | null): Map<string, string> {
  return new Map(
    (csp ?? "")
      .split(";")
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => [part.split(/\s+/)[0], part.slice(part.indexOf(" ") + 1)] as [string, string]),
  );
}

function expectCommonHeaders(response: Response) {
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(response.headers.get("permissions-policy")).toContain("camera=()");
  expect(response.headers.get("strict-transport-security")).toBeNull();
}

describe("security headers", () => {
  it("give an admin page a nonce CSP that Next's own scripts carry, and forbid framing", async () => {
    const response = await get("/admin/login");
    expect(response.status).toBe(200);
    expectCommonHeaders(response);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    const csp = directives(response.headers.get("content-security-policy"));
    const nonce = /'nonce-([^']+)'/.exec(csp.get("script-src") ?? "")?.[1];
    expect(nonce).toBeTruthy();
    expect(csp.get("script-src")).toContain("'strict-dynamic'");
    expect(csp.get("script-src")).not.toContain("unsafe-inline");
    expect(csp.get("script-src")).not.toContain("unsafe-eval");
    expect(csp.get("frame-ancestors")).toBe("'none'");
    expect(csp.get("object-src")).toBe("'none'");
    expect(csp.get("default-src")).toBe("'self'");

    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

    // A fresh nonce per request.
    const again = directives((await get("/admin/login")).headers.get("content-security-policy"));
    expect(again.get("script-src")).not.toBe(csp.get("script-src"));
  });

  it("give a public page a static strict CSP without nonce or inline script", async () => {
    const response = await get("/");
    expect(response.status).toBe(200);
    expectCommonHeaders(response);
    const csp = directives(response.headers.get("content-security-policy"));
    expect(csp.get("default-src")).toBe("'self'");
    expect(csp.get("script-src")).toBe("'self'");
    expect(csp.get("img-src")).toBe("'self' data:");
    expect(response.headers.get("content-security-policy")).not.toContain("nonce");
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it("leave /api/health working, with the headers", async () => {
    const response = await get("/api/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
    expectCommonHeaders(response);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
  });

  it("add HSTS only when the request arrived over HTTPS", async () => {
    const response = await get("/api/health", { "x-forwarded-proto": "https" });
    expect(response.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    expect(
      (await get("/admin/login", { "x-forwarded-proto": "https" })).headers.get("strict-transport-security"),
    ).toMatch(/max-age/);
  });
});

describe("the admin gate", () => {
  it("sends visitors without a session cookie to the login page, remembering where they were going", async () => {
    const dashboard = await get("/admin");
    expect([302, 307]).toContain(dashboard.status);
    expect(new URL(dashboard.headers.get("location") ?? "", app.url).pathname).toBe("/admin/login");
    const users = await get("/admin/users");
    expect(new URL(users.headers.get("location") ?? "", app.url).searchParams.get("next")).toBe("/admin/users");
  });

  it("refuses a forged session cookie on the server, not just in the proxy", async () => {
    const response = await get("/admin/account", { cookie: "next-auth.session-token=forged" });
    expect([302, 303, 307]).toContain(response.status);
    expect(response.headers.get("location")).toContain("/admin/login");
  });
});

describe("session cookie", () => {
  it("is HttpOnly and SameSite=Lax, holds no user data, and opens the admin", async () => {
    const { response, cookies } = await signInOverHttp("sec.user");
    expect(response.status).toBe(200);
    const session = cookies.get("next-auth.session-token");
    expect(session).toBeDefined();
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).toMatch(/Path=\//);
    expect(session).not.toContain("sec.user");

    const account = await get("/admin/account", { cookie: cookieHeader(cookies) });
    expect(account.status).toBe(200);
    expect(await account.text()).toContain("我的账户");
  });

  it("answers a wrong password with the generic code, and no session", async () => {
    const { response, cookies } = await signInOverHttp("sec.user", "wrong-password");
    expect(cookies.has("next-auth.session-token")).toBe(false);
    const { url } = (await response.json()) as { url: string };
    expect(new URL(url).searchParams.get("error")).toBe("INVALID");
  });
});

describe("CSRF protection", () => {
  it("refuses a credentials POST without next-auth's CSRF token", async () => {
    const before = await db.session.count();
    const { response, cookies } = await signInOverHttp("csrf.user", PASSWORD, false);
    expect(cookies.has("next-auth.session-token")).toBe(false);
    const { url } = (await response.json()) as { url: string };
    expect(new URL(url).searchParams.get("csrf")).toBe("true");
    expect(await db.session.count()).toBe(before);
  });

  it("lets Next refuse a Server Action posted from a foreign Origin, and run it from our own", async () => {
    const { cookies } = await signInOverHttp("csrf.user");
    const cookie = cookieHeader(cookies);
    const page = await (await get("/admin/account", { cookie })).text();
    // The logout button is a <form action={serverAction}>: React writes the action id into it.
    const actionId = /name="\$ACTION_ID_([0-9a-f]+)"/.exec(page)?.[1];
    expect(actionId).toBeTruthy();
    const openSessions = () => db.session.count({ where: { user: { username: "csrf.user" }, revokedAt: null } });
    expect(await openSessions()).toBe(1);

    const post = (origin: string) =>
      fetch(`${app.url}/admin/account`, {
        method: "POST",
        headers: {
          "next-action": actionId ?? "",
          origin,
          cookie,
          "content-type": "text/plain;charset=UTF-8",
          accept: "text/x-component",
        },
        body: "[]",
        redirect: "manual",
      });

    const forged = await post("https://evil.example");
    expect(forged.status).toBe(500);
    expect(await openSessions()).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "auth.logout" } })).toBe(0);

    const genuine = await post(app.url);
    expect(genuine.status).toBeLessThan(400);
    expect(await openSessions()).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "auth.logout" } })).toBe(1);
  });
});
