import "server-only";
import { db } from "@/lib/db";
import { ensureWeeklyJob, runDueInspection } from "./schedule";

const POLL_INTERVAL_MS = 10_000;

const state = globalThis as unknown as { inspectionPoller?: NodeJS.Timeout };

/**
 * Polls for due 网站体检 jobs in this server process (started by instrumentation.ts), apart from the
 * scheduled-publishing poller: a run takes minutes and must not hold up a publication due meanwhile.
 * Every instance polls; SKIP LOCKED and the one-running index let exactly one of them run it.
 */
export function startInspectionPoller(): void {
  if (state.inspectionPoller) return;
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    runDueInspection(db)
      .catch((error: unknown) => console.error("inspection: polling failed", error))
      .finally(() => {
        running = false;
      });
  };
  ensureWeeklyJob(db).catch((error: unknown) => console.error("inspection: could not queue the weekly run", error));
  state.inspectionPoller = setInterval(tick, POLL_INTERVAL_MS);
  state.inspectionPoller.unref();
}
