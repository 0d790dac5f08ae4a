import type { Page } from "playwright-core";
import { NEW_PASSWORD, useDemoSite } from "../support/demo-site";

describe("signing in to the admin in Chromium", () => {
  const cspViolations: string[] = [];

  const site = useDemoSite();

  async function newPage(): Promise<Page> {
    const page = await site.browser.newPage();
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    return page;
  }

  async function submitLogin(page: Page, username: string, password: string) {
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("密码", { exact: true }).fill(password);
    await page.getByRole("button", { name: "登录" }).click();
  }

  it("takes the editor through the forced password change to the dashboard", async () => {
    const page = await newPage();
    await page.goto(`${site.app.url}/admin`);
    await page.waitForURL("**/admin/login**");

    // A wrong password first: a generic Chinese message, and the username is still there.
    await submitLogin(page, "editor", "not-the-password");
    await page.getByRole("alert").filter({ hasText: "用户名、密码或动态验证码错误" }).waitFor();
    await expect(page.getByLabel("用户名").inputValue()).resolves.toBe("editor");
    await expect(page.getByLabel("密码", { exact: true }).inputValue()).resolves.toBe("");

    await page.getByLabel("密码", { exact: true }).fill(site.logins.editor);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL("**/admin/change-password");

    // The rules are shown, and a password breaking them is refused beside the field.
    await expect(page.getByText("密码至少 10 位").isVisible()).resolves.toBe(true);
    await page.getByLabel("当前密码").fill(site.logins.editor);
    await page.getByLabel("新密码", { exact: true }).fill("editor2024!");
    await page.getByLabel("确认新密码").fill("editor2024!");
    await page.getByRole("button", { name: "修改密码" }).click();
    await page.locator("#newPassword-error").filter({ hasText: "密码不能包含用户名" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/admin/change-password");
    // React clears the form once the action has finished; passwords are not kept in the page.
    await page.waitForFunction(
      () => (document.getElementById("currentPassword") as HTMLInputElement | null)?.value === "",
    );

    await page.getByLabel("当前密码").fill(site.logins.editor);
    await page.getByLabel("新密码", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("确认新密码").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "修改密码" }).click();
    await page.waitForURL((url) => url.pathname === "/admin");
    await expect(page.getByTestId("current-user").isVisible()).resolves.toBe(true);

    // 我的账户 lists this login.
    await page.goto(`${site.app.url}/admin/account`);
    await page.getByRole("heading", { name: "最近登录记录" }).waitFor();
    await expect(page.getByRole("cell", { name: "成功" }).count()).resolves.toBeGreaterThan(0);

    // Signing out ends the session: the admin sends us back to the login page.
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL("**/admin/login**");
    await page.goto(`${site.app.url}/admin`);
    await page.waitForURL("**/admin/login**");

    // The new password works; an already signed-in user skips the login page.
    await submitLogin(page, "editor", NEW_PASSWORD);
    await page.waitForURL((url) => url.pathname === "/admin");
    await page.goto(`${site.app.url}/admin/login`);
    await page.waitForURL((url) => url.pathname === "/admin");
    await page.close();
  });

  it("locks reviewer1 after five wrong passwords, with a clear Chinese message", async () => {
    const page = await newPage();
    await page.goto(`${site.app.url}/admin/login`);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await submitLogin(page, "reviewer1", `wrong-password-${attempt}`);
      const expected = attempt < 5 ? "用户名、密码或动态验证码错误" : "账户已锁定，请 15 分钟后再试";
      await page.getByRole("alert").filter({ hasText: expected }).waitFor();
    }
    // Even the right password is refused while the lock lasts.
    await submitLogin(page, "reviewer1", site.logins.reviewer1);
    await page.getByRole("alert").filter({ hasText: "账户已锁定，请 15 分钟后再试" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/admin/login");
    await page.close();
  });

  it("ran every page without a Content-Security-Policy violation", () => {
    expect(cspViolations).toEqual([]);
  });
});
