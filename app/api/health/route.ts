import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { s3Settings, mediaStorage } from "@/lib/media/storage";
import { jobBacklog, storageHealth } from "@/lib/observability/health";
import { listenerStatus, type ListenerStatus } from "@/lib/public/cache/cache-bus";

export const dynamic = "force-dynamic";

const TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS)),
  ]);
}

/** The invalidation listener (lib/public/cache/cache-bus.ts): whether this instance may serve its page cache. */
async function listener(): Promise<ListenerStatus | { alive: false; cache: "bypassed"; error: string }> {
  try {
    return await withTimeout(listenerStatus());
  } catch (error) {
    return { alive: false, cache: "bypassed", error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * For load balancers and Docker: 200 while the database answers, 503 otherwise. Also reports the job
 * backlog (due but not run, failed for good), whether photos can be stored, and whether the invalidation
 * listener is proven alive. A storage fault or an unproven listener makes the status "degraded" but keeps
 * 200: pages are still served (without a proven listener, every page is rendered from the database, which
 * is correct, only slower).
 */
export async function GET(): Promise<Response> {
  const started = Date.now();
  const storage = storageHealth(mediaStorage(), s3Settings(env()) ? "s3" : "disk");
  try {
    await withTimeout(db.$queryRaw`SELECT 1`);
    const latencyMs = Date.now() - started;
    const [jobs, photos, cacheListener] = await Promise.all([
      withTimeout(jobBacklog(db)).catch(() => null),
      storage,
      listener(),
    ]);
    return Response.json(
      {
        status: photos.ok && cacheListener.alive ? "ok" : "degraded",
        database: "up",
        latencyMs,
        jobs,
        storage: photos,
        listener: cacheListener,
        ...(cacheListener.alive
          ? {}
          : {
              message:
                "缓存失效通知通道未确认在线，本实例暂不使用页面缓存，所有页面直接从数据库生成 / invalidation listener not proven alive: page cache bypassed",
            }),
      },
      { headers: { "cache-control": "no-store" } },
    );
  } catch {
    return Response.json(
      { status: "error", database: "down", message: "数据库不可用 / database unavailable", storage: await storage },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
}
