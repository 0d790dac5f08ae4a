import path from "node:path";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { applyMigrations } from "../../lib/migrations/runner";
import { ensureAppRole, grantAppPrivileges, roleOf, separateRoles } from "../../lib/migrations/roles";
import { LocalDiskStorage } from "../../lib/media/storage";
import { bootstrapAdministrators } from "../../lib/seed/bootstrap-admin";
import { seedDemo } from "../../lib/seed/seed-demo";
import { cliAdapter } from "../../lib/db-pool";

export interface PreparedDatabase {
  applied: string[];
  /** The initial admin login while its generated password is still unchanged. */
  adminLogin?: { username: string; password: string };
  demoAccountsFile?: string;
}

/**
 * Migrates as the owner (`migrationUrl`, default the app's own URL), grants the app's role what it
 * needs when the two differ (lib/migrations/roles.ts), seeds demo content once (when `seed` is true)
 * as the app, and finds the admin's initial login.
 * Generated passwords go to a 0600 file under the data folder, never to a log.
 */
export async function prepareDatabase(options: {
  databaseUrl: string;
  migrationUrl?: string;
  /** The embedded server: this code generated the app role's password, so it may (re)set it. */
  manageAppRole?: boolean;
  dataDir: string;
  uploadDir: string;
  seed: boolean;
}): Promise<PreparedDatabase> {
  const ownerUrl = options.migrationUrl ?? options.databaseUrl;
  const applied = await applyMigrations(ownerUrl);
  if (separateRoles(ownerUrl, options.databaseUrl)) {
    await ensureAppRole(ownerUrl, options.databaseUrl, { resetPassword: options.manageAppRole });
    await grantAppPrivileges(ownerUrl, roleOf(options.databaseUrl));
  }
  await mkdir(options.dataDir, { recursive: true });
  const accountsFile = path.resolve(options.dataDir, "initial-accounts.json");
  const db = new PrismaClient({ adapter: cliAdapter(options.databaseUrl) });
  try {
    const created = options.seed
      ? (await seedDemo(db, new LocalDiskStorage(options.uploadDir))).credentials
      : await bootstrapAdministrators(db);
    if (created.length) {
      await writeFile(accountsFile, JSON.stringify(created, null, 2), { mode: 0o600 });
      await chmod(accountsFile, 0o600);
    }
    if (!existsSync(accountsFile)) return { applied };
    const credentials = JSON.parse(await readFile(accountsFile, "utf8")) as { username: string; password: string }[];
    const admin = credentials.find((entry) => entry.username === "admin");
    const user = admin && (await db.user.findUnique({ where: { username: admin.username } }));
    return {
      applied,
      adminLogin:
        admin && user?.mustChangePassword ? { username: admin.username, password: admin.password } : undefined,
      demoAccountsFile: accountsFile,
    };
  } finally {
    await db.$disconnect();
  }
}
