import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { LocalDiskStorage } from "@/lib/media/storage";
import { seedDemo } from "@/lib/seed/seed-demo";
import { startApp, type RunningApp } from "../support/app-server";
import { launchBrowser } from "../support/browser";
import { testDb } from "../support/factories";

/** A password the rules accept (≥ 10 characters, four classes, not containing the username). */
const NEW_PASSWORD = "Qz7!wrenchBlue42";

describe("account management in Chromium", () => {
  let app: RunningApp;
  let browser: Browser;
  let logins: Record<string, string>;

  beforeAll(async () => {
    const db = testDb();
    app = await startApp();
    logins = demoLogins(await seedDemo(db, new LocalDiskStorage(path.join(app.dataDir, "uploads"))));
    await db.$disconnect();
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** Signs in with the seeded password and gets through the forced first change. */
  async function signIn(username: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${app.url}/admin/login`);
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("密码", { exact: true }).fill(logins[username]);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL((url) => url.pathname !== "/admin/login");
    if (new URL(page.url()).pathname === "/admin/change-password") {
      await page.getByLabel("当前密码").fill(logins[username]);
      await page.getByLabel("新密码", { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel("确认新密码").fill(NEW_PASSWORD);
      await page.getByRole("button", { name: /修改密码|保存|确认/ }).click();
      await page.waitForURL((url) => url.pathname !== "/admin/change-password");
      logins[username] = NEW_PASSWORD;
    }
    return page;
  }

  it("lets the administrator create an account, see its password once, and disable it", async () => {
    const page = await signIn("admin");
    await page.goto(`${app.url}/admin/users`);
    await expect(page.getByRole("heading", { name: "账户管理" }).isVisible()).resolves.toBe(true);

    await page.getByRole("link", { name: "新建账户" }).first().click();
    await page.waitForURL("**/admin/users/new");

    // A mistake first: the form keeps what was typed and says what is wrong beside the field.
    await page.getByLabel("用户名").fill("Chen Qi");
    await page.getByLabel("姓名").fill("陈七");
    await page.getByLabel("编辑", { exact: true }).check();
    await page.getByRole("button", { name: "创建账户" }).click();
    await expect(page.getByText("用户名须为 3–32 位小写字母、数字或 _ . -").isVisible()).resolves.toBe(true);
    await expect(page.getByLabel("姓名").inputValue()).resolves.toBe("陈七");
    await expect(page.getByLabel("编辑", { exact: true }).isChecked()).resolves.toBe(true);

    await page.getByLabel("用户名").fill("chen.qi");
    await page.getByRole("button", { name: "创建账户" }).click();
    const dialog = page.getByRole("dialog", { name: "账户已创建" });
    await dialog.waitFor();
    const password = await dialog.getByLabel("初始密码").inputValue();
    expect(password).toMatch(/^.{16}$/);
    await dialog.getByRole("button", { name: "我已记下,关闭" }).click();
    await page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
    // Shown once: the account's page does not contain it.
    expect(await page.content()).not.toContain(password);

    await page.getByRole("button", { name: "停用账户" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "停用" }).click();
    await page.getByText("账户已停用,其所有会话已结束").waitFor();
    await expect(page.getByRole("button", { name: "启用账户" }).isVisible()).resolves.toBe(true);

    await page.goto(`${app.url}/admin/users?status=DISABLED`);
    await expect(page.getByText("chen.qi").isVisible()).resolves.toBe(true);
    await page.close();
  });

  it("refuses the account pages to an editor on the server", async () => {
    const page = await signIn("editor");
    await expect(page.getByRole("link", { name: "账户管理" }).count()).resolves.toBe(0);

    const response = await page.goto(`${app.url}/admin/users`);
    expect(new URL(page.url()).pathname).toBe("/admin");
    expect(response?.status()).toBe(200);
    await expect(page.getByText("您没有权限访问「账户管理」").isVisible()).resolves.toBe(true);

    // Without following redirects: the refusal is an HTTP redirect, not a client-side hop.
    const cookies = await page.context().cookies();
    const raw = await fetch(`${app.url}/admin/users/new`, {
      redirect: "manual",
      headers: { cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ") },
    });
    expect([303, 307, 308]).toContain(raw.status);
    expect(raw.headers.get("location")).toContain("/admin?denied=user.create");
    await page.close();
  });
});

/** seedDemo's answer → username → password. */
function demoLogins(seeded: unknown): Record<string, string> {
  const source = (seeded as { passwords?: unknown; logins?: unknown })?.passwords ?? (seeded as { logins?: unknown })?.logins ?? seeded;
  if (Array.isArray(source)) {
    return Object.fromEntries(source.map((login: { username: string; password: string }) => [login.username, login.password]));
  }
  return source as Record<string, string>;
}
