import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import type { Page } from "playwright-core";
import { parseBody } from "@/lib/articles/body/schema";
import { useDemoSite } from "../support/demo-site";
import { testDb } from "../support/factories";

const HEADING = "坚持党建引领，强化政治担当";
const PARAGRAPH = "他带领团队走访园区企业，推动成立党支部。";
const CAPTION = "指导推动园区非公企业成立党支部";

/** What Word puts on the clipboard for a heading, a styled paragraph, an empty line, a list and a table. */
const WORD_FRAGMENT = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{font-family:宋体}</style></head><body>
<!--StartFragment--><h1 style='color:#C00000'><span style='font-family:黑体'>二、强化政治担当<o:p></o:p></span></h1>
<p class=MsoNormal style='text-indent:21pt'><span style='font-size:14pt;color:red;font-family:仿宋'>　　全年开展<b>主题党日</b>活动十二次。<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp;&nbsp;</span></span><![endif]>建强组织</p>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>2.<span>&nbsp;&nbsp;</span></span><![endif]>培育骨干</p>
<table class=MsoTableGrid border=1 style='border-collapse:collapse'><tr><td width=200 style='background:yellow'><p class=MsoNormal>支部</p></td><td><p class=MsoNormal>党员</p></td></tr></table>
<!--EndFragment--></body></html>`;

/** A real photo as base64, for files and data: URIs built inside the page. */
async function photoBase64(format: "png" | "jpeg", colour: { r: number; g: number; b: number }): Promise<string> {
  const image = sharp({ create: { width: 640, height: 480, channels: 3, background: colour } });
  return (await (format === "png" ? image.png() : image.jpeg({ quality: 80 })).toBuffer()).toString("base64");
}

interface PageFile {
  name: string;
  type: string;
  base64: string;
}

/**
 * Drops (or pastes) files onto a block of the body the way the browser does: a DragEvent or
 * ClipboardEvent whose DataTransfer holds File objects made in the page.
 */
async function sendFiles(page: Page, target: string, how: "drop" | "paste", files: PageFile[]): Promise<void> {
  await page
    .locator(target)
    .first()
    .evaluate(
      (element, { how, files }) => {
        const data = new DataTransfer();
        for (const { name, type, base64 } of files) {
          const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
          data.items.add(new File([bytes], name, { type }));
        }
        if (how === "paste") {
          element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
          return;
        }
        const box = element.getBoundingClientRect();
        const init = {
          dataTransfer: data,
          bubbles: true,
          cancelable: true,
          clientX: box.right - 2,
          clientY: box.top + box.height / 2,
        };
        element.dispatchEvent(new DragEvent("dragover", init));
        element.dispatchEvent(new DragEvent("drop", init));
      },
      { how, files },
    );
}

async function photoFile(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "editor-photo-"));
  const file = path.join(dir, "huodong.jpg");
  const jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 180, g: 40, b: 40 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
  writeFileSync(file, jpeg);
  return file;
}

describe("the article editor in Chromium", () => {
  const site = useDemoSite();
  const db = testDb();

  afterAll(async () => {
    await db.$disconnect();
  });

  const body = (page: Page) => page.locator(".article-editor-body");
  /** The body's blocks in order: figures (inside their node-view wrapper) by name, others with their text. */
  const blocks = (page: Page) =>
    body(page).evaluate((element) =>
      [...element.children].map((child) =>
        child.querySelector("figure") || child.tagName === "FIGURE"
          ? "figure"
          : `${child.tagName.toLowerCase()}:${child.textContent?.trim() ?? ""}`,
      ),
    );

  it("writes an article with a heading, a paragraph and an uploaded photo with caption, and keeps it across a reload", async () => {
    const page = await site.signIn("editor");
    await page.goto(`${site.app.url}/admin/articles`);
    await page.getByRole("link", { name: "新建稿件" }).first().click();
    await page.waitForURL("**/admin/articles/new");

    await page.getByLabel("标题", { exact: true }).fill("化工区党建的“拓荒牛”");
    await body(page).click();
    // Heading first, in the empty body: the first keystroke must not undo it.
    await page.getByRole("button", { name: /^二级标题/ }).click();
    await page.keyboard.type(HEADING);
    await body(page).locator("h2", { hasText: HEADING }).waitFor();
    await page.keyboard.press("Enter");
    await page.keyboard.type(PARAGRAPH);

    await page.getByRole("button", { name: "插入图片" }).click();
    const dialog = page.getByRole("dialog", { name: "选择图片" });
    await dialog.getByText("上传新图片").click();
    await dialog.getByLabel("选择图片").setInputFiles(await photoFile());
    await dialog.getByLabel("替代文本（必填）").fill("走访园区企业");
    await dialog.getByRole("button", { name: "上传", exact: true }).click();
    await dialog.waitFor({ state: "detached" });
    const figure = body(page).locator("figure");
    await figure.locator("img").waitFor();
    await figure.locator("figcaption").click();
    await page.keyboard.type(CAPTION);
    await expect(page.getByTestId("character-count").textContent()).resolves.toMatch(/字数：\d+/);

    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("稿件已创建").first().waitFor();
    await page.waitForURL(/\/admin\/articles\/[0-9a-f-]{36}$/);
    await page
      .getByTestId("save-status")
      .getByText(/已保存/)
      .waitFor();

    await page.reload();
    await body(page).locator("h2", { hasText: HEADING }).waitFor();
    await body(page).locator("p", { hasText: PARAGRAPH }).waitFor();
    await body(page).locator("figure figcaption", { hasText: CAPTION }).waitFor();
    await expect(body(page).locator("figure img").getAttribute("alt")).resolves.toBe("走访园区企业");

    const articleId = new URL(page.url()).pathname.split("/").pop() ?? "";
    const article = await db.article.findUniqueOrThrow({
      where: { id: articleId },
      include: { currentRevision: true },
    });
    const stored = parseBody(article.currentRevision?.body);
    expect(stored.ok).toBe(true);
    expect(article.currentRevision?.html).toContain(`<h2>${HEADING}</h2>`);
    expect(article.currentRevision?.html).toContain(`<figcaption>${CAPTION}</figcaption>`);

    // A second version, then the two compared side by side, and the preview at both widths.
    await body(page).locator("p", { hasText: PARAGRAPH }).click();
    await page.keyboard.press("End");
    await page.keyboard.type("全年开展主题党日活动十二次。");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("已保存为第 2 版").first().waitFor();
    await page.getByTestId("revision-row").nth(1).waitFor();
    await page.getByRole("button", { name: "比较所选版本" }).click();
    await page.waitForURL(/\/compare\?/);
    const diff = page.getByTestId("diff-view");
    await diff
      .locator('tr[data-kind="changed"]', { hasText: "全年开展主题党日活动十二次。" })
      .locator("ins")
      .first()
      .waitFor();

    await page.goto(`${site.app.url}/admin/articles/${articleId}/preview`);
    const frames = page.locator("iframe");
    await expect(frames.count()).resolves.toBe(2);
    await expect(frames.nth(1).evaluate((frame) => frame.getBoundingClientRect().width)).resolves.toBe(360);
    const preview = page.frameLocator("iframe").first();
    await preview.locator("h2", { hasText: HEADING }).waitFor();
    await preview.locator("figcaption", { hasText: CAPTION }).waitFor();
    await page.close();
  });

  it("refuses a save over a newer version and lets the editor choose in a dialog", async () => {
    const first = await site.signIn("editor");
    await first.goto(`${site.app.url}/admin/articles/new`);
    await first.getByLabel("标题", { exact: true }).fill("冲突测试");
    await body(first).click();
    await first.keyboard.type("原文。");
    await first.getByRole("button", { name: "保存" }).click();
    await first.waitForURL(/\/admin\/articles\/[0-9a-f-]{36}$/);
    const url = first.url();

    // Another session of the same editor (another window or computer).
    const second = await site.signIn("editor");
    await second.goto(url);
    await body(second).locator("p", { hasText: "原文。" }).click();
    await second.keyboard.press("End");
    await second.keyboard.type("另一窗口的修改。");
    await second.getByRole("button", { name: "保存" }).click();
    await second.getByText("已保存为第 2 版").first().waitFor();

    await body(first).locator("p", { hasText: "原文。" }).click();
    await first.keyboard.press("End");
    await first.keyboard.type("我的修改。");
    await first.getByRole("button", { name: "保存" }).click();
    const dialog = first.getByRole("dialog", { name: "保存冲突" });
    await dialog.waitFor();
    await dialog
      .locator('tr[data-kind="changed"]', { hasText: "另一窗口的修改" })
      .locator("ins", { hasText: "我" })
      .first()
      .waitFor();
    await dialog.getByRole("button", { name: "保留我的版本（覆盖保存）" }).click();
    await first.getByText("已保存为第 3 版").first().waitFor();

    const articleId = new URL(url).pathname.split("/").pop() ?? "";
    const revisions = await db.revision.findMany({ where: { articleId }, orderBy: { number: "asc" } });
    expect(revisions.map((revision) => revision.plainText)).toEqual([
      "原文。",
      "原文。另一窗口的修改。",
      "原文。我的修改。",
    ]);
    await second.close();
    await first.close();
  });

  it("cleans a Word fragment on paste into headings, bold, lists and a table, and saves it", async () => {
    const page = await site.signIn("editor");
    await page.goto(`${site.app.url}/admin/articles/new`);
    await page.getByLabel("标题", { exact: true }).fill("粘贴测试");
    await body(page).click();
    await body(page).evaluate((element, html) => {
      const data = new DataTransfer();
      data.setData("text/html", html);
      data.setData("text/plain", "二、强化政治担当");
      element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, WORD_FRAGMENT);

    await body(page).locator("h2", { hasText: "二、强化政治担当" }).waitFor();
    const html = await body(page).innerHTML();
    expect(html).toContain("全年开展<strong>主题党日</strong>活动十二次。");
    expect(html).toMatch(/<ol[^>]*><li[^>]*><p>建强组织<\/p><\/li><li[^>]*><p>培育骨干<\/p><\/li><\/ol>/);
    expect(html).toMatch(/<table[\s\S]*支部[\s\S]*党员[\s\S]*<\/table>/);
    expect(html).not.toMatch(/font-family|color:|mso-|MsoNormal|　　/);

    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/\/admin\/articles\/[0-9a-f-]{36}$/);
    const articleId = new URL(page.url()).pathname.split("/").pop() ?? "";
    const revision = await db.revision.findFirstOrThrow({ where: { articleId }, orderBy: { number: "desc" } });
    const stored = parseBody(revision.body);
    expect(stored.ok).toBe(true);
    const types = stored.ok ? stored.body.content.map((node) => node.type) : [];
    expect(types).toEqual(expect.arrayContaining(["heading", "paragraph", "orderedList", "table"]));
    // The empty Word paragraph is gone.
    expect(stored.ok && stored.body.content.some((node) => node.type === "paragraph" && !node.content?.length)).toBe(
      false,
    );
    await page.close();
  });

  it("inserts a table from the toolbar, moves through it with Tab, and edits a saved table after a reload", async () => {
    const page = await site.signIn("editor");
    await page.goto(`${site.app.url}/admin/articles/new`);
    await page.getByLabel("标题", { exact: true }).fill("表格测试");
    await body(page).click();
    await page.keyboard.type("前文。");
    // Table editing is fetched when first needed: here by the insert button, after a reload by the stored table.
    await page.getByRole("button", { name: "插入表格" }).click();
    await body(page).locator("table").waitFor();
    await expect(body(page).locator("table th, table td").count()).resolves.toBe(9);
    await page.keyboard.type("项目");
    await page.keyboard.press("Tab");
    await page.keyboard.type("数量");
    await body(page).locator("th", { hasText: "项目" }).click();
    await page.getByRole("group", { name: "插入表格" }).getByRole("button", { name: "增加行" }).click();
    // Table commands run once table editing is at hand (a promise): waited for, not read at once.
    await body(page).locator("tr").nth(3).waitFor();
    await expect(body(page).locator("tr").count()).resolves.toBe(4);

    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/\/admin\/articles\/[0-9a-f-]{36}$/);
    const articleId = new URL(page.url()).pathname.split("/").pop() ?? "";
    const saved = async () => {
      const revision = await db.revision.findFirstOrThrow({ where: { articleId }, orderBy: { number: "desc" } });
      const stored = parseBody(revision.body);
      if (!stored.ok) throw new Error("stored body refused");
      return stored.body.content.find((node) => node.type === "table");
    };
    const table = await saved();
    expect(table?.content?.map((row) => row.content?.map((cell) => cell.type))).toEqual([
      ["tableHeader", "tableHeader", "tableHeader"],
      ["tableCell", "tableCell", "tableCell"],
      ["tableCell", "tableCell", "tableCell"],
      ["tableCell", "tableCell", "tableCell"],
    ]);
    expect(JSON.stringify(table?.content?.[0])).toMatch(/项目[\s\S]*数量/);

    // The stored table's editing is fetched as the editor starts, without any click; on a slow line a
    // Tab pressed in a cell before it arrives is held (the caret stays in the body) and done once it has.
    // The chunk is held until the Tab has been pressed, however long the machine takes to get there.
    let tableChunkHeld = false;
    let tableChunkDelivered = false;
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/_next/static/chunks/**", async (route) => {
      const response = await route.fetch();
      const script = await response.text();
      if (script.includes("selectingCells")) {
        tableChunkHeld = true;
        await released;
        tableChunkDelivered = true;
      }
      await route.fulfill({ response, body: script });
    });
    await page.reload();
    const last = body(page).locator("td").last();
    await last.click();
    await page.keyboard.press("Tab");
    expect(tableChunkDelivered).toBe(false);
    await page.waitForTimeout(300);
    release();
    await body(page).locator("tr").nth(4).waitFor();
    expect(tableChunkHeld).toBe(true);
    await expect(body(page).locator("tr").count()).resolves.toBe(5);
    await expect(page.evaluate(() => document.activeElement?.closest(".article-editor-body") !== null)).resolves.toBe(
      true,
    );
    await page.unroute("**/_next/static/chunks/**");
    await page.keyboard.type("新行");
    await body(page).locator("td", { hasText: "新行" }).waitFor();
    await page.getByRole("group", { name: "插入表格" }).getByRole("button", { name: "删除表格" }).click();
    await body(page).locator("table").waitFor({ state: "detached" });
    await body(page).locator("p", { hasText: "前文。" }).waitFor();
    await page.close();
  });

  it("uploads photos dropped or pasted into the body into figures where they fell, and refuses what the server refuses", async () => {
    const page = await site.signIn("editor");
    await page.goto(`${site.app.url}/admin/articles/new`);
    await page.getByLabel("标题", { exact: true }).fill("拖入图片测试");
    await body(page).click();
    await page.keyboard.type("第一段。");
    await page.keyboard.press("Enter");
    await page.keyboard.type("第二段。");

    // Dropped at the end of the first paragraph: the figure goes between the two.
    await sendFiles(page, ".article-editor-body p:first-of-type", "drop", [
      { name: "huodong.jpg", type: "image/jpeg", base64: await photoBase64("jpeg", { r: 30, g: 90, b: 160 }) },
    ]);
    const figures = body(page).locator("figure");
    await figures.first().locator("img").waitFor();
    await page.getByText("已上传 1 张图片").first().waitFor();

    // Pasted at the caret (end of the second paragraph), two at once, in order.
    await body(page).locator("p", { hasText: "第二段。" }).click();
    await page.keyboard.press("End");
    await sendFiles(page, ".article-editor-body", "paste", [
      { name: "a.png", type: "image/png", base64: await photoBase64("png", { r: 200, g: 160, b: 20 }) },
      { name: "b.png", type: "image/png", base64: await photoBase64("png", { r: 20, g: 160, b: 60 }) },
    ]);
    await page.getByText("已上传 2 张图片").first().waitFor();
    await expect(figures.locator("img").count()).resolves.toBe(3);

    // An SVG is refused by the server: its reason is shown and no figure stays.
    await sendFiles(page, ".article-editor-body p:first-of-type", "drop", [
      {
        name: "logo.svg",
        type: "image/svg+xml",
        base64: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString("base64"),
      },
    ]);
    await page.getByText("图片“logo.svg”未能上传\uff1a只支持 JPEG、PNG、WebP、GIF 格式的图片").first().waitFor();
    await expect(figures.count()).resolves.toBe(3);

    // Pasting at the end of a paragraph leaves an empty one after the figures, to type on in.
    await expect(blocks(page)).resolves.toEqual(["p:第一段。", "figure", "p:第二段。", "figure", "figure", "p:"]);

    // Staff describe each figure (submission requires it; the save does not).
    const alts = ["拖入的照片", "粘贴的第一张", "粘贴的第二张"];
    for (const [index, alt] of alts.entries()) await figures.nth(index).getByLabel("替代文字").fill(alt);
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("稿件已创建").first().waitFor();
    await page.waitForURL(/\/admin\/articles\/[0-9a-f-]{36}$/);
    await page
      .getByTestId("save-status")
      .getByText(/已保存/)
      .waitFor();

    await page.reload();
    await body(page).locator("figure img").nth(2).waitFor();
    await expect(body(page).locator("figure img").count()).resolves.toBe(3);
    await expect(
      body(page)
        .locator("figure img")
        .evaluateAll((images) => images.map((image) => image.getAttribute("alt"))),
    ).resolves.toEqual(alts);
    const articleId = new URL(page.url()).pathname.split("/").pop() ?? "";
    const revision = await db.revision.findFirstOrThrow({ where: { articleId }, orderBy: { number: "desc" } });
    const stored = parseBody(revision.body);
    // The empty paragraph at the end is not stored.
    expect(stored.ok && stored.body.content.map((node) => node.type)).toEqual([
      "paragraph",
      "figure",
      "paragraph",
      "figure",
      "figure",
    ]);
    const mediaIds = stored.ok
      ? stored.body.content.flatMap((node) => (node.type === "figure" ? [node.attrs.mediaId] : []))
      : [];
    const media = await db.media.findMany({ where: { id: { in: mediaIds } } });
    expect(media.map((row) => row.originalName).sort()).toEqual(["a.png", "b.png", "huodong.jpg"]);
    await page.close();
  });

  it("uploads the data: images of a pasted Word fragment into figures where they stood", async () => {
    const page = await site.signIn("editor");
    await page.goto(`${site.app.url}/admin/articles/new`);
    await page.getByLabel("标题", { exact: true }).fill("粘贴图片测试");
    await body(page).click();
    const png = await photoBase64("png", { r: 150, g: 30, b: 30 });
    const fragment = `<html><body><!--StartFragment--><p class=MsoNormal><span style='font-family:仿宋'>活动开始前，党员集中学习。</span></p>
