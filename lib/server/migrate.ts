// Applies the committed Prisma migrations when the app starts, without Prisma's schema-engine binary
// (which cannot be downloaded on our machines). It does what `prisma migrate deploy` does, through the
// plain drivers: runs each pending prisma/migrations/<name>/migration.sql (PostgreSQL:
// prisma/postgres/migrations) in name order and records it in `_prisma_migrations` exactly as Prisma
// does (same table, SHA-256 checksum of the file), so `prisma migrate deploy` and `migrate status`
// on a machine with the engine accept a database migrated here, and the other way round.
//
// One difference on purpose: each migration runs in a transaction together with its
// `_prisma_migrations` row, so a failing migration leaves no trace and nothing half-applied, and we never
// write a "failed" row. A migration.sql must therefore not contain its own BEGIN/COMMIT. Failed rows
// written by Prisma itself (finished_at NULL) and edited migrations (checksum mismatch) stop the start.
//
// Concurrency: on PostgreSQL the session holds Prisma's own advisory lock (the key `migrate deploy`
// takes) while migrating; on SQLite each migration runs under BEGIN IMMEDIATE and re-checks that nobody
// applied it meanwhile.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { preparePrivateSqliteFile } from "./data-dir";
import pg from "pg";
import type { DatabaseTarget } from "./database-url";

export type MigrationOptions = {
  /** The provider's migrations folder; by default found from the project root (see migrationsDirFor). */
  migrationsDir?: string;
};

type Migration = { name: string; sql: string; checksum: string; altChecksum: string };

type AppliedRow = {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
};

// Prisma's own DDL for the table, as its schema engine creates it for each provider.
const SQLITE_MIGRATIONS_TABLE = `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const POSTGRES_MIGRATIONS_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

/** The advisory lock key Prisma's schema engine takes around `migrate deploy` on PostgreSQL. */
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** The project root: the nearest directory at or above `cwd` that holds prisma/schema.prisma. */
export function findProjectRoot(cwd: string = process.cwd()): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "prisma", "schema.prisma"))) return dir;
    if (path.dirname(dir) === dir) {
      throw new Error(`cannot find the project root (a directory with prisma/schema.prisma) from ${cwd}`);
    }
  }
}

export function migrationsDirFor(provider: DatabaseTarget["provider"], root = findProjectRoot()): string {
  return provider === "sqlite"
    ? path.join(root, "prisma", "migrations")
    : path.join(root, "prisma", "postgres", "migrations");
}

function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Reads `<dir>/<name>/migration.sql` for every migration folder, in name order. */
export function readMigrations(dir: string, provider: DatabaseTarget["provider"]): Migration[] {
  if (!existsSync(dir)) throw new Error(`migrations folder ${dir} does not exist`);
  const lockPath = path.join(dir, "migration_lock.toml");
  if (existsSync(lockPath)) {
    const locked = /^[ \t]*provider[ \t]*=[ \t]*"([^"\n]+)"/m.exec(readFileSync(lockPath, "utf8"))?.[1];
    if (locked !== provider) {
      throw new Error(`${lockPath} is for provider "${locked}", but the database is ${provider}`);
    }
  }
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = path.join(dir, name, "migration.sql");
      if (!existsSync(file)) throw new Error(`migration ${name} has no migration.sql (${file})`);
      const bytes = readFileSync(file);
      // Prisma also accepts a file whose line endings a Git checkout turned into CRLF.
      const lf = Buffer.from(bytes.toString("utf8").replace(/\r\n/g, "\n"), "utf8");
      return { name, sql: bytes.toString("utf8"), checksum: sha256(bytes), altChecksum: sha256(lf) };
    });
}

/** Throws when the recorded history conflicts with the folder; returns the names already applied. */
function checkHistory(rows: AppliedRow[], migrations: Migration[], log: (line: string) => void): Set<string> {
  const byName = new Map(migrations.map((m) => [m.name, m]));
  const applied = new Set<string>();
  for (const row of rows) {
    if (row.rolled_back_at !== null) continue; // `prisma migrate resolve --rolled-back`: ignored, as Prisma does
    if (row.finished_at === null) {
      throw new Error(
        `migration ${row.migration_name} failed earlier (its _prisma_migrations row has no finished_at). ` +
          `Repair the database, then mark it with \`prisma migrate resolve --applied|--rolled-back ${row.migration_name}\` ` +
          `or update that row by hand.`,
      );
    }
    const migration = byName.get(row.migration_name);
    if (!migration) {
      log(`migrate: warning: ${row.migration_name} is applied but not in the migrations folder`);
    } else if (row.checksum !== migration.checksum && row.checksum !== migration.altChecksum) {
      throw new Error(
        `migration ${row.migration_name} was modified after it was applied: the checksum of its ` +
          `migration.sql (${migration.checksum}) differs from the one recorded in _prisma_migrations ` +
          `(${row.checksum}). Restore the file; change the schema with a new migration instead.`,
      );
    }
    applied.add(row.migration_name);
  }
  return applied;
}

