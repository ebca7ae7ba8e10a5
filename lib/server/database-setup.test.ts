// PostgreSQL with the app in a role of its own (MIGRATION_DATABASE_URL for the owner): the app still
// does everything it does, but cannot change, delete or truncate the audit trail, nor switch off or
// drop the triggers that guard it. Runs when TEST_DATABASE_URL names a PostgreSQL server.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchPostgresDatabase } from "@/scripts/schema-engine";
import { createArticle } from "./articles";
import { verifyAuditChain } from "./audit";
import { databaseTargets, prepareDatabase } from "./database-setup";
import { parseDatabaseUrl } from "./database-url";
import { createDb, db } from "./db";
import { SYSTEM_ACTOR, createUser } from "./users";

const serverUrl = process.env.TEST_DATABASE_URL;

describe("database targets", () => {
  it("migrates through DATABASE_URL unless MIGRATION_DATABASE_URL is set, which only PostgreSQL takes", () => {
    const same = databaseTargets({ DATABASE_URL: "file:./data/x.db" });
    expect(same.migration).toBe(same.app);
    const split = databaseTargets({ DATABASE_URL: "postgresql://app@db/factcheck", MIGRATION_DATABASE_URL: "postgresql://owner@db/factcheck" });
    expect([split.app.url, split.migration.url]).toEqual(["postgresql://app@db/factcheck", "postgresql://owner@db/factcheck"]);
    expect(() => databaseTargets({ DATABASE_URL: "file:./data/x.db", MIGRATION_DATABASE_URL: "postgresql://owner@db/factcheck" })).toThrow(/PostgreSQL/);
  });
});

describe.runIf(serverUrl)("the app in its own PostgreSQL role", () => {
  const role = `factcheck_app_test_${randomBytes(4).toString("hex")}`;
  let scratch: Awaited<ReturnType<typeof createScratchPostgresDatabase>>;
  let appUrl: string;
  const lines: string[] = [];

  async function asApp<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: appUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  async function refusedAsApp(sql: string) {
    return asApp((c) => c.query(sql)).then(
      () => "allowed",
      (error: { code?: string; message: string }) => `${error.code}: ${error.message}`,
    );
  }

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE ROLE "${role}" LOGIN`);
    await admin.end();
    scratch = await createScratchPostgresDatabase(serverUrl!, "factcheck_roletest");
    const url = new URL(scratch.url);
    url.username = role;
    url.password = "";
    appUrl = url.toString();
    await prepareDatabase({ DATABASE_URL: appUrl, MIGRATION_DATABASE_URL: scratch.url }, (line) => lines.push(line));
    (globalThis as { factcheckDb?: unknown }).factcheckDb = { db: createDb(parseDatabaseUrl(appUrl)), target: parseDatabaseUrl(appUrl) };
  }, 60_000);

  afterAll(async () => {
    await db().$disconnect();
    delete (globalThis as { factcheckDb?: unknown }).factcheckDb;
    await scratch.drop();
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS "${role}"`);
    await admin.end();
  });

  it("says which role runs the app", () => {
    expect(lines.join("\n")).toContain(`the app runs as "${role}"`);
  });

  it("lets the app do its audited work and read the chain back", async () => {
    const editor = await createUser(SYSTEM_ACTOR, { email: "ed@test.org", name: "Ed", role: "editor", password: "correct horse battery" });
    await createArticle({ ...editor, via: "session" }, { title: "Roles", text: "A sentence with 2,500 soldiers in it." });
    expect(await verifyAuditChain()).toMatchObject({ ok: true, events: 2 });
  });

  it("refuses the app any change to the audit trail and its triggers", async () => {
    for (const sql of [
      `UPDATE "AuditEvent" SET "action" = 'user.created'`,
      `DELETE FROM "AuditEvent"`,
      `TRUNCATE "AuditEvent"`,
      `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`,
      `ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`,
      `DROP TABLE "AuditEvent"`,
      `CREATE TABLE "Sneaky" (id int)`,
      `DELETE FROM "_prisma_migrations"`,
    ]) {
      expect(await refusedAsApp(sql), sql).toMatch(/^42501: (permission denied|must be owner)/);
    }
    const triggers = await asApp((c) => c.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = '"AuditEvent"'::regclass AND NOT tgisinternal AND tgenabled <> 'D'`));
    expect(triggers.rowCount).toBeGreaterThanOrEqual(2);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("grants again idempotently, so a restart changes nothing", async () => {
    const again: string[] = [];
    await prepareDatabase({ DATABASE_URL: appUrl, MIGRATION_DATABASE_URL: scratch.url }, (line) => again.push(line));
    expect(again.join("\n")).toContain("up to date");
    expect(await refusedAsApp(`DELETE FROM "AuditEvent"`)).toMatch(/^42501/);
  });
});
