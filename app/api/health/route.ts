import { db } from "@/lib/db";
import { listenerStatus, type ListenerStatus } from "@/lib/public/cache-bus";

export const dynamic = "force-dynamic";

const TIMEOUT_MS = 2000;

/** The invalidation listener (lib/public/cache-bus.ts): whether this instance may serve its page cache. */
async function listener(): Promise<ListenerStatus | { alive: false; cache: "bypassed"; error: string }> {
  try {
    return await Promise.race([listenerStatus(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS))]);
  } catch (error) {
    return { alive: false, cache: "bypassed", error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * For load balancers and Docker: 200 while the database answers, 503 otherwise. A listener that cannot
 * prove itself alive makes the status "degraded" (still 200: this instance then renders every page
 * from the database, which is correct, only slower) with a Chinese explanation.
 */
export async function GET(): Promise<Response> {
  const started = Date.now();
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS)),
    ]);
    const latencyMs = Date.now() - started;
    const cacheListener = await listener();
    return Response.json(
      {
        status: cacheListener.alive ? "ok" : "degraded",
        database: "up",
        latencyMs,
        listener: cacheListener,
        ...(cacheListener.alive ? {} : { message: "缓存失效通知通道未确认在线，本实例暂不使用页面缓存，所有页面直接从数据库生成 / invalidation listener not proven alive: page cache bypassed" }),
      },
      { headers: { "cache-control": "no-store" } },
    );
  } catch {
    return Response.json(
      { status: "error", database: "down", message: "数据库不可用 / database unavailable" },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
}
