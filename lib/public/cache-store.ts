import { PageCache } from "./page-cache";

/**
 * The process's page cache and whether it may be trusted. It lives on `globalThis` because two module
 * copies share it: the route handlers inside Next's bundle fill it (lib/public/serve.ts) and the custom
 * server's fast path reads it before Next sees the request (lib/public/fast-path.ts). No `server-only`
 * and no database client here, so the server can import it outside the bundle.
 */
export interface PageCacheStore {
  cache: PageCache;
  /**
   * Search result pages apart, and smaller: queries are unbounded, and a flood of distinct ones must not
   * push the article and column pages out of the main cache.
   */
  searchCache: PageCache;
  /** True while lib/public/cache-bus.ts listens for invalidations; only then may pages be kept and served. */
  listening: boolean;
}

const globalForCache = globalThis as unknown as { publicPageCacheStore?: PageCacheStore };

export function pageCacheStore(): PageCacheStore {
  globalForCache.publicPageCacheStore ??= {
    cache: new PageCache({ maxBytes: 64 * 1024 * 1024 }),
    searchCache: new PageCache({ maxBytes: 8 * 1024 * 1024 }),
    listening: false,
  };
  return globalForCache.publicPageCacheStore;
}

/** Evicts the pages carrying any of `tags` from both caches. */
export function invalidateCachedPages(tags: readonly string[]): void {
  const store = pageCacheStore();
  store.cache.invalidate(tags);
  store.searchCache.invalidate(tags);
}

export function clearCachedPages(): void {
  const store = pageCacheStore();
  store.cache.clear();
  store.searchCache.clear();
}
