/**
 * `npm run media:sweep [--dry-run] [--grace-hours=N]`: removes photo files that no Media row refers to
 * and unfinished writes (lib/media/sweep.ts), on local disk or S3, whichever the app uses. Files younger
 * than the grace period (default 6 h) are kept: they may belong to an upload still in progress. Safe to
 * run from cron while the site runs (docs/operations.md).
 */
import { parseEnv } from "../lib/env";
import { PrismaClient } from "../lib/generated/prisma/client";
import { storageFromEnv } from "../lib/media/storage";
import { DEFAULT_SWEEP_GRACE_MS, sweepOrphanMedia } from "../lib/media/sweep";
import { dataDirOf, loadRuntime, type Runtime } from "./lib/runtime-env";
import { failureMessage } from "./lib/start-error";
import { cliAdapter } from "../lib/db-pool";

let runtime: Runtime | undefined;

async function main(): Promise<void> {
  runtime = await loadRuntime({ command: "npm run media:sweep", attach: true });
  const config = parseEnv(process.env);
  const dryRun = process.argv.includes("--dry-run");
  const hours = process.argv.find((arg) => arg.startsWith("--grace-hours="))?.split("=")[1];
  const graceMs = hours === undefined ? DEFAULT_SWEEP_GRACE_MS : Number(hours) * 3600_000;
  if (!Number.isFinite(graceMs) || graceMs < 0) throw new Error(`--grace-hours=${hours} is not a number of hours`);
  const db = new PrismaClient({ adapter: cliAdapter(config.DATABASE_URL) });
  try {
    const result = await sweepOrphanMedia(db, storageFromEnv(config), { graceMs, dryRun });
    for (const key of result.removed) console.log(`${dryRun ? "将删除 / would remove" : "已删除 / removed"}: ${key}`);
    console.log(
      `孤立文件 / orphans: ${result.removed.length}, 未完成的写入 / abandoned writes: ${result.abandonedWrites}, 保留 / kept: ${result.kept}`,
    );
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
