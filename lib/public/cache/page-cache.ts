import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gzip as gzipCallback, gzipSync } from "node:zlib";

const gzipAsync = promisify(gzipCallback);

/**
 * Rendered public pages kept in process memory, as bytes with an ETag, each labelled with the tags of
 * the content it shows (`article:<id>`, `column:<id>`, `home` …). A publish evicts exactly the entries
 * carrying an affected tag; every instance does the same on the PostgreSQL notification
 * (lib/public/cache/cache-bus.ts), so nothing that must be shared lives only in one process.
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
  /**
   * The body gzipped once — at render time, so no reader's request pays for compression, or for a
   * cache of one-off pages (search results) on the first request that accepts gzip. Null when the
   * page is sent as it is to every reader (LAZY_GZIP_MIN_BYTES).
   */
  readonly gzip: Buffer | null;
  etag: string;
  tags: readonly string[];
  headers: Record<string, string>;
}

export interface PageCacheOptions {
  /** Upper bound on the bytes held; least recently used pages go first. */
  maxBytes: number;
  /**
   * The statuses this cache keeps. Default: successful renders (200) and the 410 of a withdrawn
   * article — both answers for URLs the database knows, so their number is bounded by the content,
   * never by what readers (or attackers) type.
   */
  keeps?: readonly number[];
  /**
   * A smaller cache for the answers this one does not keep (404s), so a flood of distinct unknown
   * URLs churns only that one and never evicts a real page.
   */
  misses?: PageCache;
  /**
   * "first-request": gzip a page when a reader accepting gzip first asks for it, not at render, and
   * only a page larger than LAZY_GZIP_MIN_BYTES. For pages most of which are read once (a search
   * nobody repeats), whose level-9 gzip at render cost more CPU than the search itself; level 1 then,
   * on the event loop (≈50 µs for an 8 kB results page against ≈100 µs at level 6, for 4 % more bytes).
   */
  gzip?: "render" | "first-request";
  /**
   * "on-repeat": a page is kept only when its key is asked for a second time since the last
   * SEEN_KEYS first asks (a doorkeeper, as TinyLFU's). For a cache most of whose pages are read once
   * (searches): keeping each of them costs a put, an eviction and old-generation garbage for nothing.
   */
  admit?: "always" | "on-repeat";
}

/** How many keys' render counts a cache keeps (PageCache.renders). */
export const RENDER_COUNTS = 10_000;

/** How many keys asked for once an "on-repeat" cache remembers; the set starts afresh when full. */
const SEEN_KEYS = 4096;

const DEFAULT_KEEPS = [200, 410] as const;
/** How long an evicted key stays claimable (see PageCache.claim): readers come back within seconds or not at all. */
const EVICTED_MS = 30_000;

interface Claim {
  promise: Promise<unknown>;
  resolve: (value?: unknown) => void;
}

function cachedPage(page: RenderedPage, body: Buffer, gzip: Buffer | null): CachedPage {
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  return {
    status: page.status,
    contentType: page.contentType,
    body,
    gzip,
    etag,
    tags: page.tags,
    headers: page.headers ?? {},
  };
}

export function toCachedPage(page: RenderedPage): CachedPage {
  const body = Buffer.from(page.body, "utf8");
  return cachedPage(page, body, gzipSync(body, { level: 9 }));
}

/**
 * The same, gzipping on libuv's thread pool: level 9 of a 12 kB page takes about a millisecond of CPU,
 * which on the event loop is a millisecond every cached reader waits, each time a publication makes
 * pages render again.
 */
export async function toCachedPageAsync(page: RenderedPage): Promise<CachedPage> {
  const body = Buffer.from(page.body, "utf8");
  return cachedPage(page, body, await gzipAsync(body, { level: 9 }));
}

/**
 * A one-off page no larger than this is sent as it is, gzip or not: with the response headers it fits
 * in TCP's initial congestion window (10 segments, about 14 kB, RFC 6928), so it reaches the reader in
 * the same round trip either way, and gzipping it (≈60 µs for a 4 kB results page, mostly zlib's
 * set-up) cost a fifth of what the server spends on a search nobody asked before.
 */
