import type { ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildIsCurrent, ensureBuild, runServer } from "../../scripts/lib/build";
import { freePort } from "../../scripts/lib/free-port";

// One lock per checkout: other clones on the machine build their own .next.
const BUILD_LOCK = path.join(
  os.tmpdir(),
  `cms-test-build-${createHash("sha256").update(process.cwd()).digest("hex").slice(0, 12)}.lock`,
);

/** A lock whose holder has died must not block every later run; a slow build on a loaded machine must keep it. */
async function lockHolderAlive(): Promise<boolean> {
  const pid = Number(await readFile(path.join(BUILD_LOCK, "pid"), "utf8").catch(() => ""));
  if (!Number.isInteger(pid) || pid <= 0) return true; // being written right now
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Browser tests run the production build, as users do; parallel workers build it at most once. */
export async function ensureBuildOnce(): Promise<void> {
  for (;;) {
    if (buildIsCurrent()) return;
    try {
      await mkdir(BUILD_LOCK);
      await writeFile(path.join(BUILD_LOCK, "pid"), String(process.pid));
    } catch {
      if (!(await lockHolderAlive())) await rm(BUILD_LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      continue;
    }
    try {
      await ensureBuild({ ...process.env, NODE_ENV: "production" }, (line) => console.log(line));
      return;
    } finally {
      await rm(BUILD_LOCK, { recursive: true, force: true });
    }
  }
}

export interface RunningApp {
  url: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the built app (scripts/server.ts, as `npm start` runs it; built once per run) on a free port against the test file's
 * own database, as a real user's server would run.
 */
export async function startApp(
  options: { databaseUrl?: string; env?: Record<string, string> } = {},
): Promise<RunningApp> {
  await ensureBuildOnce();
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "cms-app-"));
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child: ChildProcess = runServer(
    port,
    "127.0.0.1",
    {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: options.databaseUrl ?? process.env.DATABASE_URL,
      SITE_URL: url,
      DATA_DIR: dataDir,
      // One process unless a test asks for cluster mode (a WEB_CONCURRENCY in the shell must not apply).
      WEB_CONCURRENCY: "1",
      ...options.env,
    },
    "pipe",
  );
  // One log line per request: under a benchmark's load the whole output would grow without bound.
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 8_000_000) output = output.slice(-4_000_000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited early:\n${output}`);
    try {
      // The health check, not a page: a page would be rendered and cached before the test seeds.
      await fetch(`${url}/api/health`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`the server did not listen within 60 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  return {
    url,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((resolve) => child.once("exit", resolve));
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
