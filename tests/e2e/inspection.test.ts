import { axeViolations } from "../support/axe";
import { cookieHeader, useDemoSite } from "../support/demo-site";

describe("网站体检 in Chromium", () => {
  const site = useDemoSite();

  it("lets the 终审 start an inspection, follow its progress and read the report", async () => {
    const page = await site.signIn("reviewer3");
    await page.getByRole("link", { name: "网站体检" }).first().click();
    await page.waitForURL("**/admin/inspection");
    await page.getByText("还没有体检记录").waitFor();

    await page.getByRole("button", { name: "立即体检" }).click();
    await page.getByText("体检已排队，几秒后开始。").first().waitFor();
    // The poller of the app instance starts it within seconds; the page refreshes itself.
    await page.getByRole("heading", { name: "单项否决项" }).waitFor({ timeout: 120_000 });
    await page.getByRole("heading", { name: "扣分明细" }).waitFor();
    await page.getByRole("heading", { name: "问题清单" }).waitFor();
    await page.getByRole("heading", { name: "年度报表数据" }).waitFor();
    // The demo site has no footer 备案 data: the finding is listed with where to fix it.
    await page.getByText("页脚必备信息缺失或有误").first().waitFor();
    await expect(page.getByRole("heading", { name: "体检设置" }).count()).resolves.toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // A POST from the page's form (an export is recorded); a GET no longer exports.
    const cookie = await cookieHeader(page);
    const viaGet = await fetch(`${site.app.url}/admin/inspection/export`, { headers: { cookie } });
    expect(viaGet.status).toBe(405);
    const exported = await fetch(`${site.app.url}/admin/inspection/export`, {
      method: "POST",
      headers: { cookie, origin: new URL(site.app.url).origin },
    });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toContain("spreadsheetml");

    await page.getByRole("link", { name: "打印检查报告" }).click();
    await page.waitForURL("**/admin/inspection/print");
    await page.getByRole("heading", { name: /网站体检报告/ }).waitFor();
    await page.close();
  });
});
