// Server actions are public endpoints: any client can call one with arguments the forms never send.
// Each such call must come back as the action's error value (validation_failed or not_found), write
// nothing and never throw (a throw is a 500 and an error page). Runs the real actions on SQLite, with
// the session replaced by a signed-in actor.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "./actor";

vi.mock("server-only", () => ({}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/server/session", () => ({
  requireActionActor: () => {
    if (!session.actor) throw new Error("no actor in this test");
    return Promise.resolve(session.actor);
  },
}));

const articles = await import("@/app/articles/actions");
const users = await import("@/app/admin/users/actions");
const { createArticle } = await import("./articles");
const { addSource, createClaim } = await import("./claims");
const { parseDatabaseUrl } = await import("./database-url");
const { createDb, db } = await import("./db");
const { applyMigrations } = await import("./migrate");
const { seedUser } = await import("./test-databases");

const TEXT = "Russian-led alliance CSTO had deployed reportedly sent a force of about 2,500 soldiers to Kazakhstan.";

/** Ids no form would send: wrong types, containers, huge or unstorable strings. */
const BAD_IDS: unknown[] = [123, 1.5, true, null, undefined, { id: "x" }, ["x"], [], "", "x".repeat(1_000_000), "a\u0000b", "a\ud800", "../x", "a b"];

describe("server actions called with arguments no form sends", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "factcheck-actions-"));
  let admin: Actor;
  let articleId: string;
  let claimId: string;
  let sourceId: string;

  beforeAll(async () => {
    const target = parseDatabaseUrl(`file:${path.join(dir, "test.db")}`);
    await applyMigrations(target);
    (globalThis as { factcheckDb?: unknown }).factcheckDb = { db: createDb(target), target };
    admin = await seedUser("admin@test.org", "Ada", "admin");
    await seedUser("alice@test.org", "Alice", "reviewer");
  }, 60_000);

  // A fresh article, claim and source for each test, made in the test's own time so the mutation run
  // sees which test runs which write.
  beforeEach(async () => {
    session.actor = admin;
    const article = await createArticle(admin, { title: "Actions", text: TEXT });
    articleId = article.id;
    const claim = await createClaim(admin, articleId, { exact: "reportedly sent a force of about 2,500 soldiers" });
    claimId = claim.id;
    sourceId = (await addSource(admin, claimId, { url: "https://example.org/a", stance: "supports" })).id;
  });

  afterAll(async () => {
    await db().$disconnect();
    delete (globalThis as { factcheckDb?: unknown }).factcheckDb;
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every action with a record id, called with `bad` in that id's place and good values elsewhere. */
  const calls = (bad: unknown): [string, () => Promise<{ ok: boolean; error?: { code: string } }>][] => {
    const b = bad as string;
    return [
      ["updateArticleAction", () => articles.updateArticleAction(b, { title: "Renamed" })],
      ["createClaimAction", () => articles.createClaimAction(b, { exact: "Kazakhstan" })],
      ["updateClaimAction", () => articles.updateClaimAction(b, { version: 1, verdict: "false" })],
      ["deleteClaimAction", () => articles.deleteClaimAction(b)],
      ["restoreClaimAction", () => articles.restoreClaimAction(b)],
      ["addSourceAction", () => articles.addSourceAction(b, { url: "https://example.org/b", stance: "context" })],
      ["updateSourceAction (claim)", () => articles.updateSourceAction(b, sourceId, { title: "Changed" })],
      ["updateSourceAction (source)", () => articles.updateSourceAction(claimId, b, { title: "Changed" })],
      ["removeSourceAction (claim)", () => articles.removeSourceAction(b, sourceId)],
      ["removeSourceAction (source)", () => articles.removeSourceAction(claimId, b)],
      ["claimHistoryAction", () => articles.claimHistoryAction(b)],
      ["setUserDisabledAction", () => users.setUserDisabledAction(b, true)],
      ["setUserRoleAction", () => users.setUserRoleAction(b, "viewer")],
    ];
  };

  it.each(BAD_IDS.map((bad) => [typeof bad === "string" && bad.length > 40 ? `${bad.length}-character string` : JSON.stringify(bad) ?? "undefined", bad]))(
    "an id of %s is refused as a value by every action, and nothing is written",
    async (_, bad) => {
      const before = await db().auditEvent.count();
      for (const [name, call] of calls(bad)) {
        const result: { ok: boolean; error?: { code: string }; thrown?: string } = await call().catch((error: unknown) => ({ ok: true, thrown: String(error) }));
        expect(result, name).toMatchObject({ ok: false });
        expect(["validation_failed", "not_found"], name).toContain(result.error?.code);
      }
      expect(await db().auditEvent.count()).toBe(before);
    },
  );

  it.each([["false"], ["true"], [0], [1], [null], [{}]])("disabled=%j is refused: only true or false enable or disable an account", async (value) => {
    const result = await users.setUserDisabledAction("alice@test.org", value as boolean);
    expect(result).toMatchObject({ ok: false, error: { code: "validation_failed" } });
    expect((await db().user.findUniqueOrThrow({ where: { email: "alice@test.org" } })).disabledAt).toBeNull();
  });

  it("bodies of the wrong shape are refused as values too", async () => {
    for (const body of [null, "text", 42, [], ["a"], { version: "1" }, { version: 1, verdict: ["false"] }]) {
      const result = await articles.updateClaimAction(claimId, body);
      expect(result, JSON.stringify(body)).toMatchObject({ ok: false, error: { code: "validation_failed" } });
    }
  });

  it("a source named with another claim's id is not found, and neither edited nor removed", async () => {
    const other = await createClaim(admin, articleId, { exact: "Kazakhstan" });
    const before = await db().auditEvent.count();
    for (const result of [
      await articles.updateSourceAction(other.id, sourceId, { title: "Swapped" }),
      await articles.removeSourceAction(other.id, sourceId),
    ]) {
      expect(result).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
    expect(await db().source.findUniqueOrThrow({ where: { id: sourceId } })).toMatchObject({ claimId, title: "" });
    expect(await db().auditEvent.count()).toBe(before);
  });

  it("the same actions with well-formed arguments still work", async () => {
    expect(await articles.claimHistoryAction(claimId)).toMatchObject({ ok: true });
    expect(await articles.updateClaimAction(claimId, { version: 1, verdict: "false" })).toMatchObject({ ok: true, data: { verdict: "false" } });
    expect(await articles.claimHistoryAction("no-such-claim")).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await users.setUserDisabledAction("ALICE@test.org ", true)).toMatchObject({ ok: true });
    expect(await users.setUserDisabledAction("alice@test.org", false)).toMatchObject({ ok: true });
  });
});
