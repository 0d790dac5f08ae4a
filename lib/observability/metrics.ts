import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Counters for `/api/metrics` (Prometheus text format), kept in process memory on globalThis (the
 * server counts requests, Next's bundle counts jobs and renders; both copies of this module share it).
 * Each instance reports its own figures, Prometheus adds them up across instances; the workers of one
 * instance in cluster mode share its port, so the worker scraped adds up its siblings' snapshots
 * (lib/observability/sibling-workers.ts).
 */

export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  buckets: number[];
  sum: number;
  count: number;
}

interface Registry {
  requests: Map<string, number>;
  durations: Map<string, Histogram>;
  jobs: Map<string, number>;
  pools: Set<PoolLike>;
}

/** What a pg Pool tells about itself. */
export interface PoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

const globalForMetrics = globalThis as unknown as { cmsMetrics?: Registry };

function registry(): Registry {
  globalForMetrics.cmsMetrics ??= { requests: new Map(), durations: new Map(), jobs: new Map(), pools: new Set() };
  return globalForMetrics.cmsMetrics;
}

/** The request's kind for labels: a bounded set, never the raw path (unbounded, and may be personal). */
export function routeKind(pathname: string): string {
  if (pathname.startsWith("/admin")) return "admin";
  if (pathname.startsWith("/api/")) return pathname.split("/").slice(0, 3).join("/");
  if (pathname.startsWith("/media/")) return "media";
  if (pathname.startsWith("/_next/")) return "next-asset";
  if (pathname.startsWith("/articles/")) return "article";
  if (pathname.startsWith("/columns/")) return "column";
  if (pathname === "/search") return "search";
  if (pathname === "/") return "home";
  return "other";
}

export function recordRequest(kind: string, method: string, status: number, seconds: number): void {
  const { requests, durations } = registry();
  const key = `kind="${kind}",method="${method}",status="${Math.floor(status / 100)}xx"`;
  requests.set(key, (requests.get(key) ?? 0) + 1);
  const histogramKey = `kind="${kind}"`;
  const histogram = durations.get(histogramKey) ?? { buckets: DURATION_BUCKETS.map(() => 0), sum: 0, count: 0 };
  // A loop, not forEach with a closure: this runs on every request, cached hits included.
  for (let index = 0; index < DURATION_BUCKETS.length; index++) {
    if (seconds <= DURATION_BUCKETS[index]) histogram.buckets[index] += 1;
  }
  histogram.sum += seconds;
  histogram.count += 1;
  durations.set(histogramKey, histogram);
}

export function recordJob(kind: string, outcome: string): void {
  const { jobs } = registry();
  const key = `kind="${kind}",outcome="${outcome}"`;
  jobs.set(key, (jobs.get(key) ?? 0) + 1);
}

export function registerPool(pool: PoolLike): void {
  registry().pools.add(pool);
}

export interface CacheGauge {
  name: string;
  entries: number;
  bytes: number;
}

export interface Gauges {
  jobBacklog: { due: number; failed: number };
  cache: CacheGauge[];
}

/** One process's figures as plain data, as a sibling worker sends them over IPC. */
export interface MetricsSnapshot {
  requests: [string, number][];
  durations: [string, Histogram][];
  jobs: [string, number][];
  pools: { total: number; idle: number; waiting: number };
  cache: CacheGauge[];
}

export function metricsSnapshot(cache: CacheGauge[]): MetricsSnapshot {
  const { requests, durations, jobs, pools } = registry();
  const sum = (pick: (pool: PoolLike) => number) => [...pools].reduce((total, pool) => total + pick(pool), 0);
  return {
    requests: [...requests],
    durations: [...durations],
    jobs: [...jobs],
    pools: {
      total: sum((pool) => pool.totalCount),
      idle: sum((pool) => pool.idleCount),
      waiting: sum((pool) => pool.waitingCount),
    },
    cache,
  };
}

function isSnapshot(value: unknown): value is MetricsSnapshot {
  const snapshot = value as MetricsSnapshot | null;
  return (
    typeof snapshot === "object" &&
    snapshot !== null &&
    [snapshot.requests, snapshot.durations, snapshot.jobs, snapshot.cache].every(Array.isArray) &&
    typeof snapshot.pools === "object"
  );
}

