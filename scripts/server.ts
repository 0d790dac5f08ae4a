/**
 * The production server (`npm start`, the tests, the benchmarks and the Docker image run it instead of
 * `next start`): Next's own request handler, behind the public fast path that answers cached public
 * pages without routing them through Next (lib/public/serve/fast-path.ts, figures in docs/benchmarks.md).
 *   PORT (default 3000), HOSTNAME (default 0.0.0.0); NODE_ENV must be production and the build current.
 *   WEB_CONCURRENCY > 1: that many such servers as node:cluster workers on the one port
 *   (scripts/lib/cluster-primary.ts).
 */
import cluster from "node:cluster";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { stampSocketAddress } from "../lib/auth/client-ip";
import { env } from "../lib/env";
import { stampRequestTarget } from "../lib/http/request-target";
import { observeRequest } from "../lib/observability/http";
import { metricsSnapshot } from "../lib/observability/metrics";
import { answerSiblings } from "../lib/observability/sibling-workers";
import { cacheSizes, evictForSibling } from "../lib/public/cache/cache-store";
import { refuseUnreadableUrl, serveCachedPage } from "../lib/public/serve/fast-path";
import { runClusterPrimary } from "./lib/cluster-primary";

/**
 * Next's standalone output (the Docker image) has no next.config.ts: the build wrote the resolved
 * configuration to .next/required-server-files.json, and Next's own standalone server.js hands it over
 * through this variable — so does this server, which the image runs in its place.
 */
function applyStandaloneConfig(dir: string): void {
  const serverFiles = path.join(dir, ".next", "required-server-files.json");
  if (existsSync(path.join(dir, "next.config.ts")) || !existsSync(serverFiles)) return;
  const { config } = JSON.parse(readFileSync(serverFiles, "utf8")) as { config: unknown };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const hostname = process.env.HOSTNAME ?? "0.0.0.0";
  const { SITE_URL: siteUrl, WEB_CONCURRENCY: workerCount } = env();
  if (cluster.isPrimary && workerCount > 1) return runClusterPrimary(workerCount);
  answerSiblings("evict", evictForSibling);
  answerSiblings("metrics", () => metricsSnapshot(cacheSizes()));
  const dir = process.cwd();
  applyStandaloneConfig(dir);
  const app = next({ dev: false, hostname, port, dir });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((request, response) => {
    // One log line and the metrics of every request (lib/observability/http.ts); an unreadable target
    // or a cached page is answered before anything else.
    observeRequest(
      request,
      response,
      () => {
        // Route handlers and server actions only see headers: hand them the TCP peer (lib/auth/client-ip.ts).
        stampSocketAddress(request.headers, request.socket.remoteAddress);
        // …and the target as sent, which Next re-serialises (lib/http/request-target.ts).
        stampRequestTarget(request.headers, request.url);
        handle(request, response).catch((error: unknown) => {
          console.error("[server] request failed", error);
          if (!response.headersSent) response.writeHead(500);
          response.end();
        });
      },
      (requestId, proceed) =>
        refuseUnreadableUrl(request, response, siteUrl, requestId) ||
        serveCachedPage(request, response, siteUrl, requestId, proceed),
    );
  });
  server.once("error", (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === "EADDRINUSE"
        ? `[server] 端口 ${port} 已被其他程序占用，请停止它或设置另一个 PORT / port ${port} is in use by another program; stop it or set another PORT`
        : `[server] 无法监听 ${hostname}:${port}(${error.message}) / cannot listen on ${hostname}:${port} (${error.message})`,
    );
    process.exit(1);
  });
  server.listen(port, hostname, () => {
    console.log(`[server] listening on http://${hostname}:${port} (pid ${process.pid})`);
    // scripts/start.ts waits for this before it trusts the health check on that port.
    process.send?.({ type: "listening" });
  });

  const stop = () => {
    server.close();
    server.closeIdleConnections();
    void app.close().finally(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  // Started by scripts/start.ts (an IPC channel): if that parent is killed, this server goes too,
  // instead of holding the port against the next start.
  if (process.connected) process.once("disconnect", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
