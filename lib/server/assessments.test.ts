// Independent and blind review against real databases: the article's settings, each reviewer's own
// assessment and what it does to the claim's status, who sees whose assessments (in the API, the claim's
// history and the audit trail), and the agreement between reviewers.
import { beforeAll, expect, it } from "vitest";
import type { Actor } from "./actor";
import { createArticle, updateArticle } from "./articles";
import { agreement, listAssessments, submitAssessment, withoutHiddenEvents } from "./assessments";
import { assignReviewers, getQueue } from "./assignments";
import { listAuditEvents } from "./audit";
import { addSource, createClaim, deleteClaim, getClaim, removeSource, updateClaim } from "./claims";
import { db } from "./db";
import { articleHistory, claimHistory } from "./history";
import { buildReport } from "./reports";
import { describeOnDatabases, expectRefused, seedUser } from "./test-databases";

const TEXT = "The alliance sent a force of about 2,500 soldiers. The Kremlin said so. Officials later denied it.";
const Q1 = "a force of about 2,500 soldiers";
const Q2 = "The Kremlin said so.";
const Q3 = "Officials later denied it.";

async function lastEvents(n: number) {
  const rows = await db().auditEvent.findMany({ orderBy: { seq: "desc" }, take: n });
  return rows.reverse().map((e) => ({ action: e.action, actorId: e.actorId, before: JSON.parse(e.before ?? "null") as unknown, after: JSON.parse(e.after ?? "null") as unknown }));
}

const watched = ["claim", "source", "article", "assignment", "assessment"] as const;

