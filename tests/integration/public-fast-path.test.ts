import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { GET as articleRoute } from "@/app/articles/[file]/route";
import { GET as searchRoute } from "@/app/search/route";
import { pageCache, stopCacheBus } from "@/lib/public/cache/cache-bus";
import { pageCacheStore } from "@/lib/public/cache/cache-store";
import { serveCachedPage } from "@/lib/public/serve/fast-path";
import { afterPublicationChange } from "@/lib/public/publish/publication-events";
import { testDb } from "../support/factories";
import { createArticle, createBasics, paragraphs } from "../support/public-fixtures";

/**
 * The custom server's fast path (lib/public/serve/fast-path.ts) against the route handlers that fill the
 * cache: a node:http server answers from the cache or passes the request on, as scripts/server.ts does.
 */

const SITE = "http://localhost:3000";

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  fast: boolean;
}

describe("the public fast path in front of Next", () => {
  let db: PrismaClient;
  let server: Server;
  let base: string;
  const passedOn: string[] = [];

  const routeArticle = (path: string, headers: Record<string, string> = {}) => {
    const file = path.replace("/articles/", "").split("?")[0];
    return articleRoute(new Request(`${SITE}${path}`, { headers }), { params: Promise.resolve({ file }) });
  };

  async function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
    const passedBefore = passedOn.length;
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            fast: passedOn.length === passedBefore,
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
      slug: "fp-one",
      title: "快速通道的文章",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("正文"),
      publishedAt: new Date("2026-01-01T00:00:00Z"),
    });
    server = createServer((request, response) => {
      if (serveCachedPage(request, response, SITE)) return;
      passedOn.push(request.url ?? "");
      response.writeHead(599);
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await stopCacheBus();
    await db.$disconnect();
  });

  it("passes a page that is not cached yet on to Next", async () => {
    const answer = await get("/articles/fp-one.html");
    expect(answer.fast).toBe(false);
  });

  it("answers a cached page with the route handler's bytes and headers plus the public security headers", async () => {
    const fromRoute = await routeArticle("/articles/fp-one.html");
    const routeBody = Buffer.from(await fromRoute.arrayBuffer());
    const answer = await get("/articles/fp-one.html");
    expect(answer.fast).toBe(true);
    expect(answer.status).toBe(200);
    expect(answer.body.equals(routeBody)).toBe(true);
    for (const name of ["content-type", "etag", "cache-control", "vary", "content-length"]) {
      expect(answer.headers[name]).toBe(fromRoute.headers.get(name));
    }
    expect(answer.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(answer.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    expect(answer.headers["strict-transport-security"]).toBeUndefined();
    expect(
      (await get("/articles/fp-one.html", { "x-forwarded-proto": "https" })).headers["strict-transport-security"],
    ).toContain("max-age=");
  });

  it("serves the gzip made once at render time to readers who accept it, with its own ETag", async () => {
    const plain = await get("/articles/fp-one.html");
    const gzipped = await get("/articles/fp-one.html", { "accept-encoding": "gzip, deflate, br" });
    expect(gzipped.fast).toBe(true);
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
    expect(gzipped.headers.etag).not.toBe(plain.headers.etag);
    expect(
      (await get("/articles/fp-one.html", { "accept-encoding": "gzip;q=0" })).headers["content-encoding"],
    ).toBeUndefined();
  });

  it("answers 304 to a matching If-None-Match and HEAD without a body", async () => {
    const plain = await get("/articles/fp-one.html");
    const revalidated = await get("/articles/fp-one.html", { "if-none-match": String(plain.headers.etag) });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    const head = await get("/articles/fp-one.html", {}, "HEAD");
    expect(head.fast).toBe(true);
    expect(head.body.length).toBe(0);
    expect(head.headers["content-length"]).toBe(String(plain.body.length));
  });

  it("keeps readers' 字号 choices apart and leaves the links that set them to Next", async () => {
    expect((await get("/articles/fp-one.html", { cookie: "fs=l" })).fast).toBe(false);
    await routeArticle("/articles/fp-one.html", { cookie: "fs=l" });
    const large = await get("/articles/fp-one.html", { cookie: "fs=l" });
    expect(large.fast).toBe(true);
    expect(large.body.toString()).toContain("fs-l");
    expect((await get("/articles/fp-one.html")).body.toString()).not.toContain("fs-l");
    expect((await get("/articles/fp-one.html?fs=l")).fast).toBe(false);
  });

  it("never answers the admin, the API, POSTs or URLs that spell a cache key", async () => {
    const answered = [
      await get("/admin"),
      await get("/api/v1/columns"),
      await get("/articles/fp-one.html", {}, "POST"),
      await get("/articles/fp-one.html|fs=m;hc=0"),
    ];
    expect(answered.map((answer) => answer.fast)).toEqual([false, false, false, false]);
  });

  it("serves repeated searches from their own cache", async () => {
    const path = `/search?q=${encodeURIComponent("快速通道")}`;
    // Kept when asked for a second time (most searches are asked once: lib/public/cache/cache-store.ts).
    for (let ask = 0; ask < 2; ask++) {
      const fromRoute = await searchRoute(new Request(`${SITE}${path}`));
      expect(await fromRoute.text()).toContain('href="/articles/fp-one.html"');
      expect((await get(path)).fast).toBe(ask === 1);
    }
    const answer = await get(path);
    expect(answer.fast).toBe(true);
    expect(pageCacheStore().searchCache.size).toBeGreaterThan(0);
    expect(pageCache().peek(`${path}|fs=m;hc=0`)).toBeUndefined();
  });

  it("stops answering a page once a publication change evicts it, and while invalidations may be missed", async () => {
    const article = await db.article.findUniqueOrThrow({ where: { slug: "fp-one" } });
    expect((await get("/articles/fp-one.html")).fast).toBe(true);
    await afterPublicationChange([article.id]);
    expect((await get("/articles/fp-one.html")).fast).toBe(false);
    expect((await get(`/search?q=${encodeURIComponent("快速通道")}`)).fast).toBe(false);

    // Our own NOTIFY comes back a moment later and evicts again: render until the page stays cached.
    const deadline = Date.now() + 5000;
    do {
      await routeArticle("/articles/fp-one.html");
      await new Promise((resolve) => setTimeout(resolve, 50));
    } while (!(await get("/articles/fp-one.html")).fast && Date.now() < deadline);
    expect((await get("/articles/fp-one.html")).fast).toBe(true);
    pageCacheStore().listening = false;
    try {
      expect((await get("/articles/fp-one.html")).fast).toBe(false);
    } finally {
      pageCacheStore().listening = true;
    }
  });
});
