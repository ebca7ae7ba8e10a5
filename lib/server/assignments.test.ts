// Assignments and queues against real databases: what an editor hands out and takes back, what the
// audit trail records, who may edit the claims of an article that requires assignment, and what each
// reviewer's queue shows. Every refusal writes nothing.
import { beforeAll, expect, it } from "vitest";
import type { Actor } from "./actor";
import { createArticle, updateArticle } from "./articles";
import { assignReviewers, deskQueues, editRightsOn, getQueue, listAssignments, queueWaiting, removeAssignment } from "./assignments";
import { addSource, createClaim, deleteClaim, removeSource, updateClaim, updateSource } from "./claims";
import { db } from "./db";
import { claimHistory } from "./history";
import { describeOnDatabases, expectRefused, seedUser } from "./test-databases";

const TEXT = "The alliance sent a force of about 2,500 soldiers. The Kremlin said so. Officials later denied it.";

async function lastEvents(n: number) {
  const rows = await db().auditEvent.findMany({ orderBy: { seq: "desc" }, take: n });
  return rows.reverse().map((e) => ({
    action: e.action,
    entityType: e.entityType,
    articleId: e.articleId,
    actorId: e.actorId,
    before: JSON.parse(e.before ?? "null") as unknown,
    after: JSON.parse(e.after ?? "null") as unknown,
  }));
}

const unchanged = ["assignment", "claim", "source", "article"] as const;

