import { gunzipSync } from "node:zlib";
import { ResultCache } from "@/lib/public/cache/cache-store";
import { PageCache } from "@/lib/public/cache/page-cache";
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
  it("serves the same bytes, gzipped only when asked, and counts the page before it is gzipped", async () => {
    const cache = new PageCache({ maxBytes: 1_000_000, keeps: [200], gzip: "first-request" });
    const body = "<p>乡村振兴</p>".repeat(200);
    const page = await cache.get("/search?q=x", async () => ({
      status: 200,
      contentType: "text/html; charset=utf-8",
      body,
      tags: ["search"],
    }));
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
