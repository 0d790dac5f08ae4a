import type { CacheGauge } from "../../observability/metrics";
import { askSiblings } from "../../observability/sibling-workers";
import { PageCache } from "./page-cache";
import { processState } from "./process-state";
import { cacheTags } from "./tags";

/**
 * Search results (lib/public/data/search.ts) by normalised query and page, before rendering: shared by
 * every reader's 字号/contrast choice, so a query costs the database once however many variants of its
 * page are asked for. Bounded by entries, least recently used first; emptied by the invalidations that
 * change what a search can find (any publication change sends `search`, a hidden column `nav`).
 */
export class ResultCache<T> {
  private readonly map = new Map<string, { value: T; units: number; at: number }>();
  private held = 0;
  /** Counts insertions and moves to the newest end: an entry's `at` says how far from that end it is. */
  private clock = 0;
  /** Bumped by every clear: a search that began before one must not store its (old) result. */
  generation = 0;

  /** `maxUnits`: entries, or what `put` says each weighs (a posting list weighs its length). */
  constructor(readonly maxUnits: number) {}

  /**
   * Least recently used goes first, to within half the cache: an entry read while it is still among
   * the newer half of the entries keeps its place, since everything older goes before it anyway.
   * Moving every entry read to the newest end (a Map delete and set) cost a search its dozens of reads
   * of a 100,000-entry Map each time.
   */
  get(key: string): T | undefined {
    const entry = this.map.get(key);
    if (entry !== undefined && 2 * (this.clock - entry.at) >= this.map.size) {
      this.map.delete(key);
      entry.at = ++this.clock;
      this.map.set(key, entry);
    }
    return entry?.value;
  }

