// Tests for audit before/after diffs and their history-view sentences.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeAuditEvent, diffValues } from "./audit-diff";

describe("diffValues", () => {
  it("lists changed, added and removed top-level fields in name order", () => {
    const before = { verdict: "mostly_true", sources: [{ url: "a" }], note: "x", same: { deep: [1, 2] } };
    const after = { verdict: "false", sources: [{ url: "b" }], same: { deep: [1, 2] }, added: 1 };
    expect(diffValues(before, after)).toEqual([
      { field: "added", before: undefined, after: 1 },
      { field: "note", before: "x", after: undefined },
      { field: "sources", before: [{ url: "a" }], after: [{ url: "b" }] },
      { field: "verdict", before: "mostly_true", after: "false" },
    ]);
  });

  it("treats a creation or deletion as every field changing", () => {
    expect(diffValues(null, { a: 1 })).toEqual([{ field: "a", before: undefined, after: 1 }]);
    expect(diffValues({ a: 1 }, null)).toEqual([{ field: "a", before: 1, after: undefined }]);
    expect(diffValues(null, null)).toEqual([]);
  });

  it("compares dates by time and ignores undefined properties", () => {
    const t = Date.UTC(2024, 0, 1);
    expect(diffValues({ at: new Date(t), gone: undefined }, { at: new Date(t) })).toEqual([]);
    expect(diffValues({ x: { a: 1, b: undefined } }, { x: { a: 1 } })).toEqual([]);
    expect(diffValues({ x: [1] }, { x: { 0: 1 } })).toHaveLength(1);
  });

  it("finds nothing between equal values and every field where all values differ (property)", () => {
    const record = fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 3 }));
    fc.assert(
      fc.property(record, (r) => {
        expect(diffValues(r, structuredClone(r))).toEqual([]);
        const changed = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { wrapped: v }]));
        expect(diffValues(r, changed).map((c) => c.field)).toEqual(Object.keys(r).sort());
      }),
    );
  });
});

describe("describeAuditEvent", () => {
  const describeChange = (action: string, before: Record<string, unknown> | null, after: Record<string, unknown> | null) =>
    describeAuditEvent(action, diffValues(before, after));

  it("uses verdict and status labels", () => {
    expect(describeChange("claim.verdict_changed", { verdict: "mostly_true" }, { verdict: "false" })).toBe(
      "changed the verdict from Mostly true to False",
    );
    expect(describeChange("claim.verdict_changed", { verdict: null }, { verdict: "needs_context" })).toBe(
      "set the verdict to Needs context",
    );
    expect(describeChange("claim.status_changed", { status: "open" }, { status: "in_review" })).toBe(
      "changed the status from Open to In review",
    );
  });

  it("names sources, articles and users", () => {
    expect(describeChange("source.added", null, { title: "CSTO press release", url: "https://x" })).toBe(
      "added a source: CSTO press release",
    );
    expect(describeChange("source.removed", { title: "", url: "https://odkb-csto.org" }, null)).toBe(
      "removed a source: https://odkb-csto.org",
    );
    expect(describeChange("user.updated", { role: "reviewer" }, { role: "editor" })).toBe(
      "changed the role from Reviewer to Editor",
    );
    expect(describeChange("article.updated", { title: "a" }, { title: "b" })).toBe("changed the article's title");
  });

  it("describes claims", () => {
    expect(describeChange("claim.created", null, { status: "open" })).toBe("marked the claim");
    expect(describeChange("claim.created", null, { exact: "the situation is\nstabilising" })).toBe(
      "marked the claim “the situation is stabilising”",
    );
    expect(describeChange("claim.updated", { statement: "a" }, { statement: "b" })).toBe("changed the statement");
    expect(
      describeChange("claim.updated", { statement: "a", verdict: "true", updatedAt: 1 }, { statement: "b", verdict: "false", updatedAt: 2 }),
    ).toBe("changed the statement and changed the verdict from True to False");
    expect(describeChange("claim.deleted", { status: "open" }, null)).toBe("deleted the claim");
  });

  it("truncates long quotes and never returns an empty sentence", () => {
    const long = "word ".repeat(40);
    expect(describeChange("claim.created", null, { exact: long }).length).toBeLessThan(90);
    expect(describeAuditEvent("article.archived", [])).toBe("recorded article.archived");
  });
});

describe("describeAuditEvent for imports", () => {
  it("sums up an annotation import with its counts", () => {
    expect(
      describeAuditEvent("article.annotations_imported", [{ field: "counts", before: undefined, after: { exact: 3, fuzzy: 1, unplaced: 2 } }]),
    ).toBe("imported annotations: 3 placed exactly, 1 placed fuzzily, 2 not placed");
  });
});

