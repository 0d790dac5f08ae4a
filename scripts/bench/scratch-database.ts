import os from "node:os";
import path from "node:path";
import { rm } from "node:fs/promises";
import { Client } from "pg";
import { applyMigrations } from "../../lib/migrations/runner";
import { databaseUrl as withDatabase, uniqueDatabaseName } from "../../tests/support/test-server";
import { startEmbeddedPostgres, type EmbeddedServer } from "../lib/embedded-postgres";
import { loadRuntime } from "../lib/runtime-env";

/**
 * A migrated, empty database for a benchmark, dropped afterwards. Uses the server of
 * TEST_DATABASE_URL or DATABASE_URL (only a scratch database is created there, never touched
 * otherwise), or an embedded PostgreSQL in a temporary directory when neither is set.
 */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function scratchDatabase(prefix: string): Promise<ScratchDatabase> {
  // `.env` and DATA_DIR's secrets as every CLI reads them; the operator's own database is never used.
  await loadRuntime({ command: `bench ${prefix}`, attach: true, database: false });
  let server: EmbeddedServer | undefined;
  let dataDir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (adminUrl) {
    adminUrl = withDatabase(adminUrl, "postgres");
  } else {
    dataDir = path.join(os.tmpdir(), uniqueDatabaseName(`${prefix}-pg`));
    server = await startEmbeddedPostgres({ dataDir, persistent: false });
    adminUrl = server.adminUrl;
  }
  const name = uniqueDatabaseName(prefix);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  await applyMigrations(url);
  return {
    url,
    async drop() {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
      if (server) await server.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
