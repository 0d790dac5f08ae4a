import { createServer, type Server } from "node:http";
import { pageCacheStore } from "@/lib/public/cache/cache-store";
import { serveCachedPage } from "@/lib/public/serve/fast-path";
import type { RenderedPage } from "@/lib/public/cache/page-cache";
import { DEFAULT_PREFS, perReaderKey } from "@/lib/public/render/prefs";

/**
 * Issue 18, throughput under publishing: readers of a page that is being rendered again (a publication
 * evicted it) wait in the fast path for that one render instead of each going through Next — and get
 * exactly what a cache hit would give, or Next's answer when the render fails or an invalidation came
 * during it.
 */

const SITE = "http://localhost:3000";
const PATH = "/articles/in-flight.html";
const KEY = perReaderKey(PATH, DEFAULT_PREFS);

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

const page = (text: string): RenderedPage => ({
  status: 200,
  contentType: "text/html; charset=utf-8",
  body: `<p>${text}</p>`,
  tags: ["article:in-flight"],
});

describe("the fast path while a page renders", () => {
  let server: Server;
  let url: string;
  const store = pageCacheStore();

  beforeAll(async () => {
    server = createServer((request, response) => {
      const next = () => {
        nextCalls++;
        void nextHandler().then(() => {
          response.writeHead(299, { "content-type": "text/plain" });
          response.end("next");
        });
      };
      if (!serveCachedPage(request, response, SITE, "req-in-flight-01", next)) next();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}${PATH}`;
  });

  /** What "Next" does before it answers 299 (the default: nothing). */
  let nextHandler: () => Promise<unknown>;
  let nextCalls = 0;

  beforeEach(() => {
    nextHandler = () => Promise.resolve();
    nextCalls = 0;
    // What the invalidation listener sets while it provably listens (lib/public/cache/cache-bus.ts).
    store.listening = true;
    store.trustedUntil = Date.now() + 60_000;
    store.cache.clear();
  });

  afterAll(async () => {
    store.listening = false;
    store.trustedUntil = 0;
    await new Promise((resolve) => server.close(resolve));
  });

  it("answers from the render it waited for, with the cached page's headers and the request id", async () => {
    const render = deferred<RenderedPage>();
    const rendering = store.cache.get(KEY, () => render.promise);
    const answer = fetch(url);
    await new Promise((resolve) => setTimeout(resolve, 50));
    render.resolve(page("重新渲染的页面"));
    await rendering;
    const response = await answer;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("<p>重新渲染的页面</p>");
    expect(response.headers.get("x-request-id")).toBe("req-in-flight-01");
    expect(response.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]+(-gz)?"$/);
    expect(store.cache.renders.get(KEY)).toBe(1);
  });

  it("hands the request to Next when an invalidation came during the render (the page is not kept)", async () => {
    const render = deferred<RenderedPage>();
    const rendering = store.cache.get(KEY, () => render.promise);
    const answer = fetch(url);
    await new Promise((resolve) => setTimeout(resolve, 50));
    store.cache.invalidate(["article:in-flight"]);
    render.resolve(page("撤稿前的页面"));
    await rendering;
    const response = await answer;
    expect([response.status, await response.text()]).toEqual([299, "next"]);
  });

  it("hands the request to Next when the render fails", async () => {
    const render = deferred<RenderedPage>();
    const rendering = store.cache.get(KEY, () => render.promise).catch(() => undefined);
    const answer = fetch(url);
    await new Promise((resolve) => setTimeout(resolve, 50));
    render.reject(new Error("database unreachable"));
    await rendering;
    const response = await answer;
    expect([response.status, await response.text()]).toEqual([299, "next"]);
  });

  describe("after an invalidation evicted the page, before its render has started", () => {
    const cachedThenEvicted = async () => {
      await store.cache.get(KEY, () => Promise.resolve(page("发布前的页面")));
      store.cache.invalidate(["article:in-flight"]);
    };

    it("sends only the first reader through Next; the next ones wait and get the page it rendered", async () => {
      await cachedThenEvicted();
      const rendersBefore = store.cache.renders.get(KEY) ?? 0;
      const routed = deferred<void>();
      nextHandler = async () => {
        await routed.promise; // Next's router, before the route handler asks the cache
        await store.cache.get(KEY, () => Promise.resolve(page("发布后的页面")));
      };
      const first = fetch(url);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const second = fetch(url);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(nextCalls).toBe(1);
      routed.resolve();
      expect([(await first).status, await (await first).text()]).toEqual([299, "next"]);
      const waited = await second;
      expect([waited.status, await waited.text()]).toEqual([200, "<p>发布后的页面</p>"]);
      expect(nextCalls).toBe(1);
      expect(store.cache.renders.get(KEY)).toBe(rendersBefore + 1);
    });

    it("hands the waiting readers to Next when the first reader's answer cached nothing", async () => {
      await cachedThenEvicted();
      const routed = deferred<void>();
      nextHandler = () => routed.promise;
      const first = fetch(url);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const second = fetch(url);
      await new Promise((resolve) => setTimeout(resolve, 50));
      routed.resolve();
      expect((await first).status).toBe(299);
      expect([(await second).status, nextCalls]).toEqual([299, 2]);
    });

    it("never holds readers of a page that was not evicted (a first view goes straight to Next)", async () => {
      const routed = deferred<void>();
      nextHandler = () => routed.promise;
      const first = fetch(url);
      const second = fetch(url);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(nextCalls).toBe(2);
      routed.resolve();
      expect([(await first).status, (await second).status]).toEqual([299, 299]);
    });
  });
});
