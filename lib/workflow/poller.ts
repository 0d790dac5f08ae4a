import "server-only";
import { db } from "@/lib/db";
import { logger } from "@/lib/observability/logger";
import { recordJob } from "@/lib/observability/metrics";
import { runOneDueJob } from "./scheduler";

const POLL_INTERVAL_MS = 5_000;
const JOBS_PER_POLL = 20;

const state = globalThis as unknown as { workflowPoller?: NodeJS.Timeout };

/** Runs what is due, one job at a time, with one log line and a metric per job. */
async function poll(): Promise<void> {
  for (let i = 0; i < JOBS_PER_POLL; i++) {
    const started = process.hrtime.bigint();
    const outcome = await runOneDueJob(db);
    if (!outcome) return;
    const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
    recordJob("scheduled", outcome.status.toLowerCase());
    logger()[outcome.status === "FAILED" ? "error" : outcome.status === "RETRY" ? "warn" : "info"](
      {
        type: "job",
        jobId: outcome.jobId,
        articleId: outcome.articleId,
        outcome: outcome.status.toLowerCase(),
        durationMs,
        ...("attempts" in outcome ? { attempts: outcome.attempts, error: outcome.error } : {}),
      },
      "job",
    );
  }
}

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
    poll()
      .catch((error: unknown) =>
        logger().error(
          { type: "job", outcome: "poll_failed", err: error instanceof Error ? error.message : String(error) },
          "scheduler: polling failed",
        ),
      )
      .finally(() => {
        running = false;
      });
  }, POLL_INTERVAL_MS);
  state.workflowPoller.unref();
}
