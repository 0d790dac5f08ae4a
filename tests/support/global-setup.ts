import os from "node:os";
import path from "node:path";
import { rm } from "node:fs/promises";
import { Client } from "pg";
import { randomBytes } from "node:crypto";
import { applyMigrations } from "../../lib/migrations/runner";
import { ensureAppRole, grantAppPrivileges } from "../../lib/migrations/roles";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../scripts/lib/embedded-postgres";
import { TEST_ENV, databaseUrl, roleUrl, uniqueDatabaseName } from "./test-server";

declare global {
  var __testPostgres:
    { server?: EmbeddedServer; dataDir?: string; adminUrl: string; template: string; appRole: string } | undefined;
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
  // The app's role as production has it (owns nothing); roles are server-wide, so one per run.
  const appRole = uniqueDatabaseName("cms_test_app");
  const appPassword = randomBytes(18).toString("base64url");
  await ensureAppRole(databaseUrl(adminUrl, template), roleUrl(adminUrl, template, appRole, appPassword));
  await grantAppPrivileges(databaseUrl(adminUrl, template), appRole);

  process.env[TEST_ENV.adminUrl] = adminUrl;
  process.env[TEST_ENV.templateDb] = template;
  process.env[TEST_ENV.appRole] = appRole;
  process.env[TEST_ENV.appPassword] = appPassword;
  globalThis.__testPostgres = { server, dataDir, adminUrl, template, appRole };
}

export async function stopTestPostgres(): Promise<void> {
  const state = globalThis.__testPostgres;
  if (!state) return;
  const client = new Client({ connectionString: state.adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${state.template}" WITH (FORCE)`);
  // Fails only while a test database that still holds its grants is left over; it goes with the server.
  await client.query(`DROP ROLE IF EXISTS "${state.appRole}"`).catch(() => undefined);
  await client.end();
  if (state.server) await state.server.stop();
  if (state.dataDir) await rm(state.dataDir, { recursive: true, force: true });
}
