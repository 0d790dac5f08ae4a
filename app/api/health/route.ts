import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

const TIMEOUT_MS = 2000;

/** For load balancers and Docker: 200 while the database answers, 503 otherwise. */
export async function GET(): Promise<Response> {
  const started = Date.now();
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS)),
    ]);
    return Response.json(
      { status: "ok", database: "up", latencyMs: Date.now() - started },
      { headers: { "cache-control": "no-store" } },
    );
  } catch {
    return Response.json(
      { status: "error", database: "down", message: "数据库不可用 / database unavailable" },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
}
