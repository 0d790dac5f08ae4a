import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { appErrorResponse } from "@/lib/http/json-error";
import { FOREIGN_ORIGIN_MESSAGE, isSameOriginRequest } from "@/lib/http/same-origin";
import { authorize } from "@/lib/permissions/authorize";
import { PERMISSIONS, type Action } from "@/lib/permissions/table";
import { declareGuard } from "./guarded";

/** The methods of a route handler that change something (GET and HEAD must not). */
export type MutatingMethod = "POST" | "PUT" | "PATCH" | "DELETE";

interface RouteSpec<Context, Actor> {
  action: Action;
  /**
   * What a request from another site is answered (route handlers are outside Next's origin check for
   * server actions, so every mutating one checks Origin / Sec-Fetch-Site here, before anything else).
   */
  foreignOrigin: (request: Request) => Response;
  run: (request: Request, context: Context, actor: Actor) => Promise<Response>;
  /** An AppError as the route answers it; must rethrow anything else (default: the JSON `{ error }`). */
  refused?: (error: unknown) => Response;
}

/** Next passes the route's params as the second argument; a route without params may be called without it. */
type Handler<Context> = undefined extends Context
  ? (request: Request, context?: Context) => Promise<Response>
  : (request: Request, context: Context) => Promise<Response>;

/**
 * A mutating route handler: same-origin check → authorize → run → refused, the route-handler twin of
 * `guardedAction`. `anonymous: true` is for the Actions the table grants to anyone (sign-in, the
 * reading-count beacon): no session is asked for, and `run` gets no actor.
 */
export function guardedRoute<Context>(spec: RouteSpec<Context, CurrentUser> & { anonymous?: false }): Handler<Context>;
export function guardedRoute<Context>(spec: RouteSpec<Context, null> & { anonymous: true }): Handler<Context>;
export function guardedRoute<Context>(spec: RouteSpec<Context, never> & { anonymous?: boolean }): Handler<Context> {
  const anonymous = spec.anonymous === true;
  if (anonymous && !PERMISSIONS[spec.action].some((grant) => grant.who === "anyone")) {
    throw new Error(`guardedRoute: ${spec.action} is not granted to anyone, so it needs a session`);
  }
  const handler = async (request: Request, context?: Context): Promise<Response> => {
    try {
      if (!isSameOriginRequest(request, env().SITE_URL)) return spec.foreignOrigin(request);
      const actor = anonymous ? null : await authorize(spec.action);
      return await spec.run(request, context as Context, actor as never);
    } catch (error) {
      return (spec.refused ?? appErrorResponse)(error);
    }
  };
  return declareGuard(handler as Handler<Context>, { kind: "route", action: spec.action });
}

/** A refusal as plain text, for the routes that answer a download (an export), not a JSON API. */
export function plainTextRefusal(error: unknown): Response {
  if (error instanceof AppError) {
    return new Response(error.message, {
      status: error.code === "UNAUTHENTICATED" ? 401 : 403,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  throw error;
}

/** The `foreignOrigin` and `refused` of a download route. */
export const downloadRefusals = {
  foreignOrigin: () => plainTextRefusal(new AppError("FORBIDDEN", FOREIGN_ORIGIN_MESSAGE)),
  refused: plainTextRefusal,
};
