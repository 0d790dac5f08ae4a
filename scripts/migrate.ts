/**
 * `npm run db:migrate`: prepares DATABASE_URL for the app — applies pending migrations, creates the
 * three first administrators (系统管理员, 安全管理员, 安全审计员) on an empty database, and writes demo
 * content when SEED_DEMO=1. The Docker
 * entrypoint runs it before every start. Refuses to run when an applied migration has been changed.
 *
 * The generated passwords go to <DATA_DIR>/initial-accounts.json (mode 0600), never to a log.
 */
import { existsSync } from "node:fs";
import { ConfigError, parseEnv } from "../lib/env";
import { MigrationError } from "../lib/migrations/runner";
import { prepareDatabase } from "./lib/prepare-database";

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  if (!process.env.DATABASE_URL) {
    console.error("未设置 DATABASE_URL / DATABASE_URL is not set");
    process.exit(1);
  }
  // Preparing the database signs no sessions; a placeholder lets the shared configuration parse.
  const config = parseEnv({ ...process.env, AUTH_SECRET: process.env.AUTH_SECRET ?? "x".repeat(32) });
  const prepared = await prepareDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    uploadDir: config.UPLOAD_DIR,
    seed: process.env.SEED_DEMO === "1",
  });
  console.log(prepared.applied.length ? `applied: ${prepared.applied.join(", ")}` : "database is up to date");
  if (prepared.adminLogin && prepared.demoAccountsFile) {
    console.log(
      `初始管理员 / initial admin: ${prepared.adminLogin.username}; ` +
        `安全管理员、安全审计员及其他账户与密码见 / these and the other initial logins are in ${prepared.demoAccountsFile} ` +
        `(首次登录须修改 / change them at first login)`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof MigrationError || error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
