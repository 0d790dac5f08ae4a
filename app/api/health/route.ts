import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { s3Settings, mediaStorage } from "@/lib/media/storage";
import { jobBacklog, storageHealth } from "@/lib/observability/health";

export const dynamic = "force-dynamic";

const TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS))]);
}

/**
 * For load balancers and Docker: 200 while the database answers, 503 otherwise. Also reports the job
 * backlog (due but not run, failed for good) and whether photos can be stored; a storage fault makes
 * the status "degraded" but keeps 200, since pages are still served.
 */
export async function GET(): Promise<Response> {
  const started = Date.now();
  const storage = storageHealth(mediaStorage(), s3Settings(env()) ? "s3" : "disk");
  try {
    await withTimeout(db.$queryRaw`SELECT 1`);
    const latencyMs = Date.now() - started;
    const jobs = await withTimeout(jobBacklog(db)).catch(() => null);
    const photos = await storage;
    return Response.json(
      { status: photos.ok ? "ok" : "degraded", database: "up", latencyMs, jobs, storage: photos },
      { headers: { "cache-control": "no-store" } },
    );
  } catch {
    return Response.json(
      { status: "error", database: "down", message: "数据库不可用 / database unavailable", storage: await storage },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
}
