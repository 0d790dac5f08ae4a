import { execFileSync } from "node:child_process";
import path from "node:path";
import { createServer, type Server } from "node:http";
import { Writable } from "node:stream";
import pino from "pino";
import { createLogger, logRequest, type RequestLogEntry } from "@/lib/observability/logger";
import { observeRequest } from "@/lib/observability/http";
import { noteRequestUser } from "@/lib/observability/request-context";
import { DURATION_BUCKETS, metricsSnapshot, renderPrometheus, type MetricsSnapshot } from "@/lib/observability/metrics";

/** #18 "Structured logs": one JSON line per request, with id, user, duration and outcome, and no secrets. */

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  let text = "";
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return {
    stream,
    lines: () =>
      text
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** The line pino itself writes with the production logger's options. */
function captureLine(write: (log: pino.Logger) => void): string {
  let text = "";
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  const log = pino({ level: "info", base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, stream);
  write(log);
  return text;
}

function withoutTime(line: Record<string, unknown>): Record<string, unknown> {
  expect(line.time).toEqual(expect.any(String));
  return Object.fromEntries(Object.entries(line).filter(([key]) => key !== "time"));
}

describe("the structured log", () => {
  it("censors passwords, tokens, secrets and cookies wherever they appear", () => {
    const { stream, lines } = capture();
    const log = createLogger({ pretty: false, destination: stream });
    log.info(
      {
        password: "hunter2",
        user: { password: "x", token: "t" },
        headers: { authorization: "Bearer abc", cookie: "sid=1" },
        secret: "s",
      },
      "login",
    );
    const text = JSON.stringify(lines());
    for (const secret of ["hunter2", "Bearer abc", "sid=1", '"t"', '"s"']) expect(text).not.toContain(secret);
    expect(lines()[0]).toMatchObject({ msg: "login", level: 30, password: "[redacted]" });
  });

  const entry: RequestLogEntry = {
    requestId: "0b5c3a34-9c1e-4f7e-8d6a-2f0e5b7c9d11",
    method: "GET",
    path: "/articles/x.html",
    status: 200,
    userId: null,
    durationMs: 0.4,
    outcome: "ok",
  };

  it("writes the request line exactly as pino would, whatever the path holds", async () => {
    // Node hands the target over as latin1 (one char per byte), so no lone surrogate can reach the line.
    for (const path of ["/", '/a"b\\c', "/\u0001\u001f\u007f\u00ff", "/\u4e2d\u6587\u2028", "/%E4%B8%AD"]) {
      for (const userId of [null, "user-42"]) {
        const written: string[] = [];
        const stream = new Writable({
          write(chunk: Buffer, _encoding, callback) {
            written.push(chunk.toString());
            callback();
          },
        });
        (globalThis as { cmsLogger?: unknown }).cmsLogger = createLogger({ pretty: false, destination: stream });
        const ours = { ...entry, path, userId, status: 404, outcome: "client_error" as const };
        logRequest(ours);
        await new Promise((resolve) => setImmediate(resolve));
        const expected = captureLine((log) => log.info({ type: "request", ...ours }, "request"));
        const line = written.join("");
        expect(line.endsWith("\n")).toBe(true);
        expect(withoutTime(JSON.parse(line))).toEqual(withoutTime(JSON.parse(expected)));
        expect(Object.keys(JSON.parse(line))).toEqual(Object.keys(JSON.parse(expected)));
      }
    }
    delete (globalThis as { cmsLogger?: unknown }).cmsLogger;
  });

  it("writes the request lines of one event-loop turn to the stream at once, none lost (#18: a write per line cost more than a cached answer)", async () => {
    const writes: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        writes.push(chunk.toString());
        callback();
      },
    });
    (globalThis as { cmsLogger?: unknown }).cmsLogger = createLogger({ pretty: false, destination: stream });
    try {
      for (let index = 0; index < 10; index++) logRequest({ ...entry, requestId: `request-${index}` });
      expect(writes).toHaveLength(0);
      await new Promise((resolve) => setImmediate(resolve));
      expect(writes).toHaveLength(1);
      const lines = writes[0]
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.map((line) => line.requestId)).toEqual([...Array(10).keys()].map((index) => `request-${index}`));
      expect(lines[0]).toMatchObject({ level: 30, msg: "request", type: "request" });
      expect(lines[0].time).toEqual(expect.any(String));
    } finally {
      delete (globalThis as { cmsLogger?: unknown }).cmsLogger;
    }
  });

  it("still writes a turn's request lines when the process exits within that turn", () => {
    const script = [
      'const { createLogger, logRequest } = require("./lib/observability/logger");',
      "globalThis.cmsLogger = createLogger({ pretty: false, destination: process.stdout });",
      'logRequest({ requestId: "last-request", method: "GET", path: "/", status: 200, userId: null, durationMs: 1, outcome: "ok" });',
      "process.exit(0);",
    ].join("\n");
    const out = execFileSync(process.execPath, ["--import", "tsx", "-e", script], {
      cwd: path.join(__dirname, "../.."),
      env: { ...process.env, NODE_ENV: "production" },
      encoding: "utf8",
    });
    expect(out).toContain('"requestId":"last-request"');
  });

  describe("per request (scripts/server.ts)", () => {
    let server: Server;
    let url: string;
    const { stream, lines } = capture();

    beforeAll(async () => {
      (globalThis as { cmsLogger?: unknown }).cmsLogger = createLogger({ pretty: false, destination: stream });
      server = createServer((request, response) =>
        observeRequest(request, response, () => {
          // Deep inside the app, after an await, the session lookup names the user.
          void Promise.resolve().then(() => {
            noteRequestUser(request.url?.startsWith("/admin") ? "user-42" : null);
            response.statusCode = request.url?.startsWith("/missing") ? 404 : 200;
            response.end("ok");
          });
        }),
      );
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const address = server.address();
      url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    });

    afterAll(() => {
      delete (globalThis as { cmsLogger?: unknown }).cmsLogger;
      return new Promise((resolve) => server.close(resolve));
    });

    it("writes one line with request id, user id, path without the query, status, duration and outcome", async () => {
      const response = await fetch(`${url}/admin/articles?token=secret-in-query`, {
        headers: { "x-request-id": "proxy-req-00001" },
      });
      expect(response.headers.get("x-request-id")).toBe("proxy-req-00001");
      await fetch(`${url}/missing`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const requests = lines().filter((line) => line.type === "request");
      expect(requests).toHaveLength(2);
      expect(requests[0]).toMatchObject({
        requestId: "proxy-req-00001",
        method: "GET",
        path: "/admin/articles",
        status: 200,
        userId: "user-42",
        outcome: "ok",
      });
      expect(requests[0].durationMs).toEqual(expect.any(Number));
      expect(requests[1]).toMatchObject({ path: "/missing", status: 404, userId: null, outcome: "client_error" });
      expect(String(requests[1].requestId)).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.stringify(lines())).not.toContain("secret-in-query");
    });

    it("counts the requests for /api/metrics", () => {
      const text = renderPrometheus({ jobBacklog: { due: 0, failed: 0 }, cache: [] });
      expect(text).toMatch(/^cms_http_requests_total\{kind="admin",method="GET",status="2xx"\} 1$/m);
      expect(text).toMatch(/^cms_http_requests_total\{kind="other",method="GET",status="4xx"\} 1$/m);
      expect(text).toMatch(/^cms_http_request_duration_seconds_count\{kind="admin"\} 1$/m);
    });

    it("adds up the snapshots of sibling workers: counters, histograms, pools and caches", () => {
      const own = metricsSnapshot([{ name: "pages", entries: 2, bytes: 100 }]);
      const sibling: MetricsSnapshot = {
        requests: [['kind="admin",method="GET",status="2xx"', 4]],
        durations: [['kind="admin"', { buckets: DURATION_BUCKETS.map(() => 4), sum: 0.5, count: 4 }]],
        jobs: [['kind="publish",outcome="done"', 1]],
        pools: { total: 3, idle: 2, waiting: 0 },
        cache: [{ name: "pages", entries: 5, bytes: 900 }],
      };
      const text = renderPrometheus({ jobBacklog: { due: 0, failed: 0 }, cache: own.cache }, [
        sibling,
        "garbage",
        null,
      ]);
      expect(text).toMatch(/^cms_http_requests_total\{kind="admin",method="GET",status="2xx"\} 5$/m);
      expect(text).toMatch(/^cms_http_request_duration_seconds_count\{kind="admin"\} 5$/m);
      expect(text).toMatch(/^cms_http_request_duration_seconds_bucket\{kind="admin",le="10"\} 5$/m);
      expect(text).toMatch(/^cms_jobs_total\{kind="publish",outcome="done"\} 1$/m);
      expect(text).toMatch(/^cms_page_cache_entries\{cache="pages"\} 7$/m);
      expect(text).toMatch(/^cms_page_cache_bytes\{cache="pages"\} 1000$/m);
      expect(text).toMatch(new RegExp(`^cms_db_pool_connections\\{state="total"\\} ${own.pools.total + 3}$`, "m"));
      // The sibling's snapshot is not changed by adding it up (it may be asked again).
      expect(sibling.durations[0][1].count).toBe(4);
    });
  });
});
