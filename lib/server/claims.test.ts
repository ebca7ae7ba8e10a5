// Claim and source writes against real databases, asserting what a reviewer and the audit trail see:
// the claim as returned, its status after each kind of save, the exact snapshot each event records,
// who may delete and restore, and that every refusal writes nothing.
import { beforeAll, expect, it } from "vitest";
import type { Actor } from "./actor";
import { createArticle } from "./articles";
import { addSource, claimIdOfSource, createClaim, deleteClaim, getClaim, listClaims, removeSource, restoreClaim, updateClaim, updateSource } from "./claims";
import { db } from "./db";
import { describeOnDatabases, expectRefused, seedUser } from "./test-databases";

// Matchers typed as the strings they stand for.
const anId = expect.stringMatching(/^[A-Za-z0-9_-]{10,}$/) as unknown as string;
const anIsoTime = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown as string;

const TEXT = "The alliance sent a force of about 2,500 soldiers. The Kremlin said so. The Kremlin also said more.";
const QUOTE = "a force of about 2,500 soldiers";

async function lastEvent() {
  const e = await db().auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
  return { action: e.action, entityType: e.entityType, entityId: e.entityId, articleId: e.articleId, before: e.before === null ? null : (JSON.parse(e.before) as unknown), after: e.after === null ? null : (JSON.parse(e.after) as unknown) };
}

function refused(work: () => Promise<unknown>, code: string, fields?: Record<string, string>, message?: string) {
  return expectRefused(work, { code, fields, message }, ["claim", "source"]);
}

const snapshot = (c: { exact: string; start: number; end: number; statement: string | null; status: string; verdict: string | null; rationale: string; note: string; finalNote: string; version: number }) => ({
  exact: c.exact,
  start: c.start,
  end: c.end,
  statement: c.statement,
  status: c.status,
  verdict: c.verdict,
  rationale: c.rationale,
  note: c.note,
  finalNote: c.finalNote,
  version: c.version,
});

