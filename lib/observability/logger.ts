import pino, { type Logger } from "pino";
import pretty from "pino-pretty";

/**
 * The process's structured log (pino): one JSON object a line on stdout in production — one line per
 * request (scripts/server.ts) and per job (lib/workflow/poller.ts) — and human-readable lines in
 * development (pino-pretty, synchronous so lines keep their order). Fields that may carry secrets are
 * censored wherever they appear, whatever the caller passes. One instance per process, on globalThis,
 * because the server and Next's bundle each load this module.
 */
export const REDACTED_PATHS = [
  "password",
  "*.password",
  "newPassword",
  "*.newPassword",
  "currentPassword",
  "*.currentPassword",
  "token",
  "*.token",
  "secret",
  "*.secret",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "cookie",
  "*.cookie",
  "headers.cookie",
  'headers["set-cookie"]',
];

let lastMs = 0;
let lastTime = "";

/** pino's isoTime, formatted once per millisecond: at thousands of lines a second most share one. */
function isoTime(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastTime = `,"time":"${new Date(now).toISOString()}"`;
  }
  return lastTime;
}

export function createLogger(options: { pretty: boolean; destination?: NodeJS.WritableStream }): Logger {
  const base = {
    level: "info",
    base: undefined,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    timestamp: isoTime,
  };
  if (options.pretty)
    return pino(
      base,
      pretty({
        sync: true,
        colorize: false,
        translateTime: "SYS:HH:MM:ss",
        ignore: "pid,hostname",
        destination: options.destination ?? 1,
      }),
    );
  return options.destination ? pino(base, options.destination) : pino(base);
}

const globalForLogger = globalThis as unknown as { cmsLogger?: Logger };

export function logger(): Logger {
  // NODE_ENV is set by npm start / npm run dev / the image itself, not configuration (lib/env.ts).
  globalForLogger.cmsLogger ??= createLogger({ pretty: process.env.NODE_ENV === "development" });
  return globalForLogger.cmsLogger;
}

/**
 * A destination that hands the lines written during one turn of the event loop to `target` as one
 * write (on setImmediate): under load many requests finish per turn, and one write per line — each an
 * fs.write through libuv's thread pool — cost more than the rest of a cached page's answer. A line
 * waits at most until the end of the current turn; nothing is dropped.
 */
/** Every batcher's flush, run once at exit: a process that exits within the turn still writes its last lines (stdout to a file or pipe is synchronous on Linux). */
const exitFlushes = new Set<() => void>();
process.once("exit", () => exitFlushes.forEach((flush) => flush()));

export function turnBatched(target: { write(chunk: string): unknown }): { write(line: string): void } {
  let pending = "";
  const flush = () => {
    if (!pending) return;
    const chunk = pending;
    pending = "";
    target.write(chunk);
  };
  exitFlushes.add(flush);
  return {
    write(line: string) {
      if (!pending) setImmediate(flush);
      pending += line;
    },
  };
}

/** The one line per request (lib/observability/http.ts): fixed fields, none of which can hold a secret. */
export interface RequestLogEntry {
  requestId: string;
  method: string;
  path: string;
  status: number;
  userId: string | null;
  durationMs: number;
  outcome: "ok" | "client_error" | "error" | "aborted";
}

type LineWriter = (entry: RequestLogEntry) => void;
const requestWriters = new WeakMap<Logger, LineWriter>();

/**
 * pino's own line for `info({ type: "request", ...entry }, "request")`, written without pino: its
 * generic serializer (and the redaction pass, which costs about four times the rest of the line) was a
 * fifth of a cached page's answer, and this line's fields are fixed — ids, method, path without its
 * query, status, duration, outcome — so a template gives the same JSON. In production the lines of one
 * event-loop turn go out as one write (turnBatched); development's pretty printer gets pino's call.
 */
function requestWriter(base: Logger): LineWriter {
  const stream = (base as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] as
    { write(chunk: string): unknown } | undefined;
  if (process.env.NODE_ENV === "development" || !stream) {
    const child = base.child({}, { redact: [] });
    return (entry) => child.info({ type: "request", ...entry }, "request");
  }
  const batch = turnBatched(stream);
  return (entry) =>
    batch.write(
      `{"level":30${isoTime()},"type":"request","requestId":${JSON.stringify(entry.requestId)},"method":${JSON.stringify(entry.method)},"path":${JSON.stringify(entry.path)},"status":${entry.status},"userId":${JSON.stringify(entry.userId)},"durationMs":${entry.durationMs},"outcome":"${entry.outcome}","msg":"request"}\n`,
    );
}

export function logRequest(entry: RequestLogEntry): void {
  const base = logger();
  let write = requestWriters.get(base);
  if (!write) requestWriters.set(base, (write = requestWriter(base)));
  write(entry);
}
