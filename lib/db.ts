import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { registerPool } from "@/lib/observability/metrics";

// One client per process; Next's dev server reloads modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; prismaReplica?: PrismaClient | null };

export function createPrismaClient(connectionString: string): PrismaClient {
  // Our own pool, so /api/metrics can report its connections; an idle connection's error (the server
  // restarted) must not crash the process — the pool replaces it. A connect timeout, because pg waits
  // forever by default: an unreachable host must end in 数据库暂时不可用 (or a stale page), not a hang.
  const pool = new Pool({ connectionString, max: 10, connectionTimeoutMillis: 5_000 });
  pool.on("error", (error) => logger().warn({ err: error.message }, "database pool: idle connection lost"));
  registerPool(pool);
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}

export const db: PrismaClient = (globalForPrisma.prisma ??= createPrismaClient(env().DATABASE_URL));

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
