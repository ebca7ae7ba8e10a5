// Tests for independent review's rules: when a claim's assessments are complete, and who sees whose
// assessments under blind review. Expected values are written out by hand.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessmentsComplete, reviewViewer, seesOthersAssessments, seesOthersComments, visibleAssessments, visibleComments, type AssessmentViewer } from "./review";

describe("assessmentsComplete", () => {
  it("without assignments, needs two different reviewers", () => {
    expect(assessmentsComplete([], [])).toBe(false);
    expect(assessmentsComplete(["ann"], [])).toBe(false);
    expect(assessmentsComplete(["ann", "ann"], [])).toBe(false);
    expect(assessmentsComplete(["ann", "bo"], [])).toBe(true);
    expect(assessmentsComplete(["ann", "bo", "cy"], [])).toBe(true);
  });

  it("with assignments, needs every assigned reviewer, whoever else assessed", () => {
    expect(assessmentsComplete(["ann"], ["ann"])).toBe(true);
    expect(assessmentsComplete(["ann", "bo"], ["ann", "cy"])).toBe(false);
    expect(assessmentsComplete(["cy", "ann", "bo"], ["ann", "cy"])).toBe(true);
    expect(assessmentsComplete([], ["ann"])).toBe(false);
  });

  it("is the same whatever the order of either list (property)", () => {
    const ids = fc.array(fc.constantFrom("a", "b", "c", "d"), { maxLength: 6 });
    fc.assert(
      fc.property(ids, ids, (assessors, assigned) => {
        const expected = assessmentsComplete(assessors, assigned);
        expect(assessmentsComplete([...assessors].reverse(), [...assigned].reverse())).toBe(expected);
        // Another assessment never undoes completeness.
        expect(expected ? assessmentsComplete([...assessors, "e"], assigned) : true).toBe(true);
      }),
    );
  });
});

describe("who sees the others' assessments", () => {
  const editor: AssessmentViewer = { id: "ed", adjudicates: true, assesses: true };
  const reviewer: AssessmentViewer = { id: "rev", adjudicates: false, assesses: true };
  const viewer: AssessmentViewer = { id: "vi", adjudicates: false, assesses: false };
  const open = { blind: false };
  const blind = { blind: true };

  // viewer, settings, settled, assessors, sees others
  const TABLE: [string, AssessmentViewer, { blind: boolean }, boolean, string[], boolean][] = [
    ["editor, blind, unsettled, not assessed", editor, blind, false, ["x"], true],
    ["editor, open review", editor, open, false, [], true],
    ["reviewer, open review", reviewer, open, false, ["x"], true],
    ["reviewer, blind, not yet assessed", reviewer, blind, false, ["x", "y"], false],
    ["reviewer, blind, has assessed", reviewer, blind, false, ["x", "rev"], true],
    ["reviewer, blind, settled but not assessed", reviewer, blind, true, ["x"], false],
    ["viewer, open review, unsettled", viewer, open, false, ["x"], false],
    ["viewer, blind, unsettled", viewer, blind, false, ["x"], false],
    ["viewer, open review, settled", viewer, open, true, ["x"], true],
    ["viewer, blind, settled", viewer, blind, true, ["x"], true],
  ];
  it.each(TABLE)("%s", (_name, who, settings, settled, assessors, expected) => {
    expect(seesOthersAssessments(who, settings, { settled, assessors })).toBe(expected);
  });
});

