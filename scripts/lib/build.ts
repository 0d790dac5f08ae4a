import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Inputs of `next build`; a change to any of them makes the last build stale. */
const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.ts",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

export function buildIsCurrent(root = process.cwd()): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const builtAt = statSync(buildId).mtimeMs;
  return BUILD_INPUTS.every((input) => newestMtime(path.join(root, input)) <= builtAt);
}

export function runNext(args: string[], env: NodeJS.ProcessEnv, stdio: "inherit" | "pipe" = "inherit") {
  return spawn(process.execPath, [require.resolve("next/dist/bin/next"), ...args], { env, stdio });
}

/**
 * The production server (scripts/server.ts) on `port`; needs a current build. With `ipc` the server
 * reports `{ type: "listening" }` once its port is bound, so the caller knows it is this server that
 * answers there and not some other process.
 */
export function runServer(
  port: number,
  hostname: string,
  env: NodeJS.ProcessEnv,
  stdio: "inherit" | "pipe" = "inherit",
  ipc = false,
) {
  const server = path.join(__dirname, "..", "server.ts");
  return spawn(process.execPath, ["--import", "tsx", server], {
    env: { ...env, NODE_ENV: "production", PORT: String(port), HOSTNAME: hostname },
    stdio: ipc ? [stdio, stdio, stdio, "ipc"] : stdio,
  });
}

/** Runs `next build` unless the existing build is newer than every input. */
export async function ensureBuild(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  if (buildIsCurrent()) return;
  log("正在构建（首次约需 1–2 分钟）/ Building the app (1–2 minutes the first time)…");
  const child = runNext(["build"], { ...env, NEXT_TELEMETRY_DISABLED: "1" });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`next build failed (exit code ${code})`);
}
