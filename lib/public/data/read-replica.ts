import "server-only";
import { db, replicaDb } from "@/lib/db";
import { logger } from "@/lib/observability/logger";
import { pageCacheStore } from "../cache/cache-store";
import { processState } from "../cache/process-state";
import type { PublicDb } from "./queries";

/**
 * Where the public pages read from: the streaming standby of DATABASE_REPLICA_URL when there is one
 * and it is caught up, else the primary. Writes, the admin, the workflow and search never come here.
 *
 * A standby lags. A page rendered from it after a withdrawal it has not replayed yet would show the
 * article again — and be cached. So every invalidation (the NOTIFY of a publication change, delivered
 * after its commit, or this instance's own after-commit eviction) bumps a counter
 * (lib/public/cache/cache-store.ts); the first render after it asks the primary for its WAL position and
 * waits, at most CATCH_UP_MS, until the standby has replayed that far. Until it has, renders read the
 * primary. Renders between invalidations cost no extra query: only the counter is compared.
 */

const CATCH_UP_MS = 1_000;
const POLL_MS = 20;
/** After a failed check, renders read the primary for this long before the standby is asked again. */
const RETRY_MS = 1_000;

interface ReplicaState {
  /** The invalidation count the standby is known to have caught up with. */
  verified: number;
  retryAfter: number;
  checking?: { count: number; done: Promise<boolean> };
  warned?: string;
}

function state(): ReplicaState {
  return processState<ReplicaState>("readReplica", () => ({ verified: -1, retryAfter: 0 }));
}

function warnOnce(replica: ReplicaState, message: string, error?: unknown): void {
  if (replica.warned === message) return;
  replica.warned = message;
  logger().warn({ err: error instanceof Error ? error.message : error }, message);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether the standby has replayed everything the primary had committed when this was called. */
async function caughtUp(replica: NonNullable<ReturnType<typeof replicaDb>>, shared: ReplicaState): Promise<boolean> {
  try {
    const [primary] = await db.$queryRaw<{ lsn: string }[]>`SELECT pg_current_wal_lsn()::text AS lsn`;
    if (!primary) return false;
    const deadline = Date.now() + CATCH_UP_MS;
    for (;;) {
      const [row] = await replica.$queryRaw<{ standby: boolean; caught: boolean }[]>`
        SELECT pg_is_in_recovery() AS standby, COALESCE(pg_last_wal_replay_lsn() >= ${primary.lsn}::pg_lsn, false) AS caught`;
      if (!row?.standby) {
        // Not a standby (a copy, a logical subscriber): its lag cannot be measured, so it is not used.
        warnOnce(
          shared,
          "DATABASE_REPLICA_URL is not a streaming standby (pg_is_in_recovery() is false); public pages read the primary",
        );
        return false;
      }
      if (row.caught) return true;
      if (Date.now() >= deadline) {
        warnOnce(
          shared,
          `read replica more than ${CATCH_UP_MS} ms behind the primary; public pages read the primary until it catches up`,
        );
        return false;
      }
      await sleep(POLL_MS);
    }
  } catch (error) {
    warnOnce(shared, "read replica unreachable; public pages read the primary", error);
    return false;
  }
}

/** The client a public page's render reads from (see above). */
export async function publicReader(): Promise<PublicDb> {
  const replica = replicaDb();
  if (!replica) return db;
  const shared = state();
  const count = pageCacheStore().invalidations;
  if (shared.verified >= count) return replica;
  // A check just failed (the standby lags or is down): read the primary without waiting again.
  if (Date.now() < shared.retryAfter) return db;
  let checking = shared.checking;
  if (checking?.count !== count) {
    const done = caughtUp(replica, shared).then((ok) => {
      if (ok) {
        shared.verified = Math.max(shared.verified, count);
        shared.warned = undefined;
      } else shared.retryAfter = Date.now() + RETRY_MS;
      return ok;
    });
    checking = shared.checking = { count, done };
    void done.finally(() => {
      if (shared.checking?.done === done) shared.checking = undefined;
    });
  }
  return (await checking.done) ? replica : db;
}
