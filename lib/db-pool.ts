import { PrismaPg } from "@prisma/adapter-pg";
import { Pool, type PoolClient, type PoolConfig } from "pg";

/**
 * A pg Pool whose connections run one query at a time in the order asked, for Prisma's adapter.
 *
 * Inside an interactive transaction Prisma 7's query interpreter loads sibling relations with
 * `Promise.all` on the transaction's one connection (prisma/orm#29407, fix not released in 7.10), and
 * pg 8.20+ warns on every overlapping `client.query()` — pg 9 will refuse it, failing the transaction.
 * Chaining each connection's promise-style queries here is the "external async flow control" pg asks
 * for, and what pg's own queue did: the order and results are the same. Callback-style calls (pg-pool's
 * own `pool.query`, which checks a connection out for itself) pass through.
 */
export function serialisedPool(config: PoolConfig): Pool {
  const pool = new Pool(config);
  pool.on("connect", serialiseQueries);
  return pool;
}

function serialiseQueries(client: PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  let tail: Promise<unknown> = Promise.resolve();
  client.query = ((...args: unknown[]) => {
    const last = args[args.length - 1];
    const submittable = typeof (args[0] as { submit?: unknown } | null)?.submit === "function";
    if (typeof last === "function" || submittable) return query(...args);
    const run = tail.then(() => query(...args));
    tail = run.catch(() => undefined);
    return run;
  }) as typeof client.query;
}

/** Prisma's adapter over such a pool; `dispose`: $disconnect ends the pool too (a CLI's own client). */
export function serialisedAdapter(pool: Pool, dispose = false): PrismaPg {
  return new PrismaPg(pool, { disposeExternalPool: dispose });
}

/** The adapter of a CLI's own client: one pool for `connectionString`, ended with the client. */
export function cliAdapter(connectionString: string): PrismaPg {
  return serialisedAdapter(serialisedPool({ connectionString }), true);
}
