import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { Client } from "pg";
import { lockDataDir, lockHolder, type DataDirLock } from "./data-dir-lock";
import { startEmbeddedPostgres, type EmbeddedServer } from "./embedded-postgres";
import { StartError } from "./start-error";

/**
 * The one way every CLI (`npm start`, db:migrate, db:seed, publish:static, verify:static, backup,
 * restore, the benchmarks) finds its configuration: `.env`, then DATA_DIR (default ./.data) for what
 * `npm start` generated there — the session secret and, without DATABASE_URL, the embedded PostgreSQL.
 *
 * Without DATABASE_URL the embedded server is used: attached to when the `npm start` holding the data
 * directory runs it, otherwise started here (holding the data directory's lock) and stopped by
 * `close()`. Either way the process gets DATABASE_URL (the app's role, which owns nothing) and
 * MIGRATION_DATABASE_URL (the owner, for migrations) — see lib/migrations/roles.ts.
 */
export interface Runtime {
  dataDir: string;
  /** The embedded server was used (demo content belongs there). */
  embedded: boolean;
  /** The embedded server was started by this process. */
  server?: EmbeddedServer;
  close(): Promise<void>;
}

export const APP_ROLE = "cms_app";

interface SavedServer {
  port: number;
  password: string;
  appPassword?: string;
}

export function dataDirOf(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.DATA_DIR ?? "./.data");
}

/** `<dataDir>/auth-secret`, generated on first use (mode 0600), unless AUTH_SECRET is set. */
export async function authSecretIn(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const secret = randomBytes(32).toString("base64url");
  await writeFile(file, secret, { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
}

function embeddedUrls(port: number, password: string, appPassword: string) {
  const at = `@127.0.0.1:${port}/postgres`;
  return {
    owner: `postgresql://postgres:${encodeURIComponent(password)}${at}`,
    app: `postgresql://${APP_ROLE}:${encodeURIComponent(appPassword)}${at}`,
  };
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function loadRuntime(options: {
  /** Who holds the lock, as the second starter is told ("npm start", "npm run backup"…). */
  command: string;
  /** Use the server of the `npm start` already running on this data directory (CLIs); `npm start` itself may not. */
  attach: boolean;
  /** false: only `.env` and the secrets (e.g. verify:static reads files, not the database). */
  database?: boolean;
  log?: (line: string) => void;
}): Promise<Runtime> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const dataDir = dataDirOf();
  process.env.DATA_DIR = dataDir;
  await mkdir(dataDir, { recursive: true });

  let lock: DataDirLock | undefined;
  let server: EmbeddedServer | undefined;
  const embedded = !process.env.DATABASE_URL;
  if (embedded && options.database !== false) {
    const holder = lockHolder(dataDir);
    const savedFile = path.join(dataDir, "embedded-postgres.json");
    if (holder && options.attach && existsSync(savedFile)) {
      const saved = JSON.parse(readFileSync(savedFile, "utf8")) as SavedServer;
      const urls = embeddedUrls(saved.port, saved.password, saved.appPassword ?? "");
      if (!saved.appPassword || !(await answers(urls.owner))) {
        throw new StartError(
          `数据目录 ${dataDir} 由进程 ${holder.pid}（${holder.command}）使用，但其内置数据库没有响应；请等它启动完成或停止它后重试`,
          `the data directory ${dataDir} is held by process ${holder.pid} (${holder.command}) but its embedded database does not answer; wait for it to finish starting, or stop it, and try again`,
        );
      }
      process.env.MIGRATION_DATABASE_URL = urls.owner;
      process.env.DATABASE_URL = urls.app;
    } else {
      lock = lockDataDir(dataDir, options.command);
      try {
        options.log?.("未设置 DATABASE_URL，启动内置 PostgreSQL / no DATABASE_URL: starting the embedded PostgreSQL…");
        server = await startEmbeddedPostgres({ dataDir, persistent: true, log: options.log });
      } catch (error) {
        lock.release();
        throw error;
      }
      const urls = embeddedUrls(
        Number(new URL(server.adminUrl).port),
        decodeURIComponent(new URL(server.adminUrl).password),
        server.appPassword,
      );
      process.env.MIGRATION_DATABASE_URL = urls.owner;
      process.env.DATABASE_URL = urls.app;
    }
  }
  process.env.AUTH_SECRET ??= await authSecretIn(dataDir);

  let closed = false;
  return {
    dataDir,
    embedded,
    server,
    async close() {
      if (closed) return;
      closed = true;
      await server?.stop().catch(() => undefined);
      lock?.release();
    },
  };
}