describeOnDatabases("assignments and queues", () => {
  let ed: Actor;
  let eve: Actor;
  let rita: Actor;
  let ravi: Actor;
  let vera: Actor;
  let gone: Actor;

  beforeAll(async () => {
    ed = await seedUser("ed@test.org", "Ed Editor", "editor");
    eve = await seedUser("eve@test.org", "Eve Editor", "editor");
    rita = await seedUser("rita@test.org", "Rita Reviewer", "reviewer");
    ravi = await seedUser("ravi@test.org", "Ravi Reviewer", "reviewer");
    vera = await seedUser("vera@test.org", "Vera Viewer", "viewer");
    gone = await seedUser("gone@test.org", "Gone Reviewer", "reviewer");
    await db().user.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
  });

  async function article(title = "Deployment") {
    return createArticle(ed, { title, text: TEXT });
  }

  it("lets an editor assign reviewers an article with a due time, audited; assigning again changes only the due time", async () => {
    const a = await article();
    const items = await assignReviewers(ed, a.id, { userIds: [rita.id, ravi.id, rita.id], due: "2026-12-24" });
    expect(items).toEqual([
      expect.objectContaining({ articleId: a.id, claimId: null, reviewer: { id: rita.id, name: "Rita Reviewer" }, due: "2026-12-24T23:59:59.999Z", assignedBy: { id: ed.id, name: "Ed Editor" } }),
      expect.objectContaining({ articleId: a.id, claimId: null, reviewer: { id: ravi.id, name: "Ravi Reviewer" }, due: "2026-12-24T23:59:59.999Z" }),
    ]);
    expect(await lastEvents(2)).toEqual([
      { action: "assignment.created", entityType: "assignment", articleId: a.id, actorId: ed.id, before: null, after: { reviewerId: rita.id, reviewer: "Rita Reviewer", claimId: null, due: "2026-12-24T23:59:59.999Z" } },
      { action: "assignment.created", entityType: "assignment", articleId: a.id, actorId: ed.id, before: null, after: { reviewerId: ravi.id, reviewer: "Ravi Reviewer", claimId: null, due: "2026-12-24T23:59:59.999Z" } },
    ]);

    const events = await db().auditEvent.count();
    expect(await assignReviewers(eve, a.id, { userIds: [rita.id], due: "2026-12-24" })).toEqual([items[0]]);
    expect(await db().auditEvent.count()).toBe(events);

    const moved = await assignReviewers(eve, a.id, { userIds: [rita.id], due: "2026-12-20T09:30" });
    expect(moved).toEqual([{ ...items[0], due: "2026-12-20T09:30:00.000Z" }]);
    expect(await lastEvents(1)).toEqual([
      {
        action: "assignment.updated",
        entityType: "assignment",
        articleId: a.id,
        actorId: eve.id,
        before: { reviewerId: rita.id, reviewer: "Rita Reviewer", claimId: null, due: "2026-12-24T23:59:59.999Z" },
        after: { reviewerId: rita.id, reviewer: "Rita Reviewer", claimId: null, due: "2026-12-20T09:30:00.000Z" },
      },
    ]);
    expect((await listAssignments(vera, a.id)).map((x) => [x.reviewer.name, x.due])).toEqual([
      ["Rita Reviewer", "2026-12-20T09:30:00.000Z"],
      ["Ravi Reviewer", "2026-12-24T23:59:59.999Z"],
    ]);
  });

  it("assigns chosen claims, one assignment per reviewer and claim", async () => {
    const a = await article();
    const c1 = await createClaim(ed, a.id, { exact: "a force of about 2,500 soldiers" });
    const c2 = await createClaim(ed, a.id, { exact: "Officials later denied it." });
    const items = await assignReviewers(ed, a.id, { userIds: [rita.id], claimIds: [c2.id, c1.id] });
    expect(items.map((x) => [x.reviewer.id, x.claimId, x.due])).toEqual([
      [rita.id, c2.id, null],
      [rita.id, c1.id, null],
    ]);
    expect((await lastEvents(1))[0]!.after).toEqual({ reviewerId: rita.id, reviewer: "Rita Reviewer", claimId: c1.id, due: null });
    // The claim's history shows its own assignment, not the other claim's.
    expect((await claimHistory(ravi, c1.id)).map((h) => h.summary)).toEqual(["marked the claim “a force of about 2,500 soldiers”", "assigned a claim to Rita Reviewer"]);
    // The whole article beside them is one more assignment, not a replacement.
    await assignReviewers(ed, a.id, { userIds: [rita.id] });
    expect((await listAssignments(ed, a.id)).map((x) => x.claimId)).toEqual([c2.id, c1.id, null]);
  });

  it("refuses what cannot be assigned, and anyone but an editor, writing nothing", async () => {
    const a = await article();
    const other = await article("Elsewhere");
    const foreign = await createClaim(ed, other.id, { exact: "The Kremlin said so." });
    const mine = await createClaim(ed, a.id, { exact: "The Kremlin said so." });
    await deleteClaim(ed, mine.id);
    await expectRefused(() => assignReviewers(rita, a.id, { userIds: [ravi.id] }), { code: "forbidden" }, unchanged);
    await expectRefused(() => assignReviewers(vera, a.id, { userIds: [ravi.id] }), { code: "forbidden" }, unchanged);
    await expectRefused(() => assignReviewers(ed, a.id, { userIds: [vera.id] }), { code: "validation_failed", fields: { userIds: "Vera Viewer is a viewer and cannot review claims." } }, unchanged);
    await expectRefused(() => assignReviewers(ed, a.id, { userIds: [rita.id, gone.id] }), { code: "validation_failed", fields: { userIds: "Gone Reviewer's account is disabled." } }, unchanged);
    await expectRefused(() => assignReviewers(ed, a.id, { userIds: ["nobody-at-all"] }), { code: "validation_failed", fields: { userIds: "No user has the id nobody-at-all." } }, unchanged);
    await expectRefused(() => assignReviewers(ed, a.id, { userIds: [] }), { code: "validation_failed", fields: { userIds: "Choose at least one reviewer." } }, unchanged);
    await expectRefused(
      () => assignReviewers(ed, a.id, { userIds: [rita.id], claimIds: [foreign.id, mine.id] }),
      { code: "validation_failed", fields: { claimIds: `Not claims of this article: ${foreign.id}, ${mine.id}.` } },
      unchanged,
    );
    await expectRefused(
      () => assignReviewers(ed, a.id, { userIds: [rita.id], due: "2026-02-30" }),
      { code: "validation_failed", fields: { due: "Use a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM, UTC unless a zone is given)." } },
      unchanged,
    );
    await expectRefused(() => assignReviewers(ed, a.id, { userIds: [rita.id], role: "editor" }), { code: "validation_failed" }, unchanged);
    await expectRefused(() => assignReviewers(ed, "no-such-article", { userIds: [rita.id] }), { code: "not_found" }, unchanged);
    await expectRefused(() => listAssignments(rita, "no-such-article"), { code: "not_found" });
  });

  it("lets an editor take an assignment back, audited; others cannot", async () => {
    const a = await article();
    const [given] = await assignReviewers(ed, a.id, { userIds: [ravi.id] });
    await expectRefused(() => removeAssignment(ravi, given!.id), { code: "forbidden" }, unchanged);
    const other = await article("Another piece");
    await expectRefused(() => removeAssignment(eve, given!.id, { articleId: other.id }), { code: "not_found" }, unchanged);
    await removeAssignment(eve, given!.id);
    expect(await lastEvents(1)).toEqual([
      { action: "assignment.removed", entityType: "assignment", articleId: a.id, actorId: eve.id, before: { reviewerId: ravi.id, reviewer: "Ravi Reviewer", claimId: null, due: null }, after: null },
    ]);
    expect(await listAssignments(ed, a.id)).toEqual([]);
    await expectRefused(() => removeAssignment(eve, given!.id), { code: "not_found" }, unchanged);
  });

  it("lets only assigned reviewers edit the claims of an article that requires assignment", async () => {
    const a = await article();
    const c1 = await createClaim(rita, a.id, { exact: "a force of about 2,500 soldiers" });
    const c2 = await createClaim(rita, a.id, { exact: "Officials later denied it." });
    const s1 = await addSource(rita, c1.id, { url: "https://example.org/1", stance: "supports" });

    await expectRefused(() => updateArticle(rita, a.id, { requireAssignment: true }), { code: "forbidden" }, unchanged);
    await expectRefused(() => updateArticle(ed, a.id, { requireAssignment: "yes" }), { code: "validation_failed", fields: { requireAssignment: "requireAssignment is true or false." } }, unchanged);
    const locked = await updateArticle(ed, a.id, { requireAssignment: true });
    expect(locked.requireAssignment).toBe(true);
    const [event] = await lastEvents(1);
    expect(event).toMatchObject({ action: "article.updated", before: { requireAssignment: false }, after: { requireAssignment: true } });

    // Rita marked the claims but holds no assignment now: every edit is refused.
    const notAssigned = { code: "not_assigned", message: "Only reviewers assigned to this claim can edit it." };
    await expectRefused(() => createClaim(rita, a.id, { exact: "The Kremlin said so." }), { code: "not_assigned", message: "Only reviewers assigned to this article can mark claims in it." }, unchanged);
    await expectRefused(() => updateClaim(rita, c1.id, { version: c1.version, verdict: "true" }), notAssigned, unchanged);
    await expectRefused(() => deleteClaim(rita, c1.id), notAssigned, unchanged);
    await expectRefused(() => addSource(rita, c1.id, { url: "https://example.org/2", stance: "supports" }), notAssigned, unchanged);
    await expectRefused(() => updateSource(rita, s1.id, { title: "Report" }), notAssigned, unchanged);
    await expectRefused(() => removeSource(rita, s1.id), notAssigned, unchanged);
    expect(await editRightsOn(rita, a.id)).toEqual({ canMark: false, editableClaims: [] });

    // An assignment of one claim opens that claim only, and no new ones.
    await assignReviewers(ed, a.id, { userIds: [rita.id], claimIds: [c1.id] });
    expect(await editRightsOn(rita, a.id)).toEqual({ canMark: false, editableClaims: [c1.id] });
    const saved = await updateClaim(rita, c1.id, { version: c1.version, verdict: "true" });
    expect(saved.verdict).toBe("true");
    await updateSource(rita, s1.id, { title: "Report" });
    await expectRefused(() => updateClaim(rita, c2.id, { version: c2.version, verdict: "false" }), notAssigned, unchanged);
    await expectRefused(() => createClaim(rita, a.id, { exact: "The Kremlin said so." }), { code: "not_assigned" }, unchanged);

    // The whole article opens everything, new claims included.
    const [whole] = await assignReviewers(ed, a.id, { userIds: [rita.id] });
    expect(await editRightsOn(rita, a.id)).toEqual({ canMark: true, editableClaims: null });
    const c3 = await createClaim(rita, a.id, { exact: "The Kremlin said so." });
    await updateClaim(rita, c2.id, { version: c2.version, verdict: "false" });
    await removeSource(rita, s1.id);
    await deleteClaim(rita, c3.id);

    // Editors are never bound; other reviewers are; taking the assignment back closes it again.
    await updateClaim(eve, c2.id, { version: c2.version + 1, note: "checked" });
    await expectRefused(() => addSource(ravi, c2.id, { url: "https://example.org/3", stance: "context" }), notAssigned, unchanged);
    await removeAssignment(ed, whole!.id);
    await expectRefused(() => updateClaim(rita, c2.id, { version: c2.version + 2, verdict: "true" }), notAssigned, unchanged);
    expect(await editRightsOn(vera, a.id)).toEqual({ canMark: false, editableClaims: [] });
    expect(await editRightsOn(eve, a.id)).toEqual({ canMark: true, editableClaims: null });

    // Without the setting, every reviewer edits again.
    await updateArticle(ed, a.id, { requireAssignment: false });
    expect(await editRightsOn(ravi, a.id)).toEqual({ canMark: true, editableClaims: null });
    await addSource(ravi, c2.id, { url: "https://example.org/3", stance: "context" });
  });

  it("shows each reviewer their queue: what is theirs, what is done, what waits, what is overdue", async () => {
    const now = new Date("2026-12-10T12:00:00Z");
    const nina = await seedUser(`nina${Date.now()}@test.org`, "Nina Newcomer", "reviewer");
    expect(await getQueue(nina, undefined, now)).toEqual({ user: { id: nina.id, name: "Nina Newcomer" }, items: [], mentions: [], waiting: 0, overdue: 0 });
    expect(await queueWaiting(nina)).toBe(0);

    const late = await article("Late piece");
    const c1 = await createClaim(ed, late.id, { exact: "a force of about 2,500 soldiers" });
    const c2 = await createClaim(ed, late.id, { exact: "Officials later denied it.", statement: "Officials denied the deployment" });
    const fresh = await article("Fresh piece");
    await assignReviewers(ed, late.id, { userIds: [nina.id], claimIds: [c1.id, c2.id], due: "2026-12-09" });
    await assignReviewers(ed, fresh.id, { userIds: [nina.id], due: "2026-12-31T18:00Z" });

    const queue = await getQueue(nina, undefined, now);
    expect(queue.items.map((i) => ({ title: i.article.title, scope: i.scope, due: i.due, overdue: i.overdue, total: i.total, done: i.done, waiting: i.waiting }))).toEqual([
      { title: "Late piece", scope: "claims", due: "2026-12-09T23:59:59.999Z", overdue: true, total: 2, done: 0, waiting: [{ id: c1.id, text: "a force of about 2,500 soldiers" }, { id: c2.id, text: "Officials denied the deployment" }] },
      { title: "Fresh piece", scope: "article", due: "2026-12-31T18:00:00.000Z", overdue: false, total: 0, done: 0, waiting: [] },
    ]);
    expect([queue.waiting, queue.overdue]).toEqual([3, 1]);

    await updateClaim(ed, c1.id, { version: c1.version, verdict: "mostly_true" });
    const after = await getQueue(nina, undefined, now);
    expect(after.items[0]).toMatchObject({ done: 1, total: 2, overdue: true, waiting: [{ id: c2.id }] });
    await updateClaim(ed, c2.id, { version: c2.version, verdict: "false" });
    const finished = await getQueue(nina, undefined, now);
    expect(finished.items.map((i) => [i.article.title, i.pending, i.overdue])).toEqual([
      ["Fresh piece", true, false],
      ["Late piece", false, false],
    ]);
    expect(await queueWaiting(nina)).toBe(1);

    // Editors read anyone's queue and the whole desk; reviewers only their own.
    expect((await getQueue(ed, nina.id, now)).items).toEqual(finished.items);
    await expectRefused(() => getQueue(ravi, nina.id), { code: "forbidden", message: "Only editors can see other people's queues." });
    await expectRefused(() => getQueue(ed, "no-such-user"), { code: "not_found" });
    expect((await getQueue(nina, nina.id, now)).items).toEqual(finished.items);
    const desk = await deskQueues(eve, now);
    expect(desk.map((q) => q.user.name)).toEqual([...desk.map((q) => q.user.name)].sort((x, y) => x.localeCompare(y)));
    expect(desk.find((q) => q.user.id === nina.id)?.items).toEqual(finished.items);
    expect(desk.some((q) => q.user.id === vera.id)).toBe(false);
    await expectRefused(() => deskQueues(rita), { code: "forbidden" });
  });
});
