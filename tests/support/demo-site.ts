import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { LocalDiskStorage } from "@/lib/media/storage";
import { seedDemo, type SeedResult } from "@/lib/seed/seed-demo";
import { startApp, type RunningApp } from "./app-server";
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

/**
 * Signs a demo user in through the login form and, at their first login, through the forced password
 * change; afterwards `logins[username]` holds the new password.
 */
export async function signIn(browser: Browser, app: RunningApp, logins: DemoLogins, username: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${app.url}/admin/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码", { exact: true }).fill(logins[username] ?? "");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => url.pathname !== "/admin/login");
  if (new URL(page.url()).pathname === "/admin/change-password") {
    await page.getByLabel("当前密码").fill(logins[username] ?? "");
    await page.getByLabel("新密码", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("确认新密码").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "修改密码" }).click();
    await page.waitForURL((url) => url.pathname !== "/admin/change-password");
    logins[username] = NEW_PASSWORD;
  }
  return page;
}