describeOnDatabases("independent and blind review", () => {
  let ed: Actor;
  let rita: Actor;
  let ravi: Actor;
  let rosa: Actor;
  let vera: Actor;

  beforeAll(async () => {
    ed = await seedUser("ed@test.org", "Ed Editor", "editor");
    rita = await seedUser("rita@test.org", "Rita Reviewer", "reviewer");
    ravi = await seedUser("ravi@test.org", "Ravi Reviewer", "reviewer");
    rosa = await seedUser("rosa@test.org", "Rosa Reviewer", "reviewer");
    vera = await seedUser("vera@test.org", "Vera Viewer", "viewer");
  });

  async function reviewedArticle(settings: { blind?: boolean } = {}) {
    const article = await createArticle(ed, { title: "Deployment", text: TEXT });
    await updateArticle(ed, article.id, { independentReview: true, blind: settings.blind ?? false });
    const claims = [];
    for (const exact of [Q1, Q2, Q3]) claims.push(await createClaim(ed, article.id, { exact }));
    return { article, claims };
  }

  it("lets editors switch an article to independent and blind review, audited; blind needs independent", async () => {
    const article = await createArticle(ed, { title: "Settings", text: TEXT });
    expect(article).toMatchObject({ independentReview: false, blind: false });
    await expectRefused(() => updateArticle(rita, article.id, { independentReview: true }), { code: "forbidden" }, watched);
    await expectRefused(() => updateArticle(ed, article.id, { blind: true }), { code: "validation_failed", fields: { blind: "Blind review needs independent review." } }, watched);
    await expectRefused(() => updateArticle(ed, article.id, { independentReview: "yes" }), { code: "validation_failed", fields: { independentReview: "independentReview is true or false." } }, watched);
    const updated = await updateArticle(ed, article.id, { independentReview: true, blind: true });
    expect(updated).toMatchObject({ independentReview: true, blind: true });
    expect((await lastEvents(1))[0]).toMatchObject({ action: "article.updated", before: { independentReview: false, blind: false }, after: { independentReview: true, blind: true } });
    await expectRefused(() => updateArticle(ed, article.id, { independentReview: false }), { code: "validation_failed" }, watched);
    expect(await updateArticle(ed, article.id, { independentReview: false, blind: false })).toMatchObject({ independentReview: false, blind: false });
  });

  it("records each reviewer's own assessment, audited, and moves the claim to assessed when two reviewers have assessed it", async () => {
    const { claims } = await reviewedArticle();
    const c = claims[0]!;
    const source = await addSource(rita, c.id, { url: "https://example.org/csto", stance: "supports" });

    const mine = await submitAssessment(rita, c.id, { verdict: "mostly_true", rationale: " CSTO said about 2,500. ", sourceIds: [source.id, source.id] });
    expect(mine).toMatchObject({ claimId: c.id, reviewer: { id: rita.id, name: "Rita Reviewer" }, verdict: "mostly_true", rationale: "CSTO said about 2,500.", sourceIds: [source.id], version: 1 });
    const [submitted, moved] = await lastEvents(2);
    expect(submitted).toEqual({ action: "assessment.submitted", actorId: rita.id, before: null, after: { claimId: c.id, reviewerId: rita.id, reviewer: "Rita Reviewer", verdict: "mostly_true", rationale: "CSTO said about 2,500.", sourceIds: [source.id], version: 1 } });
    expect(moved).toMatchObject({ action: "claim.status_changed", actorId: rita.id, before: { status: "open", version: 1 }, after: { status: "in_review", version: 2 } });
    expect((await getClaim(ed, c.id)).status).toBe("in_review");

    // The same assessment again writes nothing; a revision is its own event.
    const events = await db().auditEvent.count();
    expect(await submitAssessment(rita, c.id, { verdict: "mostly_true", rationale: "CSTO said about 2,500.", sourceIds: [source.id] })).toEqual(mine);
    expect(await db().auditEvent.count()).toBe(events);
    const revised = await submitAssessment(rita, c.id, { verdict: "true", rationale: "Confirmed by two sources." });
    expect(revised).toMatchObject({ id: mine.id, verdict: "true", sourceIds: [], version: 2 });
    expect((await lastEvents(1))[0]).toMatchObject({ action: "assessment.revised", before: { verdict: "mostly_true", version: 1 }, after: { verdict: "true", version: 2 } });

    await submitAssessment(ravi, c.id, { verdict: "false", rationale: "Other figures." });
    const assessed = await getClaim(ed, c.id);
    expect([assessed.status, assessed.verdict]).toEqual(["assessed", null]);
    expect((await lastEvents(1))[0]).toMatchObject({ action: "claim.status_changed", actorId: ravi.id, before: { status: "in_review" }, after: { status: "assessed" } });
    expect((await claimHistory(ed, c.id)).map((h) => `${h.actor} ${h.summary}`).slice(2)).toEqual([
      "Rita Reviewer assessed the claim: Mostly true",
      "Rita Reviewer changed the status from Open to In review",
      "Rita Reviewer revised their assessment from Mostly true to True",
      "Ravi Reviewer assessed the claim: False",
      "Ravi Reviewer changed the status from In review to Assessed",
    ]);

    // A removed source leaves the assessments that relied on it.
    const relied = await submitAssessment(ravi, c.id, { verdict: "false", rationale: "Other figures.", sourceIds: [source.id] });
    expect(relied.sourceIds).toEqual([source.id]);
    await removeSource(rita, source.id);
    expect((await listAssessments(ed, c.id)).items.find((a) => a.reviewer.id === ravi.id)?.sourceIds).toEqual([]);
  });

  it("records a revision of any one part, and nothing when only the order of the sources differs", async () => {
    const { claims } = await reviewedArticle();
    const c = claims[1]!;
    const one = await addSource(rita, c.id, { url: "https://example.org/one", stance: "supports" });
    const two = await addSource(rita, c.id, { url: "https://example.org/two", stance: "context" });
    const first = await submitAssessment(rita, c.id, { verdict: "mostly_true", rationale: "About right.", sourceIds: [two.id, one.id] });
    const count = await db().auditEvent.count();
    expect(await submitAssessment(rita, c.id, { verdict: "mostly_true", rationale: "About right.", sourceIds: [one.id, two.id] })).toEqual(first);
    expect(await db().auditEvent.count()).toBe(count);
    const reworded = await submitAssessment(rita, c.id, { verdict: "mostly_true", rationale: "About right, by two counts.", sourceIds: [one.id, two.id] });
    expect(reworded.version).toBe(2);
    expect((await lastEvents(1))[0]).toMatchObject({ action: "assessment.revised", before: { rationale: "About right." }, after: { rationale: "About right, by two counts." } });
    const reverdicted = await submitAssessment(rita, c.id, { verdict: "true", rationale: "About right, by two counts.", sourceIds: [one.id, two.id] });
    expect(reverdicted.version).toBe(3);
    const fewer = await submitAssessment(rita, c.id, { verdict: "true", rationale: "About right, by two counts.", sourceIds: [one.id] });
    expect([fewer.version, fewer.sourceIds]).toEqual([4, [one.id]]);
    // A deleted claim's assessments are gone with it.
    await deleteClaim(ed, c.id);
    await expectRefused(() => listAssessments(ed, c.id), { code: "not_found", message: "The claim was not found." });
    await expectRefused(() => submitAssessment(rita, c.id, { verdict: "true", rationale: "" }), { code: "not_found", message: "The claim was not found." }, watched);
  });

  it("refuses assessments outside independent review, of other claims' sources, by viewers and unassigned reviewers, writing nothing", async () => {
    const plain = await createArticle(ed, { title: "Plain", text: TEXT });
    const plainClaim = await createClaim(rita, plain.id, { exact: Q1 });
    await expectRefused(
      () => submitAssessment(rita, plainClaim.id, { verdict: "true", rationale: "" }),
      { code: "not_in_independent_review", message: "This article is not in independent review: give the claim's verdict instead." },
      watched,
    );
    const { article, claims } = await reviewedArticle();
    const other = await addSource(rita, claims[1]!.id, { url: "https://example.org/other", stance: "context" });
    await expectRefused(
      () => submitAssessment(rita, claims[0]!.id, { verdict: "true", rationale: "", sourceIds: [other.id] }),
      { code: "validation_failed", fields: { sourceIds: `Not sources of this claim: ${other.id}.` } },
      watched,
    );
    await expectRefused(() => submitAssessment(vera, claims[0]!.id, { verdict: "true", rationale: "" }), { code: "forbidden" }, watched);
    await expectRefused(() => submitAssessment(rita, claims[0]!.id, { verdict: "pants_on_fire", rationale: "" }), { code: "validation_failed", fields: { verdict: "Choose a verdict." } }, watched);
    await expectRefused(() => submitAssessment(rita, "no-such-claim", { verdict: "true", rationale: "" }), { code: "not_found" }, watched);
    await updateArticle(ed, article.id, { requireAssignment: true });
    await expectRefused(() => submitAssessment(rosa, claims[0]!.id, { verdict: "true", rationale: "" }), { code: "not_assigned" }, watched);

    await updateArticle(ed, article.id, { requireAssignment: false });
    // In independent review only an editor sets the verdict.
    await expectRefused(
      () => updateClaim(rita, claims[2]!.id, { version: claims[2]!.version, verdict: "true" }),
      { code: "forbidden", message: "In independent review each reviewer records their own assessment; an editor sets the claim's verdict." },
      watched,
    );
    await updateClaim(rita, claims[2]!.id, { version: claims[2]!.version, note: "Reviewers still edit notes." });
    // An editor's verdict is the final verdict (PUT /claims/{id}/final), not a save.
    await expectRefused(() => updateClaim(ed, claims[2]!.id, { version: claims[2]!.version + 1, verdict: "false" }), { code: "validation_failed" }, watched);
    // "Assessed" is the review's to set, not a reviewer's.
    await expectRefused(() => updateClaim(rita, claims[1]!.id, { version: claims[1]!.version, status: "assessed" }), { code: "validation_failed" }, watched);
  });

  it("waits for every assigned reviewer before a claim is assessed", async () => {
    // An assignment elsewhere is not one of this claim's.
    const elsewhere = await reviewedArticle();
    await assignReviewers(ed, elsewhere.article.id, { userIds: [ed.id] });
    const { article, claims } = await reviewedArticle();
    await assignReviewers(ed, article.id, { userIds: [rita.id, ravi.id, rosa.id] });
    // Each reviewer's queue holds the claims they have not assessed themselves.
    const waiting = async (who: Actor) => {
      const item = (await getQueue(who)).items.find((i) => i.article.id === article.id)!;
      return { work: item.work, done: item.done, waiting: item.waiting.map((c) => c.id) };
    };
    const all = claims.map((c) => c.id);
    expect(await waiting(rita)).toEqual({ work: "assessment", done: 0, waiting: all });
    await submitAssessment(rita, claims[0]!.id, { verdict: "true", rationale: "" });
    expect(await waiting(rita)).toEqual({ work: "assessment", done: 1, waiting: all.slice(1) });
    expect(await waiting(ravi)).toEqual({ work: "assessment", done: 0, waiting: all });
    await submitAssessment(ravi, claims[0]!.id, { verdict: "true", rationale: "" });
    expect((await getClaim(ed, claims[0]!.id)).status).toBe("in_review");
    await submitAssessment(rosa, claims[0]!.id, { verdict: "half_true", rationale: "" });
    expect((await getClaim(ed, claims[0]!.id)).status).toBe("assessed");
    // A claim assigned to one reviewer is assessed when that one has, whoever else assessed it before.
    const other = await reviewedArticle();
    await assignReviewers(ed, other.article.id, { userIds: [ravi.id], claimIds: [other.claims[0]!.id] });
    await submitAssessment(rita, other.claims[0]!.id, { verdict: "true", rationale: "" });
    await submitAssessment(rosa, other.claims[0]!.id, { verdict: "true", rationale: "" });
    expect((await getClaim(ed, other.claims[0]!.id)).status).toBe("in_review");
    await submitAssessment(ravi, other.claims[0]!.id, { verdict: "true", rationale: "" });
    expect((await getClaim(ed, other.claims[0]!.id)).status).toBe("assessed");
    // Someone assigned later reopens it: the next assessment finds it incomplete.
    await assignReviewers(ed, article.id, { userIds: [ed.id] });
    await submitAssessment(rita, claims[0]!.id, { verdict: "mostly_true", rationale: "On reflection." });
    expect((await getClaim(ed, claims[0]!.id)).status).toBe("in_review");
  });

  it("in blind review hides others' assessments from a reviewer until they submit their own, everywhere; editors see all, viewers none yet", async () => {
    const { article, claims } = await reviewedArticle({ blind: true });
    const c = claims[0]!;
    await submitAssessment(rita, c.id, { verdict: "false", rationale: "Rita's reasons." });
    // On another claim, two assessments Ravi has not seen: a pair he must not be shown.
    await submitAssessment(rita, claims[1]!.id, { verdict: "true", rationale: "" });
    await submitAssessment(rosa, claims[1]!.id, { verdict: "true", rationale: "" });

    expect(await listAssessments(ravi, c.id)).toEqual({ items: [], hidden: 1 });
    expect(await listAssessments(vera, c.id)).toEqual({ items: [], hidden: 1 });
    expect((await listAssessments(ed, c.id)).items.map((a) => a.reviewer.name)).toEqual(["Rita Reviewer"]);
    expect((await listAssessments(rita, c.id)).hidden).toBe(0);
    // Nor in the claim's history, the article's activity or the audit trail.
    const said = (entries: { summary: string }[]) => entries.some((h) => h.summary.startsWith("assessed the claim"));
    expect(said(await claimHistory(ravi, c.id))).toBe(false);
    expect(said(await articleHistory(ravi, article.id))).toBe(false);
    expect(said(await claimHistory(ed, c.id))).toBe(true);
    const events = await listAuditEvents({ articleId: article.id });
    expect((await withoutHiddenEvents(ravi, events)).hidden).toBe(3);
    expect((await withoutHiddenEvents(vera, events)).hidden).toBe(3);
    expect((await withoutHiddenEvents(rita, events)).hidden).toBe(0);
    expect((await withoutHiddenEvents(ed, events)).hidden).toBe(0);
    // Nor in the agreement figures, nor in exports (internal reports carry the audit trail).
    expect(await agreement(ravi, [article.id])).toMatchObject({ claims: 0, percent: null, alpha: { nominal: null, ordinal: null } });
    const exported = async (who: Actor, audience: "internal" | "public") =>
      (await buildReport(who, [article.id], audience)).articles[0]!.events.filter((e) => e.entity.type === "assessment").length;
    expect(await exported(ravi, "internal")).toBe(0);
    expect(await exported(rita, "internal")).toBe(3);
    expect(await exported(ed, "internal")).toBe(3);
    expect(await exported(ed, "public")).toBe(0);

    await submitAssessment(ravi, c.id, { verdict: "mostly_false", rationale: "Ravi's reasons." });
    expect((await listAssessments(ravi, c.id)).items.map((a) => [a.reviewer.name, a.verdict, a.rationale])).toEqual([
      ["Rita Reviewer", "false", "Rita's reasons."],
      ["Ravi Reviewer", "mostly_false", "Ravi's reasons."],
    ]);
    expect(said(await claimHistory(ravi, c.id))).toBe(true);
    // Rita's assessment events of this claim now reach him; those of the claim he has not assessed do not.
    const after = await withoutHiddenEvents(ravi, await listAuditEvents({ articleId: article.id }));
    expect(after.hidden).toBe(2);
    expect(after.items.filter((e) => e.entity.type === "assessment").map((e) => (e.after as { reviewer: string }).reviewer)).toEqual(["Rita Reviewer", "Ravi Reviewer"]);
    expect(await agreement(ravi, [article.id])).toMatchObject({ claims: 1, reviewers: 2, disagreements: [c.id] });
    // A reviewer who has not assessed it still sees nothing; without blind review, they would.
    expect(await listAssessments(rosa, c.id)).toEqual({ items: [], hidden: 2 });
    await updateArticle(ed, article.id, { blind: false });
    expect((await listAssessments(rosa, c.id)).hidden).toBe(0);
    expect((await listAssessments(vera, c.id)).hidden).toBe(2);
  });

  it("measures agreement per article and across articles", async () => {
    const one = await reviewedArticle();
    const [a, b, c] = one.claims as [typeof one.claims[0], typeof one.claims[0], typeof one.claims[0]];
    await submitAssessment(rita, a.id, { verdict: "true", rationale: "" });
    await submitAssessment(ravi, a.id, { verdict: "true", rationale: "" });
    await submitAssessment(rita, b.id, { verdict: "false", rationale: "" });
    await submitAssessment(ravi, b.id, { verdict: "false", rationale: "" });
    await submitAssessment(rita, c.id, { verdict: "true", rationale: "" });
    await submitAssessment(ravi, c.id, { verdict: "false", rationale: "" });
    // Two reviewers, three claims, one disagreement: o(T,T) = o(F,F) = 2, o(T,F) = o(F,T) = 1, n = 6;
    // α = 1 − (2/6) / (2·3·3 / (6·5)) = 1 − (1/3)/(3/5) = 4/9. With only the two ends of the scale, the
    // ordinal α equals the nominal one.
    const figures = await agreement(rita, [one.article.id]);
    expect(figures).toMatchObject({ claims: 3, reviewers: 2, percent: 66.7, disagreements: [c.id] });
    expect(figures.alpha.nominal).toBeCloseTo(4 / 9, 10);
    expect(figures.alpha.ordinal).toBeCloseTo(4 / 9, 10);
    expect(await agreement(ed, [one.article.id])).toEqual(figures);
    // Viewers see assessments, and so the figures, only once verdicts are approved.
    expect(await agreement(vera, [one.article.id])).toMatchObject({ claims: 0, percent: null });

    const two = await reviewedArticle();
    await submitAssessment(rita, two.claims[0]!.id, { verdict: "unverifiable", rationale: "" });
    await submitAssessment(rosa, two.claims[0]!.id, { verdict: "unverifiable", rationale: "" });
    const across = await agreement(ed, [one.article.id, two.article.id]);
    expect(across).toMatchObject({ claims: 4, reviewers: 3, disagreements: [c.id] });
    await expectRefused(() => agreement(ed, [one.article.id, "no-such-article"]), { code: "not_found" });
  });
});
