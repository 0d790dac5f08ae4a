import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { registerPool } from "@/lib/observability/metrics";

// One client per process; Next's dev server reloads modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; prismaReplica?: PrismaClient | null };

export function createPrismaClient(connectionString: string): PrismaClient {
  // Our own pool, so /api/metrics can report its connections; an idle connection's error (the server
  // restarted) must not crash the process — the pool replaces it.
  const pool = new Pool({ connectionString, max: 10 });
  pool.on("error", (error) => logger().warn({ err: error.message }, "database pool: idle connection lost"));
  registerPool(pool);
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}

export const db: PrismaClient = (globalForPrisma.prisma ??= createPrismaClient(env().DATABASE_URL));

/**
 * The client of DATABASE_REPLICA_URL (a read-only standby), or null without one. Only the public pages'
 * reads go through it, and only by way of lib/public/read-replica.ts, which checks it is caught up.
 */
export function replicaDb(): PrismaClient | null {
  if (globalForPrisma.prismaReplica === undefined) {
    const url = env().DATABASE_REPLICA_URL;
    globalForPrisma.prismaReplica = url ? createPrismaClient(url) : null;
  }
  return globalForPrisma.prismaReplica;
}
