// A claim's discussion against real databases: posting, editing and deleting comments (whose may
// change what), the audit trail of each, mentions and the queue they wait in, and blind review's
// hold on comments in the thread, the history and the audit trail.
import { beforeAll, expect, it } from "vitest";
import type { Actor } from "./actor";
import { createArticle, updateArticle } from "./articles";
import { submitAssessment, withoutHiddenEvents } from "./assessments";
import { getQueue, queueWaiting } from "./assignments";
import { listAuditEvents } from "./audit";
import { approveClaim, createClaim, deleteClaim, setFinalVerdict } from "./claims";
import { addComment, deleteComment, editComment, listComments, markMentionRead } from "./comments";
import { db } from "./db";
import { claimHistory } from "./history";
import { buildReport } from "./reports";
import { describeOnDatabases, expectRefused, lastEvent, seedUser } from "./test-databases";

const TEXT = "The alliance sent a force of about 2,500 soldiers. The Kremlin said so.";
const Q1 = "a force of about 2,500 soldiers";
const Q2 = "The Kremlin said so.";
const watched = ["comment", "commentMention"] as const;

describeOnDatabases("claim discussion", () => {
  let ed: Actor;
  let erin: Actor;
  let rita: Actor;
  let ravi: Actor;
  let vera: Actor;

  beforeAll(async () => {
    ed = await seedUser("ed@test.org", "Ed Editor", "editor");
    erin = await seedUser("erin@test.org", "Erin Editor", "editor");
    rita = await seedUser("rita@test.org", "Rita Reviewer", "reviewer");
    ravi = await seedUser("ravi@test.org", "Ravi Reviewer", "reviewer");
    vera = await seedUser("vera@test.org", "Vera Viewer", "viewer");
  });

  async function claimIn(settings: { blind?: boolean } = {}, exact = Q1) {
    const article = await createArticle(ed, { title: "Deployment", text: TEXT });
    if (settings.blind) await updateArticle(ed, article.id, { independentReview: true, blind: true });
    const claim = await createClaim(ed, article.id, { exact });
    return { article, claim };
  }

  it("posts a comment with its mentions and links, audited; viewers read but do not write", async () => {
    const { article, claim } = await claimIn();
    const comment = await addComment(rita, claim.id, { body: "  @Erin Editor is this the ministry's figure? See https://example.org/report.  " });
    expect(comment).toMatchObject({
      claimId: claim.id,
      author: { id: rita.id, name: "Rita Reviewer" },
      body: "@Erin Editor is this the ministry's figure? See https://example.org/report.",
      mentions: [{ id: erin.id, name: "Erin Editor" }],
      version: 1,
      edited: false,
    });
    expect(comment.segments).toEqual([
      { kind: "mention", text: "@Erin Editor", userId: erin.id },
      { kind: "text", text: " is this the ministry's figure? See " },
      { kind: "link", text: "https://example.org/report", href: "https://example.org/report" },
      { kind: "text", text: "." },
    ]);
    expect(await lastEvent()).toMatchObject({
      action: "comment.added",
      actorId: rita.id,
      entityType: "comment",
      entityId: comment.id,
      articleId: article.id,
      before: null,
      after: { claimId: claim.id, authorId: rita.id, author: "Rita Reviewer", body: comment.body, mentionIds: [erin.id], version: 1 },
    });
    expect(await listComments(vera, claim.id)).toEqual({ items: [comment], hidden: 0 });
    await expectRefused(() => addComment(vera, claim.id, { body: "A viewer's word" }), { code: "forbidden" }, watched);
    await expectRefused(() => addComment(rita, claim.id, { body: "   " }), { code: "validation_failed", fields: { body: "The comment is required." } }, watched);
    await expectRefused(() => addComment(rita, claim.id, { body: "x".repeat(5001) }), { code: "validation_failed" }, watched);
    await expectRefused(() => addComment(rita, claim.id, { body: "Hi", extra: 1 }), { code: "validation_failed" }, watched);
    await expectRefused(() => addComment(rita, "no-such-claim", { body: "Hi" }), { code: "not_found" }, watched);
    await deleteClaim(ed, claim.id);
    await expectRefused(() => addComment(rita, claim.id, { body: "On a deleted claim" }), { code: "not_found" }, watched);
    await expectRefused(() => listComments(rita, claim.id), { code: "not_found" });
  });

  it("lets authors edit their own comments, with the version guarding a stale edit, and nobody else's", async () => {
    const { claim } = await claimIn();
    const comment = await addComment(rita, claim.id, { body: "First words" });
    await expectRefused(() => editComment(ed, comment.id, { body: "An editor's words" }), { code: "forbidden", message: "You can edit only your own comments." }, watched);
    await expectRefused(() => editComment(ravi, comment.id, { body: "Ravi's words" }), { code: "forbidden" }, watched);
    const edited = await editComment(rita, comment.id, { body: "Better words", version: 1 });
    expect(edited).toMatchObject({ body: "Better words", version: 2, edited: true });
    expect(await lastEvent()).toMatchObject({ action: "comment.edited", before: { body: "First words", version: 1 }, after: { body: "Better words", version: 2 } });
    const stale = await expectRefused(() => editComment(rita, comment.id, { body: "From an old tab", version: 1 }), { code: "conflict" }, watched);
    expect(stale.extra).toMatchObject({ current: { body: "Better words", version: 2 } });
    // The same words again change nothing and record nothing.
    const events = await db().auditEvent.count();
    expect(await editComment(rita, comment.id, { body: "Better words" })).toMatchObject({ version: 2 });
    expect(await db().auditEvent.count()).toBe(events);
    // Another claim's comment is not found where the caller names the claim (the claim panel).
    const other = await claimIn({}, Q2);
    await expectRefused(() => editComment(rita, comment.id, { body: "Elsewhere" }, { claimId: other.claim.id }), { code: "not_found" }, watched);
  });

  it("lets authors delete their own comments and editors anyone's, audited with the words", async () => {
    const { claim } = await claimIn();
    const mine = await addComment(rita, claim.id, { body: "Rita's note" });
    const theirs = await addComment(ravi, claim.id, { body: "Ravi's note" });
    await expectRefused(() => deleteComment(rita, theirs.id), { code: "forbidden", message: "You can delete only your own comments." }, watched);
    await expectRefused(() => deleteComment(vera, mine.id), { code: "forbidden" }, watched);
    await deleteComment(rita, mine.id);
    expect(await lastEvent()).toMatchObject({ action: "comment.deleted", actorId: rita.id, before: { body: "Rita's note", authorId: rita.id }, after: null });
    await deleteComment(ed, theirs.id);
    expect(await lastEvent()).toMatchObject({ action: "comment.deleted", actorId: ed.id, before: { body: "Ravi's note", authorId: ravi.id } });
    expect(await listComments(rita, claim.id)).toEqual({ items: [], hidden: 0 });
    await expectRefused(() => deleteComment(ed, theirs.id), { code: "not_found" }, watched);
    await expectRefused(() => editComment(ravi, theirs.id, { body: "Back" }), { code: "not_found" }, watched);
    const history = await claimHistory(rita, claim.id);
    expect(history.map((h) => h.summary)).toEqual(expect.arrayContaining(["commented: “Rita's note”", "deleted a comment: “Ravi's note”"]));
  });

  it("puts a mention in the mentioned person's queue until they reply on the claim or mark it read", async () => {
    const { article, claim } = await claimIn();
    expect(await queueWaiting(ravi)).toBe(0);
    const asked = await addComment(rita, claim.id, { body: "@ravi can you check the Kremlin's statement? cc @Rita Reviewer" });
    // One's own name mentions nobody.
    expect(asked.mentions).toEqual([{ id: ravi.id, name: "Ravi Reviewer" }]);
    let queue = await getQueue(ravi);
    expect(queue.mentions).toEqual([
      { commentId: asked.id, claimId: claim.id, article: { id: article.id, title: "Deployment" }, claim: Q1, by: { id: rita.id, name: "Rita Reviewer" }, at: asked.createdAt, body: asked.body },
    ]);
    expect(queue.waiting).toBe(1);
    expect(await queueWaiting(ravi)).toBe(1);
    // Editors see it in Ravi's queue too; Rita's own queue holds nothing.
    expect((await getQueue(ed, ravi.id)).mentions).toHaveLength(1);
    expect((await getQueue(rita)).mentions).toEqual([]);
    // A reply on the claim answers it.
    await addComment(ravi, claim.id, { body: "On it." });
    queue = await getQueue(ravi);
    expect(queue.mentions).toEqual([]);
    expect(await queueWaiting(ravi)).toBe(0);

    // Marking as read answers it too, and is nobody else's to do; it writes no audit event.
    const again = await addComment(rita, claim.id, { body: "@Ravi Reviewer and the date?" });
    expect((await getQueue(ravi)).mentions.map((m) => m.commentId)).toEqual([again.id]);
    await expectRefused(() => markMentionRead(erin, again.id), { code: "not_found" });
    const events = await db().auditEvent.count();
    await markMentionRead(ravi, again.id);
    await markMentionRead(ravi, again.id);
    expect(await db().auditEvent.count()).toBe(events);
    expect((await getQueue(ravi)).mentions).toEqual([]);
  });

  it("follows a comment's edits: a name added mentions, a name removed takes the mention back, a deleted comment waits no more", async () => {
    const { claim } = await claimIn();
    const comment = await addComment(rita, claim.id, { body: "Who has the figure?" });
    expect((await getQueue(erin)).mentions).toEqual([]);
    await editComment(rita, comment.id, { body: "Who has the figure, @erin?" });
    expect((await getQueue(erin)).mentions.map((m) => m.body)).toEqual(["Who has the figure, @erin?"]);
    expect(await lastEvent()).toMatchObject({ action: "comment.edited", before: { mentionIds: [] }, after: { mentionIds: [erin.id] } });
    await editComment(rita, comment.id, { body: "Who has the figure, @Ed Editor?" });
    expect((await getQueue(erin)).mentions).toEqual([]);
    expect((await getQueue(ed)).mentions).toHaveLength(1);
    await deleteComment(rita, comment.id);
    expect((await getQueue(ed)).mentions).toEqual([]);
    // A disabled colleague is not mentioned.
    await db().user.update({ where: { id: erin.id }, data: { disabledAt: new Date() } });
    try {
      expect((await addComment(rita, claim.id, { body: "@Erin Editor?" })).mentions).toEqual([]);
    } finally {
      await db().user.update({ where: { id: erin.id }, data: { disabledAt: null } });
    }
  });

  it("in blind review, withholds the others' comments from a reviewer until they have assessed, everywhere", async () => {
    const { article, claim } = await claimIn({ blind: true });
    const ritas = await addComment(rita, claim.id, { body: "I rate it mostly true, @Ravi Reviewer." });
    // Ravi has not assessed: the thread, the mention, the history and the audit trail hold it back.
    expect(await listComments(ravi, claim.id)).toEqual({ items: [], hidden: 1 });
    expect((await getQueue(ravi)).mentions).toEqual([]);
    expect((await claimHistory(ravi, claim.id)).some((h) => h.action === "comment.added")).toBe(false);
    expect((await withoutHiddenEvents(ravi, await listAuditEvents({ articleId: article.id }))).hidden).toBe(1);
    const report = await buildReport(ravi, [article.id], "internal");
    expect(JSON.stringify(report)).not.toContain("mostly true, @Ravi");
    // Nor can he reach it by its id.
    await expectRefused(() => deleteComment(ravi, ritas.id), { code: "not_found" }, watched);
    // His own comments he sees; the editors and Rita see everything.
    const ravis = await addComment(ravi, claim.id, { body: "Still checking." });
    expect(await listComments(ravi, claim.id)).toEqual({ items: [ravis], hidden: 1 });
    expect((await listComments(ed, claim.id)).items).toHaveLength(2);
    expect((await listComments(rita, claim.id)).hidden).toBe(1);
    // The viewer waits for the approved verdict.
    expect(await listComments(vera, claim.id)).toEqual({ items: [], hidden: 2 });
    await submitAssessment(ravi, claim.id, { verdict: "mostly_true", rationale: "Two sources." });
    await submitAssessment(rita, claim.id, { verdict: "mostly_true", rationale: "Agreed." });
    expect((await listComments(ravi, claim.id)).items.map((c) => c.id)).toEqual([ritas.id, ravis.id]);
    // His own comment after the mention counts as his answer to it, though he posted it blind.
    expect((await getQueue(ravi)).mentions).toEqual([]);
    expect((await withoutHiddenEvents(ravi, await listAuditEvents({ articleId: article.id }))).hidden).toBe(0);
    const proposed = await setFinalVerdict(ed, claim.id, { verdict: "mostly_true", note: "Both agree.", version: (await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).version });
    await approveClaim(erin, claim.id, { version: proposed.version });
    expect((await listComments(vera, claim.id)).hidden).toBe(0);
  });

  it("keeps the discussion out of public reports", async () => {
    const { article, claim } = await claimIn();
    await addComment(rita, claim.id, { body: "Internal: the source is shaky." });
    expect(JSON.stringify(await buildReport(ed, [article.id], "internal"))).toContain("the source is shaky");
    expect(JSON.stringify(await buildReport(ed, [article.id], "public"))).not.toContain("the source is shaky");
  });
});
