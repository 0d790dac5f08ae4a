/**
 * `npm run db:seed`: writes the demo content into the database once (it does nothing when users exist):
 * DATABASE_URL, or the embedded PostgreSQL in DATA_DIR as `npm start` runs it (scripts/lib/runtime-env.ts).
 * The generated passwords go to <DATA_DIR>/initial-accounts.json (mode 0600), never to the console.
 */
import { parseEnv } from "../lib/env";
import { prepareDatabase } from "./lib/prepare-database";
import { dataDirOf, loadRuntime, type Runtime } from "./lib/runtime-env";
import { failureMessage } from "./lib/start-error";

let runtime: Runtime | undefined;

async function main(): Promise<void> {
  runtime = await loadRuntime({ command: "npm run db:seed", attach: true });
  const config = parseEnv(process.env);
  const prepared = await prepareDatabase({
    databaseUrl: config.DATABASE_URL,
    migrationUrl: config.MIGRATION_DATABASE_URL,
    manageAppRole: runtime.embedded,
    dataDir: config.DATA_DIR,
    uploadDir: config.UPLOAD_DIR,
    seed: true,
  });
  console.log(
    prepared.demoAccountsFile
      ? `demo content is in place; accounts in ${prepared.demoAccountsFile}`
      : "users already existed: nothing seeded",
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
