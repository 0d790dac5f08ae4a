/**
 * The PostgreSQL server the test run uses: `TEST_DATABASE_URL` when given (any database on that server;
 * the run creates and drops its own), otherwise an embedded one started by global-setup.
 * global-setup publishes these through the environment, which jest workers inherit.
 */
export const TEST_ENV = {
  adminUrl: "TEST_PG_ADMIN_URL",
  templateDb: "TEST_TEMPLATE_DB",
  /** The role the app connects as in tests: owns nothing (lib/migrations/roles.ts), like production. */
  appRole: "TEST_APP_ROLE",
  appPassword: "TEST_APP_PASSWORD",
} as const;

/** `adminUrl`'s server and `database`, as the given role. */
export function roleUrl(adminUrl: string, database: string, role: string, password: string): string {
  const url = new URL(databaseUrl(adminUrl, database));
  url.username = encodeURIComponent(role);
  url.password = encodeURIComponent(password);
  return url.toString();
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
