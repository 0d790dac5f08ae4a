/**
 * `npm run backup [archive.tar.gz]`: one archive with a consistent dump of the database, the uploaded
 * photos and DATA_DIR's own files, with a manifest of sha-256 hashes and the audit chain head
 * (lib/backup/backup.ts). Default file: <DATA_DIR>/backups/cms-<UTC time>.tar.gz. Works on the embedded
 * PostgreSQL (while `npm start` runs or not) and on DATABASE_URL; see docs/operations.md for cron.
 */
import path from "node:path";
import { parseEnv } from "../lib/env";
import { createBackup } from "../lib/backup/backup";
import { dataDirOf, loadRuntime, type Runtime } from "./lib/runtime-env";
import { failureMessage } from "./lib/start-error";

let runtime: Runtime | undefined;

async function main(): Promise<void> {
  runtime = await loadRuntime({ command: "npm run backup", attach: true });
  const config = parseEnv(process.env);
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "Z");
  const out = path.resolve(process.argv[2] ?? path.join(config.DATA_DIR, "backups", `cms-${stamp}.tar.gz`));
  const started = Date.now();
  const { file, manifest } = await createBackup({
    ownerUrl: config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL,
    uploadDir: config.UPLOAD_DIR,
    dataDir: config.DATA_DIR,
    out,
  });
  const rows = Object.values(manifest.tables).reduce((sum, count) => sum + count, 0);
  console.log(`备份完成 / backup written: ${file}`);
  console.log(
    `  ${rows} rows in ${Object.keys(manifest.tables).length} tables, ${Object.keys(manifest.files).length} files, ${Date.now() - started} ms`,
  );
  if (manifest.auditHead)
    console.log(
      `  审计链头 / audit chain head: #${manifest.auditHead.lastId} ${manifest.auditHead.lastHash} (${manifest.auditHead.count} events)`,
    );
}

main().then(
  async () => {
    await runtime?.close();
    process.exit(0);
  },
  async (error: unknown) => {
    console.error(failureMessage(error, dataDirOf()));
    await runtime?.close();
    process.exit(1);
  },
);
