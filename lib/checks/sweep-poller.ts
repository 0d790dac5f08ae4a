import "server-only";
import { db } from "@/lib/db";
import { runDueTermSweep } from "./sweep";

const POLL_INTERVAL_MS = 10_000;

const state = globalThis as unknown as { termSweepPoller?: NodeJS.Timeout; termSweepRunning?: boolean };

/** One sweep at a time in this process; the advisory lock in runDueTermSweep keeps it one across instances. */
function tick(): void {
  if (state.termSweepRunning) return;
  state.termSweepRunning = true;
  runDueTermSweep(db)
    .catch((error: unknown) => console.error("term sweep: polling failed", error))
    .finally(() => {
      state.termSweepRunning = false;
    });
}

/**
 * After a list change committed: start the queued sweep now rather than at the next poll. Not awaited —
 * the request answers at once and the page shows the progress; if this process stops, the poller of
 * any instance picks the job up. Only where the poller runs (a server instance): a script or a test
 * that changes the list leaves the job to the servers' pollers.
 */
export function startQueuedTermSweep(): void {
  if (state.termSweepPoller) tick();
}

/** Polls for due sweeps in this server process (started by instrumentation.ts), like 网站体检's poller. */
export function startTermSweepPoller(): void {
  if (state.termSweepPoller) return;
  state.termSweepPoller = setInterval(tick, POLL_INTERVAL_MS);
  state.termSweepPoller.unref();
}
