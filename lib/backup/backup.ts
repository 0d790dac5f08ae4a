import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { promisify } from "node:util";
import { Client } from "pg";
import { readMigrations } from "@/lib/migrations/runner";

/**
 * `npm run backup` / `npm run restore` (#18): one archive holding a consistent dump of the database,
 * the uploaded photos and DATA_DIR's own files (session secret, initial logins, the audit anchor and
 * whatever else lives there), with a manifest of every file's sha-256 and the audit chain's head.
 *
 * The dump is written by this code, not pg_dump: the embedded server ships no pg_dump, and Debian's
 * client refuses servers newer than itself (the embedded one is 18, bookworm's client 15). Every
 * table is read in ONE `REPEATABLE READ READ ONLY` transaction — one snapshot, so the audit chain,
 * its head and the rows it describes agree — as `row_to_json` text, one row a line, never parsed in
 * JavaScript (bigints and timestamps stay exact). Restore loads the rows into a freshly migrated
 * database of the same migrations with `json_populate_recordset`, triggers and foreign keys off for
 * the load (`session_replication_role = replica`, which needs a superuser — the embedded server's
 * owner is one; see docs/operations.md for a server PostgreSQL), then resets the sequences.
 *
 * The archive is a gzip'd tar made by the system's `tar` (present on every Debian, and in the Docker
 * image), so an operator can inspect it with the usual tools.
 */

const run = promisify(execFile);
export const BACKUP_FORMAT = "xuanchuan-cms-backup/1";

/** DATA_DIR entries that are not backed up: the live cluster, locks, logs, regenerable output, uploads (apart). */
const DATA_DIR_SKIP = new Set(["pg", "logs", "static", "uploads", "cms.lock", "embedded-postgres.json", "backups"]);

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  migrations: string[];
  tables: Record<string, number>;
  sequences: { name: string; table: string; value: string; called: boolean }[];
  auditHead: { lastId: string; lastHash: string; count: string } | null;
  /** Every file in the archive but the manifest, by path: its sha-256. */
  files: Record<string, string>;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function walk(dir: string, base = dir): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(full, base)));
    else if (entry.isFile() && !entry.name.includes(".partial-")) files.push(path.relative(base, full));
  }
  return files;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** The database part, into `<stage>/database/`; returns what the manifest records of it. */
async function dumpDatabase(
  ownerUrl: string,
  stage: string,
): Promise<Pick<Manifest, "tables" | "sequences" | "auditHead" | "migrations">> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  const dir = path.join(stage, "database");
  await mkdir(dir, { recursive: true });
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows: tables } = await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      const out = createWriteStream(path.join(dir, `${name}.jsonl`));
      await client.query(`DECLARE dump NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS line FROM ${quote(name)} t`);
      let count = 0;
      for (;;) {
        const { rows } = await client.query<{ line: string }>("FETCH 2000 FROM dump");
        for (const row of rows) if (!out.write(`${row.line}\n`)) await once(out, "drain");
        count += rows.length;
        if (rows.length < 2000) break;
      }
      await client.query("CLOSE dump");
      out.end();
      await once(out, "finish");
      counts[name] = count;
    }
    const { rows: sequenceRows } = await client.query<{ name: string; table: string }>(
      `SELECT s.relname AS name, t.relname AS "table"
         FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace
         JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
         JOIN pg_class t ON t.oid = d.refobjid
        WHERE s.relkind = 'S' AND n.nspname = 'public' ORDER BY s.relname`,
    );
    const sequences: Manifest["sequences"] = [];
    for (const sequence of sequenceRows) {
      const { rows } = await client.query<{ value: string; called: boolean }>(
        `SELECT last_value::text AS value, is_called AS called FROM ${quote(sequence.name)}`,
      );
      sequences.push({ ...sequence, value: rows[0]?.value ?? "1", called: rows[0]?.called ?? false });
    }
    const { rows: head } = tables.some((table) => table.name === "AuditChainHead")
      ? await client.query<{ lastId: string; lastHash: string; count: string }>(
          `SELECT "lastId"::text AS "lastId", "lastHash", "count"::text AS "count" FROM "AuditChainHead" WHERE id = 1`,
        )
      : { rows: [] };
    const { rows: migrations } = await client.query<{ name: string }>(
      `SELECT migration_name AS name FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL ORDER BY migration_name`,
    );
    await client.query("COMMIT");
    return { tables: counts, sequences, auditHead: head[0] ?? null, migrations: migrations.map((row) => row.name) };
  } finally {
    await client.end();
  }
}

