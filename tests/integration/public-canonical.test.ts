import type { PrismaClient } from "@/lib/generated/prisma/client";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { API_CACHE_BYTES, clearCachedPages, MISS_CACHE_BYTES, pageCacheStore } from "@/lib/public/cache/cache-store";
import { afterPublicationChange } from "@/lib/public/publish/publication-events";
import { encodeCursor } from "@/lib/public/data/queries";
import { testDb } from "../support/factories";
import { createArticle, createBasics, paragraphs } from "../support/public-fixtures";
import { NextRequest } from "next/server";
import { GET as articleJsonRoute } from "@/app/api/v1/articles/[slug]/route";
import { GET as columnRoute } from "@/app/columns/[slug]/route";
import { GET as searchRoute } from "@/app/search/route";
import { proxy } from "@/proxy";
import { PublicServer } from "../support/public-router";

/**
 * Canonical URLs and a page cache that no request can poison (issue 12, findings 4 and 5): every
 * spelling of a page other than its canonical URL is redirected or refused, only successful renders
 * are kept under a page's key, and 404s live in their own small cache.
 */

const COLUMN = "/columns/gongzuo-dongtai";
const CHINESE = /[\u4e00-\u9fff]/;

/** mulberry32: a small seeded generator, so a failing sequence can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("canonical public URLs and an unpoisonable page cache", () => {
  let db: PrismaClient;
  const server = new PublicServer();
  let secondPageCursor = "";

  beforeAll(async () => {
    db = testDb();
    await createBasics(db);
    for (let i = 0; i < 23; i++) {
      await createArticle(db, {
        slug: `cn-${i}`,
        title: `规范地址测试${i}`,
        columnSlug: "gongzuo-dongtai",
        body: paragraphs(`正文内容${i}`),
        publishedAt: new Date(Date.UTC(2026, 0, 1, i)),
      });
    }
    // The 20th newest is the last item of the first page: its cursor names the second page.
    const twentieth = await db.article.findFirstOrThrow({
      where: { slug: "cn-3" },
      select: { id: true, publishedAt: true },
    });
    secondPageCursor = encodeCursor({ id: twentieth.id, publishedAt: twentieth.publishedAt ?? new Date() });
    await server.start();
  });

  afterAll(async () => {
    await server.stop();
    await stopCacheBus();
    await db.$disconnect();
  });

  it("an empty cursor redirects to the column and cannot put a 404 under the column's URL (finding 4)", async () => {
    for (const order of ["poison-first", "cached-first"]) {
      if (order === "cached-first") expect((await server.get(COLUMN)).status).toBe(200);
      const poisoned = await server.get(`${COLUMN}?before=`);
      expect(poisoned.status).toBe(301);
      expect(poisoned.headers.location).toBe(COLUMN);
      const column = await server.get(COLUMN);
      expect(column.status).toBe(200);
      expect(column.body.toString()).toContain("规范地址测试22");
    }
    // The next reader is answered from the cache, with the column page.
    const cached = await server.get(COLUMN);
    expect(cached.fast).toBe(true);
    expect(cached.status).toBe(200);
  });

  it("answers a malformed cursor 400 and a made-up one 404, neither under a page's key", async () => {
    // Letters no cursor (a timestamp and a uuid) can hold, so the check below cannot match a real key.
    const malformed = await server.get(`${COLUMN}?before=zzz`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.toString()).toMatch(CHINESE);
    const madeUp = await server.get(`${COLUMN}?before=${Date.UTC(2020, 0, 1)}_6b1f4a9e-0d3c-4c1e-9a57-000000000000`);
    expect(madeUp.status).toBe(404);
    const second = await server.get(`${COLUMN}?before=${secondPageCursor}`);
    expect(second.status).toBe(200);
    expect(second.body.toString()).toContain("规范地址测试0");
    for (const [key, page] of pageCacheStore().cache.entries()) {
      expect([200, 410]).toContain(page.status);
      expect(page.tags.length).toBeGreaterThan(0);
      expect(key).not.toContain("before=zzz");
    }
  });

  it("redirects unknown parameters, another spelling of a space, an encoded letter; refuses duplicates", async () => {
    const tracked = await server.get(`${COLUMN}?from=singlemessage&isappinstalled=0`);
    expect([tracked.status, tracked.headers.location]).toEqual([301, COLUMN]);
    const withChoice = await server.get(`/articles/cn-1.html?utm=x&fs=l`);
    expect([withChoice.status, withChoice.headers.location]).toEqual([301, "/articles/cn-1.html?fs=l"]);
    const plus = await server.get(`/search?q=${encodeURIComponent("规范")}+${encodeURIComponent("地址")}`);
    expect([plus.status, plus.headers.location]).toEqual([301, `/search?q=${encodeURIComponent("规范 地址")}`]);
    const firstPage = await server.get(`/search?q=${encodeURIComponent("规范")}&page=1`);
    expect([firstPage.status, firstPage.headers.location]).toEqual([301, `/search?q=${encodeURIComponent("规范")}`]);
    expect((await server.get(`/search?q=`)).headers.location).toBe("/search");
    // Every redirect points at a URL that is answered, never redirected again (no loop), whatever the characters.
    for (const query of ["it's", "(党建)", "a~b!*", "\u00a0全角　空格", "%", "&=?#"]) {
      let target = `/search?q=${encodeURIComponent(query)}`;
      for (let hop = 0; hop < 2; hop++) {
        const answer = await server.get(target);
        if (answer.status !== 301) break;
        target = String(answer.headers.location);
      }
      expect([query, (await server.get(target)).status]).toEqual([query, 200]);
    }
    expect((await server.get(`/columns/gongzuo%2Ddongtai`)).headers.location).toBe(COLUMN);
    const twice = await server.get(`${COLUMN}?before=${secondPageCursor}&before=${secondPageCursor}`);
    expect(twice.status).toBe(400);
    expect(twice.body.toString()).toMatch(CHINESE);
    expect((await server.get(`/search?q=a&page=x`)).status).toBe(400);
    expect((await server.get(`/api/v1/articles?unknown=1`)).status).toBe(400);
    expect((await server.get(`/api/v1/articles?limit=5&limit=6`)).status).toBe(400);
  });

  it("spells a cursor one way: another spelling of the same position redirects, the API keys it once", async () => {
    const [millis, id] = secondPageCursor.split("_") as [string, string];
    // Upper-case hex and leading zeros name the same article and time: each spelling would otherwise be
    // its own 200 page in the cache, and a uuid has 2^32 of them.
    for (const spelling of [
      `${millis}_${id.toUpperCase()}`,
      `00${secondPageCursor}`,
      `0${millis}_${id.toUpperCase()}`,
    ]) {
      const answer = await server.get(`${COLUMN}?before=${spelling}`);
      expect([spelling, answer.status, answer.headers.location]).toEqual([
        spelling,
        301,
        `${COLUMN}?before=${secondPageCursor}`,
      ]);
    }
    clearCachedPages();
    const apiKeys = () => [...pageCacheStore().apiCache.entries()].filter(([key]) => key.startsWith("api:articles:"));
    for (const query of [
      `before=${secondPageCursor}`,
      `before=${millis}_${id.toUpperCase()}`,
      `before=00${secondPageCursor}`,
      "limit=5",
      "limit=05",
      "limit=5.0",
    ]) {
      expect([query, (await server.get(`/api/v1/articles?${query}`)).status]).toEqual([query, 200]);
    }
    expect(apiKeys().length).toBe(2);
  });

  it("keeps 404s out of the page cache: 200 unknown URLs evict no real page (finding 5)", async () => {
    expect((await server.get("/articles/cn-5.html")).status).toBe(200);
    expect((await server.get("/articles/cn-5.html")).fast).toBe(true);
    const store = pageCacheStore();
    const pagesBefore = store.cache.size;
    for (let i = 0; i < 200; i++) {
      expect((await server.get(`/articles/flood-${i}-${"x".repeat(i % 50)}.html`)).status).toBe(404);
    }
    expect(store.cache.size).toBe(pagesBefore);
    expect(store.missCache.heldBytes).toBeLessThanOrEqual(MISS_CACHE_BYTES);
    expect(store.missCache.size).toBeGreaterThan(0);
    expect((await server.get("/articles/cn-5.html")).fast).toBe(true);
    for (const [, page] of store.missCache.entries()) expect(page.status).toBe(404);
  });

  it("keeps the JSON API apart: every canonical limit of every list is a real answer, and none evicts a page", async () => {
    expect((await server.get("/articles/cn-6.html")).status).toBe(200);
    const store = pageCacheStore();
    const pagesBefore = [...store.cache.entries()].map(([key]) => key).sort();
    for (let limit = 1; limit <= 100; limit++) {
      for (const list of ["articles", "profiles"]) {
        expect((await server.get(`/api/v1/${list}?limit=${limit}`)).status).toBe(200);
      }
    }
    expect((await server.get("/api/v1/articles/cn-6")).status).toBe(200);
    expect((await server.get("/api/v1/columns")).status).toBe(200);
    expect([...store.cache.entries()].map(([key]) => key).sort()).toEqual(pagesBefore);
    expect(store.apiCache.size).toBeGreaterThan(100);
    expect(store.apiCache.heldBytes).toBeLessThanOrEqual(API_CACHE_BYTES);
    expect((await server.get("/articles/cn-6.html")).fast).toBe(true);
  });

  it("a cached 404 of an article's URL ends when the article is published", async () => {
    expect((await server.get("/articles/cn-later.html")).status).toBe(404);
    expect((await server.get("/articles/cn-later.html")).fast).toBe(true);
    const id = await createArticle(db, {
      slug: "cn-later",
      title: "后来发布的稿件",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("后来"),
      publishedAt: new Date(Date.UTC(2025, 0, 1)),
    });
    await afterPublicationChange([id]);
    const answer = await server.get("/articles/cn-later.html");
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toContain("后来发布的稿件");
  });

  it("answers NUL bytes and other text that is not text with a Chinese 400, never a 500 (finding 6)", async () => {
    const targets = [
      "/columns/%00",
      "/columns/gongzuo-dongtai%00",
      "/articles/%00.html",
      "/api/v1/articles/%00",
      "/api/v1/articles?column=%00",
      "/api/v1/profiles?before=%00",
      "/search?q=%00",
      "/search?q=%ED%A0%80",
      "/search?q=%FF",
      "/search?q=%E4%B8",
      `/search?q=${"%E4%B8%AD".repeat(800)}`,
      `${COLUMN}?before=%C0%80`,
      "/rss.xml?x=%00",
      "/no-such/%00",
      "/%FF",
    ];
    for (const target of targets) {
      const answer = await server.get(target);
      expect([target, answer.status]).toEqual([target, 400]);
      expect(answer.body.toString()).toMatch(CHINESE);
      expect(answer.headers["cache-control"]).toBe("no-store");
    }
    // The route handlers check what Next decoded and handed over themselves, too.
    const nul = await columnRoute(new Request(`http://localhost:3000/columns/%00`), {
      params: Promise.resolve({ slug: "\u0000" }),
    });
    expect(nul.status).toBe(400);
    expect((await searchRoute(new Request(`http://localhost:3000/search?q=%00`))).status).toBe(400);
    expect(
      (
        await articleJsonRoute(new Request(`http://localhost:3000/api/v1/articles/x`), {
          params: Promise.resolve({ slug: "a\ud800" }),
        })
      ).status,
    ).toBe(400);
    // The proxy refuses the same URLs before Next routes them, admin ones included.
    for (const target of [
      "/columns/%00",
      "/admin/articles?q=%00",
      "/admin/audit?actor=%ED%A0%80",
      "/api/v1/articles/%FF",
    ]) {
      const answer = proxy(new NextRequest(`http://localhost:3000${target}`));
      expect([target, answer.status]).toEqual([target, 400]);
      expect(await answer.text()).toMatch(CHINESE);
    }
    expect(proxy(new NextRequest("http://localhost:3000/columns/ok?q=%E4%B8%AD")).status).toBe(200);
  });

  it("no sequence of requests changes what a canonical URL answers (seeded, 400 requests)", async () => {
    const canonical = [
      "/",
      COLUMN,
      `${COLUMN}?before=${secondPageCursor}`,
      "/columns/xianfeng",
      "/articles/cn-7.html",
      "/articles/cn-0.html",
      `/search?q=${encodeURIComponent("规范地址")}`,
      "/rss.xml",
      `${COLUMN}/rss.xml`,
      "/sitemap.xml",
      "/api/v1/articles",
      "/api/v1/articles/cn-7",
      "/articles/never-there.html",
    ];
    const answerOf = async (target: string) => {
      const answer = await server.get(target);
      return `${answer.status} ${answer.headers.location ?? ""} ${answer.body.toString()}`;
    };
    const expected = new Map<string, string>();
    for (const target of canonical) expected.set(target, await answerOf(target));

    const seed = Number(process.env.CANONICAL_SEED ?? 20261201);
    const next = random(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const noise = [
      "?before=",
      "?before=abc",
      `?before=${secondPageCursor}`,
      `?before=${Date.now()}_00000000-0000-4000-8000-000000000000`,
      "?before=1_zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
      "?q=",
      "?q=a+b",
      "?q=a%20b",
      "?page=2",
      "?page=0",
      "?fs=l",
      "?hc=1",
      "?fs=zz",
      "?x=1",
      "?before=%00",
      "?%00=1",
      "?limit=1",
      "?limit=1&limit=1",
      "?column=xianfeng",
      "|fs=m;hc=0",
      "%00",
      "/",
      "?",
      "#frag",
    ];
    const headerNoise: Record<string, string>[] = [
      {},
      { cookie: "fs=l" },
      { cookie: "hc=1" },
      { "accept-encoding": "gzip" },
      { "if-none-match": '"x"' },
    ];
    for (let i = 0; i < 400; i++) {
      const base = pick([
        ...canonical,
        "/columns/GONGZUO-DONGTAI",
        "/articles/CN-7.html",
        `/articles/random-${Math.floor(next() * 1000)}.html`,
        "/search",
        "/api/v1/profiles",
      ]);
      const mutation = next() < 0.8 ? pick(noise) : "";
      const target =
        mutation.startsWith("?") && base.includes("?") ? `${base}&${mutation.slice(1)}` : `${base}${mutation}`;
      // A publish elsewhere, a restart: whatever was cached is gone and the next request renders.
      if (next() < 0.08) clearCachedPages();
      const answer = await server.get(target.replace("#frag", ""), pick(headerNoise), next() < 0.1 ? "HEAD" : "GET");
      expect([target, answer.status < 500]).toEqual([target, true]);
      if (i % 20 === 19) {
        for (const url of canonical)
          expect([seed, i, url, await answerOf(url)]).toEqual([seed, i, url, expected.get(url)]);
      }
    }
    for (const url of canonical) expect([seed, url, await answerOf(url)]).toEqual([seed, url, expected.get(url)]);
  });
});
