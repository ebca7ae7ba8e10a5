// Read-only looks at the test database from outside the server, for the battery's "no row added" and
// "every acknowledged write is there" checks: row counts per table, on SQLite or PostgreSQL.
import { DATABASE_URL } from "../fixtures";

export const TABLES = ["User", "Session", "ApiToken", "Article", "Claim", "Source", "AuditEvent"] as const;
export type Table = (typeof TABLES)[number];

/** Runs one read-only query against the test database and returns its rows. */
export async function query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  if (DATABASE_URL.startsWith("file:")) {
    const { default: Database } = await import("better-sqlite3");
    const sqlite = new Database(DATABASE_URL.slice("file:".length), { readonly: true, fileMustExist: true });
    try {
      sqlite.pragma("busy_timeout = 10000");
      return sqlite.prepare(sql.replace(/\$\d+/g, "?")).all(...params) as T[];
    } finally {
      sqlite.close();
    }
  }
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: process.env.E2E_MIGRATION_DATABASE_URL ?? DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** How many rows each table holds right now. */
export async function rowCounts(tables: readonly Table[] = TABLES): Promise<Record<Table, number>> {
  const sql = tables.map((t) => `SELECT '${t}' AS t, COUNT(*) AS n FROM "${t}"`).join(" UNION ALL ");
  const rows = await query<{ t: Table; n: number | string }>(sql);
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)])) as Record<Table, number>;
}
