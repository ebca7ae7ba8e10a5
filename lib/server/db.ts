// The one database module: a Prisma client for the configured provider (SQLite by default, PostgreSQL
// in production). Nothing outside lib/server imports Prisma; data access goes through the modules here.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { parseDatabaseUrl, type DatabaseTarget } from "./database-url";
import { env } from "./env";

// Both generated clients expose the same model API; the SQLite one's types stand for both.
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export function createDb(target: DatabaseTarget): Db {
  if (target.provider === "sqlite") {
    // busy timeout: a second process (the CLI) waits for the write lock instead of failing.
    return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: `file:${target.file}`, timeout: 15_000 }) });
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