  put(key: string, value: T, generation: number, units = 1): void {
    if (generation !== this.generation || units > this.maxUnits) return;
    this.remove(key);
    this.map.set(key, { value, units, at: ++this.clock });
    this.held += units;
    for (const oldest of this.map.keys()) {
      if (this.held <= this.maxUnits) break;
      this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const entry = this.map.get(key);
    if (!entry) return;
    this.map.delete(key);
    this.held -= entry.units;
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.generation++;
    this.map.clear();
    this.held = 0;
  }
}

const RESULT_TAGS: readonly string[] = [cacheTags.search, cacheTags.navigation];

/**
 * The process's page cache and whether it may be trusted. The route handlers inside Next's bundle fill
 * it (lib/public/serve/serve.ts) and the custom server's fast path reads it before Next sees the request
 * (lib/public/serve/fast-path.ts): two copies of this module, one store (process-state.ts says why). No
 * `server-only` and no database client here, so the server can import it outside the bundle.
 */
export interface PageCacheStore {
  /** Pages (200) and withdrawn notices (410) under their canonical URLs. */
  cache: PageCache;
  /**
   * Search result pages apart, and smaller: queries are unbounded, and a flood of distinct ones must not
   * push the article and column pages out of the main cache. A page is kept when it is asked for a
   * second time (most searches are asked once), and gzipped only when large (page-cache.ts).
   */
  searchCache: PageCache;
  /**
   * The JSON API (/api/v1) apart, and smaller: each list answers every `limit` from 1 to 100 after
   * every cursor — all canonical, all real — so an enumeration of them must not push pages out either.
   */
  apiCache: PageCache;
  /** Search results before rendering (see ResultCache). */
  searchResults: ResultCache<unknown>;
  /**
   * What searches read of the index per term and per document between publications — a term's
   * frequencies and posting list, a hit's title and text (lib/public/data/search-postings.ts) — so a
   * new combination of words already asked for needs no database round trip. Cleared with searchResults.
   */
  searchTerms: ResultCache<unknown>;
  /** 404 answers, apart and small: every unknown URL is a new key (see PageCacheOptions.misses). */
  missCache: PageCache;
  /** True while lib/public/cache/cache-bus.ts listens for invalidations; only then may pages be kept and served. */
  listening: boolean;
  /**
   * Until when (ms since epoch) the listener is proven alive: the send time of the last heartbeat it
   * received plus the liveness bound (cache-bus.ts). Past it, cached pages are not served as fresh.
   */
  trustedUntil: number;
  /**
   * Bumped by every invalidation and clear: a read replica is trusted for renders only once it has
   * replayed what the primary had committed after the last one (lib/public/data/read-replica.ts).
   */
  invalidations: number;
}

export const MISS_CACHE_BYTES = 2 * 1024 * 1024;
export const API_CACHE_BYTES = 8 * 1024 * 1024;

export function pageCacheStore(): PageCacheStore {
  return processState("pageCacheStore", () => {
    const missCache = new PageCache({ maxBytes: MISS_CACHE_BYTES, keeps: [404] });
    return {
      cache: new PageCache({ maxBytes: 64 * 1024 * 1024, misses: missCache }),
      searchCache: new PageCache({
        maxBytes: 8 * 1024 * 1024,
        keeps: [200],
        gzip: "first-request",
        admit: "on-repeat",
      }),
      apiCache: new PageCache({ maxBytes: API_CACHE_BYTES, misses: missCache }),
      missCache,
      searchResults: new ResultCache(2_000),
      // Units of ~200 bytes: a posting entry, 100 characters of a hit's text. ~40 MB at most.
      searchTerms: new ResultCache(200_000),
      listening: false,
      trustedUntil: 0,
      invalidations: 0,
    };
  });
}

function allCaches(store: PageCacheStore): PageCache[] {
  return [store.cache, store.searchCache, store.apiCache, store.missCache];
}

/** Evicts the pages carrying any of `tags` from every cache. */
export function invalidateCachedPages(tags: readonly string[]): void {
  const store = pageCacheStore();
  store.invalidations++;
  for (const cache of allCaches(store)) cache.invalidate(tags);
  if (tags.some((tag) => RESULT_TAGS.includes(tag))) {
    store.searchResults.clear();
    store.searchTerms.clear();
  }
}

export function clearCachedPages(): void {
  const store = pageCacheStore();
  store.invalidations++;
  for (const cache of allCaches(store)) cache.clear();
  store.searchResults.clear();
  store.searchTerms.clear();
}

/**
 * After this process committed a change: its own pages at once and, in cluster mode, its sibling
 * workers' before it answers (lib/observability/sibling-workers.ts) — the reader's next request may
 * land on any of them. The NOTIFY sent in the transaction reaches every instance as well.
 */
export async function evictOnEveryWorker(tags: readonly string[] | "all"): Promise<void> {
  if (tags === "all") clearCachedPages();
  else invalidateCachedPages(tags);
  await askSiblings("evict", tags === "all" ? { all: true } : { tags: [...tags] });
}

/** What a sibling worker's `evictOnEveryWorker` asks of this one (registered by scripts/server.ts). */
export function evictForSibling(payload: unknown): boolean {
  const tags = (payload as { tags?: unknown } | null)?.tags;
  if (Array.isArray(tags)) invalidateCachedPages(tags.filter((tag): tag is string => typeof tag === "string"));
  else clearCachedPages();
  return true;
}

/** Entries and bytes held per cache, for /api/metrics. */
export function cacheSizes(): CacheGauge[] {
  const store = pageCacheStore();
  return [
    { name: "pages", entries: store.cache.size, bytes: store.cache.heldBytes },
    { name: "search", entries: store.searchCache.size, bytes: store.searchCache.heldBytes },
    { name: "api", entries: store.apiCache.size, bytes: store.apiCache.heldBytes },
  ];
}

/**
 * Whether cached pages may be served as fresh now: the listener is connected AND has proven itself
 * alive recently. Read on every request by the fast path, so a stalled listener stops the cache
 * within the bound even if the checking timer is late.
 */
export function cacheTrusted(store: PageCacheStore = pageCacheStore(), now = Date.now()): boolean {
  return store.listening && now <= store.trustedUntil;
}
