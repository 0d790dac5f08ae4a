/**
 * The public site's process-wide state — the page caches (cache-store.ts), the invalidation listener
 * (cache-bus.ts) and the read replica's catch-up mark (data/read-replica.ts) — in ONE slot on
 * `globalThis`, here and nowhere else in lib/public.
 *
 * Why a global at all: one process loads this code twice. The custom server (scripts/server.ts, run by
 * tsx) imports lib/public/serve/fast-path.ts directly, while Next's server build carries its own copy of
 * every lib/ module for the route handlers. A module-level variable would give each copy its own cache:
 * the routes would fill one and the fast path would read the other, always empty, and an invalidation
 * would reach only one of them. Next's dev server also re-evaluates modules on reload. Everything else
 * imports the modules that own the state; nothing reads this slot directly.
 *
 * No `server-only` and no database client here: the custom server imports it outside Next's bundle.
 */

interface Slots {
  [name: string]: unknown;
}

const holder = globalThis as unknown as { cmsPublicSite?: Slots };

/** The process's one value under `name`, made by `create` the first time either module copy asks. */
export function processState<T>(
  name: "pageCacheStore" | "cacheBus" | "readReplica" | "directRoutes",
  create: () => T,
): T {
  const slots = (holder.cmsPublicSite ??= {});
  if (!(name in slots)) slots[name] = create();
  return slots[name] as T;
}
