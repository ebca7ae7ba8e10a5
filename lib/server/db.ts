// The one database module: a Prisma client for the configured provider (SQLite by default, PostgreSQL
// in production). Nothing outside lib/server imports Prisma; data access goes through the modules here.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { parseDatabaseUrl, type DatabaseTarget } from "./database-url";
import { env } from "./env";
import { serialisedSqlite } from "./sqlite-serialised";

// Both generated clients expose the same model API; the SQLite one's types stand for both.
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export function createDb(target: DatabaseTarget): Db {
  if (target.provider === "sqlite") {
    // busy timeout: a second process (the CLI) waits for the write lock instead of failing. Every
    // access in this process goes through one lock (see sqlite-serialised.ts).
    const adapter = serialisedSqlite(new PrismaBetterSqlite3({ url: `file:${target.file}`, timeout: 15_000 }));
    return new SqliteClient({ adapter });
  }
  const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: target.url }) });
  return client as unknown as Db;
}

const globalForDb = globalThis as unknown as { factcheckDb?: { db: Db; target: DatabaseTarget } };

function instance() {
  if (!globalForDb.factcheckDb) {
    const target = parseDatabaseUrl(env().DATABASE_URL);
    globalForDb.factcheckDb = { db: createDb(target), target };
  }
  return globalForDb.factcheckDb;
}

export function db(): Db {
  return instance().db;
}

export function dbProvider(): DatabaseTarget["provider"] {
  return instance().target.provider;
}

/** The database this process uses: what a connection of its own (live updates' LISTEN) connects to. */
export function dbTarget(): DatabaseTarget {
  return instance().target;
}

/** Advisory lock keys, one per kind of serialised work; any constants do, as long as they differ. */
export const LOCKS = { auditAppend: 727_001, signInThrottle: 727_002 } as const;

// A waiting writer queues behind the lock rather than failing: contention waits, it does not error.
const SERIALISED_TX_OPTIONS = { maxWait: 30_000, timeout: 60_000 } as const;

/**
 * Runs `work` in one transaction that no other transaction with the same lock overlaps: on PostgreSQL
 * a transaction-scoped advisory lock; on SQLite every transaction is already serialised (one lock per
 * process, BEGIN IMMEDIATE across processes). Inside `work`, use `tx`, never `db()`
 * (the lint gate refuses it: on SQLite it would wait for this very transaction).
 */
export function serialisedTransaction<T>(lock: (typeof LOCKS)[keyof typeof LOCKS], work: (tx: Tx) => Promise<T>): Promise<T> {
  return db().$transaction(async (tx) => {
    if (dbProvider() === "postgresql") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${Number(lock)})`);
    return work(tx);
  }, SERIALISED_TX_OPTIONS);
}

/**
 * Whether a failed write broke a unique constraint (P2002) or referred to a row that is gone (P2003):
 * another writer got there first. Both generated clients throw their own error classes, so the code is read.
 */
export function isWriteConflict(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === "P2002" || code === "P2003";
}