export const LAZY_GZIP_MIN_BYTES = 12 * 1024;

/** The same with the gzip made on first use (PageCacheOptions.gzip "first-request"), if the page is large enough to gain from it. */
export function toCachedPageLazy(page: RenderedPage): CachedPage {
  const body = Buffer.from(page.body, "utf8");
  const cached = cachedPage(page, body, null);
  if (body.length <= LAZY_GZIP_MIN_BYTES) return cached;
  let gzip: Buffer | undefined;
  return Object.defineProperty(cached, "gzip", {
    get: () => (gzip ??= gzipSync(body, { level: 1 })),
    enumerable: true,
  });
}

/** What a page is counted as holding: a gzip not made yet is counted at half the body (HTML compresses better). */
function heldBy(page: CachedPage, lazy: boolean): number {
  if (lazy) return page.body.length + (page.body.length > LAZY_GZIP_MIN_BYTES ? Math.ceil(page.body.length / 2) : 0);
  return page.body.length + (page.gzip?.length ?? 0);
}

export class PageCache {
  private readonly map = new Map<string, CachedPage>();
  private readonly byTag = new Map<string, Set<string>>();
  private readonly pending = new Map<string, Promise<CachedPage>>();
  /** Bumped by every invalidation, so a render that started before it is not stored after it. */
  private generation = 0;
  private bytes = 0;
  /**
   * Renders per key since start, for the RENDER_COUNTS keys rendered first-most-recently (tests count
   * them): bounded, because the keys of searches and unknown URLs are whatever readers type.
   */
  readonly renders = new Map<string, number>();
  /**
   * Keys an invalidation evicted and nobody has asked for since, with when: pages known to be cached
   * again on their next render. Their first reader claims the key (`claim`) and goes to Next; readers
   * after it wait for that one answer instead of each going through Next's router (≈1 ms of CPU) while
   * the render has not started yet. Pruned after EVICTED_MS.
   */
  private readonly evicted = new Map<string, number>();
  private readonly claims = new Map<string, Claim>();

  private readonly lazyGzip: boolean;
  /** Keys rendered once and not kept ("on-repeat"); null when every page is kept. */
  private readonly seen: Set<string> | null;

  constructor(private readonly options: PageCacheOptions) {
    this.lazyGzip = options.gzip === "first-request";
    this.seen = options.admit === "on-repeat" ? new Set() : null;
  }

  /** Whether a page rendered for `key` is to be kept now; remembers a first ask. */
  private admits(key: string): boolean {
    if (!this.seen || this.seen.delete(key)) return true;
    if (this.seen.size >= SEEN_KEYS) this.seen.clear();
    this.seen.add(key);
    return false;
  }

  /** Whether this cache keeps an answer with `status`. */
  keeps(status: number): boolean {
    return (this.options.keeps ?? DEFAULT_KEEPS).includes(status);
  }

  get size(): number {
    return this.map.size;
  }

  /** Every cached key and page, oldest first (tests and operators inspect it; it does not touch LRU order). */
  entries(): IterableIterator<[string, CachedPage]> {
    return this.map.entries();
  }

  /** Bytes held (bodies and their gzip), for /api/metrics. */
  get heldBytes(): number {
    return this.bytes;
  }

  /** The cached page for `key` (here or in the misses cache) without touching the LRU order. */
  peek(key: string): CachedPage | undefined {
    return this.map.get(key) ?? this.options.misses?.peek(key);
  }

  /**
   * The render of `key` under way (here or in the misses cache), if any: the fast path waits for it
   * instead of sending one more request through Next while a publication's re-render runs.
   */
  inFlight(key: string): Promise<unknown> | undefined {
    return this.pending.get(key) ?? this.claims.get(key)?.promise ?? this.options.misses?.inFlight(key);
  }

