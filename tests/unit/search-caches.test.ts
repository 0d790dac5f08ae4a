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
