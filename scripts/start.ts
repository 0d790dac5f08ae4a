/**
 * `npm start` / `npm run dev`: one command from a fresh clone to a running site.
 *
 * Without DATABASE_URL it runs an embedded PostgreSQL under ./.data (free port, generated passwords kept
 * in ./.data), applies migrations as the owner, seeds demo content once as the app's role, builds if
 * needed and starts the server (scripts/server.ts; `next dev` with --dev). With DATABASE_URL it uses that
 * server and never starts the embedded one (scripts/lib/runtime-env.ts). Ctrl-C stops everything cleanly.
 *
 * It holds the data directory (a second start is told who has it), refuses a port another program
 * listens on, and exits — saying why — when its server dies, however it dies. Every failure ends in
 * one Chinese + English sentence (scripts/lib/start-error.ts), never a stack trace.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { parseEnv } from "../lib/env";
import { ensureBuild, runNext, runServer } from "./lib/build";
import { lockHolder } from "./lib/data-dir-lock";
import { freePort, portIsFree } from "./lib/free-port";
import { prepareDatabase } from "./lib/prepare-database";
import { dataDirOf, loadRuntime, type Runtime } from "./lib/runtime-env";
import { StartError, failureMessage } from "./lib/start-error";

const dev = process.argv.includes("--dev");
const command = dev ? "npm run dev" : "npm start";
const log = (line: string) => console.log(`[cms] ${line}`);

let runtime: Runtime | undefined;
let child: ChildProcess | undefined;
let stopping = false;

const running = (process: ChildProcess | undefined): process is ChildProcess =>
  !!process && process.exitCode === null && process.signalCode === null;

async function shutdown(code: number, reason?: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (reason) console.error(`\n[cms] ${reason}\n`);
  if (running(child)) {
    const server = child;
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    const timer = setTimeout(() => server.kill("SIGKILL"), 20_000);
    await exited;
    clearTimeout(timer);
  }
  if (runtime?.server) log("正在停止内置 PostgreSQL / stopping the embedded PostgreSQL…");
  await runtime?.close();
  process.exit(code);
}

function exitReason(code: number | null, signal: NodeJS.Signals | null): string {
  return signal
    ? `服务进程被信号 ${signal} 终止（可能是内存不足或被手动结束），网站已停止；请查看上面的日志后重新运行 ${command} / the server was killed by ${signal} (out of memory, or ended by hand) and the site is down; check the log above and run ${command} again`
    : `服务进程意外退出（退出码 ${code}），网站已停止；请查看上面的日志后重新运行 ${command} / the server exited unexpectedly (exit code ${code}) and the site is down; check the log above and run ${command} again`;
}

/** Resolves once the server says it has bound its port (IPC), or rejects when it exits first. */
function listening(server: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    server.on("message", (message: unknown) => {
      if ((message as { type?: string } | null)?.type === "listening") resolve();
    });
    server.once("exit", () => reject(new Error("exited")));
  });
}

async function healthy(url: string, server: ChildProcess): Promise<boolean> {
  for (let attempt = 0; attempt < 240 && running(server); attempt++) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return true;
    } catch {
      // not answering yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  // Cheap refusals first, before a database is started or a build is run.
  const holder = lockHolder(dataDirOf());
  if (holder) {
    throw new StartError(
      `数据目录 ${dataDirOf()} 正被进程 ${holder.pid}（${holder.command}，自 ${holder.since} 起）使用；请先停止该进程（kill ${holder.pid}），或用另一个 DATA_DIR 启动`,
      `the data directory ${dataDirOf()} is in use by process ${holder.pid} (${holder.command}, since ${holder.since}); stop it first (kill ${holder.pid}) or start with another DATA_DIR`,
    );
  }
  const hostname = process.env.HOSTNAME ?? "0.0.0.0";
  const portGiven = process.env.PORT;
  let port: number;
  if (portGiven) {
    port = Number(portGiven);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) {
      throw new StartError(
        `PORT=${portGiven} 不是有效端口，请设置 1–65535 之间的数字`,
        `PORT=${portGiven} is not a valid port; set a number from 1 to 65535`,
      );
    }
    if (!(await portIsFree(port, hostname))) {
      throw new StartError(
        `端口 ${port} 已被其他程序占用，请停止该程序或设置另一个 PORT 后重试`,
        `port ${port} is already in use by another program; stop it or set another PORT and try again`,
      );
    }
  } else {
    port = await freePort(3000, hostname);
  }
  process.env.PORT = String(port);
  process.env.SITE_URL ??= `http://localhost:${port}`;

  runtime = await loadRuntime({ command, attach: false, log });
  Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });
  const config = parseEnv(process.env);

  const prepared = await prepareDatabase({
    databaseUrl: config.DATABASE_URL,
    migrationUrl: config.MIGRATION_DATABASE_URL,
    manageAppRole: runtime.embedded,
    dataDir: config.DATA_DIR,
    uploadDir: config.UPLOAD_DIR,
    // Demo content belongs on the embedded default; a real server gets it only when asked for.
    seed: runtime.embedded || process.env.SEED_DEMO === "1",
  });
  if (prepared.applied.length) log(`已应用迁移 / applied migrations: ${prepared.applied.join(", ")}`);

  if (!dev) await ensureBuild(process.env, log);
  if (stopping) return;

  // The app connects as its own role; the owner's URL stays with the migrations.
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  delete childEnv.MIGRATION_DATABASE_URL;
  const server = dev
    ? runNext(["dev", "-p", String(port), "-H", hostname], childEnv)
    : runServer(port, hostname, childEnv, "inherit", true);
  child = server;
  const bound = dev ? Promise.resolve() : listening(server);
  server.once("exit", (code, signal) => {
    if (!stopping) void shutdown(code === 0 ? 0 : 1, exitReason(code, signal));
  });

  try {
    await bound;
  } catch {
    return; // the exit handler above reports it
  }
  if (await healthy(`http://127.0.0.1:${port}`, server)) {
    log("");
    log(`网站已启动 / the site is up:  ${config.SITE_URL}/`);
    log(`管理后台 / admin:             ${config.SITE_URL}/admin`);
    if (prepared.adminLogin) {
      log(`管理员 / admin login:         ${prepared.adminLogin.username} / ${prepared.adminLogin.password}`);
      log(
        "  （首次登录后须修改密码，并用手机身份验证器设置双因素认证 / change it at first login, then enrol an authenticator app）",
      );
    }
    if (prepared.demoAccountsFile) log(`初始账号 / initial logins:     ${path.resolve(prepared.demoAccountsFile)}`);
    log("按 Ctrl-C 停止 / press Ctrl-C to stop");
  } else if (running(server)) {
    void shutdown(
      1,
      `服务已启动但健康检查 /api/health 未通过（数据库无法连接？），请查看上面的日志 / the server is up but /api/health does not pass (database unreachable?); check the log above`,
    );
  }
}

main().catch((error: unknown) => {
  void shutdown(1, failureMessage(error, dataDirOf()));
});