  /**
   * For the first reader of a page an invalidation evicted (nothing cached, nothing rendering): true,
   * and until `release(key, claim)` — when that reader's answer is done — or the render it starts
   * settles, `inFlight(key)` is a promise later readers wait on. False for any other key.
   */
  claim(key: string): boolean {
    if (!this.evicted.delete(key) || this.pending.has(key) || this.claims.has(key)) return false;
    let resolve!: (value?: unknown) => void;
    const promise = new Promise<unknown>((done) => (resolve = done));
    this.claims.set(key, { promise, resolve });
    return true;
  }

  /** The claimant's answer is done (whatever it was): readers still waiting look again. */
  release(key: string): void {
    const claim = this.claims.get(key);
    if (!claim) return;
    this.claims.delete(key);
    claim.resolve();
  }

  /** The cached page for `key` (here or in the misses cache), marked as recently used; undefined when it is not cached. */
  hit(key: string): CachedPage | undefined {
    const page = this.map.get(key);
    if (page) {
      // Re-insert: Map order is the LRU order.
      this.map.delete(key);
      this.map.set(key, page);
      return page;
    }
    return this.options.misses?.hit(key);
  }

  /**
   * The cached page for `key`, rendering it once when missing (concurrent misses share one render).
   * With `store` false (the invalidation channel is down) the page is rendered, not read from the
   * cache and not kept (what is cached stays, for stale serving while the database is down).
   */
  async get(key: string, render: () => Promise<RenderedPage>, store = true): Promise<CachedPage> {
    // Untrusted (the invalidation channel is down): what is cached may be stale, render instead.
    const cached = store ? this.hit(key) : undefined;
    if (cached) return cached;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const generation = this.generation;
    const misses = this.options.misses;
    const missGeneration = misses?.generation;
    const promise = (async () => {
      const renders = this.renders.get(key);
      if (renders === undefined && this.renders.size >= RENDER_COUNTS)
        this.renders.delete(this.renders.keys().next().value as string);
      this.renders.set(key, (renders ?? 0) + 1);
      const rendered = await render();
      const page = this.lazyGzip ? toCachedPageLazy(rendered) : await toCachedPageAsync(rendered);
      if (!store) return page;
      if (this.keeps(page.status)) {
        if (generation === this.generation && this.admits(key)) this.put(key, page);
      } else if (misses?.keeps(page.status) && missGeneration === misses.generation) {
        misses.put(key, page);
      }
      return page;
    })();
    this.pending.set(key, promise);
    // The claimant's render has started: the readers waiting on the claim wait for it.
    const claim = this.claims.get(key);
    if (claim) {
      this.claims.delete(key);
      claim.resolve(promise.catch(() => undefined));
    }
    try {
      return await promise;
    } finally {
      this.pending.delete(key);
    }
  }

  private put(key: string, page: CachedPage): void {
    // An entry nothing can evict would outlive every publication: it is served, never kept.
    if (page.tags.length === 0) return;
    this.remove(key);
    this.evicted.delete(key);
    this.map.set(key, page);
    this.bytes += heldBy(page, this.lazyGzip);
    for (const tag of page.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    for (const oldest of this.map.keys()) {
      if (this.bytes <= this.options.maxBytes) break;
      this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const page = this.map.get(key);
    if (!page) return;
    this.map.delete(key);
    this.bytes -= heldBy(page, this.lazyGzip);
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
    const now = Date.now();
    for (const [key, at] of this.evicted) {
      if (now - at < EVICTED_MS) break;
      this.evicted.delete(key);
    }
    for (const key of evicted) {
      this.remove(key);
      // Re-inserted so the Map stays in time order for the pruning above.
      this.evicted.delete(key);
      this.evicted.set(key, now);
    }
    return [...evicted];
  }

  clear(): void {
    this.generation++;
    this.seen?.clear();
    this.evicted.clear();
    this.map.clear();
    this.byTag.clear();
    this.bytes = 0;
  }
}
