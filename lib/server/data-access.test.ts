// The data-access layer against real databases: SQLite always, PostgreSQL when TEST_DATABASE_URL is
// set. Checks what the UI and API both rely on: each change and its audit event commit together,
// concurrent writers keep the chain gapless, stale saves and refused input write nothing. Sign-in and
// its throttle: sign-in.test.ts.
import { beforeAll, expect, it, vi } from "vitest";
import type { Actor } from "./actor";
import { createArticle, updateArticle } from "./articles";
import { audited, verifyAuditChain } from "./audit";
import { addSource, approveClaim, createClaim, deleteClaim, restoreClaim, updateClaim } from "./claims";
import { db } from "./db";
import { buildReport } from "./reports";
import { importAnnotations } from "./annotation-import";
import type * as PlanImport from "./plan-import";
import { ANNOTATION_CONTEXT, toAnnotationCollection } from "@/lib/core/report/web-annotation";
import { describeOnDatabases, expectRefused, seedUser, tamperWithAuditEvent } from "./test-databases";

// Lets a test act between an import's matching (outside the transaction) and its writes.
const importHooks = vi.hoisted(() => ({ afterMatching: null as null | (() => Promise<void>) }));
vi.mock("./plan-import", async (importOriginal) => {
  const real = await importOriginal<typeof PlanImport>();
  return {
    ...real,
    planImportOffThread: async (...args: Parameters<typeof real.planImportOffThread>) => {
      const plan = await real.planImportOffThread(...args);
      await importHooks.afterMatching?.();
      return plan;
    },
  };
});

const TEXT = "Russian-led alliance CSTO had deployed reportedly sent a force of about 2,500 soldiers to Kazakhstan. Kremlin said so. Kremlin also said more.";

async function eventCount() {
  return db().auditEvent.count();
}

