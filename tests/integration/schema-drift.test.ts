import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";
import { readCatalog, type Catalog } from "../support/catalog";
import { TEST_ENV, databaseUrl, uniqueDatabaseName } from "../support/test-server";

const run = promisify(execFile);
const SCHEMA = path.join(process.cwd(), "prisma", "schema.prisma");
const SNAPSHOT = path.join(process.cwd(), "prisma", "migrations", "schema-snapshot.prisma");

function adminUrl(): string {
  const url = process.env[TEST_ENV.adminUrl];
  if (!url) throw new Error("TEST_PG_ADMIN_URL is not set: run through jest's global setup");
  return url;
}

/** The SQL Prisma's engine would write to go from `from` to `to` (schema files or "empty"). */
async function schemaDiff(from: string, to: string): Promise<string> {
  const { stdout } = await run(process.execPath, ["scripts/schema-diff.mjs", from, to], {
    env: { ...process.env, DATABASE_URL: adminUrl() },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** Builds a database straight from a schema file (no migrations) and reads its catalog. */
async function catalogOfSchema(schemaFile: string): Promise<Catalog> {
  const name = uniqueDatabaseName("cms_drift");
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    const target = new Client({ connectionString: databaseUrl(adminUrl(), name) });
    await target.connect();
    await target.query(await schemaDiff("empty", schemaFile));
    await target.end();
    return await readCatalog(databaseUrl(adminUrl(), name));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

function migratedDatabase(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set by the test environment");
  return url;
}

describe("schema.prisma and prisma/migrations", () => {
  it("describe the same tables, columns, indexes, constraints and enums", async () => {
    const migrated = await readCatalog(migratedDatabase());
    expect(migrated.columns.length).toBeGreaterThan(50);
    expect(await catalogOfSchema(SCHEMA)).toEqual(migrated);
  });

  it("keep the snapshot the next migration is generated from up to date", async () => {
    expect(await readFile(SNAPSHOT, "utf8")).toBe(await readFile(SCHEMA, "utf8"));
    expect((await schemaDiff(SNAPSHOT, SCHEMA)).replace(/--[^\n]*/g, "").trim()).toBe("");
  });

  it("notices a column added to the schema without a migration", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "cms-drift-"));
    try {
      const changed = (await readFile(SCHEMA, "utf8")).replace(
        /model Column \{\n/,
        "model Column {\n  driftProbe String?\n",
      );
      const changedFile = path.join(dir, "schema.prisma");
      await writeFile(changedFile, changed);
      const drifted = await catalogOfSchema(changedFile);
      const migrated = await readCatalog(migratedDatabase());
      expect(drifted).not.toEqual(migrated);
      expect(drifted.columns.filter((line) => !migrated.columns.includes(line))).toEqual(["Column.driftProbe text"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
