import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { LocalDiskStorage } from "@/lib/media/storage";
import { seedDemo } from "@/lib/seed/seed-demo";
import { GET as home } from "@/app/route";
import { GET as articleRoute } from "@/app/articles/[file]/route";
import { GET as columnRoute } from "@/app/columns/[slug]/route";
import { GET as missingRoute } from "@/app/[...missing]/route";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { testDb } from "../support/factories";
import { createArticle, paragraphs, withdraw } from "../support/public-fixtures";
import { afterPublicationChange } from "@/lib/public/publish/publication-events";

const BASE = "http://localhost:3000";

function getArticle(slug: string, init?: RequestInit) {
  return articleRoute(new Request(`${BASE}/articles/${slug}.html`, init), {
    params: Promise.resolve({ file: `${slug}.html` }),
  });
}
function getColumn(slug: string, query = "") {
  return columnRoute(new Request(`${BASE}/columns/${slug}${query}`), { params: Promise.resolve({ slug }) });
}

describe("public pages", () => {
  let db: PrismaClient;
  let uploads: string;

  beforeAll(async () => {
    db = testDb();
    uploads = await mkdtemp(path.join(os.tmpdir(), "public-pages-"));
    await seedDemo(db, new LocalDiskStorage(uploads));
  }, 180_000);

  afterAll(async () => {
    await stopCacheBus();
    await db.$disconnect();
    await rm(uploads, { recursive: true, force: true });
  });

  it("renders the demo profile as a complete HTML page", async () => {
    const response = await getArticle("2026-xianfeng-wang-xiaomin");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toContain("【先锋】");
    expect(html).toContain("王晓敏");
    expect(html).toMatch(/发布日期：<time[^>]*>2026-03-18<\/time>/);
    expect(html).toContain("data:image/svg+xml;base64,");
  });

  it("answers 304 to a matching ETag", async () => {
    const first = await getArticle("2026-xianfeng-wang-xiaomin");
    const etag = first.headers.get("etag");
    expect(etag).toBeTruthy();
    const second = await getArticle("2026-xianfeng-wang-xiaomin", { headers: { "if-none-match": etag ?? "" } });
    expect(second.status).toBe(304);
  });

  it("remembers the 字号 chosen by a link without JavaScript", async () => {
    const response = await articleRoute(new Request(`${BASE}/articles/2026-xianfeng-wang-xiaomin.html?fs=l`), {
      params: Promise.resolve({ file: "2026-xianfeng-wang-xiaomin.html" }),
    });
    expect(response.headers.get("set-cookie")).toContain("fs=l");
    expect(await response.text()).toMatch(/<html lang="zh-CN" class="fs-l"/);
    const withCookie = await getArticle("2026-xianfeng-wang-xiaomin", { headers: { cookie: "fs=s; hc=1" } });
    expect(await withCookie.text()).toMatch(/<html lang="zh-CN" class="fs-s hc"/);
  });

  it("answers 404 with a Chinese page and a search box for an unknown article or URL", async () => {
    const response = await getArticle("no-such-article");
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("页面不存在");
    expect(html).toMatch(/<form class="search-box" role="search" action="\/search"/);
    const other = await missingRoute(new Request(`${BASE}/no/such/page`));
    expect(other.status).toBe(404);
    expect(await other.text()).toContain("页面不存在");
  });

  it("never shows a draft", async () => {
    await createArticle(db, {
      slug: "public-draft",
      title: "草稿不得公开",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("草稿正文"),
      state: "draft",
    });
    expect((await getArticle("public-draft")).status).toBe(404);
  });

  it("answers 410 with 此文章已撤回 once an article is withdrawn", async () => {
    const id = await createArticle(db, {
      slug: "to-withdraw",
      title: "即将撤回的文章",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("原文内容不应再出现"),
    });
    expect((await getArticle("to-withdraw")).status).toBe(200);
    await withdraw(db, id);
    await afterPublicationChange([id]);
    const response = await getArticle("to-withdraw");
    expect(response.status).toBe(410);
    const html = await response.text();
    expect(html).toContain("此文章已撤回");
    expect(html).not.toContain("原文内容不应再出现");
  });

  it("lists a column with keyset pagination on stable URLs", async () => {
    const base = new Date("2025-01-01T00:00:00Z").getTime();
    for (let i = 0; i < 23; i++) {
      await createArticle(db, {
        slug: `page-fixture-${i}`,
        title: `分页测试文章${i}`,
        columnSlug: "gongzuo-dongtai",
        body: paragraphs(`分页测试正文${i}`),
        publishedAt: new Date(base + i * 3_600_000),
      });
    }
    await afterPublicationChange([]);
    const first = await (await getColumn("gongzuo-dongtai")).text();
    const next = /href="\/columns\/gongzuo-dongtai\?before=([^"]+)" rel="next"/.exec(first)?.[1];
    expect(next).toBeDefined();
    const second = await getColumn("gongzuo-dongtai", `?before=${next}`);
    expect(second.status).toBe(200);
    const secondHtml = await second.text();
    const titles = (html: string) => [...html.matchAll(/分页测试文章(\d+)/g)].map((m) => m[1]);
    const overlap = titles(first).filter((t) => titles(secondHtml).includes(t));
    expect(overlap).toEqual([]);
    // A malformed cursor is a bad request, not a page (issue 12 finding 4; tests/integration/public-canonical.test.ts).
    expect((await getColumn("gongzuo-dongtai", "?before=garbage")).status).toBe(400);
  });

  it("shows the 先锋 column as portraits grouped by honour", async () => {
    const html = await (await getColumn("xianfeng")).text();
    expect(html).toContain('class="profile-grid"');
    expect(html).toMatch(/<h2 id="honour-0">优秀共产党员<\/h2>/);
  });

  it("lists every live title on the home page", async () => {
    const html = await (await home(new Request(`${BASE}/`))).text();
    expect(html).toContain("社区治理的“绣花针”——王晓敏");
    expect(html).not.toContain("草稿不得公开");
    expect(html).not.toContain("<script");
  });

  it("shows the 头条 and 焦点图 slots of live articles only", async () => {
    const wang = await db.article.findUniqueOrThrow({ where: { slug: "2026-xianfeng-wang-xiaomin" } });
    const gone = await db.article.findUniqueOrThrow({ where: { slug: "to-withdraw" } });
    await db.homeSlot.createMany({
      data: [
        { kind: "HEADLINE", articleId: wang.id },
        { kind: "FOCUS", articleId: wang.id },
        { kind: "FOCUS", articleId: gone.id, sortOrder: 1 },
      ],
    });
    await afterPublicationChange([wang.id]);
    const html = await (await home(new Request(`${BASE}/`))).text();
    expect(html).toMatch(
      /<p class="headline-item"><a href="\/articles\/2026-xianfeng-wang-xiaomin.html">【先锋】社区治理的“绣花针”——王晓敏<\/a><\/p>/,
    );
    const focus = html.slice(html.indexOf('class="focus-row"'));
    expect(focus).toContain("2026-xianfeng-wang-xiaomin.html");
    expect(focus.slice(0, focus.indexOf("</section>"))).not.toContain("to-withdraw");
  });
});
