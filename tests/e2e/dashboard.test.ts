import { useDemoSite } from "../support/demo-site";

describe("the dashboard and site administration in Chromium", () => {
  const site = useDemoSite();

  it("shows an editor their drafts and the figures, with the data behind a toggle", async () => {
    const page = await site.signIn("editor");
    await page.goto(`${site.app.url}/admin`);
    const drafts = page.getByRole("region", { name: /我的草稿/ });
    await drafts.getByText("区融媒体中心开展新闻采编业务培训").waitFor();
    await page.getByRole("region", { name: /被退回的稿件/ }).waitFor();
    await expect(page.getByRole("region", { name: /待我审核/ }).count()).resolves.toBe(0);

    const chart = page.getByRole("img", { name: /近 12 个月各栏目发稿量/ });
    await chart.waitFor();
    // The demo publishes three 先锋 profiles: the table behind the toggle says so.
    const figure = page.locator("figure").filter({ has: chart });
    await expect(figure.getByRole("table").isVisible()).resolves.toBe(false);
    await figure.getByText("查看数据表").click();
    await figure.getByRole("columnheader", { name: "先锋" }).waitFor();
    await expect(page.getByRole("link", { name: "站点设置" }).count()).resolves.toBe(0);
    await page.close();
  });

  it("shows a reviewer what waits at their level, with its age", async () => {
    const page = await site.signIn("reviewer1");
    await page.goto(`${site.app.url}/admin`);
    const queue = page.getByRole("region", { name: /待我审核/ });
    await queue.getByText("小村庄走出振兴路——田园村党总支").waitFor();
    await queue
      .getByText(/已等待/)
      .first()
      .waitFor();
    await expect(page.getByRole("region", { name: /我的草稿/ }).count()).resolves.toBe(0);
    await page.getByRole("region", { name: /定时任务/ }).waitFor();
    await page.close();

    const higher = await site.signIn("reviewer2");
    await higher.goto(`${site.app.url}/admin`);
    await higher
      .getByRole("region", { name: /待我审核/ })
      .getByText("目前没有轮到您审核的稿件。")
      .waitFor();
    await higher.close();
  });

  it("lets the administrator manage columns and settings from the dashboard's navigation", async () => {
    const page = await site.signIn("admin");
    await page.goto(`${site.app.url}/admin`);
    await page.getByRole("heading", { name: "账户概况" }).waitFor();
    await page.getByRole("img", { name: /近 12 个月各栏目发稿量/ }).waitFor();

    await page.getByRole("link", { name: "栏目", exact: true }).first().click();
    await page.waitForURL("**/admin/columns");
    await page.getByRole("link", { name: "先锋" }).first().click();
    await page.waitForURL(/\/admin\/columns\/[0-9a-f-]{36}$/);
    await page.getByRole("button", { name: "删除栏目" }).waitFor();
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "删除栏目" }).click();
    await page
      .getByText(/该栏目还有 \d+ 篇稿件，不能删除/)
      .first()
      .waitFor();

    await page.getByRole("link", { name: "站点设置" }).first().click();
    await page.waitForURL("**/admin/settings");
    await page.getByLabel("ICP 备案链接").fill("https://example.com/beian");
    await page.getByRole("button", { name: "保存设置" }).click();
    await page.getByText("ICP 备案链接须指向工业和信息化部备案系统").first().waitFor();
    await page.getByLabel("ICP 备案链接").fill("https://beian.miit.gov.cn/");
    await page.getByLabel("ICP 备案号").fill("沪ICP备12345678号-1");
    await page.getByLabel("网站名称").fill("浏览器测试网站");
    await page.getByRole("button", { name: "保存设置" }).click();
    await page.getByText("站点设置已保存").first().waitFor();

    // Every public page shows the new name at once.
    const home = await fetch(`${site.app.url}/`);
    expect(await home.text()).toContain("浏览器测试网站");
    await page.close();
  });
});
