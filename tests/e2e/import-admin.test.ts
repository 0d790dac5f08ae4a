import path from "node:path";
import { axeViolations } from "../support/axe";
import type { Page } from "playwright-core";
import { useDemoSite } from "../support/demo-site";

/**
 * 历史稿件导入 in Chromium, as staff use it: the editor uploads the old site's saved pages (a folder),
 * watches the dry run, the 终审 reads the preview and approves the batch, and the article is live,
 * marked 历史稿件, with its old address answering a 301. Screenshots go to /tmp/import-admin-*.png.
 */

const MIRROR = path.join(__dirname, "..", "fixtures", "import", "mirror");

describe("历史稿件导入 in Chromium", () => {
  const site = useDemoSite();
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: `/tmp/import-admin-${name}.png`, fullPage: true }).catch(() => undefined);

  it("takes a folder of old pages from the editor to the public site through the 终审's approval", async () => {
    const editor = await site.signIn("editor");
    await editor.getByRole("link", { name: "历史稿件导入" }).first().click();
    await editor.waitForURL("**/admin/import");
    await editor.getByText("还没有导入批次").waitFor();
    await shot(editor, "empty");

    // Nothing chosen: the app's own message, not the browser's.
    await editor.getByRole("button", { name: "开始试导入" }).click();
    await editor.getByRole("alert").getByText("请选择要导入的文件或文件夹").waitFor();

    await editor.locator('input[type="file"][webkitdirectory]').setInputFiles(MIRROR);
    await editor.getByText(/已选择 \d+ 个文件/).waitFor();
    await editor.getByRole("button", { name: "开始试导入" }).click();
    await editor.waitForURL(/\/admin\/import\/[0-9a-f-]{36}$/);
    await editor.getByText("待终审审批").first().waitFor({ timeout: 120_000 });
    await editor.getByText("【先锋】园区党建的“领航人”——张明", { exact: true }).waitFor();
    await editor.getByText("没有标题").first().waitFor();
    await shot(editor, "preview-editor");
    // The editor cannot approve: only the 终审 of the target columns.
    await expect(editor.getByRole("button", { name: "批准并发布整批" }).count()).resolves.toBe(0);
    const batchUrl = editor.url();
    await editor.close();

    const reviewer = await site.signIn("reviewer3");
    await reviewer.goto(batchUrl);
    await reviewer.getByRole("button", { name: "批准并发布整批" }).waitFor();
    expect(await axeViolations(reviewer)).toEqual([]);
    await shot(reviewer, "preview");
    reviewer.once("dialog", (dialog) => void dialog.accept());
    await reviewer.getByRole("button", { name: "批准并发布整批" }).click();
    await reviewer.getByText("已完成").first().waitFor({ timeout: 120_000 });
    await reviewer
      .getByRole("link", { name: /本站地址/ })
      .first()
      .waitFor();
    await shot(reviewer, "done");

    const moved = await fetch(`${site.app.url}/xf/2021/0727/c1001.html`, { redirect: "manual" });
    expect(moved.status).toBe(301);
    await reviewer.goto(`${site.app.url}${moved.headers.get("location")}`);
    await reviewer.getByText("历史稿件").first().waitFor();
    await reviewer.getByText("走访园区企业党支部").waitFor();
    await shot(reviewer, "public");
    await reviewer.close();
  });
});
