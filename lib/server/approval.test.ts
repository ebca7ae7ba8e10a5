// Adjudication, approval and corrections against real databases: an editor's final verdict in
// independent review, approval by another editor (never one's own where the desk has two), the lock on
// an approved verdict (a change needs a reason and is a correction), what viewers see once a verdict is
// approved, and what public exports of an article in independent review hold.
import { beforeAll, expect, it } from "vitest";
import type { Actor } from "./actor";
import { createArticle, updateArticle } from "./articles";
import { listAssessments, submitAssessment, withoutHiddenEvents } from "./assessments";
import { listAuditEvents } from "./audit";
import { approveClaim, createClaim, getClaim, setFinalVerdict, updateClaim } from "./claims";
import { db } from "./db";
import { claimHistory } from "./history";
import { buildReport } from "./reports";
import { describeOnDatabases, expectRefused, seedUser } from "./test-databases";

const TEXT = "The alliance sent a force of about 2,500 soldiers. The Kremlin said so. Officials later denied it.";
const Q1 = "a force of about 2,500 soldiers";
const Q2 = "The Kremlin said so.";

async function lastEvent() {
  const e = (await db().auditEvent.findFirst({ orderBy: { seq: "desc" } }))!;
  return { action: e.action, actorId: e.actorId, before: JSON.parse(e.before ?? "null") as unknown, after: JSON.parse(e.after ?? "null") as unknown };
}

const watched = ["claim", "source", "article", "assessment"] as const;