describe("describeAuditEvent for revisions", () => {
  const describeChange = (action: string, before: Record<string, unknown> | null, after: Record<string, unknown> | null) =>
    describeAuditEvent(action, diffValues(before, after));
  const revised = (origin: string, added: number, removed: number) =>
    describeChange("article.revised", { revision: 1, textSha256: "a" }, { revision: 2, origin, textSha256: "b", added, removed, reanchor: {} });

  it("says who changed the text, how, and how much", () => {
    expect(revised("edit", 12, 1)).toBe("changed the article's text (revision 2: 12 words added, 1 word removed)");
    expect(revised("recheck", 1, 0)).toBe("found the article's text changed on a re-check (revision 2: 1 word added, 0 words removed)");
    expect(revised("import", 1_200, 3)).toBe("imported a new text of the article (revision 2: 1,200 words added, 3 words removed)");
    expect(describeAuditEvent("article.revised", [])).toBe("revised the article's text");
  });

  it("tells what a revision did to a claim, and that it went back to review", () => {
    const before = { exact: "about 2,500 soldiers", start: 10, end: 30, status: "verdict_given" };
    const after = (anchor: string, exact = before.exact, status = "in_review") => ({ revision: 2, exact, start: 12, end: 32, anchor, score: 0.8, status });
    expect(describeChange("claim.reanchored", before, after("moved", before.exact, "verdict_given"))).toBe("changed the article's text: the claim's words moved");
    expect(describeChange("claim.reanchored", before, after("fuzzy", "about 3,000 soldiers"))).toBe(
      "changed the article's text: the claim now reads “about 3,000 soldiers”; the claim is back in review",
    );
    expect(describeChange("claim.reanchored", before, after("orphaned"))).toBe("changed the article's text: the claim's words are gone; the claim is back in review");
    expect(describeChange("claim.reanchored", { ...before, status: "open" }, after("orphaned", before.exact, "open"))).toBe("changed the article's text: the claim's words are gone");
    expect(describeChange("claim.reanchored", before, after("exact", before.exact, "verdict_given"))).toBe("changed the article's text: the claim was placed again");
  });
});

describe("describeAuditEvent for accounts", () => {
  it("names whose password an admin reset, and says a user changed their own", () => {
    const account = (mustChangePassword: boolean) => ({ email: "rory@example.com", name: "Rory Reset", role: "reviewer", disabled: false, mustChangePassword });
    expect(describeAuditEvent("user.password_reset", [{ field: "name", before: undefined, after: "Rory Reset" }])).toBe("reset the password of Rory Reset");
    // Only the flag changes, so the diff names no one.
    expect(describeAuditEvent("user.password_reset", diffValues(account(false), account(true)))).toBe("reset the password");
    expect(describeAuditEvent("user.password_changed", diffValues(account(true), account(false)))).toBe("changed their password");
  });
});

describe("describeAuditEvent for assignments", () => {
  // The snapshots the app records: an assignment and the article's settings.
  const assignmentSnapshot = (claimId: string | null, due: string | null = null) => ({
    reviewerId: "u-rita",
    reviewer: "Rita Reviewer",
    claimId,
    due,
  });
  const articleSnapshot = (requireAssignment: boolean) => ({
    title: "Ceasefire holds",
    text: "The ceasefire held overnight.",
    requireAssignment,
  });

  it("says who was handed the article or a claim", () => {
    expect(describeAuditEvent("assignment.created", diffValues(null, assignmentSnapshot(null)))).toBe(
      "assigned the article to Rita Reviewer",
    );
    expect(describeAuditEvent("assignment.created", diffValues(null, assignmentSnapshot("claim-42", "2026-12-03T23:59:59.999Z")))).toBe(
      "assigned a claim to Rita Reviewer",
    );
  });

  it("says from whom the article or a claim was taken back", () => {
    expect(describeAuditEvent("assignment.removed", diffValues(assignmentSnapshot(null), null))).toBe(
      "took back the article from Rita Reviewer",
    );
    expect(describeAuditEvent("assignment.removed", diffValues(assignmentSnapshot("claim-42", "2026-12-03T23:59:59.999Z"), null))).toBe(
      "took back a claim from Rita Reviewer",
    );
  });

  it("leaves out a reviewer name the snapshot does not have", () => {
    expect(describeAuditEvent("assignment.created", diffValues(null, { reviewerId: "u-rita", reviewer: "  ", claimId: null, due: null }))).toBe(
      "assigned the article",
    );
  });

  it("says a due time changed", () => {
    expect(
      describeAuditEvent(
        "assignment.updated",
        diffValues(assignmentSnapshot("claim-42", null), assignmentSnapshot("claim-42", "2026-12-03T18:00:00.000Z")),
      ),
    ).toBe("changed the due time of an assignment");
    expect(
      describeAuditEvent(
        "assignment.updated",
        diffValues(assignmentSnapshot(null, "2026-12-03T18:00:00.000Z"), assignmentSnapshot(null, "2026-12-04T18:00:00.000Z")),
      ),
    ).toBe("changed the due time of an assignment");
  });

  it("describes switching the article's assignment setting", () => {
    expect(describeAuditEvent("article.updated", diffValues(articleSnapshot(false), articleSnapshot(true)))).toBe(
      "let only assigned reviewers edit the claims",
    );
    expect(describeAuditEvent("article.updated", diffValues(articleSnapshot(true), articleSnapshot(false)))).toBe(
      "let every reviewer edit the claims",
    );
  });

  it("lets a title or text change win over the setting in the same edit", () => {
    expect(
      describeAuditEvent("article.updated", diffValues(articleSnapshot(false), { ...articleSnapshot(true), title: "Ceasefire broken" })),
    ).toBe("changed the article's title");
    expect(
      describeAuditEvent("article.updated", diffValues(articleSnapshot(true), { ...articleSnapshot(false), text: "It did not hold." })),
    ).toBe("changed the article's text");
  });

  it("falls back to a plain sentence when the setting changes along with another field", () => {
    expect(
      describeAuditEvent("article.updated", diffValues({ ...articleSnapshot(false), url: "https://a" }, { ...articleSnapshot(true), url: "https://b" })),
    ).toBe("edited the article");
  });
});

