import type { Browser, Page } from "playwright-core";
import type { RunningApp } from "../support/app-server";
import { launchBrowser } from "../support/browser";
import { signIn, startDemoSite, type DemoLogins } from "../support/demo-site";

/**
 * Written by hand from the rules （三员分立）, NOT derived from lib/permissions.ts: what each demo
 * account finds in the admin's navigation, in order.
 */
const NAVIGATION: Record<string, string[]> = {
  admin: ["仪表盘", "栏目", "账户管理", "我的账户"],
  editor: ["仪表盘", "稿件", "媒体库", "我的账户"],
  reviewer1: ["仪表盘", "稿件", "待我审核", "我的账户"],
  reviewer2: ["仪表盘", "稿件", "待我审核", "我的账户"],
  reviewer3: ["仪表盘", "稿件", "待我审核", "我的账户"],
  auditor: ["仪表盘", "审计日志", "我的账户"],
};

describe("each demo role in Chromium", () => {
  let app: RunningApp;
  let browser: Browser;
  let logins: DemoLogins;

  beforeAll(async () => {
    ({ app, logins } = await startDemoSite());
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function navigationLabels(page: Page): Promise<string[]> {
    // The first text node of each entry: a "coming soon" entry carries a screen-reader suffix.
    return page
      .getByRole("navigation", { name: "主导航" })
      .locator("li > :first-child")
      .evaluateAll((entries) => entries.map((entry) => entry.childNodes[0]?.textContent?.trim() ?? ""));
  }

  it.each(Object.keys(NAVIGATION))("shows %s exactly the navigation of their roles", async (username) => {
    const page = await signIn(browser, app, logins, username);
    expect(new URL(page.url()).pathname).toBe("/admin");
    expect(await navigationLabels(page)).toEqual(NAVIGATION[username]);

    // Hiding the link is not the guard: typing the address is refused on the server too.
    await page.goto(`${app.url}/admin/users`);
    if (username === "admin") {
      await page.getByRole("heading", { name: "账户管理" }).first().waitFor();
    } else {
      await page.getByText("您没有权限访问「账户管理」").waitFor();
      expect(new URL(page.url()).pathname).toBe("/admin");
      expect(await page.getByRole("table").count()).toBe(0);
    }
    await page.close();
  });
});
