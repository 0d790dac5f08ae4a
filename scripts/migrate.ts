/**
 * `npm run db:migrate`: prepares the database for the app — applies pending migrations as the owner
 * (MIGRATION_DATABASE_URL, else DATABASE_URL), grants the app's role what it needs, creates the three
 * first administrators (系统管理员, 安全管理员, 安全审计员) on an empty database, and writes demo content
 * when SEED_DEMO=1. Without DATABASE_URL it works on the embedded PostgreSQL in DATA_DIR, as `npm start`
 * does (scripts/lib/runtime-env.ts). The Docker entrypoint runs it before every start. Refuses to run
 * when an applied migration has been changed.
 *
 * The generated passwords go to <DATA_DIR>/initial-accounts.json (mode 0600), never to a log.
 */
import { parseEnv } from "../lib/env";
import { prepareDatabase } from "./lib/prepare-database";
import { dataDirOf, loadRuntime, type Runtime } from "./lib/runtime-env";
import { failureMessage } from "./lib/start-error";

let runtime: Runtime | undefined;

async function main(): Promise<void> {
  runtime = await loadRuntime({ command: "npm run db:migrate", attach: true });
  const config = parseEnv(process.env);
  const prepared = await prepareDatabase({
    databaseUrl: config.DATABASE_URL,
    migrationUrl: config.MIGRATION_DATABASE_URL,
    manageAppRole: runtime.embedded,
    dataDir: config.DATA_DIR,
    uploadDir: config.UPLOAD_DIR,
    seed: runtime.embedded || process.env.SEED_DEMO === "1",
  });
  console.log(prepared.applied.length ? `applied: ${prepared.applied.join(", ")}` : "database is up to date");
  if (prepared.adminLogin && prepared.demoAccountsFile) {
    console.log(
      `初始管理员 / initial admin: ${prepared.adminLogin.username}; ` +
        `安全管理员、安全审计员及其他账户与密码见 / these and the other initial logins are in ${prepared.demoAccountsFile} ` +
        `（首次登录须修改 / change them at first login）`,
    );
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
