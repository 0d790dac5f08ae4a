import { Client } from "pg";

/**
 * A comparable description of a database's schema, read from the catalogs: tables, columns (type,
 * nullability, default), indexes, constraints and enums. Objects named `manual_*` are hand-written
 * SQL that Prisma cannot model (triggers, functions, search indexes) and are left out.
 */
export interface Catalog {
  columns: string[];
  indexes: string[];
  constraints: string[];
  enums: string[];
}

const IGNORED_TABLES = ["_prisma_migrations"];

export async function readCatalog(connectionString: string): Promise<Catalog> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    const columns = await client.query<{ line: string }>(
      `SELECT table_name || '.' || column_name || ' ' || format_type(a.atttypid, a.atttypmod)
              || CASE WHEN c.is_nullable = 'NO' THEN ' NOT NULL' ELSE '' END
              || COALESCE(' DEFAULT ' || c.column_default, '') AS line
         FROM information_schema.columns c
         JOIN pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass
                            AND a.attname = c.column_name
        WHERE c.table_schema = 'public' AND NOT (c.table_name = ANY($1))`,
      [IGNORED_TABLES],
    );
    const indexes = await client.query<{ line: string }>(
      `SELECT indexdef AS line FROM pg_indexes
        WHERE schemaname = 'public' AND NOT (tablename = ANY($1)) AND indexname NOT LIKE 'manual\\_%'`,
      [IGNORED_TABLES],
    );
    const constraints = await client.query<{ line: string }>(
      `SELECT rel.relname || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid) AS line
         FROM pg_constraint con
         JOIN pg_class rel ON rel.oid = con.conrelid
         JOIN pg_namespace ns ON ns.oid = rel.relnamespace
        WHERE ns.nspname = 'public' AND NOT (rel.relname = ANY($1)) AND con.conname NOT LIKE 'manual\\_%'`,
      [IGNORED_TABLES],
    );
    const enums = await client.query<{ line: string }>(
      `SELECT t.typname || ': ' || string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) AS line
         FROM pg_type t
         JOIN pg_enum e ON e.enumtypid = t.oid
         JOIN pg_namespace ns ON ns.oid = t.typnamespace
        WHERE ns.nspname = 'public'
        GROUP BY t.typname`,
    );
    const sorted = (rows: { line: string }[]) => rows.map((row) => row.line).sort();
    return {
      columns: sorted(columns.rows),
      indexes: sorted(indexes.rows),
      constraints: sorted(constraints.rows),
      enums: sorted(enums.rows),
    };
  } finally {
    await client.end();
  }
}
