import type { PrismaClient } from "@/lib/generated/prisma/client";
import { GET as home } from "@/app/route";
import { GET as articleRoute } from "@/app/articles/[file]/route";
import { GET as columnRoute } from "@/app/columns/[slug]/route";
import { renderArticlePreview } from "@/lib/public/render/preview";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { afterSiteChange } from "@/lib/public/publish/publication-events";
import { updateSiteSettings } from "@/lib/settings/commands";
import { getSiteSettings } from "@/lib/settings/queries";
import { siteSettingsSchema, type SiteSettingsInput } from "@/lib/settings/schemas";
import { testDb } from "../support/factories";
import { createArticle, createBasics, paragraphs } from "../support/public-fixtures";

/** What the site settings put on every public page: footer, logo, short name, time zone, 浏览次数. */

const BASE = "http://localhost:3000";
const SLUG = "settings-article";
// 17:00 UTC on 17 March: already the 18th in Shanghai (01:00), still the 17th in Urumqi (23:00) and New York.
const PUBLISHED = new Date("2026-03-17T17:00:00Z");

const getArticle = (slug = SLUG) =>
  articleRoute(new Request(`${BASE}/articles/${slug}.html`), { params: Promise.resolve({ file: `${slug}.html` }) });
const articleHtml = async () => (await getArticle()).text();
const columnHtml = async () =>
  (
    await columnRoute(new Request(`${BASE}/columns/gongzuo-dongtai`), {
      params: Promise.resolve({ slug: "gongzuo-dongtai" }),
    })
  ).text();
const homeHtml = async () => (await home(new Request(`${BASE}/`))).text();
const footerOf = (html: string) => /<footer class="site-footer">([\s\S]*?)<\/footer>/.exec(html)?.[1] ?? "";