describe("visibleAssessments", () => {
  const reviewer: AssessmentViewer = { id: "rev", adjudicates: false, assesses: true };
  const list = [
    { reviewerId: "x", verdict: "true" },
    { reviewerId: "y", verdict: "false" },
  ];

  it("in blind review hides the others' until the reviewer has assessed, and counts what it hides", () => {
    expect(visibleAssessments(reviewer, { blind: true }, { settled: false }, list)).toEqual({ items: [], hidden: 2 });
    const mine = { reviewerId: "rev", verdict: "mixed" };
    expect(visibleAssessments(reviewer, { blind: true }, { settled: false }, [...list, mine])).toEqual({
      items: [...list, mine],
      hidden: 0,
    });
  });

  it("always shows a viewer who cannot see the others their own (none) and hides the rest", () => {
    const viewer: AssessmentViewer = { id: "vi", adjudicates: false, assesses: false };
    expect(visibleAssessments(viewer, { blind: false }, { settled: false }, list)).toEqual({ items: [], hidden: 2 });
    expect(visibleAssessments(viewer, { blind: false }, { settled: true }, list)).toEqual({ items: list, hidden: 0 });
  });

  it("returns a copy, never the caller's array", () => {
    const out = visibleAssessments(reviewer, { blind: false }, { settled: false }, list);
    expect(out.items).not.toBe(list);
    expect(out.items).toEqual(list);
  });

  it("never loses or invents an assessment: shown plus hidden is all of them (property)", () => {
    const arb = fc.record({
      viewer: fc.record({ id: fc.constantFrom("a", "b", "c"), adjudicates: fc.boolean(), assesses: fc.boolean() }),
      blind: fc.boolean(),
      settled: fc.boolean(),
      list: fc.array(fc.record({ reviewerId: fc.constantFrom("a", "b", "c", "d") }), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(arb, ({ viewer, blind, settled, list }) => {
        const { items, hidden } = visibleAssessments(viewer, { blind }, { settled }, list);
        expect(items.length + hidden).toBe(list.length);
        // The viewer's own assessment is never hidden from them.
        const own = list.filter((a) => a.reviewerId === viewer.id);
        for (const a of own) expect(items).toContain(a);
      }),
    );
  });
});

describe("reviewViewer", () => {
  it("makes editors and admins adjudicate, reviewers assess, viewers only read", () => {
    expect(reviewViewer({ id: "e", role: "editor" })).toEqual({ id: "e", adjudicates: true, assesses: true });
    expect(reviewViewer({ id: "a", role: "admin" })).toEqual({ id: "a", adjudicates: true, assesses: true });
    expect(reviewViewer({ id: "r", role: "reviewer" })).toEqual({ id: "r", adjudicates: false, assesses: true });
    expect(reviewViewer({ id: "v", role: "viewer" })).toEqual({ id: "v", adjudicates: false, assesses: false });
  });
});

describe("who reads the others' comments", () => {
  const reviewer: AssessmentViewer = { id: "ann", adjudicates: false, assesses: true };
  const viewer: AssessmentViewer = { id: "vi", adjudicates: false, assesses: false };
  const editor: AssessmentViewer = { id: "ed", adjudicates: true, assesses: true };
  const open = { settled: false, assessors: ["bo"] };

  it("opens the discussion to everyone outside blind review, even before any verdict", () => {
    for (const who of [reviewer, viewer, editor]) expect(seesOthersComments(who, { blind: false }, open)).toBe(true);
  });

  it("in blind review, follows the assessments: a reviewer after their own, a viewer once settled, editors always", () => {
    expect(seesOthersComments(reviewer, { blind: true }, open)).toBe(false);
    expect(seesOthersComments(reviewer, { blind: true }, { settled: false, assessors: ["bo", "ann"] })).toBe(true);
    expect(seesOthersComments(viewer, { blind: true }, { settled: false, assessors: ["bo", "vi"] })).toBe(false);
    expect(seesOthersComments(viewer, { blind: true }, { settled: true, assessors: [] })).toBe(true);
    expect(seesOthersComments(editor, { blind: true }, { settled: false, assessors: [] })).toBe(true);
  });

  it("shows a reader their own comments and counts the rest as hidden", () => {
    const comments = [{ authorId: "bo", n: 1 }, { authorId: "ann", n: 2 }, { authorId: "cy", n: 3 }];
    expect(visibleComments(reviewer, { blind: true }, open, comments)).toEqual({ items: [comments[1]], hidden: 2 });
    const shown = visibleComments(reviewer, { blind: false }, open, comments);
    expect(shown).toEqual({ items: comments, hidden: 0 });
    expect(shown.items).not.toBe(comments);
    expect(visibleComments(viewer, { blind: true }, open, comments)).toEqual({ items: [], hidden: 3 });
  });
});
