import os from "node:os";
import path from "node:path";
import { rm } from "node:fs/promises";
import { Client } from "pg";
import { applyMigrations } from "../../lib/migrations/runner";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../scripts/lib/embedded-postgres";
import { TEST_ENV, databaseUrl, uniqueDatabaseName } from "./test-server";

declare global {
  var __testPostgres: { server?: EmbeddedServer; dataDir?: string; adminUrl: string; template: string } | undefined;
}

/**
 * Starts (or connects to) PostgreSQL once per run and migrates a template database; every integration
 * test file then gets a fresh copy of it (CREATE DATABASE … TEMPLATE), which takes milliseconds.
 */
export default async function globalSetup(): Promise<void> {
  let server: EmbeddedServer | undefined;
  let dataDir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    adminUrl = databaseUrl(adminUrl, "postgres");
  } else {
    dataDir = path.join(os.tmpdir(), uniqueDatabaseName("cms-test-pg"));
    server = await startEmbeddedPostgres({ dataDir, persistent: false });
    adminUrl = server.adminUrl;
  }

  const template = uniqueDatabaseName("cms_test_template");
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE "${template}"`);
  await client.end();
  await applyMigrations(databaseUrl(adminUrl, template));

  process.env[TEST_ENV.adminUrl] = adminUrl;
  process.env[TEST_ENV.templateDb] = template;
  globalThis.__testPostgres = { server, dataDir, adminUrl, template };
}

export async function stopTestPostgres(): Promise<void> {
  const state = globalThis.__testPostgres;
  if (!state) return;
  const client = new Client({ connectionString: state.adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${state.template}" WITH (FORCE)`);
  await client.end();
  if (state.server) await state.server.stop();
  if (state.dataDir) await rm(state.dataDir, { recursive: true, force: true });
}
