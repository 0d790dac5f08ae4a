import path from "node:path";
import type { Browser } from "playwright-core";
import { LocalDiskStorage } from "@/lib/media/storage";
import { seedDemo } from "@/lib/seed/seed-demo";
import { startApp, type RunningApp } from "../support/app-server";
import { launchBrowser } from "../support/browser";
import { testDb } from "../support/factories";

describe("the demo site in Chromium", () => {
  let app: RunningApp;
  let browser: Browser;
  let publishedTitles: string[];

  beforeAll(async () => {
    const db = testDb();
    app = await startApp();
    await seedDemo(db, new LocalDiskStorage(path.join(app.dataDir, "uploads")));
    const published = await db.article.findMany({
      where: { status: "PUBLISHED" },
      include: { publishedRevision: true },
    });
    publishedTitles = published.map((article) => `${article.seriesMark}${article.publishedRevision?.title}`);
    const unpublished = await db.article.count({ where: { status: { not: "PUBLISHED" } } });
    expect(unpublished).toBeGreaterThan(0);
    await db.$disconnect();
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("lists every published demo article on the home page, and nothing unpublished", async () => {
    const page = await browser.newPage();
    const response = await page.goto(app.url);
    expect(response?.status()).toBe(200);
    const links = await page.locator(".article-list li > a").allTextContents();
    expect(publishedTitles.length).toBeGreaterThanOrEqual(3);
    expect(links.sort()).toEqual([...publishedTitles].sort());
    await page.close();
  });

  it("ships no JavaScript on the home page", async () => {
    const page = await browser.newPage();
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(request.url());
    });
    await page.goto(app.url);
    expect(scripts).toEqual([]);
    expect(await page.locator("script").count()).toBe(0);
    await page.close();
  });

  it("sends /admin to the login page with Chinese labels", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/admin`);
    expect(new URL(page.url()).pathname).toBe("/admin/login");
    await expect(page.getByLabel("用户名").isVisible()).resolves.toBe(true);
    await expect(page.getByLabel("密码").isVisible()).resolves.toBe(true);
    await expect(page.getByRole("button", { name: "登录" }).isVisible()).resolves.toBe(true);
    await page.close();
  });
});
