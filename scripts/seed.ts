/**
 * `npm run db:seed`: writes the demo content into DATABASE_URL once (it does nothing when users exist).
 * The generated passwords go to <DATA_DIR>/initial-accounts.json (mode 0600), never to the console.
 */
import { existsSync } from "node:fs";
import { parseEnv } from "../lib/env";
import { prepareDatabase } from "./lib/prepare-database";

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  process.env.AUTH_SECRET ??= "x".repeat(32); // not used by seeding; lets the shared config parse
  const config = parseEnv(process.env);
  const prepared = await prepareDatabase({
    databaseUrl: config.DATABASE_URL,
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

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
