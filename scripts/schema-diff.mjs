// The SQL that turns one Prisma schema into another, computed by Prisma's own schema engine compiled
// to WebAssembly (`@prisma/schema-engine-wasm`): the engine code `prisma migrate dev` runs natively,
// usable where the native engine cannot be downloaded. See docs/migrations.md.
//
// Plain ESM on purpose: the engine's glue is an ES module that jest cannot load, so tests and
// `npm run db:migration` both run this file in a child process.
//
//   node scripts/schema-diff.mjs <from> <to>     (each a schema file path, or "empty")
//
// The engine insists on a live PostgreSQL connection even for file-to-file diffs: DATABASE_URL (or
// TEST_DATABASE_URL). It only connects; it reads and writes nothing there.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);

async function loadEngine() {
  // The package's entry imports the .wasm file as an ES module, which Node 20 cannot do: wire the
  // generated glue to the instantiated module by hand, as its entry would.
  const glueFile = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue = await import(pathToFileURL(glueFile).href);
  const bytes = await readFile(path.join(path.dirname(glueFile), "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return glue.SchemaEngine;
}

function adapterFor(databaseUrl) {
  const { PrismaPg } = require("@prisma/adapter-pg");
  const { bindMigrationAwareSqlAdapterFactory } = require("@prisma/driver-adapter-utils");
  // Discrete fields, not a connection string: with a string, PrismaPg's shadow-database handling
  // targets the main database (see docs/migrations.md).
  const url = new URL(databaseUrl);
  return bindMigrationAwareSqlAdapterFactory(
    new PrismaPg({
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: decodeURIComponent(url.pathname.slice(1)) || "postgres",
    }),
  );
}

async function target(source) {
  if (source === "empty") return { tag: "empty" };
  return { tag: "schemaDatamodel", files: [{ path: source, content: await readFile(source, "utf8") }] };
}

/** SQL that migrates `from` to `to` (schema file paths or "empty"); "" when they agree. */
export async function schemaDiff(from, to, databaseUrl) {
  const SchemaEngine = await loadEngine();
  const datamodels = to === "empty" ? undefined : [[to, await readFile(to, "utf8")]];
  const engine = await SchemaEngine.new({ datamodels }, () => undefined, adapterFor(databaseUrl));
  const result = await engine.diff({
    from: await target(from),
    to: await target(to),
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const sql = result.stdout ?? "";
  // An empty diff comes back as a comment only.
  return /^\s*(--[^\n]*\n?\s*)*$/.test(sql) ? "" : sql;
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const [from, to] = process.argv.slice(2);
  const databaseUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!from || !to || !databaseUrl) {
    console.error("usage: DATABASE_URL=postgresql://… node scripts/schema-diff.mjs <from|empty> <to|empty>");
    process.exit(2);
  }
  schemaDiff(from, to, databaseUrl).then(
    (sql) => {
      process.stdout.write(sql);
      process.exit(0);
    },
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
