/**
 * The media library in Chromium, against the production build with the demo content: the demo
 * editor uploads a photo and watches the progress bar, finds it in the library, and is refused when
 * deleting a photo that a demo article uses.
 */
import type { Page } from "playwright-core";
import sharp from "sharp";
import { cookieHeader, useDemoSite } from "../support/demo-site";

/**
 * A PNG stored without compression: megabytes on the wire for a visible, throttled upload, yet a
 * flat picture that the server re-encodes in moments even on a busy 2-core machine.
 */
async function uncompressedPng(width: number, height: number, background: string, alpha = false): Promise<Buffer> {
  const drawing = Buffer.from(
    `<svg width="${width}" height="${height}"><rect x="${width / 4}" y="${height / 4}" width="${width / 2}" height="${height / 2}" fill="#b91c1c"/></svg>`,
  );
  const drawn = await sharp({ create: { width, height, channels: 3, background } })
    .composite([{ input: drawing }])
    .png()
    .toBuffer();
  const pixels = alpha ? sharp(drawn).ensureAlpha() : sharp(drawn).removeAlpha();
  return pixels.png({ compressionLevel: 0 }).toBuffer();
}

/** Processing waits on CPU that parallel builds and tests share: allow for it. */
const PROCESSING_TIMEOUT = 120_000;

describe("the media library in Chromium", () => {
  const site = useDemoSite();
  const pageErrors: string[] = [];

  const signIn = async (username: string): Promise<Page> => {
    const page = await site.signIn(username);
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
    });
    return page;
  };

  it("lets the demo editor upload a photo with a progress bar and find it in the library", async () => {
    const page = await signIn("editor");
    await page.getByRole("link", { name: "媒体库" }).click();
    await page.waitForURL("**/admin/media");
    await page.getByRole("heading", { name: "媒体库" }).waitFor();
    // The demo photos are there, as 480 px WebP thumbnails.
    const demo = page.getByRole("img", { name: "王晓敏近照" });
    await demo.waitFor();
    expect(await demo.getAttribute("src")).toMatch(/^\/media\/[a-f0-9]{64}\/(w480|original)\.webp$/);

    // Slow the upload down so the progress bar has something to show.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 1024 * 1024,
    });

    await page.getByRole("button", { name: "上传新图片" }).first().click();
    const dialog = page.getByRole("dialog", { name: "上传新图片" });
    await dialog.waitFor();
    const photo = await uncompressedPng(1200, 900, "#e5e7eb");
    expect(photo.length).toBeGreaterThan(2 * 1024 * 1024);
    await dialog
      .locator('input[type="file"]')
      .setInputFiles({ name: "党员活动室.png", mimeType: "image/png", buffer: photo });
    await dialog.getByText("已选择：党员活动室.png").waitFor();

    // Alt text is required, in Chinese, before anything is sent.
    await dialog.getByRole("button", { name: "上传", exact: true }).click();
    await dialog.getByText("请填写图片说明文字（替代文本），供读屏软件朗读").waitFor();

    await dialog.getByLabel("替代文本（必填）").fill("党员活动室里的学习园地");
    await dialog.getByLabel("图片说明").fill("新装修的党员活动室");
    await dialog.getByLabel("摄影/来源").fill("宣传科 摄");
    await dialog.getByRole("button", { name: "上传", exact: true }).click();

    // The toast is transient: watch for it from the start, so a slow poll of the progress bar on a
    // loaded machine cannot let it come and go unseen.
    const uploadedToast = page.getByText("图片已上传").waitFor({ timeout: PROCESSING_TIMEOUT });
    const progress = dialog.getByRole("progressbar", { name: "上传进度" });
    await progress.waitFor();
    const seen = new Set<number>();
    while (await progress.isVisible().catch(() => false)) {
      const value = await progress.evaluate((element) => (element as HTMLProgressElement).value).catch(() => null);
      if (value !== null) seen.add(value);
      await page.waitForTimeout(100);
    }
    // It moved through intermediate values, not just empty and full.
    expect([...seen].some((value) => value > 0 && value < 100)).toBe(true);

    await uploadedToast;
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    const uploaded = page.getByRole("img", { name: "党员活动室里的学习园地" });
    await uploaded.waitFor();
    await page.getByText("新装修的党员活动室").waitFor();

    // Searchable by its caption.
    await page.getByRole("searchbox", { name: "搜索" }).fill("学习园地");
    await page.getByRole("button", { name: "搜索" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "学习园地");
    const results = page.getByTestId("media-grid").getByRole("listitem");
    await expect(results.count()).resolves.toBe(1);
    await results.getByRole("img", { name: "党员活动室里的学习园地" }).waitFor();
    await page.close();
  }, 600_000);

  it("takes a photo over 10 MB whole (the proxy does not cut the body off), and refuses one over 20 MB with 413", async () => {
    const page = await signIn("editor");
    const cookie = await cookieHeader(page);
    const big = await uncompressedPng(2800, 2000, "#d1d5db");
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    const form = new FormData();
    form.append("file", new File([new Uint8Array(big)], "large.png", { type: "image/png" }));
    form.append("alt", "大尺寸测试图片");
    const response = await fetch(`${site.app.url}/api/media`, {
      method: "POST",
      body: form,
      headers: { cookie, origin: site.app.url },
    });
    const body = (await response.json()) as { media?: { width: number }; error?: string };
    expect({ status: response.status, error: body.error }).toEqual({ status: 201, error: undefined });
    expect(body.media?.width).toBe(2800);

    // Over UPLOAD_MAX_BYTES (20 MiB): refused by the running server with 413 and a Chinese message.
    const huge = await uncompressedPng(2800, 2000, "#d1d5db", true);
    expect(huge.length).toBeGreaterThan(20 * 1024 * 1024);
    const tooBig = new FormData();
    tooBig.append("file", new File([new Uint8Array(huge)], "huge.png", { type: "image/png" }));
    tooBig.append("alt", "过大的图片");
    const refused = await fetch(`${site.app.url}/api/media`, {
      method: "POST",
      body: tooBig,
      headers: { cookie, origin: site.app.url },
    });
    expect({ status: refused.status, body: await refused.json() }).toEqual({
      status: 413,
      body: { error: "图片文件不能超过 20 MB", code: "TOO_LARGE", field: "file" },
    });

    const foreign = await fetch(`${site.app.url}/api/media`, {
      method: "POST",
      body: form,
      headers: { cookie, origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    await page.close();
  }, 600_000);

  it("refuses to delete a photo a demo article uses, and names the article", async () => {
    const page = await signIn("editor");
    await page.goto(`${site.app.url}/admin/media?q=${encodeURIComponent("围坐在桌前")}`);
    const card = page.getByTestId("media-grid").getByRole("listitem").first();
    await card.getByRole("button", { name: "删除" }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByRole("button", { name: "确认删除" }).click();
    await dialog.getByText("不能删除").waitFor();
    const usages = dialog.getByTestId("media-usages");
    await usages.waitFor();
    expect(await usages.getByRole("listitem").count()).toBeGreaterThan(0);
    expect(await usages.textContent()).toContain("正文插图");
    await page.close();
  });

  it("ran without page errors or CSP violations", () => {
    expect(pageErrors).toEqual([]);
  });
});
