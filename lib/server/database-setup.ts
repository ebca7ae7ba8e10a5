// Bringing the database up to date before the app uses it, with the least privilege the app needs.
//
// By default one URL does both: DATABASE_URL applies the migrations and serves the app. On PostgreSQL
// a deployment can keep the owner's powers away from the app: MIGRATION_DATABASE_URL names the owner
// (who applies migrations), DATABASE_URL a role of its own. After migrating, the owner grants that role
// what the app needs and no more: it reads and writes the app's tables, but may only SELECT and INSERT
// the audit trail, so even a compromised app cannot rewrite history; and since only a table's owner
// may drop or disable its triggers, the triggers that refuse UPDATE and DELETE stay in force.
import pg from "pg";
import { parseDatabaseUrl, type DatabaseTarget } from "./database-url";
import { applyMigrations } from "./migrate";

export interface DatabaseUrls {
  DATABASE_URL: string;
  MIGRATION_DATABASE_URL?: string;
}

/** The target the app connects to, and the one migrations run through (the same unless configured). */
export function databaseTargets(urls: DatabaseUrls): { app: DatabaseTarget; migration: DatabaseTarget } {
  const app = parseDatabaseUrl(urls.DATABASE_URL);
  if (!urls.MIGRATION_DATABASE_URL) return { app, migration: app };
  const migration = parseDatabaseUrl(urls.MIGRATION_DATABASE_URL);
  if (app.provider !== "postgresql" || migration.provider !== "postgresql") {
    throw new Error("MIGRATION_DATABASE_URL is for PostgreSQL: set it and DATABASE_URL to postgresql:// URLs of the same database");
  }
  return { app, migration };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Grants the app's role its privileges, as the owner: every table read and written, except the audit
 * trail (SELECT and INSERT only) and the migration history (SELECT only). Idempotent; run after every
 * migration so new tables are covered. Returns the role, or null when both URLs are the same role.
 */
export async function grantAppPrivileges(ownerUrl: string, appUrl: string, log: (line: string) => void = () => {}): Promise<string | null> {
  const appRole = await withClient(appUrl, async (c) => (await c.query<{ role: string; db: string }>("SELECT current_user AS role, current_database() AS db")).rows[0]!);
  return withClient(ownerUrl, async (c) => {
    const owner = (await c.query<{ role: string; db: string; schema: string }>("SELECT current_user AS role, current_database() AS db, current_schema() AS schema")).rows[0]!;
    if (owner.db !== appRole.db) throw new Error(`MIGRATION_DATABASE_URL names database "${owner.db}" but DATABASE_URL names "${appRole.db}"`);
    if (owner.role === appRole.role) {
      log(`database: warning: the app and the migrations both use the role "${owner.role}": give the app a role of its own to protect the audit trail`);
      return null;
    }
    const role = c.escapeIdentifier(appRole.role);
    const schema = c.escapeIdentifier(owner.schema);
    await c.query("BEGIN");
    try {
      await c.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
      await c.query(`REVOKE CREATE ON SCHEMA ${schema} FROM ${role}`);
      await c.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
      await c.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`);
      await c.query(`REVOKE ALL ON ${schema}."AuditEvent" FROM ${role}`);
      await c.query(`GRANT SELECT, INSERT ON ${schema}."AuditEvent" TO ${role}`);
      await c.query(`REVOKE ALL ON ${schema}."_prisma_migrations" FROM ${role}`);
      await c.query(`GRANT SELECT ON ${schema}."_prisma_migrations" TO ${role}`);
      await c.query("COMMIT");
    } catch (error) {
      await c.query("ROLLBACK").catch(() => {});
      throw error;
    }
    log(`database: the app runs as "${appRole.role}" (audit trail: SELECT and INSERT only); migrations as "${owner.role}"`);
    return appRole.role;
  });
}

/** Applies pending migrations (as the owner when MIGRATION_DATABASE_URL is set), then grants the app its role. */
export async function prepareDatabase(urls: DatabaseUrls, log: (line: string) => void = () => {}) {
  const { app, migration } = databaseTargets(urls);
  const result = await applyMigrations(migration, log);
  // Two targets only ever come from two PostgreSQL URLs (databaseTargets refuses anything else).
  if (migration !== app) await grantAppPrivileges(migration.url, app.url, log);
  return result;
}
