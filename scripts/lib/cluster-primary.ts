import cluster, { type Worker } from "node:cluster";
import { relaySiblingQuestions } from "../../lib/observability/sibling-workers";

/**
 * Cluster mode of scripts/server.ts (WEB_CONCURRENCY > 1): this process forks that many workers, each
 * the whole server (Next and the public fast path) on the one shared port, and runs no Next itself. One
 * Node process answers cached pages with about one core at most (docs/operations.md); the workers share
 * everything that must be shared through PostgreSQL (sessions, lockouts, jobs, cache invalidation) as
 * separate instances do, and the rest through this process (lib/observability/sibling-workers.ts).
 *
 * It tells scripts/start.ts "listening" once every worker listens. A worker that dies after that (kill -9,
 * the OOM killer) is replaced; one that dies before it ever listened (a busy port, a bad build) stops the
 * whole server with exit code 1 — it has printed why — and so do RESTART_LIMIT deaths within a minute.
 */

const RESTART_LIMIT = 5;
const RESTART_WINDOW_MS = 60_000;
/** How long workers get to finish their requests on SIGTERM before they are killed. */
const STOP_GRACE_MS = 20_000;

export function runClusterPrimary(workerCount: number): void {
  const workers = () => Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => !!worker);
  relaySiblingQuestions(workers);
  const listened = new Set<number>();
  const deaths: number[] = [];
  let started = false;
  let stopping = false;

  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    const alive = workers();
    if (alive.length === 0) process.exit(code);
    for (const worker of alive) worker.process.kill("SIGTERM");
    setTimeout(() => {
      for (const worker of workers()) worker.process.kill("SIGKILL");
    }, STOP_GRACE_MS).unref();
    cluster.on("exit", () => {
      if (workers().length === 0) process.exit(code);
    });
  };

  cluster.on("listening", (worker) => {
    listened.add(worker.id);
    if (started || listened.size < workerCount) return;
    started = true;
    console.log(`[server] ${workerCount} 个工作进程已就绪 / ${workerCount} workers listening`);
    process.send?.({ type: "listening" });
  });

  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    if (!listened.has(worker.id)) {
      console.error(
        `[server] 工作进程启动失败（${how}），服务已停止；原因见上方日志 / a worker failed to start (${how}); the server stops (see the log above)`,
      );
      return stop(1);
    }
    const now = Date.now();
    deaths.push(now);
    while (deaths.length > 0 && deaths[0] < now - RESTART_WINDOW_MS) deaths.shift();
    if (deaths.length >= RESTART_LIMIT) {
      console.error(
        `[server] 工作进程一分钟内退出 ${deaths.length} 次，服务已停止 / workers died ${deaths.length} times within a minute; the server stops`,
      );
      return stop(1);
    }
    console.error(
      `[server] 工作进程 ${worker.process.pid} 意外退出（${how}），正在重新启动 / worker ${worker.process.pid} died (${how}); starting another`,
    );
    cluster.fork();
  });

  process.once("SIGTERM", () => stop(0));
  process.once("SIGINT", () => stop(0));
  // Started by scripts/start.ts (an IPC channel): if that parent is killed, the workers go too.
  if (process.connected) process.once("disconnect", () => stop(0));
  for (let index = 0; index < workerCount; index++) cluster.fork();
}
