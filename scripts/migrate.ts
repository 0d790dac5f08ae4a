/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL (used by the Docker entrypoint and
 * by operators of a server install). Refuses to run when an applied migration has been changed.
 */
import { existsSync } from "node:fs";
import { MigrationError, applyMigrations } from "../lib/migrations/runner";

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("未设置 DATABASE_URL / DATABASE_URL is not set");
    process.exit(1);
  }
  const applied = await applyMigrations(url);
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
}

main().catch((error: unknown) => {
  console.error(error instanceof MigrationError ? error.message : error);
  process.exit(1);
});
