// Reports of articles whose text changed, against real databases: the report lists the article's
// revisions oldest first (origin, author, word counts, what became of the claims), each claim carries
// its place in the current text, and a claim whose words are gone comes after the placed ones, numbered
// after them, in the reviewers' agreement too.
import { beforeAll, expect, it } from "vitest";
import type { Actor } from "./actor";
import { createArticle, updateArticle } from "./articles";
import { submitAssessment } from "./assessments";
import { audited } from "./audit";
import { createClaim, updateClaim } from "./claims";
import { db } from "./db";
import { buildReport } from "./reports";
import { reviseArticleText } from "./revisions";
import { describeOnDatabases, seedUser } from "./test-databases";

const P1 = "Russia-led alliance to send troops to Kazakhstan as unrest spreads.";
const P2 = "The Collective Security Treaty Organization said about 2,500 soldiers would be deployed.";
const P3 = "More than 4,200 people have been detained, the interior ministry said.";
const P4 = "Officials said the troops would stay for several weeks.";
const TEXT = [P1, P2, P3, P4].join("\n\n");
// The headline paragraph gone, the last one moved to the top, the detention figure corrected.
const REVISED = [P4, P2, P3.replace("More than 4,200", "More than 5,000")].join("\n\n");
const PAGE_URL = "https://news.example.org/kazakhstan/troops";