describeOnDatabases("data access", () => {
  let alice: Actor;
  let editor: Actor;

  beforeAll(async () => {
    alice = await seedUser("alice@test.org", "Alice", "reviewer");
    editor = await seedUser("ed@test.org", "Ed", "editor");
  }, 60_000);

  it("keeps the audit chain gapless and valid under concurrent writers", async () => {
    const article = await createArticle(editor, { title: "Concurrency", text: TEXT });
    const claim = await createClaim(alice, article.id, { exact: "reportedly sent a force of about 2,500 soldiers" });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => addSource(i % 2 ? alice : editor, claim.id, { url: `https://example.org/${i}`, stance: "supports" })),
    );
    const events = await db().auditEvent.findMany({ orderBy: { seq: "asc" }, select: { seq: true } });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const report = await verifyAuditChain();
    expect(report).toMatchObject({ ok: true, events: events.length });
  });

  it("rolls a change and its audit events back together", async () => {
    const before = await eventCount();
    await expect(
      audited(alice.id, async ({ tx, record }) => {
        await tx.article.create({ data: { id: "rollback-test", title: "x", text: "y", createdById: alice.id } });
        await record({ action: "article.created", entityType: "article", entityId: "rollback-test", after: { title: "x" } });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await eventCount()).toBe(before);
    expect(await db().article.findUnique({ where: { id: "rollback-test" } })).toBeNull();
  });

  it("keeps a write made outside an open transaction when that transaction rolls back, and never shows its rows", async () => {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const failing = db().$transaction(async (tx) => {
      await tx.article.create({ data: { id: "uncommitted-article", title: "x", text: "y", createdById: alice.id } });
      opened();
      await sleep(300); // a transaction waiting on I/O: a fetch, a file, a timer
      throw new Error("rolled back");
    });
    await open;
    // What a sign-in does while another request's transaction is open: create a session row, and read.
    // (Prisma's queries are lazy: Promise.resolve starts each one now, while the transaction is open.)
    const write = Promise.resolve(
      db().session.create({ data: { id: "outside-write", userId: alice.id, expiresAt: new Date(Date.now() + 3600_000) } }),
    );
    const read = Promise.resolve(db().article.findUnique({ where: { id: "uncommitted-article" } }));
    await expect(failing).rejects.toThrow("rolled back");
    await write;
    expect(await read).toBeNull();
    expect(await db().session.findUnique({ where: { id: "outside-write" } })).not.toBeNull();
    expect(await db().article.findUnique({ where: { id: "uncommitted-article" } })).toBeNull();
  });

  it("refuses a stale save with the current claim and writes nothing", async () => {
    const article = await createArticle(editor, { title: "Stale", text: TEXT });
    const claim = await createClaim(alice, article.id, { exact: "2,500 soldiers" });
    const saved = await updateClaim(editor, claim.id, { version: claim.version, verdict: "false" });
    expect(saved.status).toBe("verdict_given");
    const error = await expectRefused(() => updateClaim(alice, claim.id, { version: claim.version, verdict: "true" }), { code: "conflict" });
    expect((error.extra?.current as { verdict: string }).verdict).toBe("false");
    // A version from the future (a client that counted wrong, or a forged one) is no more current than a stale one.
    const ahead = await expectRefused(() => updateClaim(alice, claim.id, { version: saved.version + 1, verdict: "true" }), { code: "conflict" });
    expect((ahead.extra?.current as { version: number }).version).toBe(2);
  });

  it("moves a claim to its verdict and, when the verdict is taken away, back to review", async () => {
    const article = await createArticle(editor, { title: "Lifecycle", text: TEXT });
    const claim = await createClaim(alice, article.id, { exact: "2,500 soldiers" });
    expect(claim.status).toBe("open");
    const given = await updateClaim(alice, claim.id, { version: 1, verdict: "mostly_true" });
    expect([given.status, given.verdict, given.version]).toEqual(["verdict_given", "mostly_true", 2]);
    const cleared = await updateClaim(alice, claim.id, { version: 2, verdict: null });
    expect([cleared.status, cleared.verdict, cleared.version]).toEqual(["in_review", null, 3]);
    // A claim never given a verdict keeps its status when a null verdict is sent.
    const other = await createClaim(alice, article.id, { exact: "Kazakhstan", start: TEXT.indexOf("Kazakhstan"), end: TEXT.indexOf("Kazakhstan") + 10 });
    const unchanged = await updateClaim(alice, other.id, { version: 1, verdict: null, note: "checked" });
    expect(unchanged.status).toBe(other.status);
  });

  it("refuses quotes that are not in the article or are ambiguous, without writing", async () => {
    const article = await createArticle(editor, { title: "Quotes", text: TEXT });
    await expectRefused(() => createClaim(alice, article.id, { exact: "3,000 soldiers" }), { code: "quote_not_found" });
    await expectRefused(() => createClaim(alice, article.id, { exact: "Kremlin" }), { code: "ambiguous_quote" });
    const chosen = await createClaim(alice, article.id, { exact: "Kremlin", suffix: " also said" });
    expect(chosen.start).toBe(TEXT.lastIndexOf("Kremlin")); // ASCII text: code points = UTF-16 units
    await expectRefused(() => createClaim(alice, article.id, { exact: "x".repeat(6000) }), { code: "validation_failed" });
  });

  it("audits deletes and restores, and enforces roles", async () => {
    const article = await createArticle(editor, { title: "Roles", text: TEXT });
    const claim = await createClaim(alice, article.id, { exact: "2,500 soldiers" });
    await expectRefused(() => createArticle(alice, { title: "No", text: "Reviewers cannot add articles." }), { code: "forbidden" });
    const otherReviewer: Actor = { ...alice, id: "another-reviewer" };
    await expectRefused(() => deleteClaim(otherReviewer, claim.id), { code: "forbidden" });
    await deleteClaim(alice, claim.id);
    await expectRefused(() => updateClaim(alice, claim.id, { version: 2, verdict: "true" }), { code: "not_found" });
    await expectRefused(() => restoreClaim(alice, claim.id), { code: "forbidden" });
    const restored = await restoreClaim(editor, claim.id);
    expect(restored.deletedAt).toBeUndefined();
    const actions = (await db().auditEvent.findMany({ where: { entityId: claim.id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["claim.created", "claim.deleted", "claim.restored"]);
  });

  it("builds reports with who gave each verdict and every correction of an approved one, and public reports hold no notes or emails", async () => {
    const article = await createArticle(editor, { title: "Report", url: "https://example.org/a", text: TEXT });
    const claim = await createClaim(alice, article.id, { exact: "2,500 soldiers", statement: "2,500 troops" });
    const first = await updateClaim(alice, claim.id, { version: claim.version, verdict: "true", note: "SECRET-NOTE" });
    // A change before approval is no correction; after approval it is, with its reason.
    const second = await updateClaim(editor, claim.id, { version: first.version, verdict: "mostly_true" });
    const approved = await approveClaim(editor, claim.id, { version: second.version });
    await updateClaim(editor, claim.id, { version: approved.version, verdict: "half_true", reason: "A later count." });
    const internal = await buildReport(alice, [article.id], "internal");
    const c = internal.articles[0]!.claims[0]!;
    expect(c.verdictBy?.person?.name).toBe("Ed");
    expect(c.corrections).toMatchObject([{ from: "mostly_true", to: "half_true", reason: "A later count.", by: { name: "Ed" } }]);
    expect(c.note).toBe("SECRET-NOTE");
    expect(internal.articles[0]!.reviewers.map((r) => r.email).sort()).toEqual(["alice@test.org", "ed@test.org"]);
    const open = JSON.stringify(await buildReport(alice, [article.id], "public"));
    expect(open).not.toContain("SECRET-NOTE");
    expect(open).not.toContain("@test.org");
    expect(internal.meta.integrity.events).toBe(await eventCount());
  });

  it("imports its own W3C export into a copy of the article: same claims, each claim and source audited as if added by hand, and the import once", async () => {
    const source = await createArticle(editor, { title: "From", text: TEXT });
    const claim = await createClaim(alice, source.id, { exact: "2,500 soldiers", statement: "2,500 troops" });
    await updateClaim(alice, claim.id, { version: claim.version, verdict: "half_true", rationale: "Estimates vary.", note: "Ask the ministry." });
    await addSource(alice, claim.id, { url: "https://example.org/s", title: "S", stance: "context" });
    const report = await buildReport(alice, [source.id], "internal");
    const copy = await createArticle(editor, { title: "To", text: TEXT });
    await expectRefused(() => importAnnotations(alice, copy.id, toAnnotationCollection(report, report.articles[0]!)), { code: "forbidden" });
    const before = await eventCount();
    const result = await importAnnotations(editor, copy.id, toAnnotationCollection(report, report.articles[0]!));
    expect(result.counts).toEqual({ exact: 1, fuzzy: 0, unplaced: 0 });
    const events = await db().auditEvent.findMany({ where: { seq: { gt: before } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["claim.created", editor.id],
      ["source.added", editor.id],
      ["article.annotations_imported", editor.id],
    ]);
    expect(JSON.parse(events[0]!.after!)).toEqual({
      exact: "2,500 soldiers",
      start: claim.start,
      end: claim.end,
      statement: "2,500 troops",
      status: "verdict_given",
      verdict: "half_true",
      rationale: "Estimates vary.",
      note: "Ask the ministry.",
      finalNote: "",
      version: 1,
    });
    const imported = (await buildReport(alice, [copy.id], "internal")).articles[0]!.claims[0]!;
    expect([imported.statement, imported.status, imported.verdict, imported.rationale, imported.start, imported.sources.map((s) => s.url)]).toEqual([
      "2,500 troops",
      "verdict_given",
      "half_true",
      "Estimates vary.",
      claim.start,
      ["https://example.org/s"],
    ]);
    // The verdict came in with the import: the report says who gave it.
    expect(imported.verdictBy).toEqual({ person: { id: editor.id, name: "Ed", email: "ed@test.org" }, at: events[0]!.at.toISOString() });
  });

  it("keeps an imported status the claim's rules allow, and leaves out one they refuse, with a warning", async () => {
    const article = await createArticle(editor, { title: "Statuses", text: TEXT });
    const anno = (exact: string, extra: Record<string, unknown>) => ({
      "@context": [...ANNOTATION_CONTEXT],
      type: "Annotation",
      target: { selector: { type: "TextQuoteSelector", exact } },
      ...extra,
    });
    const result = await importAnnotations(editor, article.id, [
      anno("Kremlin said so", { claimStatus: "in_review", body: [{ type: "TextualBody", purpose: "classifying", value: "false" }] }),
      anno("2,500 soldiers", { claimStatus: "verdict_given" }),
    ]);
    expect(result.counts).toEqual({ exact: 2, fuzzy: 0, unplaced: 0 });
    const claims = await db().claim.findMany({ where: { articleId: article.id }, orderBy: { start: "asc" } });
    expect(claims.map((c) => [c.exact, c.status, c.verdict])).toEqual([
      ["2,500 soldiers", "open", null],
      ["Kremlin said so", "in_review", "false"],
    ]);
    expect(result.warnings).toEqual(["“2,500 soldiers”: status “Verdict given” needs a verdict and was left out"]);
  });

  it("refuses import files that are not annotations, or hold too many, and writes nothing", async () => {
    const article = await createArticle(editor, { title: "Not annotations", text: TEXT });
    const deep = JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`) as unknown;
    const one = { type: "Annotation", target: { selector: { type: "TextQuoteSelector", exact: "Kremlin said so" } } };
    for (const body of [null, 0, {}, [{}], [], deep, Array.from({ length: 5001 }, () => one)]) {
      await expectRefused(() => importAnnotations(editor, article.id, body), { code: "not_importable" });
    }
    expect(await db().claim.count({ where: { articleId: article.id } })).toBe(0);
  });

  it("keeps the import's audit event small: counts, claim ids and the start of each unplaced quote", async () => {
    const article = await createArticle(editor, { title: "Big quote", text: TEXT });
    const huge = "Kremlin ".repeat(625_000); // 5 MB
    const quote = (exact: string) => ({ type: "Annotation", target: { selector: { type: "TextQuoteSelector", exact } } });
    const result = await importAnnotations(editor, article.id, [quote(huge), quote("Kremlin said so"), quote("not in this article at all")]);
    expect(result.counts).toEqual({ exact: 1, fuzzy: 0, unplaced: 2 });
    expect(result.unplaced.map((u) => u.reason)).toEqual([
      "the quote is 5,000,000 characters long; at most 5,000 can be imported",
      "quote not found, even approximately",
    ]);
    const event = await db().auditEvent.findFirst({ where: { action: "article.annotations_imported", entityId: article.id } });
    expect(event?.after?.length).toBeLessThan(2_000);
    const after = JSON.parse(event!.after!) as { counts: unknown; created: string[]; unplaced: Array<{ exact: string }> };
    expect(after.counts).toEqual(result.counts);
    expect(after.created).toEqual(result.created.map((c) => c.id));
    expect(after.unplaced[0]?.exact).toBe(`${huge.slice(0, 200)}…`);
  });

  it("refuses an import with 409 when the article's text changed while the file was being matched", async () => {
    const article = await createArticle(editor, { title: "Moving text", text: TEXT });
    const file = [{ type: "Annotation", target: { selector: { type: "TextQuoteSelector", exact: "Kremlin said so" } } }];
    importHooks.afterMatching = async () => {
      importHooks.afterMatching = null;
      await updateArticle(editor, article.id, { text: `Breaking: ${TEXT}` });
    };
    const before = await eventCount();
    await expect(importAnnotations(editor, article.id, file)).rejects.toMatchObject({ code: "conflict", status: 409 });
    // Only the text change itself was written.
    expect(await eventCount()).toBe(before + 1);
    expect(await db().claim.count({ where: { articleId: article.id } })).toBe(0);
    // Matched again against the new text, the same file goes in.
    const result = await importAnnotations(editor, article.id, file);
    expect(result.created[0]).toMatchObject({ exact: "Kremlin said so" });
    expect((await db().claim.findFirst({ where: { articleId: article.id } }))?.start).toBe(`Breaking: ${TEXT}`.indexOf("Kremlin said so"));
  });

  it("refuses a report over more than 200 articles with 422 and the limit, before reading anything", async () => {
    const error = await expectRefused(() => buildReport(alice, Array.from({ length: 201 }, (_, i) => `article${i}`), "public"), { code: "too_many_articles" });
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/201 articles; at most 200/);
  });

  it("re-verifies the audit chain from the head it verified last: new events are checked, the trusted prefix is not re-read", async () => {
    const first = await verifyAuditChain();
    expect(first).toMatchObject({ ok: true, events: await eventCount() });
    const old = await db().auditEvent.findUniqueOrThrow({ where: { seq: 1 } });
    await createArticle(editor, { title: "Appended after verification", text: TEXT });
    const appended = await eventCount();
    const fresh = await db().auditEvent.findUniqueOrThrow({ where: { seq: appended } });
    try {
      // An event appended since the last verification is checked: tampering with it is caught.
      await tamperWithAuditEvent(appended, "after", '{"title":"forged"}');
      expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAt: appended });
      await tamperWithAuditEvent(appended, "after", fresh.after);
      expect(await verifyAuditChain()).toEqual({ ok: true, events: appended, head: fresh.hash });
      // The verified prefix is trusted (the triggers guard it) and not recomputed; a full check is.
      await tamperWithAuditEvent(1, "after", '{"forged":true}');
      expect(await verifyAuditChain()).toEqual({ ok: true, events: appended, head: fresh.hash });
      expect(await verifyAuditChain({ full: true })).toMatchObject({ ok: false, brokenAt: 1 });
    } finally {
      await tamperWithAuditEvent(1, "after", old.after);
    }
    expect(await verifyAuditChain({ full: true })).toEqual({ ok: true, events: appended, head: fresh.hash });
  });
});
