import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

/**
 * Rendered public pages kept in process memory, as bytes with an ETag, each labelled with the tags of
 * the content it shows (`article:<id>`, `column:<id>`, `home` …). A publish evicts exactly the entries
 * carrying an affected tag; every instance does the same on the PostgreSQL notification
 * (lib/public/cache-bus.ts), so nothing that must be shared lives only in one process.
 */

export interface RenderedPage {
  status: number;
  contentType: string;
  body: string;
  /** What the page shows; an invalidation of any of these evicts it. */
  tags: readonly string[];
  /** Extra response headers (e.g. Content-Language); never per-reader data. */
  headers?: Record<string, string>;
}

export interface CachedPage {
  status: number;
  contentType: string;
  body: Buffer;
  /** The body gzipped once at render time, so no reader's request pays for compression. */
  gzip: Buffer;
  etag: string;
  tags: readonly string[];
  headers: Record<string, string>;
}

export interface PageCacheOptions {
  /** Upper bound on the bytes held; least recently used pages go first. */
  maxBytes: number;
}

export function toCachedPage(page: RenderedPage): CachedPage {
  const body = Buffer.from(page.body, "utf8");
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  const gzip = gzipSync(body, { level: 9 });
  return { status: page.status, contentType: page.contentType, body, gzip, etag, tags: page.tags, headers: page.headers ?? {} };
}

export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private readonly byTag = new Map<string, Set<string>>();
  private readonly pending = new Map<string, Promise<CachedPage>>();
  /** Bumped by every invalidation, so a render that started before it is not stored after it. */
  private generation = 0;
  private bytes = 0;
  /** Renders per key since start (tests count them; operators can read them too). */
  readonly renders = new Map<string, number>();

  constructor(private readonly options: PageCacheOptions) {}

  get size(): number {
    return this.entries.size;
  }

  /** Bytes held (plain + gzip), for /api/metrics. */
  get heldBytes(): number {
    return this.bytes;
  }

  peek(key: string): CachedPage | undefined {
    return this.entries.get(key);
  }

  /** The cached page for `key`, marked as recently used; undefined when it is not cached. */
  hit(key: string): CachedPage | undefined {
    const page = this.entries.get(key);
    if (page) {
      // Re-insert: Map order is the LRU order.
      this.entries.delete(key);
      this.entries.set(key, page);
    }
    return page;
  }

  /**
   * The cached page for `key`, rendering it once when missing (concurrent misses share one render).
   * With `store` false (the invalidation channel is down) the page is rendered and not kept.
   */
  async get(key: string, render: () => Promise<RenderedPage>, store = true): Promise<CachedPage> {
    const cached = this.hit(key);
    if (cached) return cached;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const generation = this.generation;
    const promise = (async () => {
      this.renders.set(key, (this.renders.get(key) ?? 0) + 1);
      const page = toCachedPage(await render());
      if (store && generation === this.generation && page.status < 500) this.put(key, page);
      return page;
    })();
    this.pending.set(key, promise);
    try {
      return await promise;
    } finally {
      this.pending.delete(key);
    }
  }

  private put(key: string, page: CachedPage): void {
    this.remove(key);
    this.entries.set(key, page);
    this.bytes += page.body.length + page.gzip.length;
    for (const tag of page.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.options.maxBytes) break;
      this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const page = this.entries.get(key);
    if (!page) return;
    this.entries.delete(key);
    this.bytes -= page.body.length + page.gzip.length;
    for (const tag of page.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }

  /** Evicts every page carrying one of `tags`; returns the evicted keys. */
  invalidate(tags: Iterable<string>): string[] {
    this.generation++;
    const evicted = new Set<string>();
    for (const tag of tags) for (const key of this.byTag.get(tag) ?? []) evicted.add(key);
    for (const key of evicted) this.remove(key);
    return [...evicted];
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.byTag.clear();
    this.bytes = 0;
  }
}
