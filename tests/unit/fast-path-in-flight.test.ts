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
        response.writeHead(299, { "content-type": "text/plain" });
        response.end("next");
      };
      if (!serveCachedPage(request, response, SITE, "req-in-flight-01", next)) next();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}${PATH}`;
  });

  beforeEach(() => {
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
});
