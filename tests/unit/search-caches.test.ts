import { gunzipSync } from "node:zlib";
import { ResultCache } from "@/lib/public/cache/cache-store";
import { LAZY_GZIP_MIN_BYTES, PageCache, RENDER_COUNTS } from "@/lib/public/cache/page-cache";
import { pageReply } from "@/lib/public/serve/page-reply";

/** Issue 14: the caches behind a search nobody asked before (lib/public/data/search-postings.ts). */
describe("ResultCache weighed by units", () => {
  it("evicts the least recently used entries until the units fit, and refuses one too heavy", () => {
    const cache = new ResultCache<string>(10);
    cache.put("a", "A", cache.generation, 4);
    cache.put("b", "B", cache.generation, 4);
    expect(cache.get("a")).toBe("A"); // a is now the most recent
    cache.put("c", "C", cache.generation, 4);
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual(["A", undefined, "C"]);
    cache.put("huge", "H", cache.generation, 11);
    expect(cache.get("huge")).toBeUndefined();
    // Replacing an entry counts its units once.
    cache.put("c", "C2", cache.generation, 6);
    expect([cache.get("a"), cache.get("c")]).toEqual(["A", "C2"]);
  });

  it("keeps what is read while it is among the older half, and evicts what nobody reads, oldest first", () => {
    const cache = new ResultCache<number>(100);
    for (let i = 0; i < 100; i++) cache.put(`k${i}`, i, cache.generation);
    // Read the ten oldest and ten of the newest: the old ones move to the newest end.
    for (let i = 0; i < 10; i++) expect(cache.get(`k${i}`)).toBe(i);
    for (let i = 90; i < 100; i++) expect(cache.get(`k${i}`)).toBe(i);
    for (let i = 100; i < 140; i++) cache.put(`k${i}`, i, cache.generation);
    const kept = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, n) => cache.get(`k${from + n}`) !== undefined);
    expect(kept(0, 10).every(Boolean)).toBe(true);
    expect(kept(10, 50).some(Boolean)).toBe(false);
    expect(kept(50, 140).every(Boolean)).toBe(true);
    // Read again and again, an entry is never the next to go however many others come.
    for (let i = 140; i < 1_000; i++) {
      expect(cache.get("k0")).toBe(0);
      cache.put(`k${i}`, i, cache.generation);
    }
    expect(cache.size).toBe(100);
    expect(cache.get("k0")).toBe(0);
    expect(cache.get("k899")).toBeUndefined();
  });

  it("drops what a reader began before a clear", () => {
    const cache = new ResultCache<string>(10);
    const began = cache.generation;
    cache.clear();
    cache.put("a", "A", began);
    expect(cache.get("a")).toBeUndefined();
  });
});

describe("search pages gzipped on first request", () => {
  const renderOf = (body: string) => async () => ({
    status: 200,
    contentType: "text/html; charset=utf-8",
    body,
    tags: ["search"],
  });

  it("sends a page that fits in TCP's first window as it is, to every reader, with one ETag", async () => {
    const cache = new PageCache({ maxBytes: 1_000_000, keeps: [200], gzip: "first-request" });
    const body = "<p>乡村振兴</p>".repeat(200);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(LAZY_GZIP_MIN_BYTES);
    const page = await cache.get("/search?q=x", renderOf(body));
    const plain = pageReply(page, { ifNoneMatch: undefined, acceptEncoding: undefined });
    const asked = pageReply(page, { ifNoneMatch: undefined, acceptEncoding: "gzip, deflate, br" });
    expect(asked.headers["content-encoding"]).toBeUndefined();
    expect(asked.body?.toString("utf8")).toBe(body);
    expect(asked.headers.etag).toBe(plain.headers.etag);
    expect(asked.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
    expect(pageReply(page, { ifNoneMatch: asked.headers.etag as string, acceptEncoding: "gzip" }).status).toBe(304);
    expect(cache.heldBytes).toBe(Buffer.byteLength(body));
  });

  it("serves the same bytes, gzipped only when asked, and counts the page before it is gzipped", async () => {
    const cache = new PageCache({ maxBytes: 1_000_000, keeps: [200], gzip: "first-request" });
    const body = "<p>乡村振兴</p>".repeat(1000);
    expect(Buffer.byteLength(body)).toBeGreaterThan(LAZY_GZIP_MIN_BYTES);
    const page = await cache.get("/search?q=x", renderOf(body));
    const plain = pageReply(page, { ifNoneMatch: undefined, acceptEncoding: undefined });
    expect(plain.body?.toString("utf8")).toBe(body);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const held = cache.heldBytes;
    const zipped = pageReply(page, { ifNoneMatch: undefined, acceptEncoding: "gzip, deflate" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(zipped.body ?? Buffer.alloc(0)).toString("utf8")).toBe(body);
    expect(cache.heldBytes).toBe(held);
    cache.clear();
    expect(cache.heldBytes).toBe(0);
  });
});

describe("a cache of pages most of which are read once (admit on repeat)", () => {
  const render = (body: string) => async () => ({
    status: 200,
    contentType: "text/html; charset=utf-8",
    body,
    tags: ["search"],
  });

  it("keeps a page only when it is asked for a second time", async () => {
    const cache = new PageCache({ maxBytes: 1_000_000, keeps: [200], admit: "on-repeat" });
    const first = await cache.get("/search?q=a", render("<p>一</p>"));
    expect(first.body.toString()).toBe("<p>一</p>");
    expect(cache.peek("/search?q=a")).toBeUndefined();
    expect(cache.heldBytes).toBe(0);
    await cache.get("/search?q=a", render("<p>一</p>"));
    expect(cache.peek("/search?q=a")).toBeDefined();
    await cache.get("/search?q=a", render("<p>不会再渲染</p>"));
    expect(cache.renders.get("/search?q=a")).toBe(2);
    // A clear (an invalidation of everything) forgets the first asks too.
    await cache.get("/search?q=b", render("<p>二</p>"));
    cache.clear();
    await cache.get("/search?q=b", render("<p>二</p>"));
    expect(cache.peek("/search?q=b")).toBeUndefined();
  });

  it("keeps every page it renders when not told otherwise", async () => {
    const cache = new PageCache({ maxBytes: 1_000_000, keeps: [200] });
    await cache.get("/x", render("<p>x</p>"));
    expect(cache.peek("/x")).toBeDefined();
  });

  it("counts renders of a bounded number of keys, however many different ones are asked for", async () => {
    const cache = new PageCache({ maxBytes: 1_000_000, keeps: [200], gzip: "first-request", admit: "on-repeat" });
    for (let i = 0; i < 25_000; i++) await cache.get(`/search?q=${i}`, render("<p>x</p>"));
    expect(cache.renders.size).toBeLessThanOrEqual(RENDER_COUNTS);
    expect(cache.renders.get("/search?q=24999")).toBe(1);
  });
});
