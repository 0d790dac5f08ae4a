import type { Page } from "playwright-core";
import { useDemoSite } from "../support/demo-site";
import { testDb } from "../support/factories";

/**
 * The journey in Chromium: the editor submits; 初审 returns with a comment; the editor revises
 * and resubmits; 初审, 复审, 终审 (three people) approve; 终审 publishes; the public page shows it;
 * 终审 withdraws; the URL answers 410.
 */
describe("review journey in Chromium", () => {
  const site = useDemoSite();
  const db = testDb();
  const pages: Record<string, Page> = {};
  let articleId = "";
  let slug = "";

  beforeAll(async () => {
    const draft = await db.article.findFirstOrThrow({ where: { status: "DRAFT" }, select: { id: true, slug: true } });
    articleId = draft.id;
    slug = draft.slug;
  });

  afterAll(async () => {
    await db.$disconnect();
  });

  /** One signed-in page per person for the whole journey. */
  async function as(username: string): Promise<Page> {
    pages[username] ??= await site.signIn(username);
    return pages[username];
  }

  /** Opens a workflow dialog, fills its field if any, confirms, and waits for the toast. */
  async function step(page: Page, label: string, toast: string, fill?: { label: string; value: string }) {
    try {
      await stepOnce(page, label, toast, fill);
    } catch (error) {
      await page.screenshot({ path: `/tmp/review-journey-${label}.png`, fullPage: true }).catch(() => undefined);
      throw error;
    }
  }

  async function stepOnce(page: Page, label: string, toast: string, fill?: { label: string; value: string }) {
    // The toast proves the step committed; a refusal shows in the dialog instead.
    await page.getByTestId("workflow-actions").getByRole("button", { name: label, exact: true }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.waitFor();
    if (fill) await dialog.getByLabel(fill.label).fill(fill.value);
    await dialog.getByRole("button", { name: label, exact: true }).click();
    const done = page.locator("[data-toast]").filter({ hasText: toast }).first();
    const refused = dialog.getByRole("alert");
    await done.or(refused).first().waitFor();
    if (await refused.isVisible()) throw new Error(`${label} refused: ${await refused.textContent()}`);
  }

  async function review(username: string, label: string, toast: string, fill?: { label: string; value: string }) {
    const page = await as(username);
    await page.goto(`${site.app.url}/admin/review`);
    await page.getByTestId("review-queue").getByRole("link").filter({ hasText: /./ }).first().waitFor();
    await page.goto(`${site.app.url}/admin/review/${articleId}`);
    await step(page, label, toast, fill);
  }

  const status = async () =>
    db.article.findUniqueOrThrow({ where: { id: articleId }, select: { status: true, reviewLevel: true } });

  it("goes from submission through a return, three approvals and publication to withdrawal", async () => {
    const editor = await as("editor");
    await editor.goto(`${site.app.url}/admin/articles/${articleId}`);
    await step(editor, "提交审核", "已提交审核");
    expect(await status()).toEqual({ status: "IN_REVIEW", reviewLevel: 1 });

    // 初审 sees it in the queue (and a notification) and returns it with a comment.
    const reviewer1 = await as("reviewer1");
    await reviewer1.goto(`${site.app.url}/admin/review`);
    await expect(reviewer1.getByTestId("notifications-link").textContent()).resolves.toMatch(/未读/);
    await review("reviewer1", "退回", "已退回编辑", {
      label: "退回意见（必填）",
      value: "第一段请补充培训的时间和地点。",
    });
    expect(await status()).toEqual({ status: "DRAFT", reviewLevel: null });

    // The editor revises and resubmits.
    await editor.goto(`${site.app.url}/admin/articles/${articleId}`);
    await editor.getByTestId("timeline").getByText("第一段请补充培训的时间和地点。").waitFor();
    const title = editor.getByLabel("标题", { exact: true });
    await title.fill("区融媒体中心开展新闻采编业务培训（修订）");
    await editor.getByRole("button", { name: "保存", exact: true }).click();
    await editor
      .getByText(/已保存/)
      .first()
      .waitFor();
    await step(editor, "提交审核", "已提交审核");

    await review("reviewer1", "通过", "已通过本级审核");
    await review("reviewer2", "通过", "已通过本级审核");
    await review("reviewer3", "通过", "已通过本级审核");
    expect(await status()).toEqual({ status: "APPROVED", reviewLevel: null });

    const reviewer3 = await as("reviewer3");
    await reviewer3.goto(`${site.app.url}/admin/review/${articleId}`);
    await step(reviewer3, "发布", "已发布");

    const published = await db.article.findUniqueOrThrow({
      where: { id: articleId },
      select: {
        status: true,
        publishedRevisionId: true,
        currentRevisionId: true,
        withdrawnAt: true,
        publishedAt: true,
        column: { select: { hidden: true } },
      },
    });
    expect(published).toMatchObject({
      status: "PUBLISHED",
      publishedRevisionId: published.currentRevisionId,
      withdrawnAt: null,
      column: { hidden: false },
    });
    expect(published.publishedAt).not.toBeNull();
    const live = await fetch(`${site.app.url}/articles/${slug}.html`);
    expect(live.status).toBe(200);
    expect(await live.text()).toContain("区融媒体中心开展新闻采编业务培训（修订）");

    await reviewer3.goto(`${site.app.url}/admin/review/${articleId}`);
    // 定时撤稿: a reason and a time (Beijing time, tomorrow), shown on the page, then cancelled.
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 16);
    await reviewer3.getByTestId("workflow-actions").getByRole("button", { name: "定时撤稿", exact: true }).click();
    const withdrawalDialog = reviewer3.getByRole("alertdialog");
    await withdrawalDialog.getByLabel("撤稿原因（必填）").fill("活动结束后撤下。");
    await withdrawalDialog.getByLabel("撤稿时间（北京时间）").fill(tomorrow);
    await withdrawalDialog.getByRole("button", { name: "定时撤稿", exact: true }).click();
    await reviewer3.locator("[data-toast]").filter({ hasText: "已设置定时撤稿" }).first().waitFor();
    await reviewer3
      .getByTestId("article-status")
      .getByText(`定时撤稿时间：${tomorrow.replace("T", " ")}`, { exact: false })
      .waitFor();
    expect(await db.job.findFirstOrThrow({ where: { articleId, kind: "UNPUBLISH" } })).toMatchObject({
      status: "PENDING",
      reason: "活动结束后撤下。",
    });
    await step(reviewer3, "取消定时撤稿", "已取消定时撤稿");
    expect(await db.job.findFirstOrThrow({ where: { articleId, kind: "UNPUBLISH" } })).toMatchObject({
      status: "CANCELLED",
    });

    await step(reviewer3, "撤稿", "已撤稿", { label: "撤稿原因（必填）", value: "培训安排调整，暂不发布。" });
    const gone = await fetch(`${site.app.url}/articles/${slug}.html`);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain("此文章已撤回");
  }, 600_000);
});
