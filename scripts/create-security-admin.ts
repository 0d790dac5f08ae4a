/**
 * `npm run create:security-admin [-- <username>]`: the one-time upgrade step for an install created
 * before 三员分立 had three administrators (docs/roles.md). The existing 系统管理员 keeps its role; this
 * creates the first 安全管理员 (default username `secadmin`) with a generated password that must be
 * changed at first login. It refuses when an active 安全管理员 exists: from then on, administrator
 * roles are granted through the two-person rule in the admin.
 *
 * Uses DATABASE_URL, or the embedded PostgreSQL under DATA_DIR (stop `npm start` first: one cluster,
 * one server). In the Docker image: `docker compose exec app node scripts/create-security-admin.cjs`. The password goes to <DATA_DIR>/initial-accounts.json (mode 0600), never to the console.
 */
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { PrismaClient } from "../lib/generated/prisma/client";
import type { InitialLogin } from "../lib/seed/bootstrap-admin";
import { createFirstSecurityAdmin, SecurityAdminExistsError } from "../lib/seed/security-admin";
import type { EmbeddedServer } from "./lib/embedded-postgres";
import { cliAdapter } from "../lib/db-pool";

async function rememberLogin(dataDir: string, login: InitialLogin): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const file = path.resolve(dataDir, "initial-accounts.json");
  const previous = existsSync(file) ? (JSON.parse(await readFile(file, "utf8")) as InitialLogin[]) : [];
  const logins = [...previous.filter((entry) => entry.username !== login.username), login];
  await writeFile(file, JSON.stringify(logins, null, 2), { mode: 0o600 });
  await chmod(file, 0o600);
  return file;
}

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const dataDir = path.resolve(process.env.DATA_DIR ?? ".data");
  const username = process.argv[2];
  let embedded: EmbeddedServer | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    // Loaded only here: the Docker image (always DATABASE_URL) does not carry embedded-postgres.
    const { startEmbeddedPostgres } = await import("./lib/embedded-postgres");
    embedded = await startEmbeddedPostgres({ dataDir, persistent: true });
    databaseUrl = embedded.urlFor("postgres");
  }
  const db = new PrismaClient({ adapter: cliAdapter(databaseUrl) });
  try {
    const login = await createFirstSecurityAdmin(db, { username });
    const file = await rememberLogin(dataDir, login);
    console.log(
      `已创建安全管理员 / security administrator created: ${login.username}; 密码见 / password in ${file} （首次登录须修改 / change it at first login）`,
    );
  } finally {
    await db.$disconnect();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof SecurityAdminExistsError || error instanceof Error ? error.message : error);
  process.exit(1);
});