describe("site settings on the public pages", () => {
  let db: PrismaClient;
  let admin: { id: string };
  let articleId: string;

  /** Saves like the settings form does: validate, command (audit), then afterSiteChange. */
  async function saveSettings(change: Partial<SiteSettingsInput>): Promise<void> {
    const current = await getSiteSettings(db);
    await updateSiteSettings(db, admin, siteSettingsSchema.parse({ ...current, ...change }));
    await afterSiteChange(db);
  }

  beforeAll(async () => {
    db = testDb();
    await createBasics(db);
    admin = await db.user.create({
      data: {
        username: "site.settings.admin",
        displayName: "管理员",
        passwordHash: "x",
        roles: { create: [{ role: "ADMIN" }] },
      },
    });
    articleId = await createArticle(db, {
      slug: SLUG,
      title: "设置测试文章",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("正文"),
      publishedAt: PUBLISHED,
    });
  });

  afterAll(async () => {
    await stopCacheBus();
    await db.$disconnect();
  });

  it("shows only the site name in the footer while nothing is set", async () => {
    const footer = footerOf(await articleHtml());
    expect(footer).toContain('<p class="footer-name">');
    expect(footer).not.toContain("footer-info");
    expect(footer).not.toContain("主办单位");
  });

  it("shows the footer fields in the conventional order, with the 备案 links", async () => {
    await saveSettings({
      sponsor: "中共某市经济和信息化工作委员会",
      organizer: "某市经信委办公室",
      contact: "电话 021-00000000",
      siteCode: "3100000001",
      icpNumber: "沪ICP备12345678号-1",
      policeNumber: "沪公网安备 31010102000001号",
      policeLink: "",
    });
    for (const html of [await articleHtml(), await homeHtml(), await columnHtml()]) {
      const footer = footerOf(html);
      const order = [
        "主办单位：中共某市经济和信息化工作委员会",
        "承办单位：某市经信委办公室",
        "联系方式：电话 021-00000000",
        "网站标识码：3100000001",
        '<a href="https://beian.miit.gov.cn/">沪ICP备12345678号-1</a>',
        '<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=31010102000001">沪公网安备 31010102000001号</a>',
      ].map((part) => footer.indexOf(part));
      expect(order.every((index) => index >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    }
  });

  it("leaves out the fields that are cleared", async () => {
    await saveSettings({ organizer: "", contact: "", siteCode: "", policeNumber: "", policeLink: "" });
    const footer = footerOf(await articleHtml());
    expect(footer).toContain("主办单位：");
    expect(footer).toContain("沪ICP备12345678号-1");
    for (const gone of ["承办单位", "联系方式", "网站标识码", "公网安备"]) expect(footer).not.toContain(gone);
  });

  it("shows a changed sponsor on a page that was cached before the change", async () => {
    const cached = await articleHtml();
    expect(cached).toContain("中共某市经济和信息化工作委员会");
    // Written behind the cache's back: the cached page does not change...
    await db.siteSetting.update({
      where: { key: "site" },
      data: { value: { ...(await getSiteSettings(db)), sponsor: "绕过缓存写入的单位" } },
    });
    expect(await articleHtml()).toBe(cached);
    // ...a save through the settings path (afterSiteChange) empties the cache.
    await saveSettings({ sponsor: "中共某市委宣传部" });
    const fresh = await articleHtml();
    expect(fresh).toContain("主办单位：中共某市委宣传部");
    expect(fresh).not.toContain("中共某市经济和信息化工作委员会");
  });

  it("shows the logo in the header with its renditions, size and the site name as alt", async () => {
    const hash = "d".repeat(64);
    const logo = await db.media.create({
      data: {
        sha256: hash,
        originalName: "logo.png",
        mimeType: "image/png",
        width: 1200,
        height: 200,
        bytes: 1000,
        storageKey: `${hash}/original.png`,
        renditions: [
          { width: 480, format: "webp", key: `${hash}/w480.webp`, bytes: 100 },
          { width: 960, format: "webp", key: `${hash}/w960.webp`, bytes: 200 },
          { width: 480, format: "png", key: `${hash}/w480.png`, bytes: 300 },
          { width: 960, format: "png", key: `${hash}/w960.png`, bytes: 400 },
        ],
        uploaderId: admin.id,
      },
    });
    await saveSettings({ siteName: "某市党建网", logoMediaId: logo.id });
    const html = await homeHtml();
    const img = /<a class="site-name" href="\/">(<img[^>]*>)<\/a>/.exec(html)?.[1] ?? "";
    expect(img).toContain('class="site-logo"');
    expect(img).toContain(`src="/media/${hash}/w960.png"`);
    expect(img).toContain(`srcset="/media/${hash}/w480.webp 480w, /media/${hash}/w960.webp 960w"`);
    expect(img).toContain('width="1200"');
    expect(img).toContain('height="200"');
    expect(img).toContain('alt="某市党建网"');
  });

  it("offers the short name for narrow screens when there is no logo", async () => {
    await saveSettings({ logoMediaId: "", shortName: "党建网" });
    const html = await homeHtml();
    expect(html).toContain(
      '<span class="name-full">某市党建网</span><span class="name-short" aria-hidden="true">党建网</span>',
    );
    expect(html).not.toContain("site-logo");
  });

  it("embeds the reading-count beacon, and shows 浏览次数 only when the setting is on", async () => {
    const beacon = `<img src="/api/views/${articleId}" width="1" height="1" alt aria-hidden="true" class="view-beacon"`;
    await saveSettings({ showViewCount: false });
    const off = await articleHtml();
    expect(off).toContain(beacon);
    expect(off).not.toContain("浏览次数");

    await db.articleViewDaily.createMany({
      data: [
        { articleId, day: new Date("2026-03-18T00:00:00Z"), views: 12 },
        { articleId, day: new Date("2026-03-19T00:00:00Z"), views: 30 },
      ],
    });
    await saveSettings({ showViewCount: true });
    const on = await articleHtml();
    expect(on).toContain(beacon);
    expect(on).toMatch(/<div class="article-meta">[\s\S]*<span class="meta-views">浏览次数：42<\/span>/);
  });

  it("keeps the beacon out of staff previews (they are not readings)", async () => {
    const preview = await renderArticlePreview(db, articleId);
    expect(preview).toContain("设置测试文章");
    expect(preview).not.toContain("/api/views/");
  });

  it("shows every public date in the site's time zone", async () => {
    await saveSettings({ timeZone: "Asia/Shanghai" });
    expect(await articleHtml()).toMatch(/发布日期：<time datetime="2026-03-17T17:00:00.000Z">2026-03-18<\/time>/);

    await saveSettings({ timeZone: "America/New_York" });
    expect(await articleHtml()).toMatch(/发布日期：<time datetime="2026-03-17T17:00:00.000Z">2026-03-17<\/time>/);
    expect(await columnHtml()).toContain('<time datetime="2026-03-17T17:00:00.000Z">2026-03-17</time>');
    expect(await homeHtml()).toContain('<time datetime="2026-03-17T17:00:00.000Z">2026-03-17</time>');

    await saveSettings({ timeZone: "Asia/Urumqi" });
    expect(await articleHtml()).toMatch(/发布日期：<time datetime="2026-03-17T17:00:00.000Z">2026-03-17<\/time>/);
  });
});
