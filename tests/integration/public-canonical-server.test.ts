import type { PrismaClient } from "@/lib/generated/prisma/client";
import { startApp, type RunningApp } from "../support/app-server";
import { testDb } from "../support/factories";
import { createArticle, createBasics, paragraphs } from "../support/public-fixtures";

/**
 * The same rules through the real server (scripts/server.ts: fast path, proxy.ts, Next's router):
 * what Next decodes and hands over must not get around them (issue 12, findings 4 and 6).
 */
describe("canonical URLs and invalid text through the running server", () => {
  let app: RunningApp;
  let db: PrismaClient;

  beforeAll(async () => {
    db = testDb();
    await createBasics(db);
    await createArticle(db, {
      slug: "srv-one",
      title: "服务器规范地址测试",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("正文"),
      publishedAt: new Date(Date.UTC(2026, 0, 1)),
    });
    app = await startApp();
  }, 900_000);

  afterAll(async () => {
    await app?.stop();
    await db.$disconnect();
  });

  const get = (target: string) => fetch(`${app.url}${target}`, { redirect: "manual" });

  it("answers NUL bytes and broken encodings 400 in Chinese on public, API and admin URLs", async () => {
    for (const target of [
      "/columns/%00",
      "/api/v1/articles/%00",
      "/articles/%00.html",
      "/search?q=%00",
      "/search?q=%ED%A0%80",
      "/admin/articles?q=%00",
      "/admin/audit?actor=%00",
      "/admin/media?q=%FF",
      "/%FF",
    ]) {
      const response = await get(target);
      expect([target, response.status]).toEqual([target, 400]);
      expect(await response.text()).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("answers a search with a space, and its 字号 link, without redirecting it to itself", async () => {
    // Next hands its routes a query re-serialised form-encoded (a space as "+"): compared with that,
    // the canonical %20 spelling was answered 301 to the very same URL, for ever.
    const query = `/search?q=${encodeURIComponent("服务器 规范")}`;
    for (const target of [`${query}&fs=l`, query, `${query}&fs=l`]) {
      const response = await get(target);
      expect([target, response.status, response.headers.get("location")]).toEqual([target, 200, null]);
      expect(await response.text()).toContain('href="/articles/srv-one.html"');
    }
    // Another spelling is still redirected, once, to the canonical one.
    const plus = await get(query.replace("%20", "+"));
    expect([plus.status, plus.headers.get("location")]).toEqual([301, query]);
  });

  it("redirects an empty cursor and never lets it replace the column page", async () => {
    for (let i = 0; i < 2; i++) {
      const poisoned = await get("/columns/gongzuo-dongtai?before=");
      expect([poisoned.status, poisoned.headers.get("location")]).toEqual([301, "/columns/gongzuo-dongtai"]);
      const column = await get("/columns/gongzuo-dongtai");
      expect(column.status).toBe(200);
      expect(await column.text()).toContain("服务器规范地址测试");
    }
    expect((await get("/columns/gongzuo-dongtai?before=abc")).status).toBe(400);
    const health = (await (await get("/api/health")).json()) as { listener: { alive: boolean } };
    expect(health.listener.alive).toBe(true);
  });

  it("a cached page from the fast path answers with the rendered page's headers, a request id and 304s", async () => {
    // Uncompressed: Next compresses what the route handler returns with its own validator.
    const plain = { "accept-encoding": "identity" };
    const rendered = await fetch(`${app.url}/articles/srv-one.html`, { headers: plain });
    const cached = await fetch(`${app.url}/articles/srv-one.html`, {
      headers: { ...plain, "x-request-id": "fast-path-req-0001" },
    });
    expect(cached.status).toBe(200);
    expect(cached.headers.get("x-request-id")).toBe("fast-path-req-0001");
    // Vary: Next adds its router's own headers to what a route handler answers.
    expect(cached.headers.get("vary")).toBe("Cookie, Accept-Encoding");
    for (const name of [
      "content-type",
      "etag",
      "cache-control",
      "content-security-policy",
      "x-content-type-options",
      "x-frame-options",
      "referrer-policy",
    ]) {
      expect([name, cached.headers.get(name)]).toEqual([name, rendered.headers.get(name)]);
    }
    expect(await cached.text()).toBe(await rendered.text());
    const again = await fetch(`${app.url}/articles/srv-one.html`, {
      headers: { ...plain, "if-none-match": cached.headers.get("etag") ?? "" },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