/**
 * Applies the pending migrations of `target`'s provider, in name order, each in its own transaction.
 * Returns the names of the migrations it applied (none when the database is up to date).
 */
export async function applyMigrations(
  target: DatabaseTarget,
  log: (line: string) => void = () => {},
  options: MigrationOptions = {},
): Promise<{ applied: string[] }> {
  const dir = options.migrationsDir ?? migrationsDirFor(target.provider);
  const migrations = readMigrations(dir, target.provider);
  const applied =
    target.provider === "sqlite"
      ? applySqlite(target.file, migrations, log)
      : await applyPostgres(target.url, migrations, log);
  log(
    applied.length === 0
      ? `migrate: ${target.provider} database is up to date (${migrations.length} migrations)`
      : `migrate: applied ${applied.length} ${target.provider} migration(s)`,
  );
  return { applied };
}

function applySqlite(file: string, migrations: Migration[], log: (line: string) => void): string[] {
  // Every start and CLI run opens the database here first: its folder and files become private.
  preparePrivateSqliteFile(file);
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    db.pragma("journal_mode = WAL");
    // Prisma rebuilds SQLite tables (create new, copy, DROP, rename) for many changes. With foreign
    // keys on, that DROP would fire ON DELETE CASCADE on the child rows; SQLite's documented procedure
    // is to switch them off outside the transaction and run foreign_key_check before committing.
    db.pragma("foreign_keys = OFF");

    const readRows = (): AppliedRow[] => {
      const exists = db
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
        .get();
      if (!exists) return [];
      return db
        .prepare(
          `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
        )
        .all() as AppliedRow[];
    };

    checkHistory(readRows(), migrations, log);
    const newlyApplied: string[] = [];
    for (const migration of migrations) {
      db.exec("BEGIN IMMEDIATE");
      let alreadyApplied: Set<string>;
      try {
        // Under the write lock, so a server starting at the same moment cannot apply it twice.
        alreadyApplied = checkHistory(readRows(), migrations, () => {});
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
      if (alreadyApplied.has(migration.name)) {
        db.exec("ROLLBACK");
        continue;
      }
      log(`migrate: applying ${migration.name}`);
      try {
        if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = '_prisma_migrations'").get()) {
          db.exec(SQLITE_MIGRATIONS_TABLE);
        }
        const startedAt = sqliteTimestamp(new Date());
        db.exec(migration.sql);
        const violations = db.pragma("foreign_key_check") as unknown[];
        if (violations.length > 0) {
          throw new Error(`it leaves ${violations.length} foreign key violation(s)`);
        }
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
        ).run(randomUUID(), migration.checksum, sqliteTimestamp(new Date()), migration.name, startedAt);
        db.exec("COMMIT");
        newlyApplied.push(migration.name);
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw migrationError(migration.name, error);
      }
    }
    return newlyApplied;
  } finally {
    db.pragma("foreign_keys = ON");
    db.close();
  }
}

// The form Prisma's engine writes through its SQLite driver adapter: ISO 8601, milliseconds, "+00:00".
function sqliteTimestamp(date: Date): string {
  return date.toISOString().replace(/Z$/, "+00:00");
}

async function applyPostgres(url: string, migrations: Migration[], log: (line: string) => void): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  // A lost connection also rejects the query in flight, which is what we report; without a listener
  // the 'error' event would crash the process instead.
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    // Only read once the lock is ours: the server that held it may just have applied everything.
    const exists = await client.query<{ t: string | null }>("SELECT to_regclass('_prisma_migrations')::text AS t");
    if (exists.rows[0]?.t == null) await client.query(POSTGRES_MIGRATIONS_TABLE);
    const rows = await client.query<AppliedRow>(
      "SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at",
    );
    const alreadyApplied = checkHistory(rows.rows, migrations, log);

    const newlyApplied: string[] = [];
    for (const migration of migrations) {
      if (alreadyApplied.has(migration.name)) continue;
      log(`migrate: applying ${migration.name}`);
      try {
        await client.query("BEGIN");
        const startedAt = new Date();
        // No parameters: pg sends it as one simple query, which may hold many statements.
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
          [randomUUID(), migration.checksum, migration.name, startedAt],
        );
        await client.query("COMMIT");
        newlyApplied.push(migration.name);
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw migrationError(migration.name, error);
      }
    }
    return newlyApplied;
  } finally {
    // Ending the session releases the advisory lock too.
    await client.end();
  }
}

function migrationError(name: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`migration ${name} failed and was rolled back: ${message}`, { cause: error });
}
