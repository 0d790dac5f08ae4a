import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { requestLogger } from "./logger";
import { recordRequest, routeKind } from "./metrics";
import { currentRequest, runWithRequest, type RequestContext } from "./request-context";

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Wraps one request of scripts/server.ts: a request id (the proxy's `X-Request-Id` when well-formed,
 * else a new one, echoed back), the context the app notes the user in, and — when the response is
 * finished or the client went away — one log line (id, method, path without its query, status, user id,
 * duration, outcome) and the request metrics. The query string is left out: it can hold search terms or
 * tokens, and the log must never carry secrets.
 *
 * `answered` (the public fast path) runs first, outside the request context: a cached page needs no
 * user, and entering AsyncLocalStorage costs on every one of the most frequent requests. It gets the
 * request id to send with the one writeHead it makes (a setHeader first would make Node merge every
 * header one by one), and `proceed` to hand the request to `handle` if it took it and cannot answer.
 */
export function observeRequest(
  request: IncomingMessage,
  response: ServerResponse,
  handle: () => void,
  answered?: (requestId: string, proceed: () => void) => boolean,
): void {
  const started = process.hrtime.bigint();
  const given = request.headers["x-request-id"];
  const requestId = typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
  const pathname = (request.url ?? "/").split("?")[0] ?? "/";
  const context: RequestContext = { requestId };
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const status = response.statusCode;
    const outcome = !response.writableFinished
      ? "aborted"
      : status >= 500
        ? "error"
        : status >= 400
          ? "client_error"
          : "ok";
    recordRequest(routeKind(pathname), request.method ?? "GET", status, seconds);
    requestLogger().info(
      {
        type: "request",
        requestId,
        method: request.method,
        path: pathname,
        status,
        userId: context.userId ?? null,
        durationMs: Math.round(seconds * 1e4) / 10,
        outcome,
      },
      "request",
    );
  };
  response.once("finish", finish);
  response.once("close", finish);
  // `answered` may decide later that the app must answer after all (a render it waited for failed).
  const proceed = () => {
    response.setHeader("x-request-id", requestId);
    runWithRequest(context, handle);
  };
  if (answered?.(requestId, proceed)) return;
  proceed();
}

/** The id of the request being handled, for other log lines. */
export function requestId(): string | undefined {
  return currentRequest()?.requestId;
}
