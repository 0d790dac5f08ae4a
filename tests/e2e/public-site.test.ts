import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { axeViolations } from "../support/axe";
import type { Browser } from "playwright-core";
import { LocalDiskStorage } from "@/lib/media/storage";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { afterPublicationChange } from "@/lib/public/publish/publication-events";
import { seedDemo } from "@/lib/seed/seed-demo";
import { startApp, type RunningApp } from "../support/app-server";
import { launchBrowser } from "../support/browser";
import { testDb } from "../support/factories";

const ARTICLE = "/articles/2026-xianfeng-wang-xiaomin.html";
const PAGES = {
  home: "/",
  profileColumn: "/columns/xianfeng",
  newsColumn: "/columns/gongzuo-dongtai",
  article: ARTICLE,
  search: `/search?q=${encodeURIComponent("党建")}`,
  notFound: "/no-such-page",
};

describe("the public site in Chromium", () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    const db = testDb();
    app = await startApp();
    await seedDemo(db, new LocalDiskStorage(path.join(app.dataDir, "uploads")));
    await db.$disconnect();
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await stopCacheBus();
    await browser?.close();
    await app?.stop();
  });

  it.each(Object.entries(PAGES))(
    "%s has no WCAG 2.1 AA violations (axe-core), also in high contrast",
    async (_name, url) => {
      // axe is injected as an inline script: bypass the page's CSP for the audit only.
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${app.url}${url}`);
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(`${app.url}${url}${url.includes("?") ? "&" : "?"}hc=1`);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    },
  );

  it("reaches the 字号 switch by keyboard, switches without a reload and remembers it", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    let navigations = 0;
    page.on("framenavigated", () => navigations++);
    await page.goto(`${app.url}${ARTICLE}`);
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => document.activeElement?.getAttribute("data-fs") === "l");
    }
    expect(reached).toBe(true);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).not.toBe("none");
    const before = navigations;
    await page.keyboard.press("Enter");
    await expect(page.evaluate(() => document.documentElement.className)).resolves.toContain("fs-l");
    expect(navigations).toBe(before);
    expect(await page.evaluate(() => localStorage.getItem("reader.fs"))).toBe("l");
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.className)).toContain("fs-l");
    // 打印本页 appears once the script runs; the page raised no CSP or script errors.
    await expect(page.locator('[data-action="print"]').isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("switches 字号 and 高对比度 by plain links with JavaScript off", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.url}${ARTICLE}`);
    await page.click('a[data-fs="s"]');
    expect(await page.getAttribute("html", "class")).toContain("fs-s");
    await page.click("a[data-hc]");
    expect(await page.getAttribute("html", "class")).toContain("hc");
    await page.goto(`${app.url}/`);
    expect(await page.getAttribute("html", "class")).toBe("fs-s hc");
    await context.close();
  });

  it.each([360, 640])("has no horizontal scroll at %i px (phone, and 200 %% zoom of 1280 px)", async (width) => {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    for (const url of Object.values(PAGES)) {
      await page.goto(`${app.url}${url}${url.includes("?") ? "&" : "?"}fs=l`);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect({ url, scrollWidth }).toEqual({ url, scrollWidth: width });
    }
    await page.close();
  });

  it("prints the article alone, with its URL", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}${ARTICLE}`);
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".site-header").isVisible()).resolves.toBe(false);
    await expect(page.locator(".article-tools").isVisible()).resolves.toBe(false);
    await expect(page.locator(".print-url").isVisible()).resolves.toBe(true);
    await expect(page.locator(".article-body").isVisible()).resolves.toBe(true);
    await page.close();
  });

  it("ships under 15 KB of gzipped JavaScript, and only on the article page", async () => {
    const js = await readFile(path.join(process.cwd(), "public", "assets", "reader.js"));
    expect(gzipSync(js).length).toBeLessThan(15 * 1024);
    const page = await browser.newPage();
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
    });
    for (const url of Object.values(PAGES)) await page.goto(`${app.url}${url}`);
    expect(scripts).toEqual(["/assets/reader.js"]);
    await page.close();
  });

  it("answers 410 for a withdrawn article and 404 with a search box for an unknown one", async () => {
    const page = await browser.newPage();
    const url = `${app.url}/articles/2026-xianfeng-chen-jianguo.html`;
    expect((await page.goto(url))?.status()).toBe(200);
    // Withdraw as the workflow does, then tell the app (another process) through PostgreSQL.
    const db = testDb();
    const article = await db.article.update({
      where: { slug: "2026-xianfeng-chen-jianguo" },
      data: { status: "WITHDRAWN", withdrawnAt: new Date(), withdrawnReason: "测试" },
    });
    await afterPublicationChange([article.id], db);
    await db.$disconnect();
    let status = 0;
    for (let i = 0; i < 50 && status !== 410; i++) {
      status = (await page.goto(url))?.status() ?? 0;
      if (status !== 410) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(410);
    await expect(page.getByRole("heading", { name: "此文章已撤回" }).isVisible()).resolves.toBe(true);
    const missing = await page.goto(`${app.url}/articles/nothing-here.html`);
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole("search").first().isVisible()).resolves.toBe(true);
    await page.close();
  });
});
