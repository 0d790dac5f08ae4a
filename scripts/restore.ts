/**
 * `npm run restore <archive.tar.gz> [--replace]`: brings a fresh install (the embedded PostgreSQL of
 * DATA_DIR, or DATABASE_URL) to the state of a `npm run backup` archive: checks every file against the
 * manifest first and refuses a damaged archive, migrates the empty database, loads the rows, the photos
 * and DATA_DIR's files, then verifies the audit chain against the head the backup recorded. Refuses a
 * database that already holds data unless --replace. Stop the site (npm start) before restoring.
 */
import { parseEnv } from "../lib/env";
import { BackupError, restoreBackup } from "../lib/backup/backup";
import { verifyAuditChain } from "../lib/audit/verify";
import { PrismaClient } from "../lib/generated/prisma/client";
import { applyMigrations } from "../lib/migrations/runner";
import { ensureAppRole, grantAppPrivileges, roleOf, separateRoles } from "../lib/migrations/roles";
import { dataDirOf, loadRuntime, type Runtime } from "./lib/runtime-env";
import { failureMessage } from "./lib/start-error";
import { cliAdapter } from "../lib/db-pool";

let runtime: Runtime | undefined;

async function main(): Promise<void> {
  const archive = process.argv.slice(2).find((arg) => !arg.startsWith("--"));
  if (!archive)
    throw new BackupError("请指定备份文件：npm run restore <文件>", "name the archive: npm run restore <file>");
  // attach: false — restoring under a running site would mix its writes with the backup's.
  runtime = await loadRuntime({ command: "npm run restore", attach: false });
  const config = parseEnv(process.env);
  const ownerUrl = config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL;
  await applyMigrations(ownerUrl);
  const manifest = await restoreBackup({
    archive,
    ownerUrl,
    uploadDir: config.UPLOAD_DIR,
    dataDir: config.DATA_DIR,
    replace: process.argv.includes("--replace"),
  });
  if (separateRoles(ownerUrl, config.DATABASE_URL)) {
    await ensureAppRole(ownerUrl, config.DATABASE_URL, { resetPassword: runtime.embedded });
    await grantAppPrivileges(ownerUrl, roleOf(config.DATABASE_URL));
  }
  const db = new PrismaClient({ adapter: cliAdapter(config.DATABASE_URL) });
  try {
    const result = await verifyAuditChain(db);
    const head = manifest.auditHead;
    if (!result.ok || (head && (String(result.lastId) !== head.lastId || result.lastHash !== head.lastHash))) {
      throw new BackupError(
        "恢复后审计链校验未通过，请勿启用此数据库",
        "the audit chain does not verify after the restore; do not put this database in service",
      );
    }
    console.log(`恢复完成 / restored from ${archive} (made ${manifest.createdAt})`);
    console.log(`  审计链校验通过 / audit chain verified: ${result.count} events, head ${result.lastHash}`);
  } finally {
    await db.$disconnect();
  }
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