describe("describeAuditEvent for independent review and decisions", () => {
  const claim = (verdict: string | null, status: string, extra: Record<string, unknown> = {}) => ({ exact: "2,500 soldiers", start: 1, end: 15, statement: null, status, verdict, rationale: "", note: "", finalNote: "", version: 3, ...extra });
  const assessment = (verdict: string, version: number) => ({ claimId: "c1", reviewerId: "u-rita", reviewer: "Rita", verdict, rationale: "R", sourceIds: [], version });

  it("says what a reviewer assessed, and how they revised it", () => {
    expect(describeAuditEvent("assessment.submitted", diffValues(null, assessment("mostly_true", 1)))).toBe("assessed the claim: Mostly true");
    expect(describeAuditEvent("assessment.revised", diffValues(assessment("mostly_true", 1), assessment("false", 2)))).toBe("revised their assessment from Mostly true to False");
    expect(describeAuditEvent("assessment.revised", diffValues(assessment("false", 1), { ...assessment("false", 2), rationale: "More" }))).toBe("revised their assessment");
  });

  it("quotes the words of a comment added, edited or deleted", () => {
    const comment = (body: string, version: number) => ({ claimId: "c1", authorId: "u-rita", author: "Rita", body, mentionIds: [], version });
    expect(describeAuditEvent("comment.added", diffValues(null, comment("Is the 2,500 from the ministry?", 1)))).toBe("commented: “Is the 2,500 from the ministry?”");
    expect(describeAuditEvent("comment.edited", diffValues(comment("Is it?", 1), comment("Is it the ministry's figure?", 2)))).toBe("edited a comment: “Is it the ministry's figure?”");
    expect(describeAuditEvent("comment.deleted", diffValues(comment("Wrong thread", 2), null))).toBe("deleted a comment: “Wrong thread”");
    expect(describeAuditEvent("comment.added", diffValues(null, comment("x ".repeat(80), 1)))).toMatch(/^commented: “(x ){29}x…”$/);
  });

  it("names the final verdict proposed, the approval, and a correction with its reason", () => {
    expect(describeAuditEvent("claim.final_proposed", diffValues(claim(null, "assessed"), claim("half_true", "proposed", { finalNote: "N" })))).toBe("proposed the final verdict: Half true");
    expect(describeAuditEvent("claim.final_proposed", diffValues(claim("true", "proposed"), claim("true", "proposed", { finalNote: "New note" })))).toBe("proposed the final verdict");
    expect(describeAuditEvent("claim.approved", diffValues(claim("true", "proposed"), claim("true", "approved")))).toBe("approved the verdict");
    expect(describeAuditEvent("claim.corrected", diffValues(claim("true", "approved"), { ...claim("false", "verdict_given"), reason: "  The ministry   revised it. " }))).toBe(
      "corrected the verdict from True to False: “The ministry revised it.”",
    );
    expect(describeAuditEvent("claim.corrected", diffValues(claim("true", "approved"), { ...claim(null, "in_review"), reason: "" }))).toBe("corrected the verdict from True to no verdict");
  });
});
