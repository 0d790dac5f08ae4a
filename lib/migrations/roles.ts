import { Client } from "pg";

/**
 * Two database roles (#13: an audit trail the app itself cannot rewrite). The OWNER runs the
 * migrations and owns every table; the APP role, which the running app connects as, owns nothing — so
 * it can neither disable the audit triggers (ALTER TABLE needs ownership) nor drop or truncate
 * anything — and is granted only what the app does. The grants are re-applied, in one transaction,
 * after every migration run, so a table a new migration adds is covered at once.
 *
 * Exceptions to "read and write rows" are a table of their own, so a reviewer sees them at a glance:
 * - AuditEvent: append and read only — no UPDATE, no DELETE, whatever the triggers say.
 * - AuditChainHead: read, plus the INSERT/UPDATE its own trigger makes (it runs with the inserting
 *   role's rights); direct writes are refused by `manual_audit_head_guard`, which the app role cannot
 *   disable.
 * - _prisma_migrations: the owner's bookkeeping; nothing.
 */
export const TABLE_PRIVILEGES: Record<string, readonly string[]> = {
  AuditEvent: ["SELECT", "INSERT"],
  AuditChainHead: ["SELECT", "INSERT", "UPDATE"],
  _prisma_migrations: [],
};
const DEFAULT_PRIVILEGES = ["SELECT", "INSERT", "UPDATE", "DELETE"] as const;

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/**
 * Creates the app role of `appUrl` (LOGIN, with that URL's password) when it does not exist; with
 * `resetPassword` an existing one gets that password too (the embedded server, whose passwords this
 * code generates). Needs CREATEROLE on the owner's connection; on a server PostgreSQL where the owner
 * has none, the operator creates the role beforehand (docs/operations.md).
 */
export async function ensureAppRole(
  ownerUrl: string,
  appUrl: string,
  options: { resetPassword?: boolean } = {},
): Promise<void> {
  const role = roleOf(appUrl);
  const password = decodeURIComponent(new URL(appUrl).password);
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ exists: boolean }>(
      "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists",
      [role],
    );
    const literal = password ? ` PASSWORD ${client.escapeLiteral(password)}` : "";
    if (!rows[0]?.exists) {
      await client.query(`CREATE ROLE ${quote(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE${literal}`);
    } else if (options.resetPassword && literal) {
      await client.query(`ALTER ROLE ${quote(role)}${literal}`);
    }
  } finally {
    await client.end();
  }
}

/** Grants `role` exactly TABLE_PRIVILEGES on the owner's database (revoking anything else first). */
export async function grantAppPrivileges(ownerUrl: string, role: string): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    );
    const app = quote(role);
    await client.query("BEGIN");
    // Serialised with the migration runner's own lock holders: concurrent starts re-grant one by one.
    await client.query("SELECT pg_advisory_xact_lock(72707370)");
    await client.query(
      `GRANT CONNECT ON DATABASE ${quote(String((await client.query<{ db: string }>("SELECT current_database() AS db")).rows[0]?.db))} TO ${app}`,
    );
    await client.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
    await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${app}`);
    for (const { tablename } of rows) {
      const privileges = TABLE_PRIVILEGES[tablename] ?? DEFAULT_PRIVILEGES;
      if (privileges.length) await client.query(`GRANT ${privileges.join(", ")} ON ${quote(tablename)} TO ${app}`);
    }
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** The owner's and the app's roles are different: the setup above applies. */
export function separateRoles(ownerUrl: string, appUrl: string): boolean {
  return roleOf(ownerUrl) !== roleOf(appUrl);
}
