/**
 * `npm start` / `npm run dev`: one command from a fresh clone to a running site.
 *
 * Without DATABASE_URL it runs an embedded PostgreSQL under ./.data (free port, generated password kept
 * in ./.data), applies migrations, seeds demo content once, builds if needed and starts the server (scripts/server.ts; `next dev` with --dev). With
 * DATABASE_URL it uses that server and never starts the embedded one. Ctrl-C stops everything cleanly.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { ConfigError, parseEnv } from "../lib/env";
import { MigrationError } from "../lib/migrations/runner";
import { ensureBuild, runNext, runServer } from "./lib/build";
import { startEmbeddedPostgres, type EmbeddedServer } from "./lib/embedded-postgres";
import { freePort } from "./lib/free-port";
import { prepareDatabase } from "./lib/prepare-database";

const dev = process.argv.includes("--dev");
const log = (line: string) => console.log(`[cms] ${line}`);

async function authSecret(dataDir: string): Promise<string> {
  const file = path.resolve(dataDir, "auth-secret");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const secret = randomBytes(32).toString("base64url");
  await writeFile(file, secret, { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
}

async function waitForHealth(url: string, child: ChildProcess): Promise<boolean> {
  for (let attempt = 0; attempt < 240 && child.exitCode === null; attempt++) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

let embedded: EmbeddedServer | undefined;
let child: ChildProcess | undefined;
let stopping = false;

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (child && child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((resolve) => child?.once("exit", resolve));
  }
  if (embedded) {
    log("正在停止内置 PostgreSQL / stopping the embedded PostgreSQL…");
    await embedded.stop().catch(() => undefined);
  }
  process.exit(code);
}

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const dataDir = process.env.DATA_DIR ?? "./.data";
  await mkdir(dataDir, { recursive: true });

  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  const usingEmbedded = !process.env.DATABASE_URL;
  if (usingEmbedded) {
    log("未设置 DATABASE_URL,启动内置 PostgreSQL / no DATABASE_URL: starting the embedded PostgreSQL…");
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir), persistent: true });
    process.env.DATABASE_URL = embedded.urlFor("postgres");
  }
  process.env.AUTH_SECRET ??= await authSecret(dataDir);
  const portGiven = process.env.PORT;
  const port = portGiven ? Number(portGiven) : await freePort(3000);
  process.env.PORT = String(port);
  process.env.SITE_URL ??= `http://localhost:${port}`;
  Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });

  const config = parseEnv(process.env);

  const prepared = await prepareDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    uploadDir: config.UPLOAD_DIR,
    // Demo content belongs on the embedded default; a real server gets it only when asked for.
    seed: usingEmbedded || process.env.SEED_DEMO === "1",
  });
  if (prepared.applied.length) log(`已应用迁移 / applied migrations: ${prepared.applied.join(", ")}`);

  if (!dev) await ensureBuild(process.env, log);

  const hostname = process.env.HOSTNAME ?? "0.0.0.0";
  const childEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  child = dev ? runNext(["dev", "-p", String(port), "-H", hostname], childEnv) : runServer(port, hostname, childEnv);
  child.on("exit", (code) => void shutdown(code ?? 1));

  if (await waitForHealth(`http://127.0.0.1:${port}`, child)) {
    log("");
    log(`网站已启动 / the site is up:  ${config.SITE_URL}/`);
    log(`管理后台 / admin:             ${config.SITE_URL}/admin`);
    if (prepared.adminLogin) {
      log(`管理员 / admin login:         ${prepared.adminLogin.username} / ${prepared.adminLogin.password}`);
      log("  (首次登录后须修改密码 / must be changed at first login)");
    }
    if (prepared.demoAccountsFile) log(`初始账号 / initial logins:     ${path.resolve(prepared.demoAccountsFile)}`);
    log("按 Ctrl-C 停止 / press Ctrl-C to stop");
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof MigrationError) {
    console.error(`\n${error.message}\n`);
  } else {
    console.error(error);
  }
  void shutdown(1);
});
