import { JSDOM } from "jsdom";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { GET as articleApi } from "@/app/api/v1/articles/[slug]/route";
import { GET as articlesApi } from "@/app/api/v1/articles/route";
import { GET as columnsApi } from "@/app/api/v1/columns/route";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";
import { GET as profilesApi } from "@/app/api/v1/profiles/route";
import { GET as columnFeedRoute } from "@/app/columns/[slug]/rss.xml/route";
import { GET as robotsRoute } from "@/app/robots.txt/route";
import { GET as siteFeedRoute } from "@/app/rss.xml/route";
import { GET as sitemapRoute } from "@/app/sitemap.xml/route";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { afterPublicationChange } from "@/lib/public/publish/publication-events";
import { testDb } from "../support/factories";
import { createArticle, createBasics, paragraphs, withdraw } from "../support/public-fixtures";

const BASE = "http://localhost:3000";
const xml = (text: string) => new JSDOM(text, { contentType: "application/xml" }).window.document;

describe("feeds, sitemap, robots and the JSON API", () => {
  let db: PrismaClient;
  let withdrawnId: string;

  beforeAll(async () => {
    db = testDb();
    await createBasics(db);
    for (let i = 0; i < 5; i++) {
      await createArticle(db, {
        slug: `f-${i}`,
        title: `动态${i} & <特别>`,
        columnSlug: "gongzuo-dongtai",
        body: paragraphs(`正文${i}`),
        publishedAt: new Date(Date.UTC(2026, 0, i + 1)),
      });
    }
    await createArticle(db, {
      slug: "f-profile",
      title: "先锋人物",
      columnSlug: "xianfeng",
      body: paragraphs("人物"),
      publishedAt: new Date(Date.UTC(2026, 1, 1)),
    });
    withdrawnId = await createArticle(db, {
      slug: "f-gone",
      title: "已撤回",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("撤回"),
    });
    await withdraw(db, withdrawnId);
    await afterPublicationChange([withdrawnId]);
  });

  afterAll(async () => {
    await stopCacheBus();
    await db.$disconnect();
  });

  it("serves a well-formed site-wide RSS feed of live articles, escaped", async () => {
    const response = await siteFeedRoute(new Request(`${BASE}/rss.xml`));
    expect(response.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    const doc = xml(await response.text());
    expect(doc.querySelector("parsererror")).toBeNull();
    const titles = [...doc.querySelectorAll("item > title")].map((node) => node.textContent);
    expect(titles).toContain("动态4 & <特别>");
    expect(titles).toContain("先锋人物");
    expect(titles).not.toContain("已撤回");
    expect(doc.querySelector("item > link")?.textContent).toMatch(
      /^http:\/\/localhost:3000\/articles\/f-profile\.html$/,
    );
  });

  it("serves a feed per column", async () => {
    const response = await columnFeedRoute(new Request(`${BASE}/columns/xianfeng/rss.xml`), {
      params: Promise.resolve({ slug: "xianfeng" }),
    });
    const titles = [...xml(await response.text()).querySelectorAll("item > title")].map((node) => node.textContent);
    expect(titles).toEqual(["先锋人物"]);
    const missing = await columnFeedRoute(new Request(`${BASE}/columns/nope/rss.xml`), {
      params: Promise.resolve({ slug: "nope" }),
    });
    expect(missing.status).toBe(404);
  });

  it("lists home, columns and live articles in sitemap.xml, and robots.txt points to it", async () => {
    const doc = xml(await (await sitemapRoute(new Request(`${BASE}/sitemap.xml`))).text());
    const locs = [...doc.querySelectorAll("loc")].map((node) => node.textContent);
    expect(locs).toContain("http://localhost:3000/");
    expect(locs).toContain("http://localhost:3000/columns/xianfeng");
    expect(locs).toContain("http://localhost:3000/articles/f-3.html");
    expect(locs).not.toContain("http://localhost:3000/articles/f-gone.html");
    const robots = await (await robotsRoute(new Request(`${BASE}/robots.txt`))).text();
    expect(robots).toContain("Sitemap: http://localhost:3000/sitemap.xml");
    expect(robots).toContain("Disallow: /admin");
  });

  it("pages through /api/v1/articles with the next cursor", async () => {
    const first = await (await articlesApi(new Request(`${BASE}/api/v1/articles?limit=4`))).json();
    expect(first.data).toHaveLength(4);
    expect(first.next).toEqual(expect.any(String));
    const second = await (
      await articlesApi(new Request(`${BASE}/api/v1/articles?limit=4&before=${first.next}`))
    ).json();
    expect(second.data).toHaveLength(2);
    expect(second.next).toBeNull();
    const slugs = [...first.data, ...second.data].map((item: { slug: string }) => item.slug);
    expect(new Set(slugs).size).toBe(6);
    expect(slugs).not.toContain("f-gone");
    expect((await articlesApi(new Request(`${BASE}/api/v1/articles?limit=1000`))).status).toBe(400);
    expect((await articlesApi(new Request(`${BASE}/api/v1/articles?column=nope`))).status).toBe(404);
  });

  it("serves one article, 410 when withdrawn, 404 when unknown", async () => {
    const ok = await articleApi(new Request(`${BASE}/api/v1/articles/f-1`), {
      params: Promise.resolve({ slug: "f-1" }),
    });
    const body = await ok.json();
    expect(body.data.title).toBe("动态1 & <特别>");
    expect(body.data.html).toBe("<p>正文1</p>");
    expect(
      (await articleApi(new Request(`${BASE}/api/v1/articles/f-gone`), { params: Promise.resolve({ slug: "f-gone" }) }))
        .status,
    ).toBe(410);
    expect(
      (await articleApi(new Request(`${BASE}/api/v1/articles/zzz`), { params: Promise.resolve({ slug: "zzz" }) }))
        .status,
    ).toBe(404);
  });

  it("lists columns and profiles, and documents the API in OpenAPI", async () => {
    const columns = await (await columnsApi(new Request(`${BASE}/api/v1/columns`))).json();
    expect(columns.data.map((c: { slug: string }) => c.slug)).toEqual(["xianfeng", "gongzuo-dongtai"]);
    const profiles = await (await profilesApi(new Request(`${BASE}/api/v1/profiles`))).json();
    expect(profiles.data).toEqual([]);
    const doc = await (await openapi()).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(["/articles", "/articles/{slug}", "/columns", "/profiles"]);
  });
});
