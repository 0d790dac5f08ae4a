/**
 * `npm run bench`: every benchmark of issues 4–6 in sequence, then one table of the headline figures
 * with each issue's target and PASS / MISS. Each benchmark runs as its own `npm run bench:*` script (so
 * each keeps working alone, and one crashing does not hide the others' figures) and creates and drops
 * its own scratch database on one PostgreSQL server: TEST_DATABASE_URL's or DATABASE_URL's when given,
 * otherwise an embedded one started here in a temporary directory and removed afterwards.
 * Takes about 10 minutes on this 2-core machine (plus `next build` when the build is stale).
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { uniqueDatabaseName } from "../../tests/support/test-server";
import { startEmbeddedPostgres, type EmbeddedServer } from "../lib/embedded-postgres";
import type { BenchResult } from "./results";

/** In order: the database-free ones first, then the HTTP run (which builds the app) before the editor's bundle figure. */
const BENCHES = [
  "bench:checks",
  "bench:search",
  "bench:audit",
  "bench:login",
  "bench:login-timing",
  "bench:workflow",
  "bench:media",
  "bench:public",
  "bench:inspection",
  "bench:http",
  "bench:search-http",
  "bench:editor",
];

function run(script: string, env: NodeJS.ProcessEnv): Promise<number | null> {
  const child = spawn("npm", ["run", "--silent", script], { env, stdio: "inherit" });
  return new Promise((resolve) => child.on("exit", resolve));
}

function verdict(pass: BenchResult["pass"]): string {
  if (pass === undefined) return "—";
  if (pass === "skip") return "SKIP";
  return pass ? "PASS" : "MISS";
}

/** Terminal columns: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  return [...text].reduce(
    (width, char) =>
      width +
      (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char)
        ? 2
        : 1),
    0,
  );
}

function table(results: readonly BenchResult[], failed: readonly string[]): string {
  const rows = results.map((result) => [
    `#${result.issue}`,
    result.name,
    result.value,
    result.target,
    verdict(result.pass),
  ]);
  const header = ["Issue", "Benchmark", "Result", "Target", "Verdict"];
  const widths = header.map((title, i) => Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[i]))));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => cell + " ".repeat(widths[i] - displayWidth(cell))).join(" | ")} |`;
  return [
    line(header),
    `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`,
    ...rows.map(line),
    ...failed.map((script) => `\n${script} FAILED (no figures; see its output above)`),
  ].join("\n");
}

async function main(): Promise<number> {
  const work = await mkdtemp(path.join(os.tmpdir(), "cms-bench-"));
  const resultsFile = path.join(work, "results.jsonl");
  let server: EmbeddedServer | undefined;
  // Not under `work` (mode 0700): as root, PostgreSQL runs as the `postgres` user, which must reach its folder.
  const pgDir = path.join(os.tmpdir(), uniqueDatabaseName("cms-bench-pg"));
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_RESULTS_FILE: resultsFile };
  try {
    if (!process.env.TEST_DATABASE_URL && !process.env.DATABASE_URL) {
      server = await startEmbeddedPostgres({ dataDir: pgDir, persistent: false });
      // scratch-database.ts creates each benchmark's database on this server.
      env.TEST_DATABASE_URL = server.adminUrl;
    }
    const failed: string[] = [];
    const started = Date.now();
    for (const script of BENCHES) {
      console.log(`\n━━ npm run ${script} ━━`);
      const code = await run(script, env);
      if (code !== 0) failed.push(script);
    }
    const results = existsSync(resultsFile)
      ? readFileSync(resultsFile, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((line) => JSON.parse(line) as BenchResult)
      : [];
    results.sort((a, b) => a.issue - b.issue);
    const date = new Date().toISOString().slice(0, 16).replace("T", " ");
    console.log(
      `\nnpm run bench — ${date} UTC, ${os.cpus().length} CPU cores, ${((Date.now() - started) / 60_000).toFixed(1)} min\n`,
    );
    console.log(table(results, failed));
    return failed.length === 0 ? 0 : 1;
  } finally {
    await server?.stop();
    await rm(pgDir, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
