/**
 * `npm run publish:static [dir | s3://bucket/prefix]`: writes the whole public site as plain files
 * （静态发布） into STATIC_DIR (or the given directory or bucket prefix, lib/public/publish/static-target.ts),
 * with a signed manifest of content hashes.
 * `npm run verify:static [dir]`: compares the files with that manifest and with what the database says
 * is live （网页防篡改, and a copy left stale by an unfinished publication）, lists every difference and
 * exits 1 when anything differs.
 * Both run with `--conditions=react-server`, under which the `server-only` guard is a no-op.
 */
import path from "node:path";
import { PrismaClient } from "../lib/generated/prisma/client";
import { parseEnv } from "../lib/env";
import { publishStaticSite, verifyStaticSite } from "../lib/public/publish/static-site";
import { isS3Location, staticTarget, type StaticTarget } from "../lib/public/publish/static-target";
import { dataDirOf, loadRuntime, type Runtime } from "./lib/runtime-env";
import { failureMessage } from "./lib/start-error";
import { cliAdapter } from "../lib/db-pool";

let runtime: Runtime | undefined;

async function main(): Promise<number> {
  const [command, argDir] = process.argv.slice(2);
  // The database and AUTH_SECRET (which signs the manifest) as `npm start` has them in DATA_DIR.
  // verify needs the database too: it compares the files with what is live, not only with the manifest.
  runtime = await loadRuntime({ command: `npm run ${command}:static`, attach: true, database: true });
  const config = parseEnv(process.env);
  const location = argDir ?? config.STATIC_DIR ?? path.join(config.DATA_DIR, "static");
  const target = staticTarget(isS3Location(location) ? location : path.resolve(location), config);
  const client = new PrismaClient({ adapter: cliAdapter(config.DATABASE_URL) });
  try {
    return command === "verify"
      ? await verify(client, target, config.AUTH_SECRET)
      : await publish(client, target, config.AUTH_SECRET);
  } finally {
    await client.$disconnect();
  }
}

async function verify(client: PrismaClient, target: StaticTarget, secret: string): Promise<number> {
  const report = await verifyStaticSite(target, secret, client);
  const problems = [
    ...(report.manifestValid ? [] : ["清单签名无效或清单缺失 / manifest signature invalid or manifest missing"]),
    ...report.modified.map((file) => `已被修改 / modified: ${file}`),
    ...report.missing.map((file) => `缺失 / missing: ${file}`),
    ...report.unexpected.map((file) => `多出的文件 / unexpected: ${file}`),
    ...report.stale.map((line) => `与数据库不一致 / stale: ${line}`),
  ];
  for (const line of problems) console.log(line);
  console.log(
    problems.length === 0
      ? `${target.label}: 全部文件与发布内容一致 / all files match`
      : `${target.label}: ${problems.length} 处不一致 / differences`,
  );
  return problems.length === 0 ? 0 : 1;
}

async function publish(client: PrismaClient, target: StaticTarget, secret: string): Promise<number> {
  const started = Date.now();
  const result = await publishStaticSite(client, target, secret);
  console.log(`${target.label}: ${result.files} files, ${result.withdrawn} withdrawn URLs, ${Date.now() - started} ms`);
  return 0;
}

main().then(
  async (code) => {
    await runtime?.close();
    process.exit(code);
  },
  async (error: unknown) => {
    console.error(failureMessage(error, dataDirOf()));
    await runtime?.close();
    process.exit(2);
  },
);
