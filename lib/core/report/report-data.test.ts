// The wording HTML, Markdown and PDF share for revisions and claims' places in the current text.
import { describe, expect, it } from "vitest";
import { revisedArticle } from "./fixtures";
import {
  changedAfterReviewText,
  claimAnchorText,
  claimRewordedText,
  isPlaced,
  revisionLineText,
  revisionOriginText,
  showsRevisions,
  type ReportRevision,
} from "./report-data";

const eddie = { id: "u-editor", name: "Eddie Editor", email: "editor@example.com" };

function revision(rest: Partial<ReportRevision>): ReportRevision {
  return {
    number: 2,
    createdAt: "2026-12-02T10:00:00.000Z",
    by: eddie,
    origin: "edit",
    sourceUrl: null,
    added: 12,
    removed: 4,
    reanchor: { exact: 3, moved: 1, fuzzy: 2, orphaned: 1 },
    ...rest,
  };
}

describe("revisionLineText", () => {
  it("says which revision, when, how, by whom, how many words and what became of the claims", () => {
    expect(revisionLineText(revision({ number: 3, by: null, origin: "recheck" }), "internal")).toBe(
      "Revision 3 · 2 December 2026, 10:00 UTC · re-check of the web page by the server · 12 words added, 4 removed · claims: 1 moved, 2 changed, 1 gone",
    );
    expect(revisionLineText(revision({}), "public")).toBe(
      "Revision 2 · 2 December 2026, 10:00 UTC · edited by Eddie Editor · 12 words added, 4 removed · claims: 1 moved, 2 changed, 1 gone",
    );
  });

  it("names the author with the email in internal reports only", () => {
    expect(revisionLineText(revision({}), "internal")).toContain("edited by Eddie Editor (editor@example.com) ·");
    expect(revisionLineText(revision({}), "public")).not.toContain("@");
    expect(revisionLineText(revision({ origin: "recheck" }), "public")).toContain("re-check of the web page by Eddie Editor ·");
  });

  it("gives the first revision no counts, and counts in the singular when there is one", () => {
    expect(revisionLineText(revision({ number: 1, origin: "created", added: 0, removed: 0, reanchor: null }), "public")).toBe(
      "Revision 1 · 2 December 2026, 10:00 UTC · added by Eddie Editor",
    );
    expect(revisionLineText(revision({ origin: "import", added: 1, removed: 0, reanchor: { exact: 0, moved: 0, fuzzy: 1, orphaned: 0 } }), "public")).toBe(
      "Revision 2 · 2 December 2026, 10:00 UTC · imported by Eddie Editor · 1 word added, 0 removed · claims: 1 changed",
    );
  });

  it("says every claim stayed in place, and says nothing of claims when there were none", () => {
    expect(revisionLineText(revision({ reanchor: { exact: 4, moved: 0, fuzzy: 0, orphaned: 0 } }), "public")).toMatch(/ · claims: all in place$/);
    expect(revisionLineText(revision({ reanchor: { exact: 0, moved: 0, fuzzy: 0, orphaned: 0 } }), "public")).toMatch(/4 removed$/);
  });

  it("labels every origin in plain words", () => {
    expect(["created", "edit", "recheck", "import"].map((o) => revisionOriginText(o as ReportRevision["origin"]))).toEqual([
      "added",
      "edited",
      "re-check of the web page",
      "imported",
    ]);
  });
});

describe("claims' places in the current text", () => {
  const [fuzzy, moved, exact, gone] = revisedArticle.claims;

  it("says nothing of a claim in its place and describes the others", () => {
    expect(claimAnchorText(exact!)).toBeNull();
    expect(claimAnchorText(moved!)).toBe("Its words moved in revision 3.");
    expect(claimAnchorText(fuzzy!)).toBe("Its words changed in revision 3 (87% alike).");
    expect(claimAnchorText(gone!)).toBe("Its words are gone from the article's current text (revision 3).");
  });

  it("never calls a changed quote 100% alike", () => {
    expect(claimAnchorText({ anchor: { status: "fuzzy", revision: 2, score: 0.998 } })).toBe("Its words changed in revision 2 (99% alike).");
    expect(claimAnchorText({ anchor: { status: "fuzzy", revision: 2, score: 0.6049 } })).toBe("Its words changed in revision 2 (60% alike).");
  });

  it("says when a verdict was given on an earlier wording, and only then", () => {
    expect(claimRewordedText(fuzzy!)).toBe("The verdict was given on an earlier wording, before revision 3.");
    expect(claimRewordedText({ verdict: null, reworded: { revision: 2, at: "2026-12-02T10:00:00.000Z" } })).toBe(
      "It was reviewed on an earlier wording, before revision 2.",
    );
    expect(claimRewordedText(moved!)).toBeNull();
  });

  it("tells placed claims from those whose words are gone", () => {
    expect(revisedArticle.claims.map(isPlaced)).toEqual([true, true, true, false]);
  });

  it("lists revisions only once the text has changed, and dates the change after review", () => {
    expect(showsRevisions(revisedArticle)).toBe(true);
    expect(showsRevisions({ revisions: revisedArticle.revisions.slice(0, 1) })).toBe(false);
    expect(changedAfterReviewText("2026-12-02T10:00:00.000Z").heading).toBe("Changed after review on 2 December 2026, 10:00 UTC");
  });
});
