/**
 * `npm run import -- <source> --as=<editor> [--format=wxr|html|feed] [--column=<slug>]
 *  [--photos=<folder>] [--base-url=<old site>] [--selectors=<file.json>]`: the dry run of a
 * 历史稿件导入 (docs/import.md). <source> is a WordPress export, an RSS/Atom file, or a folder (a
 * `wget --mirror` copy, or an export with its uploads). The batch is prepared in this process (the
 * job), photos go through the photo pipeline, and the report lists each item and each failure;
 * nothing goes live until a 终审 of the target columns approves the batch at /admin/import/<id>, after
 * which the app's job runner publishes it. Running it again updates the articles imported before.
 *
 * Finds the database and the secrets like the other CLIs (DATABASE_URL, or the embedded PostgreSQL
 * under DATA_DIR, attached to while `npm start` runs).
 */
import path from "node:path";
import { readFile } from "node:fs/promises";
import { parseEnv } from "../lib/env";
import { PrismaClient } from "../lib/generated/prisma/client";
import { createImportBatch } from "../lib/import/commands";
import { importText } from "../lib/import/messages";
import { detectFormat, prepareBatch } from "../lib/import/prepare";
import { importFormatSchema, importOptionsSchema, preparedItemSchema } from "../lib/import/schemas";
import { readSourceFiles } from "../lib/import/source";
import { storageFromEnv } from "../lib/media/storage";
import { dataDirOf, loadRuntime, type Runtime } from "./lib/runtime-env";
import { failureMessage } from "./lib/start-error";
import { cliAdapter } from "../lib/db-pool";

let runtime: Runtime | undefined;

function flag(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

const USAGE =
  "用法 / usage: npm run import -- <文件或文件夹> --as=<编辑用户名> [--format=wxr|html|feed] [--column=<栏目路径>] [--photos=<照片文件夹>] [--base-url=<旧网站地址>] [--selectors=<选择器.json>]";

async function main(): Promise<void> {
  const source = process.argv.slice(2).find((arg) => !arg.startsWith("--"));
  const username = flag("as");
  if (!source || !username) {
    console.error(USAGE);
    process.exit(2);
  }
  runtime = await loadRuntime({ command: "npm run import", attach: true });
  const config = parseEnv(process.env);
  const db = new PrismaClient({ adapter: cliAdapter(config.DATABASE_URL) });
  try {
    const user = await db.user.findUnique({
      where: { username },
      include: { roles: { select: { role: true, level: true, columnId: true } } },
    });
    if (!user || user.status !== "ACTIVE") throw new Error(`没有这个可用的账户 / no active account: ${username}`);
    const files = await readSourceFiles(path.resolve(source));
    const photos = flag("photos");
    if (photos) files.push(...(await readSourceFiles(path.resolve(photos))));
    const formatFlag = flag("format");
    const format = formatFlag ? importFormatSchema.parse(formatFlag.toUpperCase()) : detectFormat(files);
    const columnSlug = flag("column");
    const column = columnSlug
      ? await db.column.findUnique({ where: { slug: columnSlug }, select: { id: true } })
      : await db.column.findFirst({ orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }], select: { id: true } });
    if (!column) throw new Error(`${importText.errors.columnMissing}${columnSlug ? `：${columnSlug}` : ""}`);
    const selectorsFile = flag("selectors");
    const options = importOptionsSchema.parse({
      baseUrl: flag("base-url") ?? "",
      selectors: selectorsFile ? JSON.parse(await readFile(path.resolve(selectorsFile), "utf8")) : {},
    });

    const actor = { id: user.id, mustChangePassword: false, roles: user.roles };
    const batch = await createImportBatch(db, actor, {
      format,
      sourceName: path.basename(path.resolve(source)),
      columnId: column.id,
      options,
    });
    console.log(`${importText.formatLabels[format]}：${files.length} 个文件 / files — 批次 / batch ${batch.id}`);
    let last = 0;
    const result = await prepareBatch(
      {
        db,
        storage: storageFromEnv(config),
        onProgress: async (done, total) => {
          if (done === total || Date.now() - last > 1000) {
            last = Date.now();
            process.stdout.write(`\r${importText.ui.progress(done, total)}`);
          }
        },
      },
      batch.id,
      files,
    );
    await db.importBatch.update({ where: { id: batch.id }, data: { skippedCount: result.skipped } });
    process.stdout.write("\n");

    const items = await db.importItem.findMany({ where: { batchId: batch.id }, orderBy: { sequence: "asc" } });
    for (const item of items) {
      const data = item.status === "READY" ? preparedItemSchema.parse(item.data) : null;
      const mark =
        item.status === "READY"
          ? item.articleId
            ? importText.ui.update
            : importText.ui.create
          : importText.itemStatusLabels[item.status];
      console.log(
        `[${mark}] ${item.title || "（无标题）"} — ${item.key}${item.reason ? `\n    ${importText.ui.reason}：${item.reason}` : ""}`,
      );
      for (const warning of data?.warnings ?? []) console.log(`    ${importText.ui.warnings}：${warning}`);
    }
    const status = (await db.importBatch.findUniqueOrThrow({ where: { id: batch.id } })).status;
    if (status === "FAILED")
      throw new Error((await db.importBatch.findUniqueOrThrow({ where: { id: batch.id } })).error ?? "导入失败");
    console.log(
      `可导入 / ready: ${result.ready}，失败 / failed: ${result.failed}，跳过（非文章）/ skipped: ${result.skipped}`,
    );
    console.log(`试导入完成，尚未发布。请目标栏目的终审在 ${config.SITE_URL}/admin/import/${batch.id} 审批整批。`);
    console.log(
      `Dry run done, nothing published: a 终审 of the target columns approves the batch at ${config.SITE_URL}/admin/import/${batch.id}.`,
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
