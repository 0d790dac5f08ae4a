import { appendFileSync } from "node:fs";

/**
 * One line of `npm run bench`'s summary table. Each bench script prints its own detail as before and,
 * when run by scripts/bench/index.ts (which sets BENCH_RESULTS_FILE), also appends its headline figures
 * here as JSON lines, so the summary is built from measured values and never from parsed log text.
 */
export interface BenchResult {
  issue: number;
  name: string;
  /** The measured figure, formatted for the table ("18.4 ms", "0.31× node"). */
  value: string;
  /** The issue's target ("< 100 ms"), or empty for a figure that is only reported. */
  target: string;
  /** true / false against the target; "skip" when it could not be measured here (reason in `value`). */
  pass?: boolean | "skip";
}

export function recordResult(result: BenchResult): void {
  const file = process.env.BENCH_RESULTS_FILE;
  if (file) appendFileSync(file, `${JSON.stringify(result)}\n`);
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
