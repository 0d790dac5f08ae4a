import path from "node:path";
import { Secret, TOTP } from "otpauth";
import type { Browser, Page } from "playwright-core";
import { LocalDiskStorage } from "@/lib/media/storage";
import { seedDemo, type SeedResult } from "@/lib/seed/seed-demo";
import { startApp, type RunningApp } from "./app-server";
import { launchBrowser } from "./browser";
import { testDb } from "./factories";

/** A password the rules accept (≥ 10 characters, four classes, containing no demo username). */
export const NEW_PASSWORD = "Qz7!wrenchBlue42";

export type DemoLogins = Record<string, string>;

export function demoLogins(seeded: SeedResult): DemoLogins {
  return Object.fromEntries(seeded.credentials.map((login) => [login.username, login.password]));
}

/**
 * The built app on this test file's database with the demo content seeded; photos go to the app's
 * own upload folder. Returns the generated logins by username.
 */
export async function startDemoSite(): Promise<{ app: RunningApp; logins: DemoLogins }> {
  const db = testDb();
  try {
    const app = await startApp();
    const logins = demoLogins(await seedDemo(db, new LocalDiskStorage(path.join(app.dataDir, "uploads"))));
    return { app, logins };
  } finally {
    await db.$disconnect();
  }
}

/** How often the login form is filled in before giving up, and how long a try that is not the last may wait. */
const LOGIN_ATTEMPTS = 2;
const LOGIN_RETRY_AFTER_MS = 20_000;

/**
 * Fills in and submits the login form. On a loaded 2-core machine the form can be submitted before
 * React has hydrated it; the browser then posts it natively and the login page answers with the
 * empty form again, so the form is loaded afresh and filled in once more. (The credentials never reach the server on such
 * a try, so it does not count towards the lock-out.)
 */
async function submitLoginForm(
  page: Page,
  app: RunningApp,
  username: string,
  password: string,
  code: () => Promise<string>,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.goto(`${app.url}/admin/login`);
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("密码", { exact: true }).fill(password);
    await page.getByLabel("动态验证码").fill(await code());
    await page.getByRole("button", { name: "登录" }).click();
    const last = attempt >= LOGIN_ATTEMPTS;
    try {
      await page.waitForURL(
        (url) => url.pathname !== "/admin/login",
        last ? undefined : { timeout: LOGIN_RETRY_AFTER_MS },
      );
      return;
    } catch (error) {
      if (last) throw error;
    }
  }
}

/**
 * The second factor of each demo account that enrolled one, by site and username, as a phone's
 * authenticator holds it: the key, and the last time step whose code was used (a code works once).
 */
const factors = new Map<string, { totp: TOTP; lastStep: number }>();
const PERIOD_MS = 30_000;

/**
 * A code the server has not seen yet: the current step's, or the next one's when the current one was
 * used (one step of drift is accepted); waits for the clock when both were used.
 */
async function freshCode(key: string): Promise<string> {
  const factor = factors.get(key);
  if (!factor) return "";
  let step = Math.max(Math.floor(Date.now() / PERIOD_MS), factor.lastStep + 1);
  while (step > Math.floor(Date.now() / PERIOD_MS) + 1) await new Promise((resolve) => setTimeout(resolve, 1_000));
  step = Math.max(step, Math.floor(Date.now() / PERIOD_MS));
  factor.lastStep = step;
  return factor.totp.generate({ timestamp: step * PERIOD_MS });
}

/**
 * Signs a demo user in through the login form (with a 动态验证码 once the account has a second
 * factor) and, at their first login, through the forced password change and, for a privileged
 * account, the forced second-factor enrolment: the key is read off the page and kept, like an
 * authenticator app would. Afterwards `logins[username]` holds the new password.
 */
export async function signIn(browser: Browser, app: RunningApp, logins: DemoLogins, username: string): Promise<Page> {
  const page = await browser.newPage();
  const key = `${app.url}|${username}`;
  // The code is computed just before it is typed, so a retried form gets a fresh one.
  await submitLoginForm(page, app, username, logins[username] ?? "", () => freshCode(key));
  if (new URL(page.url()).pathname === "/admin/change-password") {
    await page.getByLabel("当前密码").fill(logins[username] ?? "");
    await page.getByLabel("新密码", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("确认新密码").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "修改密码" }).click();
    await page.waitForURL((url) => url.pathname !== "/admin/change-password");
    logins[username] = NEW_PASSWORD;
    // The change redirects within the app, and /admin then redirects again where enrolment is due:
    // load /admin afresh so the server's answer, not a client transition under way, says where we are.
    await page.goto(`${app.url}/admin`);
  }
  if (new URL(page.url()).pathname === "/admin/two-factor") {
    const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s+/g, "");
    factors.set(key, { totp: new TOTP({ secret: Secret.fromBase32(secret) }), lastStep: -1 });
    await page.getByLabel("动态验证码").fill(await freshCode(key));
    await page.getByRole("button", { name: "完成设置" }).click();
    await page.waitForURL((url) => url.pathname !== "/admin/two-factor");
  }
  return page;
}

/** The `Cookie` header of a signed-in page, for requests made outside the browser. */
export async function cookieHeader(page: Page): Promise<string> {
  return (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

export interface DemoSite {
  /** The running app; available once the `beforeAll` has run. */
  readonly app: RunningApp;
  readonly browser: Browser;
  readonly logins: DemoLogins;
  /** A new page signed in as this demo user (see `signIn`). */
  signIn(username: string): Promise<Page>;
}

/**
 * For a browser test's `describe`: starts the demo site and Chromium before its tests and stops
 * both after them. Read `app`, `browser` and `logins` inside the tests, not while declaring them.
 */
export function useDemoSite({ startTimeout = 600_000 }: { startTimeout?: number } = {}): DemoSite {
  let started: { app: RunningApp; browser: Browser; logins: DemoLogins } | undefined;
  const running = () => {
    if (!started) throw new Error("The demo site is not running: use it inside a test, after beforeAll.");
    return started;
  };

  beforeAll(async () => {
    const { app, logins } = await startDemoSite();
    try {
      started = { app, logins, browser: await launchBrowser() };
    } catch (error) {
      await app.stop();
      throw error;
    }
  }, startTimeout);

  afterAll(async () => {
    await started?.browser.close();
    await started?.app.stop();
  });

  return {
    get app() {
      return running().app;
    },
    get browser() {
      return running().browser;
    },
    get logins() {
      return running().logins;
    },
    signIn: (username) => signIn(running().browser, running().app, running().logins, username),
  };
}