export interface BackupOptions {
  ownerUrl: string;
  uploadDir: string;
  dataDir: string;
  /** The archive to write (`.tar.gz`). */
  out: string;
}

export async function createBackup(options: BackupOptions): Promise<{ file: string; manifest: Manifest }> {
  const stage = await mkdtemp(path.join(os.tmpdir(), "cms-backup-"));
  try {
    const database = await dumpDatabase(options.ownerUrl, stage);
    if (existsSync(options.uploadDir))
      await cp(options.uploadDir, path.join(stage, "uploads"), {
        recursive: true,
        filter: (source) => !source.includes(".partial-"),
      });
    await mkdir(path.join(stage, "data"), { recursive: true });
    for (const entry of await readdir(options.dataDir).catch(() => [] as string[])) {
      if (DATA_DIR_SKIP.has(entry) || path.resolve(options.dataDir, entry) === path.resolve(options.uploadDir))
        continue;
      if (path.resolve(options.dataDir, entry) === path.resolve(options.out)) continue;
      await cp(path.join(options.dataDir, entry), path.join(stage, "data", entry), { recursive: true });
    }
    const files: Record<string, string> = {};
    for (const file of (await walk(stage)).sort()) files[file] = await sha256Of(path.join(stage, file));
    const manifest: Manifest = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), ...database, files };
    await writeFile(path.join(stage, "manifest.json"), JSON.stringify(manifest, null, 2));
    await mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
    const partial = `${path.resolve(options.out)}.partial-${process.pid}`;
    await run("tar", [
      "-czf",
      partial,
      "-C",
      stage,
      "manifest.json",
      "database",
      "data",
      ...(existsSync(path.join(stage, "uploads")) ? ["uploads"] : []),
    ]);
    await rename(partial, path.resolve(options.out));
    return { file: path.resolve(options.out), manifest };
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

export class BackupError extends Error {
  constructor(chinese: string, english: string) {
    super(`${chinese} / ${english}`);
    this.name = "BackupError"; // printed as it is by the CLIs (scripts/lib/start-error.ts)
  }
}

