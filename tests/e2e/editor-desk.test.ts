import type { Page } from "playwright-core";
import { useDemoSite } from "../support/demo-site";
import { testDb } from "../support/factories";

/**
 * The editorial desk's rough edges (issue 16) in Chromium: the first save opens the article's page,
 * the status line says when it saved, Chinese validation messages in an English browser, the return
 * reason at the top with its quotes marked, 通过并发布, the live link, the preview frames, the
 * dashboard's axes and the audit log's labels.
 */
describe("the editorial desk in Chromium", () => {
  const site = useDemoSite();
  const db = testDb();
  const TITLE = "区委宣传部召开专题会议部署年度宣传工作";
  const QUOTE = "部署了明年的宣传重点";
  let articleId = "";

  afterAll(async () => {
    await db.$disconnect();
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: `/tmp/editor-desk-${name}.png`, fullPage: true }).catch(() => undefined);

  /** The same account in a browser whose language is English: native validation would speak English here. */
  async function inEnglish(page: Page): Promise<Page> {
    const context = await site.browser.newContext({ locale: "en-US" });
    await context.addCookies(await page.context().cookies());
    const english = await context.newPage();
    await page.close();
    return english;
  }

  async function openStep(page: Page, label: string) {
    await page.getByTestId("workflow-actions").getByRole("button", { name: label, exact: true }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.waitFor();
    return dialog;
  }

  async function step(page: Page, label: string, toast: string, fill?: { label: string; value: string }) {
    const dialog = await openStep(page, label);
    if (fill) await dialog.getByLabel(fill.label).fill(fill.value);
    await dialog.getByRole("button", { name: label, exact: true }).click();
    const done = page.locator("[data-toast]").filter({ hasText: toast }).first();
    const refused = dialog.getByRole("alert");
    await done.or(refused).first().waitFor();
    if (await refused.isVisible()) throw new Error(`${label} refused: ${await refused.textContent()}`);
  }

  it("opens the article's own page at the first 保存, with the save time and unsaved-change state", async () => {
    const page = await site.signIn("editor");
    await page.goto(`${site.app.url}/admin/articles/new`);
    await page.getByLabel("标题", { exact: true }).fill(TITLE);
    await page.locator(".article-editor-body").click();
    await page.keyboard.type(`会议总结了今年的工作，${QUOTE}。`);
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.waitForURL(/\/admin\/articles\/[0-9a-f-]{36}$/);
    articleId = new URL(page.url()).pathname.split("/").pop() ?? "";
    await page.getByRole("heading", { name: "编辑稿件" }).waitFor();
    await page.getByTestId("workflow-actions").getByRole("button", { name: "提交审核" }).waitFor();
    await page.getByRole("heading", { name: "稿件时间线" }).waitFor();
    await page.getByTestId("revision-row").first().waitFor();
    const status = page.getByTestId("save-status");
    await status.getByText(/已保存 \d{2}:\d{2}:\d{2}/).waitFor();

    await page.getByLabel("标题", { exact: true }).fill(`${TITLE}（修改）`);
    await status.getByText(/有未保存的修改 · 上次保存 \d{2}:\d{2}:\d{2}/).waitFor();
    await page.getByLabel("标题", { exact: true }).fill(TITLE);
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await status.getByText(/^已保存 \d{2}:\d{2}:\d{2}/).waitFor();
    await shot(page, "saved");
    await step(page, "提交审核", "已提交审核");
    await page.close();
  }, 300_000);

  it("shows the app's Chinese messages, not the browser's, in an English browser, and the return reason at the top", async () => {
    const reviewer = await inEnglish(await site.signIn("reviewer1"));
    await reviewer.goto(`${site.app.url}/admin/review/${articleId}`);
    // An empty 批注 and an empty 退回意见 reach the server and come back in Chinese.
    await reviewer.getByRole("button", { name: "添加批注" }).click();
    await reviewer.getByText("请填写批注内容").waitFor();
    await reviewer.getByLabel("引用原文（可选）").fill(QUOTE);
    await reviewer.getByLabel("批注内容").fill("请写明具体的宣传重点。");
    await reviewer.getByRole("button", { name: "添加批注" }).click();
    await reviewer.locator("[data-toast]").filter({ hasText: "已添加批注" }).first().waitFor();

    const dialog = await openStep(reviewer, "退回");
    await dialog.getByRole("button", { name: "退回", exact: true }).click();
    await dialog.getByRole("alert").getByText("退回时请填写退回意见").waitFor();
    await dialog.getByLabel("退回意见（必填）").fill("请补充「总结了今年的工作」的具体内容。");
    await dialog.getByRole("button", { name: "退回", exact: true }).click();
    await reviewer.locator("[data-toast]").filter({ hasText: "已退回编辑" }).first().waitFor();
    await reviewer.close();

    const editor = await site.signIn("editor");
    await editor.setViewportSize({ width: 1280, height: 900 });
    await editor.goto(`${site.app.url}/admin/articles/${articleId}`);
    const notes = editor.getByTestId("review-notes");
    await notes.getByText("请补充「总结了今年的工作」的具体内容。").waitFor();
    await notes.getByText("请写明具体的宣传重点。").waitFor();
    const notesBox = await notes.boundingBox();
    const bodyBox = await editor.locator(".article-editor-body").boundingBox();
    expect(notesBox && bodyBox && notesBox.y < bodyBox.y).toBe(true);
    expect(notesBox?.y ?? Infinity).toBeLessThan(900);
    const marked = editor.locator(".article-editor-body [data-review-quote]");
    await marked.first().waitFor();
    await expect(marked.allTextContents()).resolves.toEqual(expect.arrayContaining([QUOTE, "总结了今年的工作"]));
    await shot(editor, "returned");
    await step(editor, "提交审核", "已提交审核");
    await editor.close();
  }, 300_000);

  it("lets the 终审 approve and publish in one act, refusing a past time in Chinese", async () => {
    for (const username of ["reviewer1", "reviewer2"]) {
      const page = await site.signIn(username);
      await page.goto(`${site.app.url}/admin/review/${articleId}`);
      await step(page, "通过", "已通过本级审核");
      await page.close();
    }
    const final = await inEnglish(await site.signIn("reviewer3"));
    await final.goto(`${site.app.url}/admin/review/${articleId}`);
    const scheduled = await openStep(final, "通过并定时发布");
    await scheduled.getByLabel("发布时间（北京时间）").fill("2020-01-01T08:00");
    await scheduled.getByRole("button", { name: "通过并定时发布", exact: true }).click();
    await scheduled.getByRole("alert").getByText("定时发布的时间须晚于当前时间").waitFor();
    await scheduled.getByRole("button", { name: "取消" }).click();
    expect(
      await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { status: true, reviewLevel: true } }),
    ).toEqual({ status: "IN_REVIEW", reviewLevel: 3 });

    await step(final, "通过并发布", "已通过终审并发布");
    const article = await db.article.findUniqueOrThrow({
      where: { id: articleId },
      select: { status: true, slug: true },
    });
    expect(article.status).toBe("PUBLISHED");
    const events = await db.auditEvent.findMany({
      where: { target: `article:${articleId}` },
      orderBy: { id: "desc" },
      take: 2,
      select: { action: true },
    });
    expect(events.map((event) => event.action)).toEqual(["article.publish", "article.approve"]);
    await final.close();

    const editor = await site.signIn("editor");
    await editor.goto(`${site.app.url}/admin/articles/${articleId}`);
    const live = editor.getByTestId("live-link").getByRole("link", { name: "查看线上页面" });
    await expect(live.getAttribute("href")).resolves.toMatch(new RegExp(`/articles/${article.slug}\\.html$`));
    await editor.getByTestId("live-link").getByRole("button", { name: "复制链接" }).waitFor();
    await editor.close();
  }, 300_000);

  it("shows the desktop and phone previews without overlap at 1280 px (the phone frame wraps below)", async () => {
    const page = await site.signIn("editor");
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${site.app.url}/admin/articles/${articleId}/preview`);
    const desktop = await page.getByTestId("preview-desktop").locator("iframe").boundingBox();
    const phone = await page.getByTestId("preview-phone").locator("iframe").boundingBox();
    if (!desktop || !phone) throw new Error("preview frames not laid out");
    const overlaps =
      desktop.x < phone.x + phone.width &&
      phone.x < desktop.x + desktop.width &&
      desktop.y < phone.y + phone.height &&
      phone.y < desktop.y + desktop.height;
    expect(overlaps).toBe(false);
    await shot(page, "preview");
    await page.close();
  }, 300_000);

  it("draws the dashboard's count axis in whole numbers, with units", async () => {
    const page = await site.signIn("editor");
    await page.goto(`${site.app.url}/admin`);
    const chart = page.getByRole("img", { name: /近 12 个月各栏目发稿量/ });
    await chart.waitFor();
    const ticks = await chart.getByTestId("chart-tick").allTextContents();
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.every((tick) => /^\d+$/.test(tick))).toBe(true);
    await chart.getByTestId("chart-unit").getByText("单位：篇").waitFor();
    await shot(page, "dashboard");
    await page.close();
  }, 300_000);

  it("labels every event in the audit log in Chinese and names its target", async () => {
    const page = await site.signIn("auditor");
    await page.goto(`${site.app.url}/admin/audit?target=article:${articleId}`);
    const rows = page.locator("tbody tr");
    await rows.first().waitFor();
    const labels = await rows.evaluateAll((trs) =>
      trs.map((tr) => tr.querySelectorAll("td")[3]?.querySelector("div")?.textContent ?? ""),
    );
    expect(labels.length).toBeGreaterThan(3);
    expect(labels.filter((label) => !/[\u4e00-\u9fff]/.test(label))).toEqual([]);
    await page.getByTestId("audit-target-name").first().getByText(TITLE).waitFor();
    await shot(page, "audit");
    await page.close();
  }, 300_000);
});
