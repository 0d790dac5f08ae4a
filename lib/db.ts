import "server-only";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { serialisedAdapter, serialisedPool } from "@/lib/db-pool";
import { env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { registerPool } from "@/lib/observability/metrics";

// One client per process; Next's dev server reloads modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as {
  prisma?: PrismaClient;
  prismaReplica?: PrismaClient | null;
  prismaSearch?: PrismaClient;
};

/** Settings of a pool's sessions, set when each connection opens (no transaction needed to apply them). */
export interface PoolSettings {
  max?: number;
  connectionTimeoutMillis?: number;
  /** PostgreSQL cancels any statement of these sessions that runs longer (SQLSTATE 57014). */
  statementTimeoutMs?: number;
  /** Planner settings of these sessions, e.g. `{ enable_seqscan: "off" }`. */
  planner?: Record<string, string>;
}

export function createPrismaClient(connectionString: string, settings: PoolSettings = {}): PrismaClient {
  // Our own pool, so /api/metrics can report its connections; an idle connection's error (the server
  // restarted) must not crash the process — the pool replaces it. A connect timeout, because pg waits
  // forever by default: an unreachable host must end in 数据库暂时不可用 (or a stale page), not a hang.
  const planner = Object.entries(settings.planner ?? {});
  const pool = serialisedPool({
    connectionString,
    max: settings.max ?? 10,
    connectionTimeoutMillis: settings.connectionTimeoutMillis ?? 5_000,
    ...(settings.statementTimeoutMs ? { statement_timeout: settings.statementTimeoutMs } : {}),
    ...(planner.length ? { options: planner.map(([name, value]) => `-c ${name}=${value}`).join(" ") } : {}),
  });
  pool.on("error", (error) => logger().warn({ err: error.message }, "database pool: idle connection lost"));
  registerPool(pool);
  return new PrismaClient({ adapter: serialisedAdapter(pool) });
}

export const db: PrismaClient = (globalForPrisma.prisma ??= createPrismaClient(env().DATABASE_URL));

/**
 * Public search's own pool (lib/public/data/search.ts, SEARCH_POOL): every statement bounded by a
 * statement timeout, and few connections, so a flood of searches queues here and answers 搜索繁忙
 * instead of holding the connections every other page needs.
 */
export function searchDb(settings: PoolSettings): PrismaClient {
  return (globalForPrisma.prismaSearch ??= createPrismaClient(env().DATABASE_URL, settings));
}

/** A transaction's client, as `db.$transaction(async (tx) => …)` hands it to a command. */
export type Tx = Prisma.TransactionClient;

/** The client or a transaction: what a query that runs inside or outside one takes. */
export type Db = PrismaClient | Tx;

/**
 * The client of DATABASE_REPLICA_URL (a read-only standby), or null without one. Only the public pages'
 * reads go through it, and only by way of lib/public/data/read-replica.ts, which checks it is caught up.
 */
export function replicaDb(): PrismaClient | null {
  if (globalForPrisma.prismaReplica === undefined) {
    const url = env().DATABASE_REPLICA_URL;
    globalForPrisma.prismaReplica = url ? createPrismaClient(url) : null;
  }
  return globalForPrisma.prismaReplica;
}
