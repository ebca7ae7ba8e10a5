// The committed migrations, checked the way the app uses them: applied by lib/server/migrate.ts to an
// empty database, they must build exactly what the Prisma schema describes (the WebAssembly schema
// engine diffs the database against the schema and must find nothing), record themselves as
// `prisma migrate deploy` would, keep the audit trail append-only, and refuse edited history.
// SQLite always runs; PostgreSQL runs when TEST_DATABASE_URL points at a server where we may create
// (and drop) a scratch database.
import { createHash } from "node:crypto";
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { DatabaseTarget } from "@/lib/server/database-url";
import { applyMigrations, findProjectRoot, migrationsDirFor } from "@/lib/server/migrate";
import { createScratchPostgresDatabase, diffDatabaseToSchema, openSchemaEngine } from "@/scripts/schema-engine";

type Provider = DatabaseTarget["provider"];

/** Runs `fn` against a new, empty database of `provider`, and removes the database afterwards. */
async function withEmptyDatabase(provider: Provider, fn: (target: DatabaseTarget) => Promise<void>) {
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "factcheck-migtest-"));
    const file = path.join(dir, "nested", "test.db"); // applyMigrations must create the directory
    try {
      await fn({ provider: "sqlite", url: `file:${file}`, file });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  const scratch = await createScratchPostgresDatabase(process.env.TEST_DATABASE_URL!, "factcheck_migtest");
  try {
    await fn({ provider: "postgresql", url: scratch.url });
  } finally {
    await scratch.drop();
  }
}

/** Runs one SQL statement with the plain driver and returns its rows. */
async function sql(target: DatabaseTarget, text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  if (target.provider === "sqlite") {
    const db = new Database(target.file);
    try {
      const statement = db.prepare(text);
      if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
      statement.run(...params);
      return [];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

async function diffToSchema(target: DatabaseTarget): Promise<string> {
  const { engine, close } = await openSchemaEngine(target);
  try {
    return await diffDatabaseToSchema(engine, target.provider);
  } finally {
    await close();
  }
}

function committedMigrations(provider: Provider) {
  const dir = migrationsDirFor(provider, findProjectRoot());
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({
      name,
      checksum: createHash("sha256")
        .update(readFileSync(path.join(dir, name, "migration.sql")))
        .digest("hex"),
    }));
}

const providers: Provider[] = process.env.TEST_DATABASE_URL ? ["sqlite", "postgresql"] : ["sqlite"];

describe.each(providers)("%s migrations", (provider) => {
  it("apply to an empty database once, and then there is nothing left to apply", async () => {
    await withEmptyDatabase(provider, async (target) => {
      const committed = committedMigrations(provider);
      expect(committed.length).toBeGreaterThan(0);
      expect(committed[0]?.name).toMatch(/^\d{14}_init$/);

      const first = await applyMigrations(target);
      expect(first.applied).toEqual(committed.map((m) => m.name));

      const second = await applyMigrations(target);
      expect(second.applied).toEqual([]);
    });
  });

  it("are applied once when two servers start at the same moment", async () => {
    await withEmptyDatabase(provider, async (target) => {
      const [a, b] = await Promise.all([applyMigrations(target), applyMigrations(target)]);
      expect([...a.applied, ...b.applied]).toEqual(committedMigrations(provider).map((m) => m.name));
      const rows = await sql(target, "SELECT migration_name FROM _prisma_migrations");
      expect(rows).toHaveLength(committedMigrations(provider).length);
    });
  });

  it("build exactly the database the Prisma schema describes", async () => {
    await withEmptyDatabase(provider, async (target) => {
      await applyMigrations(target);
      expect(await diffToSchema(target)).toBe("");

      // The check can fail: remove one index the schema declares and the engine wants it back.
      await sql(target, 'DROP INDEX "AuditEvent_hash_key"');
      expect(await diffToSchema(target)).toContain("AuditEvent_hash_key");
    });
  });

  it("record each migration in _prisma_migrations as prisma migrate deploy does", async () => {
    await withEmptyDatabase(provider, async (target) => {
      await applyMigrations(target);
      const rows = await sql(
        target,
        "SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count " +
          "FROM _prisma_migrations ORDER BY migration_name",
      );
      expect(rows.map((row) => ({ name: row.migration_name, checksum: row.checksum }))).toEqual(
        committedMigrations(provider).map((m) => ({ name: m.name, checksum: m.checksum })),
      );
      for (const row of rows) {
        expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(row.applied_steps_count).toBe(1);
        expect(row.logs).toBeNull();
        expect(row.rolled_back_at).toBeNull();
        expect(row.started_at).not.toBeNull();
        expect(row.finished_at).not.toBeNull();
        expect(new Date(row.finished_at as string | Date).getTime()).toBeGreaterThanOrEqual(
          new Date(row.started_at as string | Date).getTime(),
        );
      }
    });
  });

  it("make AuditEvent append-only", async () => {
    await withEmptyDatabase(provider, async (target) => {
      await applyMigrations(target);
      const insert =
        'INSERT INTO "AuditEvent" ("seq", "at", "action", "entityType", "entityId", "prevHash", "hash") ' +
        "VALUES (1, CURRENT_TIMESTAMP, 'claim.create', 'claim', 'c1', '', 'h1')";
      await sql(target, insert);
      expect(await sql(target, 'SELECT "seq", "action" FROM "AuditEvent"')).toEqual([{ seq: 1, action: "claim.create" }]);

      await expect(sql(target, `UPDATE "AuditEvent" SET "action" = 'claim.delete'`)).rejects.toThrow(
        /audit events are append-only/,
      );
      await expect(sql(target, 'DELETE FROM "AuditEvent"')).rejects.toThrow(/audit events are append-only/);
      if (provider === "postgresql") {
        await expect(sql(target, 'TRUNCATE "AuditEvent"')).rejects.toThrow(/audit events are append-only/);
      }
      expect(await sql(target, 'SELECT "action" FROM "AuditEvent"')).toEqual([{ action: "claim.create" }]);
    });
  });

  it("refuse a migration edited after it was applied", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "factcheck-migrations-"));
    try {
      cpSync(migrationsDirFor(provider, findProjectRoot()), dir, { recursive: true });
      await withEmptyDatabase(provider, async (target) => {
        await applyMigrations(target, undefined, { migrationsDir: dir });
        const [first] = committedMigrations(provider);
        appendFileSync(path.join(dir, first!.name, "migration.sql"), "\n-- edited afterwards\n");
        await expect(applyMigrations(target, undefined, { migrationsDir: dir })).rejects.toThrow(
          new RegExp(`migration ${first!.name} was modified after it was applied`),
        );
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuse to continue after a migration that failed", async () => {
    await withEmptyDatabase(provider, async (target) => {
      await applyMigrations(target);
      await sql(target, "UPDATE _prisma_migrations SET finished_at = NULL");
      await expect(applyMigrations(target)).rejects.toThrow(/failed earlier/);
    });
  });
});