/** Adds up snapshots: counters, histogram buckets, pool connections and cache sizes alike. */
export function mergeSnapshots(snapshots: readonly unknown[]): MetricsSnapshot {
  const requests = new Map<string, number>();
  const durations = new Map<string, Histogram>();
  const jobs = new Map<string, number>();
  const cache = new Map<string, CacheGauge>();
  const pools = { total: 0, idle: 0, waiting: 0 };
  for (const snapshot of snapshots.filter(isSnapshot)) {
    for (const [key, value] of snapshot.requests) requests.set(key, (requests.get(key) ?? 0) + value);
    for (const [key, value] of snapshot.jobs) jobs.set(key, (jobs.get(key) ?? 0) + value);
    for (const [key, histogram] of snapshot.durations) {
      const total = durations.get(key) ?? { buckets: DURATION_BUCKETS.map(() => 0), sum: 0, count: 0 };
      histogram.buckets.forEach((count, index) => (total.buckets[index] += count));
      total.sum += histogram.sum;
      total.count += histogram.count;
      durations.set(key, total);
    }
    pools.total += snapshot.pools.total;
    pools.idle += snapshot.pools.idle;
    pools.waiting += snapshot.pools.waiting;
    for (const gauge of snapshot.cache) {
      const total = cache.get(gauge.name) ?? { name: gauge.name, entries: 0, bytes: 0 };
      total.entries += gauge.entries;
      total.bytes += gauge.bytes;
      cache.set(gauge.name, total);
    }
  }
  return { requests: [...requests], durations: [...durations], jobs: [...jobs], pools, cache: [...cache.values()] };
}

/**
 * The whole exposition: this process's counters and gauges, plus the snapshots of its sibling workers
 * in cluster mode, added up (one instance is one target, however many workers it runs).
 */
export function renderPrometheus(gauges: Gauges, siblings: readonly unknown[] = []): string {
  const { requests, durations, jobs, pools, cache } = mergeSnapshots([metricsSnapshot(gauges.cache), ...siblings]);
  const lines: string[] = [];
  const family = (name: string, type: string, help: string) =>
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);

  family("cms_http_requests_total", "counter", "HTTP requests answered, by kind of URL, method and status class.");
  for (const [labels, value] of requests) lines.push(`cms_http_requests_total{${labels}} ${value}`);
  family("cms_http_request_duration_seconds", "histogram", "Time from request to the end of the response.");
  for (const [labels, histogram] of durations) {
    DURATION_BUCKETS.forEach((bound, index) =>
      lines.push(`cms_http_request_duration_seconds_bucket{${labels},le="${bound}"} ${histogram.buckets[index]}`),
    );
    lines.push(`cms_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${histogram.count}`);
    lines.push(
      `cms_http_request_duration_seconds_sum{${labels}} ${histogram.sum}`,
      `cms_http_request_duration_seconds_count{${labels}} ${histogram.count}`,
    );
  }
  family("cms_jobs_total", "counter", "Scheduled jobs run by this instance, by kind and outcome.");
  for (const [labels, value] of jobs) lines.push(`cms_jobs_total{${labels}} ${value}`);
  family("cms_job_backlog", "gauge", "Jobs in the database: due and not yet run, or failed for good.");
  lines.push(
    `cms_job_backlog{state="due"} ${gauges.jobBacklog.due}`,
    `cms_job_backlog{state="failed"} ${gauges.jobBacklog.failed}`,
  );
  family("cms_page_cache_entries", "gauge", "Pages held in this instance's public page cache.");
  for (const gauge of cache) lines.push(`cms_page_cache_entries{cache="${gauge.name}"} ${gauge.entries}`);
  family("cms_page_cache_bytes", "gauge", "Bytes held in this instance's public page cache.");
  for (const gauge of cache) lines.push(`cms_page_cache_bytes{cache="${gauge.name}"} ${gauge.bytes}`);
  family("cms_db_pool_connections", "gauge", "Database connections of this instance's pools, by state.");
  lines.push(
    `cms_db_pool_connections{state="total"} ${pools.total}`,
    `cms_db_pool_connections{state="idle"} ${pools.idle}`,
    `cms_db_pool_connections{state="waiting_clients"} ${pools.waiting}`,
  );
  return `${lines.join("\n")}\n`;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/** The bearer token against METRICS_TOKEN, in constant time (equal-length digests, whatever was sent). */
export function metricsTokenMatches(given: string, token: string): boolean {
  return timingSafeEqual(digest(given), digest(token));
}