/** Unpacks and checks an archive; throws a BackupError unless every file matches the manifest. */
export async function openBackup(
  archive: string,
): Promise<{ dir: string; manifest: Manifest; dispose(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "cms-restore-"));
  const dispose = () => rm(dir, { recursive: true, force: true });
  const damaged = (why: string) =>
    new BackupError(
      `备份文件 ${archive} 已损坏或不完整（${why}），拒绝恢复；请换用另一份备份`,
      `the backup ${archive} is damaged or incomplete (${why}); refusing to restore it — use another backup`,
    );
  try {
    if (!existsSync(archive))
      throw new BackupError(`备份文件 ${archive} 不存在`, `the backup ${archive} does not exist`);
    try {
      await run("tar", ["-xzf", path.resolve(archive), "-C", dir, "--no-same-owner"]);
    } catch (error) {
      throw damaged(
        String((error as { stderr?: string }).stderr ?? error)
          .trim()
          .split("\n")[0] ?? "tar",
      );
    }
    let manifest: Manifest;
    try {
      manifest = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8")) as Manifest;
    } catch {
      throw damaged("manifest.json");
    }
    if (manifest.format !== BACKUP_FORMAT) throw damaged(`format ${String(manifest.format)}`);
    const present = new Set((await walk(dir)).filter((file) => file !== "manifest.json"));
    for (const [file, hash] of Object.entries(manifest.files)) {
      if (!present.delete(file)) throw damaged(`missing ${file}`);
      if ((await sha256Of(path.join(dir, file))) !== hash) throw damaged(`sha-256 of ${file}`);
    }
    if (present.size) throw damaged(`unexpected ${[...present][0]}`);
    return { dir, manifest, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

export interface RestoreOptions {
  archive: string;
  /** The owner (a superuser: see above) of a database migrated with the archive's migrations. */
  ownerUrl: string;
  uploadDir: string;
  dataDir: string;
  /** Replace a database that already holds data (default: refuse). */
  replace?: boolean;
}

export async function restoreBackup(options: RestoreOptions): Promise<Manifest> {
  const { dir, manifest, dispose } = await openBackup(options.archive);
  try {
    const known = (await readMigrations()).map((migration) => migration.name);
    if (known.join("\n") !== manifest.migrations.join("\n")) {
      throw new BackupError(
        `备份来自另一版本的程序（迁移 ${manifest.migrations.length} 个，本程序 ${known.length} 个）；请用与备份相同的版本恢复，再升级`,
        `the backup was made by another version (${manifest.migrations.length} migrations, this code has ${known.length}); restore with the version that made it, then upgrade`,
      );
    }
    const client = new Client({ connectionString: options.ownerUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ users: string }>(`SELECT count(*)::text AS users FROM "User"`);
      if (Number(rows[0]?.users) > 0 && !options.replace) {
        throw new BackupError(
          "目标数据库已有数据，拒绝覆盖；请对全新安装恢复，或加 --replace 替换现有数据",
          "the target database already holds data; restore into a fresh install, or pass --replace to overwrite it",
        );
      }
      await client.query("BEGIN");
      // Triggers (append-only audit, search documents, chain head) and foreign keys are off for the load:
      // the rows are restored exactly as they were, head included, and checked below.
      await client.query("SET LOCAL session_replication_role = replica");
      const tables = Object.keys(manifest.tables).filter((table) => table !== "_prisma_migrations");
      if (tables.length) await client.query(`TRUNCATE ${tables.map(quote).join(", ")}`);
      for (const table of tables) {
        const lines = (await readFile(path.join(dir, "database", `${table}.jsonl`), "utf8"))
          .split("\n")
          .filter(Boolean);
        for (let start = 0; start < lines.length; start += 500) {
          const batch = `[${lines.slice(start, start + 500).join(",")}]`;
          await client.query(
            `INSERT INTO ${quote(table)} SELECT * FROM json_populate_recordset(NULL::${quote(table)}, $1::json)`,
            [batch],
          );
        }
        const { rows: count } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${quote(table)}`);
        if (Number(count[0]?.n) !== manifest.tables[table])
          throw new Error(`${table}: ${count[0]?.n} rows restored, ${manifest.tables[table]} expected`);
      }
      for (const sequence of manifest.sequences) {
        await client.query("SELECT setval($1::regclass, $2::bigint, $3)", [
          quote(sequence.name),
          sequence.value,
          sequence.called,
        ]);
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      await client.end();
    }
    if (existsSync(path.join(dir, "uploads"))) {
      await mkdir(options.uploadDir, { recursive: true });
      await cp(path.join(dir, "uploads"), options.uploadDir, { recursive: true });
    }
    await mkdir(options.dataDir, { recursive: true });
    for (const entry of await readdir(path.join(dir, "data"))) {
      await cp(path.join(dir, "data", entry), path.join(options.dataDir, entry), { recursive: true });
    }
    // Secrets come back with the owner-only mode they left with (tar keeps modes; be explicit).
    for (const file of await walk(path.join(dir, "data"))) {
      const target = path.join(options.dataDir, file);
      if ((await stat(target)).isFile()) await chmod(target, 0o600);
    }
    return manifest;
  } finally {
    await dispose();
  }
}
