/**
 * The HTTP benchmarks' reference server and process helpers, in one place (bench:http,
 * bench:search-http): nginx from Debian (apt: nginx) in the foreground with a throwaway
 * configuration, on a free loopback port.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { freePort } from "../lib/free-port";

export function nginxBinary(): string | null {
  const found = spawnSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : null;
}

export async function waitForHttp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: server exited early\n${output()}`);
    try {
      await fetch(url);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url}: server did not listen within 15 s\n${output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Stops a child and waits for it (nginx: SIGQUIT, its graceful stop). */
export async function stop(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  await exited;
}

/** nginx in the foreground with a throwaway config serving `root` on a free loopback port. */
export async function startNginx(
  binary: string,
  root: string,
  workDir: string,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const conf = path.join(workDir, "nginx.conf");
  const temp = (name: string) => `${name} ${path.join(workDir, name)};`;
  await writeFile(
    conf,
    [
      "daemon off;",
      "worker_processes auto;",
      `pid ${path.join(workDir, "nginx.pid")};`,
      `error_log ${path.join(workDir, "error.log")} warn;`,
      "events { worker_connections 1024; }",
      "http {",
      "  access_log off;",
      "  sendfile on;",
      "  tcp_nopush on;",
      "  keepalive_requests 100000;",
      // The .gz beside a file is sent as is to clients that accept gzip (the wrk baseline).
      "  gzip_static on;",
      "  types { text/html html; text/css css; application/javascript js; }",
      `  ${temp("client_body_temp_path")} ${temp("proxy_temp_path")} ${temp("fastcgi_temp_path")} ${temp("uwsgi_temp_path")} ${temp("scgi_temp_path")}`,
      `  server { listen 127.0.0.1:${port}; root ${root}; }`,
      "}",
      "",
    ].join("\n"),
  );
  let output = "";
  const child = spawn(binary, ["-p", workDir, "-c", conf], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(url, child, () => output);
  return { url, child };
}
