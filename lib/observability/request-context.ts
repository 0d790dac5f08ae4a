import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What the one log line of a request needs to know from deep inside it: the request id (set by
 * scripts/server.ts) and the signed-in user (noted by lib/auth/session.ts). On `globalThis` because the
 * server and Next's bundle load separate copies of this module; AsyncLocalStorage carries the context
 * through every await of the request.
 */
export interface RequestContext {
  requestId: string;
  userId?: string;
}

const globalForContext = globalThis as unknown as { cmsRequestContext?: AsyncLocalStorage<RequestContext> };

function storage(): AsyncLocalStorage<RequestContext> {
  globalForContext.cmsRequestContext ??= new AsyncLocalStorage<RequestContext>();
  return globalForContext.cmsRequestContext;
}

export function runWithRequest<T>(context: RequestContext, fn: () => T): T {
  return storage().run(context, fn);
}

export function currentRequest(): RequestContext | undefined {
  return storage().getStore();
}

/** Records who this request acts for (an id, never a name, token or password). */
export function noteRequestUser(userId: string | null | undefined): void {
  const context = currentRequest();
  if (context && userId) context.userId = userId;
}
