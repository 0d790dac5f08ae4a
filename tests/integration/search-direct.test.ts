import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "pg";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { GET as searchRoute } from "@/app/search/route";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { pageCacheStore } from "@/lib/public/cache/cache-store";
import { serveCachedPage } from "@/lib/public/serve/fast-path";
import { testDb } from "../support/factories";
import { createArticle, createBasics, paragraphs } from "../support/public-fixtures";

/**
 * Issue 14: a search nobody asked before is answered by the custom server's fast path with the search
 * route's own handler (lib/public/serve/direct-routes.ts), not by way of Next's router — with what
 * Next would answer: the canonical-URL rules, the public security headers, 搜索繁忙 as a 503, and the
 * page cached so the next reader is a plain hit. A node:http server stands in for scripts/server.ts;
 * what it hands on to "Next" is answered 599.
 */

const SITE = "http://localhost:3000";

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  passedOn: boolean;
}

describe("searches answered by the fast path without Next's router", () => {
  let db: PrismaClient;
  let server: Server;
  let base: string;
  let locker: Client;
  const passedOn: string[] = [];

  async function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
    const before = passedOn.length;
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            passedOn: passedOn.length > before,
          }),
        );
      });
      req.on("error", reject);
      req.end();
    });
  }

  beforeAll(async () => {
    db = testDb();
    await createBasics(db);
    await createArticle(db, {
      slug: "direct-1",
      title: "垃圾分类进社区",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("街道推进垃圾分类，居民积极参与。"),
      publishedAt: new Date(Date.UTC(2026, 0, 3)),
    });
    // The route module registered its handler when it was imported above; a first request through
    // "Next" also starts the invalidation listener, which the page cache needs to be trusted.
    await searchRoute(new Request(`${SITE}/search?q=${encodeURIComponent("社区")}`));
    const deadline = Date.now() + 5000;
    while (!pageCacheStore().listening && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    server = createServer((request, response) => {
      const proceed = () => {
        passedOn.push(request.url ?? "");
        response.writeHead(599);
        response.end();
      };
      if (!serveCachedPage(request, response, SITE, "req-1", proceed)) proceed();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    locker = new Client({ connectionString: process.env.DATABASE_URL });
    await locker.connect();
  });

  afterAll(async () => {
    await locker.end();
    await new Promise((resolve) => server.close(resolve));
    await stopCacheBus();
    await db.$disconnect();
  });

  it("renders a new search itself, as the route would, and caches it once it is asked for again", async () => {
    const path = `/search?q=${encodeURIComponent("垃圾分类")}`;
    const first = await get(path, { "accept-encoding": "gzip" });
    expect(first.passedOn).toBe(false);
    expect(first.status).toBe(200);
    // A results page this small is sent as it is (lib/public/cache/page-cache.ts LAZY_GZIP_MIN_BYTES).
    expect(first.headers["content-encoding"]).toBeUndefined();
    expect(pageCacheStore().searchCache.peek(`${path}|fs=m;hc=0`)).toBeUndefined();
    const html = first.body.toString();
    expect(html).toContain('href="/articles/direct-1.html"');
    expect(first.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(first.headers["x-content-type-options"]).toBe("nosniff");
    expect(first.headers["x-request-id"]).toBe("req-1");
    expect(first.headers.vary).toBe("Cookie, Accept-Encoding");

    // What the route handler answers for the same URL now: the second ask, whose page is kept.
    const fromRoute = await searchRoute(new Request(`${SITE}${path}`));
    const plain = await get(path);
    expect(plain.passedOn).toBe(false);
    expect(plain.body.equals(Buffer.from(await fromRoute.arrayBuffer()))).toBe(true);
    for (const name of ["content-type", "etag", "cache-control", "vary", "content-length"])
      expect(plain.headers[name]).toBe(fromRoute.headers.get(name));
    expect(pageCacheStore().searchCache.peek(`${path}|fs=m;hc=0`)).toBeDefined();
  });

  it("keeps the canonical-URL rules: another spelling is redirected, a bad page number refused", async () => {
    const redirected = await get(`/search?q=${encodeURIComponent("垃圾")}&page=1`);
    expect(redirected.passedOn).toBe(false);
    expect(redirected.status).toBe(301);
    expect(redirected.headers.location).toBe(`/search?q=${encodeURIComponent("垃圾")}`);
    expect(redirected.headers["content-security-policy"]).toContain("default-src");

    const refused = await get(`/search?q=${encodeURIComponent("垃圾")}&page=abc`);
    expect(refused.passedOn).toBe(false);
    expect(refused.status).toBe(400);
    expect(refused.body.toString()).toMatch(/\p{Script=Han}/u);
    expect(refused.headers["x-frame-options"]).toBe("SAMEORIGIN");
  });

  it("answers 搜索繁忙 with a 503 when PostgreSQL cancels the search, and does not cache it", async () => {
    await locker.query("BEGIN");
    await locker.query('LOCK TABLE "SearchIndex" IN ACCESS EXCLUSIVE MODE');
    let busy: Answer;
    try {
      busy = await get(`/search?q=${encodeURIComponent("积极参与")}`);
    } finally {
      await locker.query("ROLLBACK");
    }
    expect(busy.passedOn).toBe(false);
    expect(busy.status).toBe(503);
    expect(busy.body.toString()).toContain("\u641c\u7d22\u7e41\u5fd9");
    expect(busy.headers["retry-after"]).toBe("5");
    expect(busy.headers["cache-control"]).toBe("no-store");
    expect(busy.headers["content-security-policy"]).toContain("default-src");
    const again = await get(`/search?q=${encodeURIComponent("积极参与")}`);
    expect(again.status).toBe(200);
    expect(again.body.toString()).toContain('href="/articles/direct-1.html"');
  }, 20_000);

  it("reads the request as the route under Next does: the reader's cookies, a target the URL parser re-encodes", async () => {
    // The 字号/contrast cookies choose the page's variant, as they do for a page Next answers.
    const large = await get(`/search?q=${encodeURIComponent("居民")}`, { cookie: "theme=x; fs=l; hc=1" });
    expect(large.passedOn).toBe(false);
    expect(large.status).toBe(200);
    expect(large.body.toString()).toContain('<html lang="zh-CN" class="fs-l hc">');
    const variant = `/search?q=${encodeURIComponent("居民")}|fs=l;hc=1`;
    expect(pageCacheStore().searchCache.peek(variant)).toBeUndefined();
    await get(`/search?q=${encodeURIComponent("居民")}`, { cookie: "theme=x; fs=l; hc=1" });
    expect(pageCacheStore().searchCache.peek(variant)).toBeDefined();
    expect(pageCacheStore().searchCache.peek(`/search?q=${encodeURIComponent("居民")}|fs=m;hc=0`)).toBeUndefined();

    // A ' the URL parser percent-encodes: answered as the route answers the Request it would get.
    const quoted = `/search?q=${encodeURIComponent("居民'参与")}`;
    const direct = await get(quoted);
    const fromRoute = await searchRoute(new Request(`${SITE}${quoted}`));
    expect(direct.passedOn).toBe(false);
    expect(direct.status).toBe(fromRoute.status);
    expect(direct.headers.location).toBe(fromRoute.headers.get("location") ?? undefined);
  });

  it("leaves the 字号/contrast links to Next, which sets their cookie", async () => {
    expect((await get(`/search?q=${encodeURIComponent("街道")}&fs=l`)).passedOn).toBe(true);
  });
});
