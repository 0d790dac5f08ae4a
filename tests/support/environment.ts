import NodeEnvironment from "jest-environment-node";
import type { EnvironmentContext, JestEnvironmentConfig } from "@jest/environment";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { TEST_ENV, databaseUrl, roleUrl, uniqueDatabaseName } from "./test-server";

/**
 * Gives every integration and browser test file a database of its own, copied from the migrated
 * template, exposed as DATABASE_URL (the app's role, which owns nothing, as in production) and
 * MIGRATION_DATABASE_URL (the owner, for what only an owner may do); dropped when the file finishes.
 * Unit tests get none.
 */
export default class DatabaseEnvironment extends NodeEnvironment {
  private database?: string;
  private dataDir?: string;
  private readonly needsDatabase: boolean;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.needsDatabase = /[\\/]tests[\\/](integration|e2e)[\\/]/.test(context.testPath);
  }

  private adminUrl(): string {
    const url = process.env[TEST_ENV.adminUrl];
    if (!url) throw new Error("TEST_PG_ADMIN_URL is not set: run the tests through jest's global setup");
    return url;
  }

  async setup(): Promise<void> {
    await super.setup();
    const testEnv = this.global.process.env;
    testEnv.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
    // The audit chain's key, shared with the app servers a test starts (they inherit this environment).
    testEnv.AUDIT_HMAC_KEY ??= "test-audit-key-test-audit-key-0123456789";
    if (!this.needsDatabase) return;
    const template = process.env[TEST_ENV.templateDb];
    this.database = uniqueDatabaseName("cms_test");
    const client = new Client({ connectionString: this.adminUrl() });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${this.database}" TEMPLATE "${template}"`);
    } finally {
      await client.end();
    }
    const role = process.env[TEST_ENV.appRole];
    const password = process.env[TEST_ENV.appPassword];
    if (!role || !password) throw new Error("TEST_APP_ROLE is not set: run the tests through jest's global setup");
    testEnv.DATABASE_URL = roleUrl(this.adminUrl(), this.database, role, password);
    testEnv.MIGRATION_DATABASE_URL = databaseUrl(this.adminUrl(), this.database);
    // Files the app writes beside its database (the audit anchor, uploads) stay with this file's run.
    if (!testEnv.DATA_DIR) {
      this.dataDir = await mkdtemp(path.join(os.tmpdir(), "cms-test-data-"));
      testEnv.DATA_DIR = this.dataDir;
    }
  }

  async teardown(): Promise<void> {
    if (this.database) {
      const client = new Client({ connectionString: this.adminUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${this.database}" WITH (FORCE)`);
      await client.end();
    }
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
    await super.teardown();
  }
}
