import type { Page } from "playwright-core";
import { useDemoSite } from "../support/demo-site";

/**
 * Written by hand from the rules （三员分立）, NOT derived from lib/permissions.ts: what each demo
 * account finds in the admin's navigation, in order.
 */
const NAVIGATION: Record<string, string[]> = {
  admin: ["仪表盘", "栏目", "首页推荐", "站点设置", "网站体检", "账户管理", "待批准", "我的账户"],
  secadmin: ["仪表盘", "错敏词", "已发布复查", "账户管理", "待批准", "我的账户"],
  editor: ["仪表盘", "稿件", "历史稿件导入", "媒体库", "我的账户"],
  reviewer1: ["仪表盘", "稿件", "待我审核", "我的账户"],
  reviewer2: ["仪表盘", "稿件", "待我审核", "我的账户"],
  // The home page's headline is an editorial decision: a 终审 of every column shares it with the 系统管理员.
  // 网站体检 is read by the 系统管理员 and the 终审.
  // 历史稿件导入 batches wait for a 终审's approval; 已发布复查 lists term hits in live articles for the 终审.
  reviewer3: ["仪表盘", "稿件", "待我审核", "历史稿件导入", "首页推荐", "已发布复查", "网站体检", "我的账户"],
  auditor: ["仪表盘", "审计日志", "我的账户"],
};

describe("each demo role in Chromium", () => {
  const site = useDemoSite();

  async function navigationLabels(page: Page): Promise<string[]> {
    // The first text node of each entry: a "coming soon" entry carries a screen-reader suffix.
    return page
      .getByRole("navigation", { name: "主导航" })
      .locator("li > :first-child")
      .evaluateAll((entries) => entries.map((entry) => entry.childNodes[0]?.textContent?.trim() ?? ""));
  }

  it.each(Object.keys(NAVIGATION))("shows %s exactly the navigation of their roles", async (username) => {
    const page = await site.signIn(username);
    expect(new URL(page.url()).pathname).toBe("/admin");
    expect(await navigationLabels(page)).toEqual(NAVIGATION[username]);

    // Hiding the link is not the guard: typing the address is refused on the server too.
    await page.goto(`${site.app.url}/admin/users`);
    if (username === "admin" || username === "secadmin") {
      await page.getByRole("heading", { name: "账户管理" }).first().waitFor();
    } else {
      await page.getByText("您没有权限访问「账户管理」").waitFor();
      expect(new URL(page.url()).pathname).toBe("/admin");
      expect(await page.getByRole("table").count()).toBe(0);
    }
    await page.close();
  });
});
