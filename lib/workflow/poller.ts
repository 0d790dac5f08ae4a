import "server-only";
import { db } from "@/lib/db";
import { runDueJobs } from "./scheduler";

const POLL_INTERVAL_MS = 5_000;

const state = globalThis as unknown as { workflowPoller?: NodeJS.Timeout };

/**
 * Polls the Job table every few seconds in this server process (started by instrumentation.ts).
 * Every instance polls; SKIP LOCKED makes them share the work instead of repeating it.
 */
export function startScheduledPublishing(): void {
  if (state.workflowPoller) return;
  let running = false;
  state.workflowPoller = setInterval(() => {
    if (running) return;
    running = true;
    runDueJobs(db)
      .catch((error: unknown) => console.error("scheduler: polling failed", error))
      .finally(() => {
        running = false;
      });
  }, POLL_INTERVAL_MS);
  state.workflowPoller.unref();
}
