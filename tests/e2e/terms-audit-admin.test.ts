import { cookieHeader, useDemoSite } from "../support/demo-site";

describe("sensitive terms and the audit log in Chromium", () => {
  const site = useDemoSite();

  it("lets the 安全管理员 add, import, export, configure leaders and delete", async () => {
    const page = await site.signIn("secadmin");
    page.on("dialog", (dialog) => void dialog.accept());
    await page.getByRole("link", { name: "错敏词" }).first().click();
    await page.getByRole("heading", { name: "错敏词" }).first().waitFor();

    await page.getByRole("link", { name: "新增词条" }).click();
    await page.waitForURL("**/admin/terms/new");
    await page.getByRole("button", { name: "添加词条" }).click();
    await page.getByText("请填写词条").first().waitFor();
    await page.getByLabel("词条", { exact: true }).fill("浏览器测试词");
    await page.getByLabel("禁用").check();
    await page.getByLabel("建议替换").fill("测试用语");
    await page.getByLabel("分类").fill("测试");
    await page.getByRole("button", { name: "添加词条" }).click();
    await page.waitForURL((url) => url.pathname === "/admin/terms");
    await page.getByRole("cell", { name: "浏览器测试词", exact: true }).waitFor();

    await page.getByRole("link", { name: "导入" }).click();
    await page.waitForURL("**/admin/terms/import");
    await page.getByLabel("选择文件").setInputFiles({
      name: "terms.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("导入甲\tWARN\t\t测试\n只有一列\n", "utf8"),
    });
    await page.getByText("第 2 行").waitFor();
    await page.getByText(/共 1 行有效：新增 1 条/).waitFor();
    await page.getByRole("button", { name: "确认导入 1 个词条" }).click();
    await page.waitForURL((url) => url.pathname === "/admin/terms");
    await page.getByRole("cell", { name: "导入甲", exact: true }).waitFor();

    // 导出 is a form's POST (an export is recorded): the browser downloads the file from it.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "导出" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sensitive-terms-\d{8}\.txt$/);
    const exported = await fetch(`${site.app.url}/admin/terms/export`, {
      method: "POST",
      headers: { cookie: await cookieHeader(page), origin: site.app.url },
    });
    expect(exported.status).toBe(200);
    expect(await exported.text()).toContain("浏览器测试词\tBLOCK\t测试用语\t测试");

    await page.goto(`${site.app.url}/admin/terms/leaders`);
    await page.getByLabel("领导及职务").fill("张三\t市委书记");
    await page.getByRole("button", { name: "保存配置" }).click();
    await page.getByText("领导职务配置已保存").first().waitFor();

    await page.goto(`${site.app.url}/admin/terms?q=${encodeURIComponent("浏览器")}`);
    await page.getByRole("link", { name: /编辑\s*浏览器测试词/ }).click();
    await page.getByRole("button", { name: "删除词条" }).click();
    await page.waitForURL((url) => url.pathname === "/admin/terms");
    await page.getByText("词条已删除").first().waitFor();

    // 三员分立: no administrator but the auditor reads the audit log.
    await page.goto(`${site.app.url}/admin/audit`);
    expect(new URL(page.url()).pathname).toBe("/admin");
    await page.close();
  });

  it("lets the auditor filter the log, open an event and verify the chain", async () => {
    const page = await site.signIn("auditor");
    await page.getByRole("link", { name: "审计日志" }).first().click();
    await page.getByRole("heading", { name: "审计日志" }).first().waitFor();

    await page.getByLabel("操作", { exact: true }).fill("term.");
    await page.getByRole("button", { name: "筛选" }).click();
    await page.getByText("新增错敏词").first().waitFor();
    await expect(page.getByText("登录", { exact: true }).count()).resolves.toBe(0);
    await page.getByRole("link", { name: /查看/ }).first().click();
    await page.getByRole("heading", { name: /审计记录 #\d+/ }).waitFor();
    await page.getByText("本条哈希").waitFor();

    await page.goto(`${site.app.url}/admin/audit`);
    await page.getByRole("button", { name: "校验" }).click();
    await page.getByText(/校验通过：共 \d+ 条/).waitFor();
    await page.close();
  });
});