describeOnDatabases("claims and sources", () => {
  let ed: Actor;
  let rita: Actor;
  let ravi: Actor;
  let vera: Actor;

  beforeAll(async () => {
    ed = await seedUser("ed@test.org", "Ed", "editor");
    rita = await seedUser("rita@test.org", "Rita", "reviewer");
    ravi = await seedUser("ravi@test.org", "Ravi", "reviewer");
    vera = await seedUser("vera@test.org", "Vera", "viewer");
  });

  const article = async () => (await createArticle(ed, { title: "Deployment", text: TEXT })).id;

  it("marks a claim: the quote anchored with its context, open, by its author, version 1, audited", async () => {
    const articleId = await article();
    const claim = await createClaim(rita, articleId, { exact: QUOTE, statement: "  Russia sent 2,500 soldiers  " });
    expect(claim).toEqual({
      id: anId,
      articleId,
      exact: QUOTE,
      prefix: "The alliance sent ",
      suffix: ". The Kremlin said so. The Kreml",
      start: 18,
      end: 49,
      statement: "Russia sent 2,500 soldiers",
      status: "open",
      verdict: null,
      rationale: "",
      note: "",
      author: { id: rita.id, name: "Rita" },
      verdictBy: null,
      finalNote: "",
      approvedBy: null,
      approvedAt: null,
      anchor: { status: "exact", revision: 1, score: 1 },
      reworded: null,
      version: 1,
      createdAt: anIsoTime,
      updatedAt: anIsoTime,
      sources: [],
    });
    expect(await getClaim(vera, claim.id)).toEqual(claim);
    expect(await lastEvent()).toEqual({ action: "claim.created", entityType: "claim", entityId: claim.id, articleId, before: null, after: snapshot(claim) });
    // An empty statement is no statement.
    expect((await createClaim(rita, articleId, { exact: "The Kremlin said so", statement: "" })).statement).toBeNull();
  });

  it("refuses a quote that is not there, or there twice without context, an unknown article and a viewer, writing nothing", async () => {
    const articleId = await article();
    await refused(() => createClaim(rita, articleId, { exact: "3,000 soldiers" }), "quote_not_found", { exact: "Not found in the article." }, "The quoted text is not in the article.");
    await refused(
      () => createClaim(rita, articleId, { exact: "The Kremlin" }),
      "ambiguous_quote",
      undefined,
      "The quoted text occurs more than once in the article; send its position or more context (prefix, suffix).",
    );
    await refused(() => createClaim(rita, "no-such-article", { exact: QUOTE }), "not_found", undefined, "The article was not found.");
    await refused(() => createClaim(vera, articleId, { exact: QUOTE }), "forbidden");
    // With a position, the repeated quote is the one asked for.
    const second = await createClaim(rita, articleId, { exact: "The Kremlin", start: 72, end: 83 });
    expect([second.start, second.end, second.prefix]).toEqual([72, 83, " soldiers. The Kremlin said so. "]);
  });

  it("moves a claim through its statuses as verdicts are given, changed, taken away and set with a status", async () => {
    const articleId = await article();
    const c = await createClaim(rita, articleId, { exact: QUOTE });
    const save = async (input: Record<string, unknown>) => {
      const before = await getClaim(rita, c.id);
      return updateClaim(ravi, c.id, { version: before.version, ...input });
    };
    const state = (x: { status: string; verdict: string | null; version: number }) => [x.status, x.verdict, x.version];

    expect(state(await save({ verdict: "false" }))).toEqual(["verdict_given", "false", 2]);
    expect((await lastEvent()).action).toBe("claim.verdict_changed");
    expect(state(await save({ verdict: "mostly_false" }))).toEqual(["verdict_given", "mostly_false", 3]);
    expect(state(await save({ verdict: null }))).toEqual(["in_review", null, 4]);
    expect(await lastEvent()).toMatchObject({
      action: "claim.verdict_changed",
      before: { status: "verdict_given", verdict: "mostly_false", version: 3 },
      after: { status: "in_review", verdict: null, version: 4 },
    });
    // The same verdict again, or no verdict again: nothing changes, no event, same version.
    const events = await db().auditEvent.count();
    expect(state(await save({ verdict: null }))).toEqual(["in_review", null, 4]);
    expect(await db().auditEvent.count()).toBe(events);
    // Back to open by hand, then a verdict taken away from an open claim leaves it open.
    expect(state(await save({ status: "open" }))).toEqual(["open", null, 5]);
    expect((await lastEvent()).action).toBe("claim.status_changed");
    expect(state(await save({ verdict: "true", status: "in_review" }))).toEqual(["in_review", "true", 6]);
    expect(state(await save({ verdict: null }))).toEqual(["in_review", null, 7]);
    expect(state(await save({ status: "open" }))).toEqual(["open", null, 8]);
    expect(state(await save({ verdict: "half_true", status: "open" }))).toEqual(["open", "half_true", 9]);
    expect(state(await save({ verdict: null }))).toEqual(["open", null, 10]);
    // "Verdict given" needs a verdict, whether asked for alone or with the verdict taken away.
    await refused(() => save({ status: "verdict_given" }), "validation_failed", { status: "Give a verdict first." }, "A claim without a verdict cannot have the status “verdict given”.");
    await refused(() => save({ status: "verdict_given", verdict: null }), "validation_failed");
    expect(state(await getClaim(rita, c.id))).toEqual(["open", null, 10]);
  });

  it("records each edit with the claim's snapshot before and after, and names it by what changed", async () => {
    const articleId = await article();
    const c = await createClaim(rita, articleId, { exact: QUOTE, statement: "first" });
    const edited = await updateClaim(ravi, c.id, { version: 1, rationale: "Two sources disagree.", note: "Ask the desk.", statement: "" });
    expect(edited).toMatchObject({ statement: null, rationale: "Two sources disagree.", note: "Ask the desk.", status: "open", verdict: null, version: 2, author: { id: rita.id, name: "Rita" } });
    expect(await lastEvent()).toEqual({ action: "claim.updated", entityType: "claim", entityId: c.id, articleId, before: snapshot(c), after: snapshot(edited) });
    // A status and a rationale together are an update, not a status change.
    await updateClaim(ravi, c.id, { version: 2, status: "in_review", rationale: "More." });
    expect((await lastEvent()).action).toBe("claim.updated");
    // Fields sent with their current values are no change at all.
    const same = await updateClaim(ravi, c.id, { version: 3, rationale: "More.", note: "Ask the desk.", status: "in_review" });
    expect(same.version).toBe(3);
    expect((await lastEvent()).after).toMatchObject({ version: 3 });
  });

  it("refuses a stale or future version with the current claim, and an edit by a viewer or of an unknown claim", async () => {
    const articleId = await article();
    const c = await createClaim(rita, articleId, { exact: QUOTE });
    const current = await updateClaim(ravi, c.id, { version: 1, rationale: "first" });
    for (const version of [1, 3]) {
      const error = await refused(() => updateClaim(ed, c.id, { version, rationale: "second" }), "conflict", undefined, "Someone else changed this claim since you opened it.");
      expect(error.extra).toEqual({ current });
    }
    await refused(() => updateClaim(vera, c.id, { version: 2, rationale: "x" }), "forbidden");
    await refused(() => updateClaim(ravi, "no-such-claim", { version: 1, rationale: "x" }), "not_found", undefined, "The claim was not found.");
  });

  it("lets the author or an editor delete a claim, only an editor restore it, and audits both", async () => {
    const articleId = await article();
    const c = await createClaim(rita, articleId, { exact: QUOTE });
    await refused(() => deleteClaim(ravi, c.id), "forbidden", undefined, "Only the claim's author or an editor can delete it.");
    await refused(() => deleteClaim(vera, c.id), "forbidden");
    await deleteClaim(rita, c.id);
    expect(await lastEvent()).toEqual({ action: "claim.deleted", entityType: "claim", entityId: c.id, articleId, before: snapshot(c), after: null });
    await refused(() => getClaim(rita, c.id), "not_found");
    await refused(() => deleteClaim(ed, c.id), "not_found");
    expect(await listClaims(rita, articleId)).toEqual([]);
    const [deleted] = await listClaims(ed, articleId, {}, { includeDeleted: true });
    expect(deleted).toMatchObject({ id: c.id, version: 2, deletedAt: anIsoTime });
    expect((await db().claim.findUniqueOrThrow({ where: { id: c.id } })).deletedById).toBe(rita.id);

    await refused(() => restoreClaim(rita, c.id), "forbidden");
    const restored = await restoreClaim(ed, c.id);
    expect(restored).toMatchObject({ id: c.id, version: 3 });
    expect(restored).not.toHaveProperty("deletedAt");
    expect(await lastEvent()).toEqual({ action: "claim.restored", entityType: "claim", entityId: c.id, articleId, before: null, after: snapshot(restored) });
    expect((await db().claim.findUniqueOrThrow({ where: { id: c.id } })).deletedById).toBeNull();
    // Restoring a claim that is not deleted changes nothing.
    const events = await db().auditEvent.count();
    expect(await restoreClaim(ed, c.id)).toEqual(restored);
    expect(await db().auditEvent.count()).toBe(events);
    // An editor deletes anyone's claim.
    await deleteClaim(ed, c.id);
    expect((await db().claim.findUniqueOrThrow({ where: { id: c.id } })).deletedById).toBe(ed.id);
    await refused(() => restoreClaim(ed, "no-such-claim"), "not_found");
  });

  it("lists an article's claims in text order, longer first at the same start, filtered by status and verdict", async () => {
    const articleId = await article();
    const short = await createClaim(rita, articleId, { exact: "a force" });
    const long = await createClaim(ravi, articleId, { exact: "a force of about 2,500 soldiers" });
    const first = await createClaim(rita, articleId, { exact: "The alliance" });
    const last = await createClaim(rita, articleId, { exact: "also said more" });
    await updateClaim(rita, long.id, { version: 1, verdict: "true" });
    await updateClaim(rita, last.id, { version: 1, status: "in_review" });
    const ids = async (filter: Record<string, string> = {}) => (await listClaims(vera, articleId, filter)).map((c) => c.id);
    expect(await ids()).toEqual([first.id, long.id, short.id, last.id]);
    expect(await ids({ verdict: "true" })).toEqual([long.id]);
    expect(await ids({ verdict: "none" })).toEqual([first.id, short.id, last.id]);
    expect(await ids({ status: "in_review" })).toEqual([last.id]);
    expect(await ids({ status: "open", verdict: "none" })).toEqual([first.id, short.id]);
    expect((await listClaims(vera, articleId)).map((c) => c.author.name)).toEqual(["Rita", "Ravi", "Rita", "Rita"]);
    await refused(() => listClaims(vera, "no-such-article"), "not_found", undefined, "The article was not found.");
    await refused(() => listClaims(vera, articleId, { verdict: "nonsense" }), "validation_failed");
  });

  it("adds, edits and removes a claim's sources, in the order added, each audited with the claim it belongs to", async () => {
    const articleId = await article();
    const c = await createClaim(rita, articleId, { exact: QUOTE });
    const other = await createClaim(rita, articleId, { exact: "The Kremlin said so" });
    const s1 = await addSource(ravi, c.id, { url: "https://example.org/one", stance: "supports", title: " One ", accessedOn: "2026-11-30" });
    expect(s1).toEqual({ id: anId, url: "https://example.org/one", title: "One", publisher: "", quote: "", stance: "supports", archivedUrl: null, accessedOn: "2026-11-30" });
    expect(await lastEvent()).toEqual({ action: "source.added", entityType: "source", entityId: s1.id, articleId, before: null, after: { claimId: c.id, ...s1 } });
    const s2 = await addSource(ravi, c.id, { url: "https://example.org/two", stance: "contradicts" });
    expect((await getClaim(vera, c.id)).sources.map((s) => s.id)).toEqual([s1.id, s2.id]);
    expect((await listClaims(vera, articleId)).find((x) => x.id === c.id)!.sources.map((s) => s.id)).toEqual([s1.id, s2.id]);
    expect(await claimIdOfSource(s2.id)).toBe(c.id);

    const edited = await updateSource(rita, s1.id, { publisher: "Wire", stance: "supports" }, { claimId: c.id });
    expect(edited).toEqual({ ...s1, publisher: "Wire" });
    expect(await lastEvent()).toEqual({ action: "source.updated", entityType: "source", entityId: s1.id, articleId, before: { claimId: c.id, ...s1 }, after: { claimId: c.id, ...edited } });
    const events = await db().auditEvent.count();
    expect(await updateSource(rita, s1.id, { publisher: "Wire" })).toEqual(edited);
    expect(await db().auditEvent.count()).toBe(events);

    // Named with another claim, a source is not found; a viewer may not touch sources.
    await refused(() => updateSource(rita, s1.id, { title: "x" }, { claimId: other.id }), "not_found");
    await refused(() => removeSource(rita, s1.id, { claimId: other.id }), "not_found");
    await refused(() => addSource(vera, c.id, { url: "https://example.org/x", stance: "context" }), "forbidden");
    await refused(() => updateSource(vera, s1.id, { title: "x" }), "forbidden");
    await refused(() => removeSource(vera, s1.id), "forbidden");
    await refused(() => addSource(rita, c.id, { url: "javascript:alert(1)", stance: "context" }), "validation_failed");
    await refused(() => addSource(rita, "no-such-claim", { url: "https://example.org/x", stance: "context" }), "not_found");

    await removeSource(rita, s2.id, { claimId: c.id });
    expect(await lastEvent()).toEqual({ action: "source.removed", entityType: "source", entityId: s2.id, articleId, before: { claimId: c.id, ...s2 }, after: null });
    expect((await getClaim(vera, c.id)).sources.map((s) => s.id)).toEqual([s1.id]);
    await refused(() => claimIdOfSource(s2.id), "not_found");
    await refused(() => removeSource(rita, s2.id), "not_found", undefined, "The source was not found.");

    // The sources of a deleted claim cannot be changed until it is restored.
    await deleteClaim(rita, c.id);
    await refused(() => updateSource(rita, s1.id, { title: "x" }), "not_found");
    await refused(() => removeSource(rita, s1.id), "not_found");
    await refused(() => addSource(rita, c.id, { url: "https://example.org/x", stance: "context" }), "not_found");
  });
});