describeOnDatabases("reports of revised articles", () => {
  let ed: Actor;
  let rita: Actor;
  let ravi: Actor;

  beforeAll(async () => {
    ed = await seedUser("ed@test.org", "Ed Editor", "editor");
    rita = await seedUser("rita@test.org", "Rita Reviewer", "reviewer");
    ravi = await seedUser("ravi@test.org", "Ravi Reviewer", "reviewer");
  });

  /** The server's scheduled re-check of the article's page finding `text` (as recheckArticle does, without fetching). */
  async function recheckedByServer(articleId: string, text: string) {
    return audited(null, async (ctx) => {
      const current = (await ctx.tx.article.findUnique({ where: { id: articleId } }))!;
      const outcome = await reviseArticleText(ctx, current, text, null, "recheck", PAGE_URL);
      await ctx.tx.article.update({ where: { id: articleId }, data: { version: { increment: 1 } } });
      return outcome;
    });
  }

  it("lists the revisions in order, gives each claim its place in the current text, and puts the claim whose words are gone last", async () => {
    const article = await createArticle(ed, { title: "Deployment", text: TEXT });
    const title = await createClaim(rita, article.id, { exact: "send troops to Kazakhstan" });
    const figure = await createClaim(rita, article.id, { exact: "about 2,500 soldiers would be deployed" });
    const detained = await createClaim(rita, article.id, { exact: "More than 4,200 people have been detained" });
    const weeks = await createClaim(rita, article.id, { exact: "stay for several weeks" });
    await updateClaim(rita, detained.id, { version: detained.version, verdict: "true" });
    await updateClaim(rita, title.id, { version: title.version, verdict: "mostly_true" });

    const edited = await updateArticle(ed, article.id, { text: REVISED });
    expect(edited.reanchor).toEqual({ exact: 1, moved: 1, fuzzy: 1, orphaned: 1 });

    const report = (await buildReport(ed, [article.id], "internal")).articles[0]!;
    expect(report.article).toMatchObject({ revision: 2, text: REVISED });
    expect(report.article.changedAfterReviewAt).toBe(edited.changedAfterReviewAt);
    expect(report.article.changedAfterReviewAt).not.toBeNull();
    expect(report.revisions.map((r) => [r.number, r.origin, r.by, r.sourceUrl, r.reanchor])).toEqual([
      [1, "created", { id: ed.id, name: "Ed Editor", email: "ed@test.org" }, null, null],
      [2, "edit", { id: ed.id, name: "Ed Editor", email: "ed@test.org" }, null, { exact: 1, moved: 1, fuzzy: 1, orphaned: 1 }],
    ]);
    expect(report.revisions[0]).toMatchObject({ added: 0, removed: 0 });
    expect(report.revisions[1]!.added).toBeGreaterThan(0);
    expect(report.revisions[1]!.removed).toBeGreaterThan(0);
    expect(Date.parse(report.revisions[0]!.createdAt)).toBeLessThanOrEqual(Date.parse(report.revisions[1]!.createdAt));

    // Placed claims in the current text's order, then the one whose words are gone, numbered in that order.
    expect(report.claims.map((c) => [c.number, c.id, c.anchor.status, c.anchor.revision])).toEqual([
      [1, weeks.id, "moved", 2],
      [2, figure.id, "exact", 2],
      [3, detained.id, "fuzzy", 2],
      [4, title.id, "orphaned", 2],
    ]);
    const [moved, exact, fuzzy, gone] = report.claims;
    // Its stale offsets are those of revision 1: ordered by them, it would have come first.
    expect(gone!.start).toBeLessThan(moved!.start);
    expect(gone).toMatchObject({ exact: "send troops to Kazakhstan", anchor: { score: 0 } });
    expect(fuzzy).toMatchObject({ exact: "More than 5,000 people have been detained", verdict: "true", status: "in_review", reworded: { revision: 2 } });
    expect(fuzzy!.anchor.score).toBeGreaterThan(0);
    expect(fuzzy!.anchor.score).toBeLessThan(1);
    expect(gone!.reworded).toMatchObject({ revision: 2 });
    expect(moved).toMatchObject({ start: REVISED.indexOf("stay for several weeks"), anchor: { score: 1 }, reworded: null });
    expect(exact).toMatchObject({ anchor: { score: 1 }, reworded: null });
    // Changing the text re-anchored claims, but is no review: the editor is not a reviewer, and the
    // claims were last reviewed when Rita gave the verdict.
    expect(report.reviewers).toEqual([{ id: rita.id, name: "Rita Reviewer", email: "rita@test.org" }]);
    const ritasLast = await db().auditEvent.findFirst({ where: { articleId: article.id, actorId: rita.id }, orderBy: { seq: "desc" } });
    expect(report.reviewedAt).toBe(ritasLast!.at.toISOString());

    // The server's re-check of the page: the next revision, by no one; claims are placed in it again.
    const closing = `${REVISED}\n\nTalks continue on Monday.`;
    await recheckedByServer(article.id, closing);
    const again = (await buildReport(ed, [article.id], "internal")).articles[0]!;
    expect(again.article.revision).toBe(3);
    expect(again.revisions.map((r) => [r.number, r.origin, r.by])).toEqual([
      [1, "created", { id: ed.id, name: "Ed Editor", email: "ed@test.org" }],
      [2, "edit", { id: ed.id, name: "Ed Editor", email: "ed@test.org" }],
      [3, "recheck", null],
    ]);
    expect(again.revisions[2]).toMatchObject({ sourceUrl: PAGE_URL, added: 4, removed: 0, reanchor: { exact: 3, moved: 0, fuzzy: 0, orphaned: 1 } });
    // Placed again, in place; the corrected claim still awaits a verdict on its new wording; the gone one is still gone.
    expect(again.claims.map((c) => [c.number, c.id, c.anchor.status, c.anchor.revision, c.reworded?.revision ?? null])).toEqual([
      [1, weeks.id, "exact", 3, null],
      [2, figure.id, "exact", 3, null],
      [3, detained.id, "exact", 3, 2],
      [4, title.id, "orphaned", 3, 2],
    ]);
  });

  it("names revision authors without their email in public reports", async () => {
    const article = await createArticle(ed, { title: "Deployment", text: TEXT });
    await createClaim(rita, article.id, { exact: "stay for several weeks" });
    await updateArticle(ed, article.id, { text: REVISED });
    const report = (await buildReport(rita, [article.id], "public")).articles[0]!;
    expect(report.revisions.map((r) => r.by)).toEqual([
      { id: ed.id, name: "Ed Editor" },
      { id: ed.id, name: "Ed Editor" },
    ]);
    expect(report.claims[0]?.anchor.status).toBe("moved");
    expect(JSON.stringify(report.revisions)).not.toContain("@test.org");
  });

  it("a public report in independent review tells where the approved claims went, and nothing of the others", async () => {
    const article = await createArticle(ed, { title: "Published in part", text: TEXT });
    await updateArticle(ed, article.id, { independentReview: true });
    const approved = await createClaim(rita, article.id, { exact: "about 2,500 soldiers would be deployed" });
    const pending = await createClaim(rita, article.id, { exact: "More than 4,200 people have been detained" });
    // Set up directly: how a claim comes to be approved is another suite's subject.
    await db().claim.update({ where: { id: approved.id }, data: { status: "approved", verdict: "true" } });
    await updateArticle(ed, article.id, { text: REVISED });

    const revisedEvent = (audience: "public" | "internal") =>
      buildReport(ed, [article.id], audience).then((r) => r.articles[0]!.events.find((e) => e.action === "article.revised")!);
    const ids = (e: { after: unknown }) => ((e.after as { anchors: unknown[][] }).anchors ?? []).map((a) => a[0]);
    expect(ids(await revisedEvent("internal")).sort()).toEqual([approved.id, pending.id].sort());
    expect(ids(await revisedEvent("public"))).toEqual([approved.id]);
  });

  it("an article whose text never changed has its one revision and claims in their place", async () => {
    const article = await createArticle(ed, { title: "Unchanged", text: TEXT });
    const claim = await createClaim(rita, article.id, { exact: "about 2,500 soldiers would be deployed" });
    const report = (await buildReport(ed, [article.id], "internal")).articles[0]!;
    expect(report.article).toMatchObject({ revision: 1, changedAfterReviewAt: null });
    expect(report.revisions).toEqual([
      expect.objectContaining({ number: 1, origin: "created", by: { id: ed.id, name: "Ed Editor", email: "ed@test.org" }, reanchor: null }),
    ]);
    expect(report.claims).toEqual([expect.objectContaining({ id: claim.id, number: 1, anchor: { status: "exact", revision: 1, score: 1 }, reworded: null })]);
  });

  it("numbers reviewers' disagreements the way the claims are numbered, the claim whose words are gone last", async () => {
    const article = await createArticle(ed, { title: "Deployment", text: TEXT });
    await updateArticle(ed, article.id, { independentReview: true });
    const title = await createClaim(rita, article.id, { exact: "send troops to Kazakhstan" });
    const figure = await createClaim(rita, article.id, { exact: "about 2,500 soldiers would be deployed" });
    await submitAssessment(rita, title.id, { verdict: "true", rationale: "The headline says so." });
    await submitAssessment(ravi, title.id, { verdict: "misleading", rationale: "Only some of them were sent." });
    await submitAssessment(rita, figure.id, { verdict: "mostly_true", rationale: "About right." });
    await submitAssessment(ravi, figure.id, { verdict: "mostly_true", rationale: "Close enough." });
    await updateArticle(ed, article.id, { text: REVISED });

    const report = (await buildReport(ed, [article.id], "internal")).articles[0]!;
    expect(report.claims.map((c) => [c.number, c.id, c.anchor.status])).toEqual([
      [1, figure.id, "exact"],
      [2, title.id, "orphaned"],
    ]);
    expect(report.agreement).toMatchObject({ claims: 2, reviewers: 2, disagreements: [2] });
    expect(await db().claim.count({ where: { articleId: article.id, anchorStatus: "orphaned" } })).toBe(1);
  });
});
