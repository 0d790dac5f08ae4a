import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFile, chown, cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { applyMigrations } from "../../lib/migrations/runner";
import { ensureAppRole, grantAppPrivileges } from "../../lib/migrations/roles";
import { embeddedRuntime, startEmbeddedPostgres, type EmbeddedServer } from "../../scripts/lib/embedded-postgres";
import { freePort } from "../../scripts/lib/free-port";
import { roleUrl } from "./test-server";

/**
 * A PostgreSQL primary and a real streaming standby of it (hot_standby), from the embedded-postgres
 * package's binaries, for the read-replica test. The shared test server cannot be used: its pg_hba
 * may not allow replication connections, and a base backup of it would copy every other test's
 * database. So: a fresh primary, migrated, with the app's role; stopped cleanly and copied (a cold
 * copy is a valid base backup); the copy started as a standby (standby.signal + primary_conninfo)
 * streaming from the primary, which is started again. initdb's pg_hba allows replication from
 * 127.0.0.1 and wal_level is `replica` by default.
 */
export interface ReplicaPair {
  /** The app's role (owns nothing) on the primary, and on the standby. */
  primaryUrl: string;
  replicaUrl: string;
  /** The owner (superuser) on each, for what the test does behind the app's back. */
  primaryAdminUrl: string;
  replicaAdminUrl: string;
  stop(): Promise<void>;
}

const DATABASE = "cms_replica_test";

async function waitForConnection(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`standby exited with ${child.exitCode}: ${output().slice(-800)}`);
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client.on("error", () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`standby did not accept connections: ${output().slice(-800)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export async function startReplicaPair(): Promise<ReplicaPair> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "cms-replica-primary-"));
  const cleanups: (() => Promise<unknown>)[] = [() => rm(dataDir, { recursive: true, force: true })];
  try {
    return await start(dataDir, cleanups);
  } catch (error) {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    throw error;
  }
}

async function start(dataDir: string, cleanups: (() => Promise<unknown>)[]): Promise<ReplicaPair> {
  let primary: EmbeddedServer = await startEmbeddedPostgres({ dataDir, persistent: true });
  const clusterDir = primary.clusterDir;
  cleanups.push(async () => {
    await rm(clusterDir, { recursive: true, force: true });
    if (path.dirname(clusterDir) !== dataDir) await rm(path.dirname(clusterDir), { recursive: true, force: true });
  });
  cleanups.push(() => primary.stop());
  const admin = new Client({ connectionString: primary.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  const ownerUrl = primary.urlFor(DATABASE);
  await applyMigrations(ownerUrl);
  const appRole = "cms_replica_app";
  const appPassword = randomBytes(12).toString("hex");
  await ensureAppRole(ownerUrl, roleUrl(primary.adminUrl, DATABASE, appRole, appPassword));
  await grantAppPrivileges(ownerUrl, appRole);
  const primaryPort = Number(new URL(primary.adminUrl).port);
  const superPassword = decodeURIComponent(new URL(primary.adminUrl).password);

  // A clean shutdown, a copy of the cluster, the primary back on the same port.
  await primary.stop();
  const standbyDir = path.join(path.dirname(primary.clusterDir), `standby-${randomBytes(4).toString("hex")}`);
  await cp(primary.clusterDir, standbyDir, { recursive: true, verbatimSymlinks: true });
  const { binDir, user } = await embeddedRuntime();
  const owner = statSync(primary.clusterDir);
  await rm(path.join(standbyDir, "postmaster.pid"), { force: true });
  await writeFile(path.join(standbyDir, "standby.signal"), "");
  await appendFile(
    path.join(standbyDir, "postgresql.auto.conf"),
    `\nprimary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres password=${superPassword} application_name=cms_standby'\nhot_standby = on\n`,
  );
  if (user) await chownTree(standbyDir, owner.uid, owner.gid);
  primary = await startEmbeddedPostgres({ dataDir, persistent: true });
  if (Number(new URL(primary.adminUrl).port) !== primaryPort) throw new Error("the primary came back on another port");

  const standbyPort = await freePort(0);
  let output = "";
  const standby = spawn(
    path.join(binDir, "postgres"),
    [
      "-D",
      standbyDir,
      "-p",
      String(standbyPort),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
    ],
    { ...user, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_MESSAGES: "C" } },
  );
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  standby.stdout?.on("data", collect);
  standby.stderr?.on("data", collect);
  const kill = () => {
    if (standby.exitCode === null) standby.kill("SIGINT");
  };
  process.once("exit", kill);
  cleanups.push(async () => {
    kill();
    process.removeListener("exit", kill);
  });
  const replicaAdmin = (database: string) => {
    const url = new URL(primary.urlFor(database));
    url.port = String(standbyPort);
    return url.toString();
  };
  await waitForConnection(replicaAdmin("postgres"), standby, () => output);

  const withPort = (url: string, port: number) => {
    const parsed = new URL(url);
    parsed.port = String(port);
    return parsed.toString();
  };
  const primaryUrl = roleUrl(primary.adminUrl, DATABASE, appRole, appPassword);
  return {
    primaryUrl,
    replicaUrl: withPort(primaryUrl, standbyPort),
    primaryAdminUrl: primary.urlFor(DATABASE),
    replicaAdminUrl: replicaAdmin(DATABASE),
    async stop() {
      process.removeListener("exit", kill);
      if (standby.exitCode === null) {
        const exited = new Promise((resolve) => standby.once("exit", resolve));
        standby.kill("SIGINT");
        await exited;
      }
      await primary.stop();
      await rm(standbyDir, { recursive: true, force: true });
      await rm(primary.clusterDir, { recursive: true, force: true });
      if (path.dirname(primary.clusterDir) !== dataDir)
        await rm(path.dirname(primary.clusterDir), { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function chownTree(dir: string, uid: number, gid: number): Promise<void> {
  const { readdir } = await import("node:fs/promises");
  await chown(dir, uid, gid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(full, uid, gid);
    else await chown(full, uid, gid);
  }
}
