import type { RequestLike } from "../../http/request-like";
import type { CachedPage } from "../cache/page-cache";
import { processState } from "../cache/process-state";

/**
 * Route handlers the custom server's fast path may call itself, without Next's router, for requests
 * no cache can answer: a search whose query nobody asked before (lib/public/serve/fast-path.ts). Next's
 * routing, proxy and handler machinery cost more CPU per request than such a search once its database
 * work is down to a few statements. The handler is the route's own GET from Next's bundle (one copy of
 * the database client, the renderers and the caches), registered when Next first loads the route;
 * until then the fast path hands the request to Next as before. No `server-only` here: the custom
 * server imports this module outside Next's bundle.
 */
export type DirectHandler = (request: RequestLike) => Promise<DirectAnswer>;

/**
 * A Response, or the cached page itself (as the route stored it for this reader's display choices):
 * the fast path sends that as it sends a hit, without a web Response built and read back per search.
 */
export type DirectAnswer = Response | { page: CachedPage };

function routes(): Map<string, DirectHandler> {
  return processState("directRoutes", () => new Map<string, DirectHandler>());
}

/** Called by a route module (app/search/route.ts) when it loads. */
export function registerDirectRoute(pathname: string, handler: DirectHandler): void {
  routes().set(pathname, handler);
}

export function directRoute(pathname: string): DirectHandler | undefined {
  return routes().get(pathname);
}
