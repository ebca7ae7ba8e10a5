// An article page's live feed against real databases: each change after the page's own starting point
// arrives as a notice without content, a reconnecting page gets what it missed, blind review withholds
// from a reviewer the notices of others' assessments and comments, and presence lists who has the
// article open until their stream closes.
import { afterEach, beforeAll, expect, it } from "vitest";
import type { Actor } from "./actor";
import { createArticle, updateArticle } from "./articles";
import { submitAssessment } from "./assessments";
import { auditHead } from "./audit";
import { createClaim, updateClaim } from "./claims";
import { addComment } from "./comments";
import { db } from "./db";
import { PRESENCE_TTL_MS, openArticleEvents, presentOn, type LiveChange } from "./live-stream";
import { describeOnDatabases, expectRefused, seedUser } from "./test-databases";

const TEXT = "The alliance sent a force of about 2,500 soldiers. The Kremlin said so.";

/** A stream being read: what it sent so far, and a wait for a condition on it. */
function reading(stream: ReadableStream<Uint8Array>) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const pump = (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      text += decoder.decode(value, { stream: true });
    }
  })();
  const changes = () =>
    text
      .split("\n\n")
      .filter((block) => block.includes("event: change"))
      .map((block) => JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as LiveChange);
  const presence = () =>
    text
      .split("\n\n")
      .filter((block) => block.includes("event: presence"))
      .map((block) => (JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as { users: { name: string }[] }).users.map((u) => u.name));
  async function until(condition: () => boolean, what: string) {
    const deadline = Date.now() + 5_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the stream said:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  return {
    text: () => text,
    changes,
    presence,
    until,
    close: async () => {
      await reader.cancel();
      await pump;
    },
  };
}

describeOnDatabases("live updates", () => {
  let ed: Actor;
  let rita: Actor;
  let ravi: Actor;
  const open: { close: () => Promise<void> }[] = [];

  beforeAll(async () => {
    ed = await seedUser("ed@test.org", "Ed Editor", "editor");
    rita = await seedUser("rita@test.org", "Rita Reviewer", "reviewer");
    ravi = await seedUser("ravi@test.org", "Ravi Reviewer", "reviewer");
  });

  afterEach(async () => {
    for (const stream of open.splice(0)) await stream.close();
  });

  async function follow(actor: Actor, articleId: string, since?: number) {
    const stream = reading(await openArticleEvents(actor, articleId, { since }));
    open.push(stream);
    return stream;
  }

  it("sends each change after the page's starting point as a notice without content, and replays what a reconnecting page missed", async () => {
    const article = await createArticle(ed, { title: "Deployment", text: TEXT });
    const since = (await auditHead()).events;
    const feed = await follow(rita, article.id, since);
    const claim = await createClaim(ed, article.id, { exact: "a force of about 2,500 soldiers" });
    await feed.until(() => feed.changes().length === 1, "the new claim");
    expect(feed.changes()).toEqual([{ seq: since + 1, action: "claim.created", entity: { type: "claim", id: claim.id }, claimId: claim.id, actor: { id: ed.id, name: "Ed Editor" } }]);
    // The claim's words are the API's to serve, not the feed's.
    expect(feed.text()).not.toContain("2,500");
    expect(feed.text()).toMatch(new RegExp(`^id: ${since + 1}$`, "m"));

    await updateClaim(ed, claim.id, { version: 1, rationale: "Confirmed by two sources." });
    await feed.until(() => feed.changes().length === 2, "the edit");
    // Another article's changes are not this page's.
    const elsewhere = await createArticle(ed, { title: "Elsewhere", text: TEXT });
    await createClaim(ed, elsewhere.id, { exact: "The Kremlin said so." });
    // A page reconnecting with the first event's number gets the rest, from the audit trail.
    const again = await follow(rita, article.id, since + 1);
    await again.until(() => again.changes().length === 1, "the replayed edit");
    expect(again.changes()[0]).toMatchObject({ action: "claim.updated", claimId: claim.id });
    expect(feed.changes().map((c) => c.action)).toEqual(["claim.created", "claim.updated"]);
  });

  it("withholds from a reviewer in blind review the notices of others' assessments and comments, as the audit API does", async () => {
    const article = await createArticle(ed, { title: "Blind", text: TEXT });
    await updateArticle(ed, article.id, { independentReview: true, blind: true });
    const claim = await createClaim(ed, article.id, { exact: "a force of about 2,500 soldiers" });
    const since = (await auditHead()).events;
    const raviFeed = await follow(ravi, article.id, since);
    const edFeed = await follow(ed, article.id, since);
    await submitAssessment(rita, claim.id, { verdict: "mostly_true", rationale: "Rita's view." });
    await addComment(rita, claim.id, { body: "Rita: mostly true, I think." });
    await edFeed.until(() => edFeed.changes().length === 3, "the editor's three notices");
    expect(edFeed.changes().map((c) => c.action)).toEqual(["assessment.submitted", "claim.status_changed", "comment.added"]);
    await raviFeed.until(() => raviFeed.changes().length >= 1, "Ravi's notice");
    // Give a withheld notice the time to arrive wrongly, then look.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(raviFeed.changes().map((c) => c.action)).toEqual(["claim.status_changed"]);
    // Once Ravi has assessed, a reconnect replays what he may now see.
    await submitAssessment(ravi, claim.id, { verdict: "true", rationale: "Ravi's view." });
    const after = await follow(ravi, article.id, since);
    await after.until(() => after.changes().length === 5, "every notice");
    expect(after.changes().map((c) => c.action)).toEqual(["assessment.submitted", "claim.status_changed", "comment.added", "assessment.submitted", "claim.status_changed"]);
  });

  it("lists who has the article open, each person once, until their stream closes; a row not refreshed stops counting", async () => {
    const article = await createArticle(ed, { title: "Presence", text: TEXT });
    const ritaFeed = await follow(rita, article.id);
    const raviFeed = await follow(ravi, article.id);
    const raviAgain = await follow(ravi, article.id);
    await ritaFeed.until(() => ritaFeed.presence().at(-1)?.join() === "Ravi Reviewer,Rita Reviewer", "both reviewers");
    expect((await presentOn(article.id)).users.map((u) => u.name)).toEqual(["Ravi Reviewer", "Rita Reviewer"]);
    await raviFeed.close();
    await raviAgain.close();
    await ritaFeed.until(() => ritaFeed.presence().at(-1)?.join() === "Rita Reviewer", "Ravi leaving");
    // A server that died leaves its rows behind: they stop counting after PRESENCE_TTL_MS.
    await db().presence.create({ data: { id: "stale-row", articleId: article.id, userId: ed.id, seenAt: new Date(Date.now() - PRESENCE_TTL_MS - 1_000) } });
    expect((await presentOn(article.id)).users.map((u) => u.name)).toEqual(["Rita Reviewer"]);
    await ritaFeed.close();
    // The closing stream removes its row just after the browser let go.
    const deadline = Date.now() + 2_000;
    while ((await presentOn(article.id)).users.length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await presentOn(article.id)).users).toEqual([]);
  });

  it("opens only for an article that exists", async () => {
    await expectRefused(() => openArticleEvents(rita, "no-such-article"), { code: "not_found" });
  });
});
