import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { jobBacklog } from "@/lib/observability/health";
import { metricsTokenMatches, renderPrometheus } from "@/lib/observability/metrics";
import { askSiblings } from "@/lib/observability/sibling-workers";
import { cacheSizes } from "@/lib/public/cache/cache-store";

export const dynamic = "force-dynamic";

/**
 * Prometheus text for this instance — requests, jobs, page cache, database pool — with its sibling
 * workers' figures added in cluster mode. Behind a bearer token (METRICS_TOKEN), compared in constant
 * time; without one configured the endpoint does not exist.
 */
export async function GET(request: Request): Promise<Response> {
  const token = env().METRICS_TOKEN;
  if (!token) return new Response("Not Found", { status: 404 });
  const given = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
  if (!metricsTokenMatches(given, token)) {
    return new Response("Unauthorized", {
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="metrics"', "cache-control": "no-store" },
    });
  }
  const [backlog, siblings] = await Promise.all([
    jobBacklog(db).catch(() => ({ due: -1, failed: -1 })),
    askSiblings("metrics"),
  ]);
  return new Response(renderPrometheus({ jobBacklog: backlog, cache: cacheSizes() }, siblings), {
    headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" },
  });
}
