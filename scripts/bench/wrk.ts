/**
 * wrk (apt: wrk) for the HTTP benchmarks that a Node load generator cannot drive: autocannon in one
 * process tops out around 15 k req/s on this kind of machine, below what nginx and the fast path
 * answer. `wrk -t2 -c50 --latency` runs in its own process, in C.
 */
import { spawn, spawnSync } from "node:child_process";

export interface WrkResult {
  name: string;
  requestsPerSecond: number;
  /** Latency percentiles in ms. */
  p50: number;
  p99: number;
  /**
   * Answers above 399 (what wrk counts as "Non-2xx or 3xx"), or, with a script that reports them
   * ("not 200: N", scripts/bench/search-http.ts), every answer that is not a 200; plus socket errors.
   */
  failures: number;
}

export function wrkBinary(): string | null {
  const found = spawnSync("sh", ["-c", "command -v wrk"], { encoding: "utf8" });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : null;
}

function milliseconds(value: string, unit: string): number {
  const number = Number(value);
  return unit === "us" ? number / 1000 : unit === "s" ? number * 1000 : unit === "m" ? number * 60_000 : number;
}

/** Parses wrk's report (with --latency). */
export function parseWrk(name: string, output: string): WrkResult {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  if (!rps?.[1]) throw new Error(`wrk: no result for ${name}:\n${output}`);
  const percentile = (p: string) => {
    const match = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, "m").exec(output);
    return match?.[1] && match[2] ? milliseconds(match[1], match[2]) : NaN;
  };
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const not200 = /^not 200: (\d+)$/m.exec(output);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = socket ? socket.slice(1).reduce((sum, value) => sum + Number(value), 0) : 0;
  return {
    name,
    requestsPerSecond: Number(rps[1]),
    p50: percentile("50"),
    p99: percentile("99"),
    failures: (not200 ? Number(not200[1]) : non2xx) + socketErrors,
  };
}

export interface WrkOptions {
  seconds: number;
  connections?: number;
  quiet?: boolean;
  /** A Lua script (e.g. one that sends a different path per request) and its arguments. */
  script?: string;
  scriptArgs?: readonly string[];
  /** A request slower than this counts as a socket timeout (wrk's default: 2 s). */
  timeoutSeconds?: number;
}

export const WRK_THREADS = 2;

/** One `wrk -t2 -c<connections> -d<seconds>s --latency` run with `Accept-Encoding: gzip`, as browsers send. */
export function runWrk(binary: string, name: string, url: string, options: WrkOptions): Promise<WrkResult> {
  const args = [
    `-t${WRK_THREADS}`,
    `-c${options.connections ?? 50}`,
    `-d${options.seconds}s`,
    "--latency",
    "-H",
    "Accept-Encoding: gzip",
    ...(options.timeoutSeconds ? ["--timeout", `${options.timeoutSeconds}s`] : []),
    ...(options.script ? ["-s", options.script] : []),
    url,
    ...(options.scriptArgs?.length ? ["--", ...options.scriptArgs] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`wrk exited with ${code}:\n${output}`));
      try {
        const result = parseWrk(name, output);
        if (!options.quiet) {
          console.log(
            `${name}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms${result.failures ? `, ${result.failures} failed` : ""}`,
          );
        }
        resolve(result);
      } catch (error) {
        reject(error);
      }
    });
  });
}
