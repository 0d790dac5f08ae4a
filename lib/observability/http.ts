import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { logRequest } from "./logger";
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
  const given = request.headers["x-request-id"];
  const requestId = typeof given === "string" && REQUEST_ID.test(given) ? given : newRequestId();
  const observed = new Observed(request, response, requestId, handle);
  // 'close' follows the end of every response (Node emits it after 'finish') and a client going away alike.
  response.on("close", () => observed.finish());
  if (answered?.(requestId, () => observed.proceed())) return;
  observed.proceed();
}

/**
 * Node's own randomUUID, taken before Next's prepare() wraps it (to track its use while prerendering,
 * which a request id outside Next is not): the wrapper costs a measurable share of a cached hit.
 */
const newRequestId = randomUUID;

/**
 * One request's observation, as a class with methods and the callbacks above as anonymous arrows: the
 * server runs from source under tsx, whose keepNames wraps every named closure (and arrow property) made
 * per request in an Object.defineProperty call.
 */
class Observed {
  private readonly started = process.hrtime.bigint();
  private readonly context: RequestContext;
  /** The target as it arrived: Next may rewrite request.url while it handles the request. */
  private readonly target: string;
  private done = false;

  constructor(
    private readonly request: IncomingMessage,
    private readonly response: ServerResponse,
    requestId: string,
    private readonly handle: () => void,
  ) {
    this.context = { requestId };
    this.target = request.url ?? "/";
  }

  /** `answered` may decide later that the app must answer after all (a render it waited for failed). */
  proceed(): void {
    this.response.setHeader("x-request-id", this.context.requestId);
    runWithRequest(this.context, this.handle);
  }

  finish(): void {
    if (this.done) return;
    this.done = true;
    const { request, response, context } = this;
    const seconds = Number(process.hrtime.bigint() - this.started) / 1e9;
    const status = response.statusCode;
    const outcome = !response.writableFinished
      ? "aborted"
      : status >= 500
        ? "error"
        : status >= 400
          ? "client_error"
          : "ok";
    const target = this.target;
    const query = target.indexOf("?");
    const pathname = query === -1 ? target : target.slice(0, query);
    recordRequest(routeKind(pathname), request.method ?? "GET", status, seconds);
    logRequest({
      requestId: context.requestId,
      method: request.method ?? "GET",
      path: pathname,
      status,
      userId: context.userId ?? null,
      durationMs: Math.round(seconds * 1e4) / 10,
      outcome,
    });
  }
}

/** The id of the request being handled, for other log lines. */
export function requestId(): string | undefined {
  return currentRequest()?.requestId;
}
