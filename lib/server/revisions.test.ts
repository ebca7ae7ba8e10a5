// Articles that change, against real databases: a new text is a kept revision, every claim is placed in
// it again (exact, moved, fuzzy, orphaned), claims whose words changed go back to review and into their
// reviewers' queues until a verdict is given again, and all of it is in the audit trail.
import { createHash } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import type { Actor } from "./actor";
import { createArticle, getArticle, updateArticle } from "./articles";
import { assignReviewers, getQueue } from "./assignments";
import { verifyAuditChain } from "./audit";
import { approveClaim, createClaim, deleteClaim, getClaim, restoreClaim, updateClaim } from "./claims";
import { db } from "./db";
import { claimHistory } from "./history";
import { listRevisions, revisionDiff } from "./revisions";
import { describeOnDatabases, expectRefused, lastEvents, seedUser } from "./test-databases";

const P1 = "Russia-led alliance to send troops to Kazakhstan as unrest spreads.";
const P2 = "The Collective Security Treaty Organization said about 2,500 soldiers would be deployed.";
const P3 = "More than 4,200 people have been detained, the interior ministry said.";
const P4 = "Officials said the troops would stay for several weeks.";
const TEXT = [P1, P2, P3, P4].join("\n\n");
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describeOnDatabases("article revisions", () => {
  let ed: Actor;
  let erin: Actor;
  let rita: Actor;
  let vera: Actor;

  beforeAll(async () => {
    ed = await seedUser("ed@test.org", "Ed Editor", "editor");
    erin = await seedUser("erin@test.org", "Erin Editor", "editor");
    rita = await seedUser("rita@test.org", "Rita Reviewer", "reviewer");
    vera = await seedUser("vera@test.org", "Vera Viewer", "viewer");
  });

  async function articleWithClaims() {
    const article = await createArticle(ed, { title: "Deployment", text: TEXT });
    const figure = await createClaim(rita, article.id, { exact: "about 2,500 soldiers would be deployed" });
    const detained = await createClaim(rita, article.id, { exact: "More than 4,200 people have been detained" });
    const weeks = await createClaim(rita, article.id, { exact: "stay for several weeks" });
    const title = await createClaim(rita, article.id, { exact: "send troops to Kazakhstan" });
    return { article, figure, detained, weeks, title };
  }

  it("keeps the first text as revision 1", async () => {
    const article = await createArticle(ed, { title: "New", text: TEXT });
    expect(article.revision).toBe(1);
    expect(article.changedAfterReviewAt).toBeNull();
    const [first] = await listRevisions(vera, article.id);
    expect(first).toMatchObject({ number: 1, by: { id: ed.id, name: "Ed Editor" }, origin: "created", added: 0, removed: 0, reanchor: null, sourceUrl: null });
  });

  it("makes a changed text the next revision and places every claim in it, with the outcome", async () => {
    const { article, figure, detained, weeks, title } = await articleWithClaims();
    // A note on top, the figure paragraph kept, the detention figure corrected, the headline moved to
    // the end, the last paragraph removed.
    const revised = [
      "Updated on 7 January.",
      P2,
      P3.replace("More than 4,200 people have been detained", "More than 5,000 people have been detained"),
      P1,
    ].join("\n\n");
    const updated = await updateArticle(ed, article.id, { text: revised, version: article.version });
    expect(updated).toMatchObject({ revision: 2, text: revised, version: article.version + 1, reanchor: { exact: 1, moved: 1, fuzzy: 1, orphaned: 1 } });

    const at = (claim: { id: string }) => getClaim(vera, claim.id);
    expect(await at(figure)).toMatchObject({ anchor: { status: "exact", revision: 2, score: 1 }, start: revised.indexOf("about 2,500"), version: figure.version });
    expect(await at(title)).toMatchObject({
      anchor: { status: "moved", revision: 2, score: 1 },
      exact: "send troops to Kazakhstan",
      start: revised.indexOf("send troops"),
      version: title.version + 1,
    });
    const fuzzy = await at(detained);
    expect(fuzzy).toMatchObject({ anchor: { status: "fuzzy", revision: 2 }, exact: "More than 5,000 people have been detained" });
    expect(fuzzy.anchor.score).toBeGreaterThan(0.6);
    expect(fuzzy.anchor.score).toBeLessThan(1);
    // Orphaned claims are kept, with their last words.
    expect(await at(weeks)).toMatchObject({ anchor: { status: "orphaned", revision: 2, score: 0 }, exact: "stay for several weeks" });

    const revisions = await listRevisions(vera, article.id);
    expect(revisions.map((r) => r.number)).toEqual([2, 1]);
    expect(revisions[0]).toMatchObject({ origin: "edit", by: { id: ed.id }, reanchor: { exact: 1, moved: 1, fuzzy: 1, orphaned: 1 } });
    expect(revisions[0]?.added).toBeGreaterThan(0);
    expect(revisions[0]?.removed).toBeGreaterThan(0);

    const diff = await revisionDiff(vera, article.id, 2);
    expect(diff).toMatchObject({ from: 1, to: 2, added: revisions[0]?.added, removed: revisions[0]?.removed });
    expect(diff.ops.filter((op) => op.kind !== "insert").map((op) => op.text).join("")).toBe(TEXT);
    expect(diff.ops.filter((op) => op.kind !== "delete").map((op) => op.text).join("")).toBe(revised);
    expect(diff.ops).toContainEqual(expect.objectContaining({ kind: "delete", text: "4,200" }));
    // Two revisions apart, and in either direction.
    expect((await revisionDiff(vera, article.id, 1, 2)).ops.filter((op) => op.kind !== "delete").map((op) => op.text).join("")).toBe(TEXT);
    await expectRefused(() => revisionDiff(vera, article.id, 3), { code: "not_found" });
    await expectRefused(() => revisionDiff(vera, article.id, 1), { code: "validation_failed" });
  });

  it("audits the revision with both texts' hashes and each claim that moved, changed or vanished", async () => {
    const { article, figure, weeks } = await articleWithClaims();
    const revised = [P1, P3, P2].join("\n\n");
    await updateArticle(ed, article.id, { text: revised });
    const events = await lastEvents(3);
    expect(events.map((e) => [e.action, e.entityId])).toEqual([
      ["claim.reanchored", figure.id],
      ["claim.reanchored", weeks.id],
      ["article.revised", article.id],
    ]);
    expect(events[0]).toMatchObject({ actorId: ed.id, before: { exact: figure.exact, start: figure.start }, after: { revision: 2, anchor: "moved", start: revised.indexOf("about 2,500") } });
    expect(events[1]).toMatchObject({ after: { revision: 2, anchor: "orphaned", score: 0, exact: "stay for several weeks" } });
    expect(events[2]).toMatchObject({
      before: { revision: 1, textSha256: sha256(TEXT) },
      after: { revision: 2, origin: "edit", textSha256: sha256(revised), reanchor: { exact: 2, moved: 1, fuzzy: 0, orphaned: 1 } },
    });
    const anchors = (events[2]?.after as { anchors: unknown[] }).anchors;
    expect(anchors).toContainEqual([weeks.id, "orphaned", weeks.start, weeks.end]);
    expect(await verifyAuditChain({ full: true })).toMatchObject({ ok: true });
    // The claim's history says what happened to it.
    const history = await claimHistory(vera, weeks.id);
    expect(history.at(-1)).toMatchObject({ actor: "Ed Editor", summary: "changed the article's text: the claim's words are gone" });
  });

  it("sends reviewed claims whose words changed back to review, approval taken away, and into their reviewers' queues", async () => {
    const { article, figure, detained, weeks, title } = await articleWithClaims();
    await assignReviewers(ed, article.id, { userIds: [rita.id] });
    const given = await updateClaim(rita, figure.id, { version: figure.version, verdict: "mostly_true" });
    const approved = await approveClaim(erin, (await updateClaim(rita, detained.id, { version: detained.version, verdict: "true" })).id, { version: detained.version + 1 });
    expect(approved.status).toBe("approved");
    expect((await getQueue(rita)).items[0]?.waiting.map((c) => c.id)).toEqual([title.id, weeks.id]);

    const revised = TEXT.replace("about 2,500 soldiers", "about 3,000 soldiers").replace("More than 4,200", "Some 4,200");
    const updated = await updateArticle(ed, article.id, { text: revised });
    expect(updated.reanchor).toEqual({ exact: 2, moved: 0, fuzzy: 2, orphaned: 0 });
    expect(updated.changedAfterReviewAt).not.toBeNull();
    expect((await getArticle(vera, article.id)).changedAfterReviewAt).toBe(updated.changedAfterReviewAt);

    const figureNow = await getClaim(vera, figure.id);
    expect(figureNow).toMatchObject({ status: "in_review", verdict: "mostly_true", reworded: { revision: 2 }, version: given.version + 1 });
    const detainedNow = await getClaim(vera, detained.id);
    expect(detainedNow).toMatchObject({ status: "in_review", verdict: "true", approvedBy: null, approvedAt: null, reworded: { revision: 2 } });
    // An open claim whose words stayed is left alone.
    expect(await getClaim(vera, weeks.id)).toMatchObject({ status: "open", reworded: null, anchor: { status: "exact" } });
    expect((await getQueue(rita)).items[0]?.waiting.map((c) => c.id)).toEqual([title.id, figure.id, detained.id, weeks.id]);

    // Keeping the verdict for the new wording is a decision: the claim leaves the queue.
    const kept = await updateClaim(rita, figure.id, { version: figureNow.version, status: "verdict_given" });
    expect(kept).toMatchObject({ status: "verdict_given", verdict: "mostly_true", reworded: null });
    // A new verdict settles it too.
    expect(await updateClaim(rita, detained.id, { version: detainedNow.version, verdict: "mostly_true" })).toMatchObject({ reworded: null, status: "verdict_given" });
    expect((await getQueue(rita)).items[0]?.waiting.map((c) => c.id)).toEqual([title.id, weeks.id]);
  });

  it("keeps orphaned claims through later revisions and places them again when their words come back", async () => {
    const { article, weeks } = await articleWithClaims();
    const without = [P1, P2, P3].join("\n\n");
    await updateArticle(ed, article.id, { text: without });
    expect((await getClaim(vera, weeks.id)).anchor.status).toBe("orphaned");
    // Still gone in the next revision: no new event for it.
    await updateArticle(ed, article.id, { text: `${without}\n\nA closing line.` });
    expect((await lastEvents(1))[0]?.action).toBe("article.revised");
    expect((await getClaim(vera, weeks.id)).anchor).toEqual({ status: "orphaned", revision: 3, score: 0 });
    // Back: placed where the words are.
    const back = `${without}\n\n${P4}`;
    await updateArticle(ed, article.id, { text: back });
    expect(await getClaim(vera, weeks.id)).toMatchObject({ anchor: { status: "moved", revision: 4 }, start: back.indexOf("stay for several weeks") });
  });

  it("re-anchors deleted claims too, so a restored claim is in its place", async () => {
    const { article, title } = await articleWithClaims();
    await deleteClaim(rita, title.id);
    const revised = `A first line.\n\n${TEXT}`;
    await updateArticle(ed, article.id, { text: revised });
    const restored = await restoreClaim(ed, title.id);
    expect(restored.start).toBe(revised.indexOf("send troops to Kazakhstan"));
    expect(restored.anchor).toMatchObject({ status: "exact", revision: 2 });
  });

  it("new claims are placed in the article's current revision", async () => {
    const { article } = await articleWithClaims();
    await updateArticle(ed, article.id, { text: `${TEXT}\n\nMore soldiers may follow.` });
    const claim = await createClaim(rita, article.id, { exact: "More soldiers may follow." });
    expect(claim.anchor).toEqual({ status: "exact", revision: 2, score: 1 });
  });

  it("writes nothing for an unchanged text, and refuses what it refused before", async () => {
    const { article } = await articleWithClaims();
    const same = await updateArticle(ed, article.id, { text: `${TEXT}\n\n` });
    expect(same).toMatchObject({ revision: 1, version: article.version });
    expect(same).not.toHaveProperty("reanchor");
    expect(await db().articleRevision.count({ where: { articleId: article.id } })).toBe(1);
    await expectRefused(() => updateArticle(rita, article.id, { text: "Reviewers do not edit articles." }), { code: "forbidden" }, ["article", "claim"]);
    await expectRefused(() => updateArticle(ed, article.id, { text: "Stale.", version: article.version + 5 }), { code: "conflict" }, ["article", "claim"]);
    await expectRefused(() => updateArticle(ed, article.id, { text: " \n " }), { code: "validation_failed" }, ["article", "claim"]);
    await expectRefused(() => listRevisions(vera, "no-such-article"), { code: "not_found" });
  });
});
