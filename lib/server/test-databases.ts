// For tests of the data-access layer: runs a suite against a fresh, migrated database on SQLite
// always, and on PostgreSQL too when TEST_DATABASE_URL names a server (a scratch database, dropped
// afterwards). The suite's body reaches the database through db(), as the app does.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { Role } from "@/lib/core/roles";
import type { Actor } from "./actor";
import { parseDatabaseUrl, type DatabaseTarget } from "./database-url";
import { createDb, db } from "./db";
import { AppError } from "./errors";
import { newId } from "./ids";
import { applyMigrations } from "./migrate";

interface Scratch {
  target: DatabaseTarget;
  cleanup: () => Promise<void>;
}

function sqliteScratch(): Scratch {
  const dir = mkdtempSync(path.join(tmpdir(), "factcheck-data-"));
  return {
    target: parseDatabaseUrl(`file:${path.join(dir, "test.db")}`),
    cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

async function adminQuery(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function postgresScratch(serverUrl: string): Promise<Scratch> {
  // TEST_DATABASE_TAG tells apart the scratch databases of several checkouts sharing one server.
  const name = `factcheck_data_${process.env.TEST_DATABASE_TAG ?? ""}${process.pid}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    target: parseDatabaseUrl(url.toString()),
    cleanup: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** The provider of the database the running suite uses. */
export function testProvider(): DatabaseTarget["provider"] {
  return (globalThis as { factcheckDb?: { target: DatabaseTarget } }).factcheckDb!.target.provider;
}

/**
 * `describe(title on <database>)` once per database; `setup` runs after the migrations (create users
 * there), `body` declares the tests.
 */
export function describeOnDatabases(title: string, body: () => void, opts: { setup?: () => Promise<void> } = {}) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const scratches: Array<[string, () => Promise<Scratch> | Scratch]> = [["SQLite", sqliteScratch]];
  if (serverUrl) scratches.push(["PostgreSQL", () => postgresScratch(serverUrl)]);
  for (const [database, make] of scratches) {
    describe(`${title} on ${database}`, () => {
      let cleanup: () => Promise<void> = async () => {};
      beforeAll(async () => {
        const scratch = await make();
        cleanup = scratch.cleanup;
        await applyMigrations(scratch.target);
        (globalThis as { factcheckDb?: unknown }).factcheckDb = { db: createDb(scratch.target), target: scratch.target };
        await opts.setup?.();
      }, 60_000);
      afterAll(async () => {
        await db().$disconnect();
        delete (globalThis as { factcheckDb?: unknown }).factcheckDb;
        await cleanup();
      });
      body();
    });
  }
}

/** The password of every seeded user. */
export const TEST_PASSWORD = "correct horse battery";
/**
 * TEST_PASSWORD hashed once with scrypt at N=2^10 instead of the app's 2^17. A stored hash carries its
 * own parameters and is verified with them, so a seeded user's sign-in costs about a millisecond
 * instead of a quarter of a second; that is what lets the mutation run re-run the sign-in tests for
 * each of its mutants. password.test checks the app's own parameters.
 */
export const SEEDED_PASSWORD_HASH = "scrypt$10$8$1$UWUjILUMuxTSV3AJxvXBXQ==$XFrVCo2s9PBCT8OHgdKVW9R7RPgFUhHUacuaWrN9Yq8=";

/**
 * A user written straight to the database, with TEST_PASSWORD: a suite's setup then runs none of the
 * code under test (no hashing, no audited write), so the mutation run can tell which test covers what.
 */
export async function seedUser(email: string, name: string, role: Role): Promise<Actor> {
  const user = await db().user.create({ data: { id: newId(), email, name, role, passwordHash: SEEDED_PASSWORD_HASH } });
  return { id: user.id, email: user.email, name: user.name, role, via: "session" };
}

/**
 * Sets one column of an audit event behind the append-only triggers' back, as only the database owner
 * could: the tampering the chain verification must catch.
 */
export async function tamperWithAuditEvent(seq: number, column: "after" | "entityId", value: string | null) {
  if (testProvider() === "sqlite") {
    await db().$executeRawUnsafe(`DROP TRIGGER "AuditEvent_no_update"`);
    await db().$executeRawUnsafe(`UPDATE "AuditEvent" SET "${column}" = ? WHERE seq = ?`, value, seq);
    await db().$executeRawUnsafe(`CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent" BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END`);
  } else {
    await db().$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
    await db().$executeRawUnsafe(`UPDATE "AuditEvent" SET "${column}" = $1 WHERE seq = $2`, value, seq);
    await db().$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
  }
}

/** Tables a refusal must leave as they were, read whole and ordered by id. */
export type WatchedTable = "article" | "claim" | "source" | "user" | "session" | "apiToken" | "assignment" | "assessment" | "comment" | "commentMention";

async function readTable(table: WatchedTable): Promise<unknown[]> {
  const delegate = (db() as unknown as Record<WatchedTable, { findMany(args: unknown): Promise<unknown[]> }>)[table];
  // A mention's key is its comment and user; every other table has an id.
  const orderBy = table === "commentMention" ? [{ commentId: "asc" }, { userId: "asc" }] : { id: "asc" };
  return delegate.findMany({ orderBy });
}

/**
 * Runs `work`, expecting it to fail with an AppError of this code (and message and fields, when given),
 * having written nothing: no audit event, and each watched table exactly as it was. Returns the error.
 */
export async function expectRefused(
  work: () => Promise<unknown>,
  expected: { code: string; message?: string; fields?: Record<string, string> },
  watched: readonly WatchedTable[] = [],
): Promise<AppError> {
  const events = await db().auditEvent.count();
  const tables = await Promise.all(watched.map(readTable));
  const error = await work().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(expected.code);
  if (expected.message !== undefined) expect((error as AppError).message).toBe(expected.message);
  if (expected.fields !== undefined) expect((error as AppError).fields).toEqual(expected.fields);
  expect(await db().auditEvent.count()).toBe(events);
  expect(await Promise.all(watched.map(readTable))).toEqual(tables);
  return error as AppError;
}

/** The last `n` audit events, oldest first, with their snapshots parsed: what a test of a write checks. */
export async function lastEvents(n: number) {
  const rows = await db().auditEvent.findMany({ orderBy: { seq: "desc" }, take: n });
  return rows.reverse().map((e) => ({
    action: e.action,
    actorId: e.actorId,
    entityType: e.entityType,
    entityId: e.entityId,
    articleId: e.articleId,
    before: JSON.parse(e.before ?? "null") as unknown,
    after: JSON.parse(e.after ?? "null") as unknown,
  }));
}

/** The last audit event (see lastEvents). */
export async function lastEvent() {
  const [event] = await lastEvents(1);
  if (!event) throw new Error("no audit event yet");
  return event;
}