describeOnDatabases("adjudication, approval and corrections", () => {
  let ed: Actor;
  let eva: Actor;
  let rita: Actor;
  let ravi: Actor;
  let vera: Actor;

  beforeAll(async () => {
    ed = await seedUser("ed@test.org", "Ed Editor", "editor");
    eva = await seedUser("eva@test.org", "Eva Admin", "admin");
    rita = await seedUser("rita@test.org", "Rita Reviewer", "reviewer");
    ravi = await seedUser("ravi@test.org", "Ravi Reviewer", "reviewer");
    vera = await seedUser("vera@test.org", "Vera Viewer", "viewer");
  });

  async function article(independentReview: boolean) {
    const a = await createArticle(ed, { title: "Deployment", text: TEXT });
    if (independentReview) await updateArticle(ed, a.id, { independentReview: true });
    const c1 = await createClaim(rita, a.id, { exact: Q1 });
    const c2 = await createClaim(rita, a.id, { exact: Q2 });
    return { article: a, c1, c2 };
  }

  it("in independent review, an editor proposes the final verdict with a note; only editors may, and only there", async () => {
    const { c1 } = await article(true);
    await submitAssessment(rita, c1.id, { verdict: "mostly_true", rationale: "About right." });
    await submitAssessment(ravi, c1.id, { verdict: "half_true", rationale: "Figures vary." });
    const assessed = await getClaim(ed, c1.id);
    expect(assessed.status).toBe("assessed");

    await expectRefused(() => setFinalVerdict(rita, c1.id, { version: assessed.version, verdict: "true", note: "" }), { code: "forbidden" }, watched);
    await expectRefused(() => setFinalVerdict(ed, c1.id, { version: assessed.version - 1, verdict: "true", note: "" }), { code: "conflict" }, watched);
    await expectRefused(() => setFinalVerdict(ed, c1.id, { version: assessed.version, verdict: "sort_of", note: "" }), { code: "validation_failed", fields: { verdict: "Choose the final verdict." } }, watched);
    // The verdict of a claim in independent review is the final verdict, for editors too.
    await expectRefused(
      () => updateClaim(ed, c1.id, { version: assessed.version, verdict: "true" }),
      { code: "validation_failed", fields: { verdict: "In independent review the claim's verdict is the final verdict an editor proposes, with a note." } },
      watched,
    );

    const proposed = await setFinalVerdict(ed, c1.id, { version: assessed.version, verdict: "mostly_true", note: " Rita's sources are stronger. " });
    expect(proposed).toMatchObject({ status: "proposed", verdict: "mostly_true", finalNote: "Rita's sources are stronger.", verdictBy: { id: ed.id, name: "Ed Editor" }, approvedBy: null, version: assessed.version + 1 });
    expect(await lastEvent()).toMatchObject({
      action: "claim.final_proposed",
      actorId: ed.id,
      before: { status: "assessed", verdict: null, finalNote: "" },
      after: { status: "proposed", verdict: "mostly_true", finalNote: "Rita's sources are stronger." },
    });
    // The same decision again writes nothing.
    const events = await db().auditEvent.count();
    expect(await setFinalVerdict(ed, c1.id, { version: proposed.version, verdict: "mostly_true", note: "Rita's sources are stronger." })).toEqual(proposed);
    expect(await db().auditEvent.count()).toBe(events);

    const { c1: plain } = await article(false);
    await expectRefused(() => setFinalVerdict(ed, plain.id, { version: plain.version, verdict: "true", note: "" }), { code: "not_in_independent_review" }, watched);
  });

  it("approval is another editor's where the desk has two; an admin counts as an editor; only proposed or given verdicts are approved", async () => {
    const { c1, c2 } = await article(true);
    await expectRefused(() => approveClaim(ed, c1.id, { version: c1.version }), { code: "not_approvable", message: "Only a proposed verdict, or a verdict given outside independent review, can be approved." }, watched);
    const proposed = await setFinalVerdict(ed, c1.id, { version: c1.version, verdict: "false", note: "" });
    await expectRefused(() => approveClaim(rita, c1.id, { version: proposed.version }), { code: "forbidden" }, watched);
    await expectRefused(() => approveClaim(ed, c1.id, { version: proposed.version }), { code: "self_approval", message: "Another editor must approve this verdict: you gave it." }, watched);
    await expectRefused(() => approveClaim(eva, c1.id, { version: proposed.version - 1 }), { code: "conflict" }, watched);

    const approved = await approveClaim(eva, c1.id, { version: proposed.version });
    expect(approved).toMatchObject({ status: "approved", verdict: "false", verdictBy: { id: ed.id }, approvedBy: { id: eva.id, name: "Eva Admin" }, version: proposed.version + 1 });
    expect(approved.approvedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await lastEvent()).toMatchObject({ action: "claim.approved", actorId: eva.id, before: { status: "proposed" }, after: { status: "approved", verdict: "false" } });
    await expectRefused(() => approveClaim(ed, c1.id, { version: approved.version }), { code: "not_approvable" }, watched);
    expect((await claimHistory(vera, c1.id)).map((h) => `${h.actor} ${h.summary}`).slice(-2)).toEqual(["Ed Editor proposed the final verdict: False", "Eva Admin approved the verdict"]);

    // A desk with one editor approves its own verdicts.
    await db().user.update({ where: { id: eva.id }, data: { disabledAt: new Date() } });
    try {
      const own = await setFinalVerdict(ed, c2.id, { version: c2.version, verdict: "true", note: "" });
      expect((await approveClaim(ed, c2.id, { version: own.version })).status).toBe("approved");
    } finally {
      await db().user.update({ where: { id: eva.id }, data: { disabledAt: null } });
    }
  });

  it("outside independent review, a given verdict is approved, and who gave it may not approve it", async () => {
    const { c1 } = await article(false);
    const given = await updateClaim(ed, c1.id, { version: c1.version, verdict: "mostly_false" });
    expect([given.status, given.verdictBy?.id]).toEqual(["verdict_given", ed.id]);
    await expectRefused(() => approveClaim(ed, c1.id, { version: given.version }), { code: "self_approval" }, watched);
    const approved = await approveClaim(eva, c1.id, { version: given.version });
    expect(approved.status).toBe("approved");
    // Edits that leave the verdict alone keep it approved.
    const edited = await updateClaim(rita, c1.id, { version: approved.version, rationale: "Two sources." });
    expect([edited.status, edited.approvedBy?.id]).toEqual(["approved", eva.id]);
  });

  it("an approved verdict changes only with a reason, as a correction that goes back for approval and shows in reports", async () => {
    const { article: a, c1 } = await article(false);
    const given = await updateClaim(rita, c1.id, { version: c1.version, verdict: "true" });
    const approved = await approveClaim(ed, c1.id, { version: given.version });

    await expectRefused(
      () => updateClaim(rita, c1.id, { version: approved.version, verdict: "false" }),
      { code: "reason_required", fields: { reason: "Give the reason for the correction." } },
      watched,
    );
    await expectRefused(() => updateClaim(rita, c1.id, { version: approved.version, verdict: "false", reason: "   " }), { code: "reason_required" }, watched);
    const corrected = await updateClaim(rita, c1.id, { version: approved.version, verdict: "false", reason: " The ministry revised its count. " });
    expect(corrected).toMatchObject({ status: "verdict_given", verdict: "false", verdictBy: { id: rita.id }, approvedBy: null, approvedAt: null });
    expect(await lastEvent()).toMatchObject({
      action: "claim.corrected",
      actorId: rita.id,
      before: { status: "approved", verdict: "true" },
      after: { status: "verdict_given", verdict: "false", reason: "The ministry revised its count." },
    });
    expect((await claimHistory(vera, c1.id)).at(-1)?.summary).toBe("corrected the verdict from True to False: “The ministry revised its count.”");

    // A verdict changed before approval is no correction; the one after approval is, with its reason.
    const report = await buildReport(ed, [a.id], "public");
    const claim = report.articles[0]!.claims.find((c) => c.id === c1.id)!;
    expect(claim.corrections.map((k) => [k.from, k.to, k.reason, k.by?.name])).toEqual([["true", "false", "The ministry revised its count.", "Rita Reviewer"]]);
  });

  it("in independent review, a correction is a new final verdict with a reason; viewers see the assessments once approved", async () => {
    const { article: a, c1, c2 } = await article(true);
    await submitAssessment(rita, c1.id, { verdict: "true", rationale: "Confirmed." });
    expect(await listAssessments(vera, c1.id)).toEqual({ items: [], hidden: 1 });
    const proposed = await setFinalVerdict(ed, c1.id, { version: (await getClaim(ed, c1.id)).version, verdict: "true", note: "" });
    const approved = await approveClaim(eva, c1.id, { version: proposed.version });
    expect((await listAssessments(vera, c1.id)).items.map((x) => x.rationale)).toEqual(["Confirmed."]);
    expect((await withoutHiddenEvents(vera, await listAuditEvents({ articleId: a.id }))).hidden).toBe(0);

    await expectRefused(() => setFinalVerdict(ed, c1.id, { version: approved.version, verdict: "half_true", note: "" }), { code: "reason_required" }, watched);
    const corrected = await setFinalVerdict(ed, c1.id, { version: approved.version, verdict: "half_true", note: "", reason: "A second count differs." });
    expect(corrected).toMatchObject({ status: "proposed", verdict: "half_true", approvedBy: null });
    expect((await lastEvent()).action).toBe("claim.corrected");
    // Back to proposed: viewers no longer see the assessments until it is approved again.
    expect((await listAssessments(vera, c1.id)).hidden).toBe(1);
    expect((await withoutHiddenEvents(vera, await listAuditEvents({ articleId: a.id }))).hidden).toBe(1);

    // Public exports of an article in independent review hold only approved claims; internal ones all.
    await approveClaim(eva, c1.id, { version: corrected.version });
    const ids = (audience: "internal" | "public") => buildReport(ed, [a.id], audience).then((r) => r.articles[0]!.claims.map((c) => c.id));
    expect(await ids("public")).toEqual([c1.id]);
    expect(await ids("internal")).toEqual([c1.id, c2.id]);
    const publicEvents = (await buildReport(ed, [a.id], "public")).articles[0]!.events;
    expect(publicEvents.some((e) => e.entity.id === c2.id)).toBe(false);
    expect(publicEvents.some((e) => JSON.stringify(e.after ?? {}).includes("finalNote"))).toBe(false);
  });
});
