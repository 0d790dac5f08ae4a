import "server-only";
import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { cacheTrusted, clearCachedPages, invalidateCachedPages, pageCacheStore } from "./cache-store";
import type { PageCache } from "./page-cache";
import { processState } from "./process-state";

/**
 * The process's page cache and the PostgreSQL LISTEN/NOTIFY channel that keeps it right across app
 * instances. A page is only kept and served while this process can PROVE it listens: a connection
 * can stall silently (a firewall dropping idle connections) and then every notification is lost
 * without an error. So every HEARTBEAT_MS the process sends a NOTIFY to itself through the ordinary
 * pool, and the listener must receive it: each heartbeat received proves that every notification
 * committed before it was sent has arrived. A page view never queries the database to check freshness.
 *
 * Bound (docs/cache-and-outbox.md): a heartbeat every 2 s; pages are trusted until the send time of
 * the last heartbeat received plus LIVENESS_MS (6 s), checked on every request. So a withdrawal on
 * another instance is never served from this cache later than 6 s after the listener stopped
 * receiving — ≤ 10 s whatever the timers do — and /api/health reports the listener down.
 *
 * When the listener is lost while PostgreSQL answers (a stall), the cache is emptied: pages are
 * rendered from the database. When PostgreSQL itself is unreachable, nothing can be published, and
 * the last pages are kept, untrusted, to be served marked stale (lib/public/serve/serve.ts) until it is
 * back; reconnecting empties the cache, as notifications may have been missed meanwhile.
 */

export const CACHE_CHANNEL = "manual_public_cache";
const HEARTBEAT_CHANNEL = "manual_public_cache_heartbeat";
/** NOTIFY payloads are limited to 8000 bytes; larger invalidations are sent as "everything". */
const MAX_PAYLOAD = 7000;
const RETRY_MS = 2_000;
export const HEARTBEAT_MS = 2_000;
export const LIVENESS_MS = 6_000;

interface BusState {
  client?: Client;
  connecting?: Promise<void>;
  retry?: ReturnType<typeof setTimeout>;
  heartbeat?: ReturnType<typeof setInterval>;
  stopped: boolean;
  /** This process's heartbeats carry it, so several instances on one database tell theirs apart. */
  instance: string;
  lastHeartbeatAt?: number;
  lastError?: string;
}

function state(): BusState {
  return processState<BusState>("cacheBus", () => ({ stopped: false, instance: randomUUID() }));
}

export function pageCache(): PageCache {
  return pageCacheStore().cache;
}

export function searchPageCache(): PageCache {
  return pageCacheStore().searchCache;
}

export function apiPageCache(): PageCache {
  return pageCacheStore().apiCache;
}

/**
 * The listener's connection string: DATABASE_LISTEN_URL when set (LISTEN needs a session of its own,
 * which a transaction-pooling PgBouncer in front of DATABASE_URL does not give), else DATABASE_URL.
 */
function listenUrl(): string {
  return env().DATABASE_LISTEN_URL ?? env().DATABASE_URL;
}

/** Whether pages may be kept and served as fresh: true while this process provably listens. */
export async function cacheIsLive(): Promise<boolean> {
  const bus = state();
  const store = pageCacheStore();
  if (cacheTrusted(store)) return true;
  if (bus.stopped) return false;
  if (!store.listening) {
    bus.connecting ??= connect(bus).finally(() => {
      bus.connecting = undefined;
    });
    await bus.connecting;
  }
  return cacheTrusted(store);
}

export interface ListenerStatus {
  /** Connected and proven alive by a heartbeat within the bound. */
  alive: boolean;
  /** Cached pages are served (alive) or every page is rendered from the database (not alive). */
  cache: "serving" | "bypassed";
  lastHeartbeatAgeMs: number | null;
  boundMs: number;
  error?: string;
}

