import "server-only";
import { Client } from "pg";
import { env } from "@/lib/env";
import { clearCachedPages, invalidateCachedPages, pageCacheStore } from "./cache-store";
import type { PageCache } from "./page-cache";

/**
 * The process's page cache and the PostgreSQL LISTEN/NOTIFY channel that keeps it right across app
 * instances. A page is only kept while this process listens: if the connection drops, notifications
 * may be missed, so the cache is emptied and pages are rendered per request until it is back.
 * A page view never queries the database to check freshness.
 */

export const CACHE_CHANNEL = "manual_public_cache";
/** NOTIFY payloads are limited to 8000 bytes; larger invalidations are sent as "everything". */
const MAX_PAYLOAD = 7000;
const RETRY_MS = 2_000;

interface BusState {
  client?: Client;
  connecting?: Promise<void>;
  retry?: ReturnType<typeof setTimeout>;
  stopped: boolean;
}

const globalForBus = globalThis as unknown as { publicPageCacheBus?: BusState };

function state(): BusState {
  globalForBus.publicPageCacheBus ??= { stopped: false };
  return globalForBus.publicPageCacheBus;
}

export function pageCache(): PageCache {
  return pageCacheStore().cache;
}

export function searchPageCache(): PageCache {
  return pageCacheStore().searchCache;
}

/** Whether pages may be kept: true once this process listens for invalidations. */
export async function cacheIsLive(): Promise<boolean> {
  const bus = state();
  const store = pageCacheStore();
  if (store.listening) return true;
  if (bus.stopped) return false;
  bus.connecting ??= connect(bus).finally(() => {
    bus.connecting = undefined;
  });
  await bus.connecting;
  return store.listening;
}

function applyMessage(payload: string | undefined): void {
  try {
    const message: unknown = JSON.parse(payload ?? "");
    if (message && typeof message === "object" && "tags" in message && Array.isArray(message.tags)) {
      invalidateCachedPages(message.tags.filter((tag): tag is string => typeof tag === "string"));
      return;
    }
  } catch (error) {
    console.error("[public-cache] unreadable notification, emptying the cache", error);
  }
  clearCachedPages();
}

async function connect(bus: BusState): Promise<void> {
  const store = pageCacheStore();
  const client = new Client({ connectionString: env().DATABASE_URL });
  const lost = (error?: unknown) => {
    if (bus.client !== client) return;
    if (error) console.error("[public-cache] invalidation channel lost; serving uncached until it is back", error);
    store.listening = false;
    bus.client = undefined;
    clearCachedPages();
    client.end().catch(() => undefined);
    if (!bus.stopped && !bus.retry) {
      bus.retry = setTimeout(() => {
        bus.retry = undefined;
        void cacheIsLive();
      }, RETRY_MS);
      bus.retry.unref();
    }
  };
  try {
    bus.client = client;
    client.on("error", lost);
    client.on("end", () => lost());
    client.on("notification", (message) => {
      if (message.channel === CACHE_CHANNEL) applyMessage(message.payload);
    });
    await client.connect();
    await client.query(`LISTEN ${CACHE_CHANNEL}`);
    // Anything cached before (re)connecting may have missed a notification.
    clearCachedPages();
    store.listening = true;
  } catch (error) {
    lost(error);
  }
}

/** The NOTIFY payload for `tags` ("{}" = empty everything, when the list is too long). */
export function invalidationPayload(tags: readonly string[]): string {
  const payload = JSON.stringify({ tags });
  return payload.length <= MAX_PAYLOAD ? payload : "{}";
}

/** Closes the channel (tests, shutdown). */
export async function stopCacheBus(): Promise<void> {
  const bus = state();
  bus.stopped = true;
  if (bus.retry) clearTimeout(bus.retry);
  const client = bus.client;
  bus.client = undefined;
  pageCacheStore().listening = false;
  clearCachedPages();
  if (client) await client.end();
}