<p class=MsoNormal align=center style='text-align:center'><span><img width=320 height=240 src="data:image/png;base64,${png}" v:shapes="图片_x0020_1"></span></p>
<p class=MsoNormal>随后开展志愿服务。<img src="https://example.org/remote.jpg"></p><!--EndFragment--></body></html>`;
    await body(page).evaluate((element, html) => {
      const data = new DataTransfer();
      data.setData("text/html", html);
      data.setData("text/plain", "活动开始前，党员集中学习。");
      element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, fragment);

    // The web image is not fetched: it is reported.
    await page.getByText("粘贴内容中有 1 张图片无法直接使用").first().waitFor();
    const figure = body(page).locator("figure");
    await figure.locator("img").waitFor();
    await expect(blocks(page)).resolves.toEqual(["p:活动开始前，党员集中学习。", "figure", "p:随后开展志愿服务。"]);

    await figure.getByLabel("替代文字").fill("党员集中学习");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/\/admin\/articles\/[0-9a-f-]{36}$/);
    const articleId = new URL(page.url()).pathname.split("/").pop() ?? "";
    const revision = await db.revision.findFirstOrThrow({ where: { articleId }, orderBy: { number: "desc" } });
    const stored = parseBody(revision.body);
    expect(stored.ok && stored.body.content.map((node) => node.type)).toEqual(["paragraph", "figure", "paragraph"]);
    const figureNode = stored.ok ? stored.body.content[1] : null;
    const mediaId = figureNode?.type === "figure" ? figureNode.attrs.mediaId : "";
    const media = await db.media.findUniqueOrThrow({ where: { id: mediaId } });
    expect(media).toMatchObject({ originalName: "粘贴的图片1.png", mimeType: "image/png", width: 640, height: 480 });

    // A figure copied inside the editor (ProseMirror's own clipboard markup) is pasted whole, photo included.
    await body(page).locator("p").last().click();
    await page.keyboard.press("End");
    const thumbnail = await figure.locator("img").getAttribute("src");
    await body(page).evaluate(
      (element, { id, src }) => {
        const data = new DataTransfer();
        data.setData(
          "text/html",
          `<figure data-pm-slice="0 0 []" data-media-id="${id}" data-alt="党员集中学习" data-src="${src}" data-align="center"><figcaption></figcaption></figure>`,
        );
        element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
      },
      { id: mediaId, src: thumbnail ?? "" },
    );
    await body(page).locator("figure img").nth(1).waitFor();
    await page.getByRole("button", { name: "保存" }).click();
    const copies = async () => {
      const latest = await db.revision.findFirstOrThrow({ where: { articleId }, orderBy: { number: "desc" } });
      const parsed = parseBody(latest.body);
      return parsed.ok
        ? parsed.body.content.filter((node) => node.type === "figure" && node.attrs.mediaId === mediaId).length
        : 0;
    };
    const deadline = Date.now() + 10_000;
    while ((await copies()) < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await copies()).toBe(2);
    await page.close();
  });

  it("links a web address when a space or Enter is typed after it, and not the text after", async () => {
    const page = await site.signIn("editor");
    await page.goto(`${site.app.url}/admin/articles/new`);
    await body(page).click();
    await page.keyboard.type("详见www.gov.cn 之后");
    await page.keyboard.press("Enter");
    await page.keyboard.type("https://example.org/a");
    await page.keyboard.press("Enter");
    const links = body(page).locator("a");
    await expect(links.count()).resolves.toBe(2);
    await expect(links.nth(0).getAttribute("href")).resolves.toBe("https://www.gov.cn");
    await expect(links.nth(0).textContent()).resolves.toBe("www.gov.cn");
    await expect(links.nth(1).getAttribute("href")).resolves.toBe("https://example.org/a");
    await page.close();
  });

  it("sets a link in a dialog that refuses script addresses with the reason beside the field, and removes it", async () => {
    const page = await site.signIn("editor");
    await page.goto(`${site.app.url}/admin/articles/new`);
    await body(page).click();
    await page.keyboard.type("中国政府网");
    await page.keyboard.press("Shift+Home");
    await page.keyboard.press("Control+k");

    const dialog = page.getByRole("dialog", { name: "编辑链接" });
    const field = dialog.getByLabel("链接地址");
    await field.fill("javascript:alert(1)");
    await dialog.getByRole("button", { name: "确定" }).click();
    await dialog.getByText("链接地址只能以 http://、https:// 或 mailto: 开头").waitFor();
    await expect(field.inputValue()).resolves.toBe("javascript:alert(1)");
    await expect(field.getAttribute("aria-invalid")).resolves.toBe("true");
    expect(await body(page).locator("a").count()).toBe(0);

    await field.fill("https://www.gov.cn/");
    await field.press("Enter");
    await dialog.waitFor({ state: "detached" });
    await expect(body(page).locator("a").getAttribute("href")).resolves.toBe("https://www.gov.cn/");
    await expect(body(page).locator("a").textContent()).resolves.toBe("中国政府网");
    // Enter in the dialog must not have submitted (saved) the article form around the editor.
    expect(new URL(page.url()).pathname).toBe("/admin/articles/new");

    await body(page).locator("a").click();
    await page.getByRole("button", { name: /^链接/ }).click();
    await expect(dialog.getByLabel("链接地址").inputValue()).resolves.toBe("https://www.gov.cn/");
    await dialog.getByRole("button", { name: "移除链接" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await body(page).locator("a").count()).toBe(0);
    await expect(body(page).textContent()).resolves.toContain("中国政府网");
    await page.close();
  });

  it("highlights a forbidden term in the body after a save, with its message, and locates it from the list", async () => {
    await db.sensitiveTerm.create({
      data: { term: "违规测试词", level: "BLOCK", suggestion: "规范测试词", category: "测试" },
    });
    const page = await site.signIn("editor");
    await page.goto(`${site.app.url}/admin/articles/new`);
    await page.getByLabel("标题", { exact: true }).fill("含违规测试词的标题");
    await body(page).click();
    await page.keyboard.type("第一段没有问题。");
    await page.keyboard.press("Enter");
    await page.keyboard.type("第二段写了违规测试词一处。");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/\/admin\/articles\/[0-9a-f-]{36}$/);

    const highlight = body(page).locator(".check-hit-block", { hasText: "违规测试词" });
    await highlight.waitFor();
    expect(await highlight.getAttribute("title")).toBe("禁用：建议改为「规范测试词」");
    const panel = page.getByTestId("editor-check-hits");
    await panel.getByText("含禁用表述，修改后才能提交审核。").waitFor();
    await panel.getByText("建议改为「规范测试词」").waitFor();
    await page.getByTestId("article-title-checks").getByText("违规测试词").waitFor();

    // Typing before it moves the highlight with the text; 定位 selects the term where it is now.
    await body(page).locator("p", { hasText: "第一段" }).click();
    await page.keyboard.press("End");
    await page.keyboard.type("补充一句。");
    await panel.getByRole("button", { name: "在正文中定位「违规测试词」" }).click();
    // Tiptap's focus() applies the DOM selection on the next frame: wait for it rather than read at once.
    await page.waitForFunction(() => window.getSelection()?.toString() === "违规测试词", undefined, {
      timeout: 10_000,
    });
    expect(await body(page).locator(".check-hit-block").allTextContents()).toEqual(["违规测试词"]);
    await page.close();
  });

  it("asks before an admin link leaves unsaved changes, and stays when told to", async () => {
    const page = await site.signIn("editor");
    await page.goto(`${site.app.url}/admin/articles/new`);
    // The body editor mounts once the form is hydrated: typing into the server-rendered field before
    // that (a loaded machine) is not yet a change the form knows of.
    await body(page).waitFor();
    await page.getByLabel("标题", { exact: true }).fill("未保存的稿件");
    const nav = page.getByRole("navigation", { name: "主导航" });

    const asked: string[] = [];
    page.once("dialog", (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await nav.getByRole("link", { name: "仪表盘" }).click();
    expect(asked).toEqual(["有未保存的修改\uff0c确定离开吗\uff1f"]);
    expect(new URL(page.url()).pathname).toBe("/admin/articles/new");
    await expect(page.getByLabel("标题", { exact: true }).inputValue()).resolves.toBe("未保存的稿件");

    page.once("dialog", (dialog) => void dialog.accept());
    await nav.getByRole("link", { name: "仪表盘" }).click();
    await page.waitForURL((url) => url.pathname === "/admin");
    await page.close();
  });
});