/** For /api/health: the listener's state, connecting it first if it is not. */
export async function listenerStatus(): Promise<ListenerStatus> {
  const alive = await cacheIsLive();
  const bus = state();
  return {
    alive,
    cache: alive ? "serving" : "bypassed",
    lastHeartbeatAgeMs: bus.lastHeartbeatAt === undefined ? null : Date.now() - bus.lastHeartbeatAt,
    boundMs: LIVENESS_MS,
    ...(!alive && bus.lastError ? { error: bus.lastError } : {}),
  };
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

function applyHeartbeat(bus: BusState, payload: string | undefined): void {
  const [instance, sentAt] = (payload ?? "").split(" ");
  const sent = Number(sentAt);
  if (instance !== bus.instance || !Number.isFinite(sent)) return;
  const store = pageCacheStore();
  bus.lastHeartbeatAt = Date.now();
  store.trustedUntil = Math.max(store.trustedUntil, sent + LIVENESS_MS);
}

/** Ends a connection that may be stalled: `end()` would wait for a reply that never comes. */
function destroy(client: Client): void {
  const stream = (client as unknown as { connection?: { stream?: { destroy?: () => void } } }).connection?.stream;
  stream?.destroy?.();
  client.end().catch(() => undefined);
}

async function connect(bus: BusState): Promise<void> {
  const store = pageCacheStore();
  const client = new Client({ connectionString: listenUrl(), connectionTimeoutMillis: 3_000 });
  /** `reachable`: PostgreSQL answers (a stall) — empty the cache; otherwise keep it for stale serving. */
  const lost = (error?: unknown, reachable = false) => {
    if (bus.client !== client) return;
    bus.lastError = error instanceof Error ? error.message : error ? String(error) : "connection ended";
    if (error) console.error("[public-cache] invalidation channel lost; rendering every page until it is back", error);
    store.listening = false;
    store.trustedUntil = 0;
    bus.client = undefined;
    if (bus.heartbeat) clearInterval(bus.heartbeat);
    bus.heartbeat = undefined;
    if (reachable) clearCachedPages();
    destroy(client);
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
    client.on("error", (error) => lost(error));
    client.on("end", () => lost());
    client.on("notification", (message) => {
      if (message.channel === CACHE_CHANNEL) applyMessage(message.payload);
      else if (message.channel === HEARTBEAT_CHANNEL) applyHeartbeat(bus, message.payload);
    });
    await client.connect();
    await client.query(`LISTEN ${CACHE_CHANNEL}`);
    await client.query(`LISTEN ${HEARTBEAT_CHANNEL}`);
    // Anything cached before (re)connecting may have missed a notification.
    clearCachedPages();
    store.listening = true;
    store.trustedUntil = Date.now() + LIVENESS_MS;
    bus.lastHeartbeatAt = Date.now();
    bus.lastError = undefined;
    bus.heartbeat = setInterval(() => void beat(bus, client, lost), HEARTBEAT_MS);
    bus.heartbeat.unref();
  } catch (error) {
    lost(error);
  }
}

/** One heartbeat: sent through the pool, expected back on the listener; checks the bound too. */
async function beat(
  bus: BusState,
  client: Client,
  lost: (error?: unknown, reachable?: boolean) => void,
): Promise<void> {
  if (bus.client !== client) return;
  let reachable = true;
  try {
    await db.$executeRaw`SELECT pg_notify(${HEARTBEAT_CHANNEL}, ${`${bus.instance} ${Date.now()}`})`;
  } catch {
    // PostgreSQL itself does not answer: the listener cannot hear anything either. Trust ends with
    // the bound, and the pages stay for stale serving (nothing can be published meanwhile).
    reachable = false;
  }
  if (bus.client === client && Date.now() > pageCacheStore().trustedUntil) {
    lost(new Error(`no heartbeat received for ${LIVENESS_MS} ms: the LISTEN connection is stalled`), reachable);
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
  if (bus.heartbeat) clearInterval(bus.heartbeat);
  bus.heartbeat = undefined;
  const client = bus.client;
  bus.client = undefined;
  pageCacheStore().listening = false;
  pageCacheStore().trustedUntil = 0;
  clearCachedPages();
  if (client) await client.end();
}
