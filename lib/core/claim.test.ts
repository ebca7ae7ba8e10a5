// Tests for a claim's rules: the verdict scale, statuses and stances with their labels, reading stored
// values, what a save does to the status (as a table: every status × every kind of save), the audit
// snapshot and action, and which audit events gave a verdict.

import { describe, expect, it } from "vitest";
import {
  settlesRewording,
  BEST_RATING,
  CLAIM_STATUSES,
  CLAIM_STATUS_LABELS,
  SOURCE_STANCES,
  SOURCE_STANCE_LABELS,
  VERDICTS,
  VERDICT_IDS,
  NEW_CLAIM,
  WORST_RATING,
  claimChangeAction,
  claimSnapshot,
  claimTransition,
  correctionOf,
  getVerdict,
  isClaimStatus,
  isSourceStance,
  isVerdictId,
  stanceLabel,
  statusLabel,
  storedStance,
  storedStatus,
  storedVerdict,
  verdictChangeOf,
  verdictLabel,
  type ClaimEvent,
  type ClaimState,
  type ClaimStatus,
} from "./claim";

describe("verdict scale", () => {
  it("lists the verdicts in scale order, then those outside the scale", () => {
    expect(VERDICTS.map((v) => [v.id, v.rating, v.label])).toEqual([
      ["true", 5, "True"],
      ["mostly_true", 4, "Mostly true"],
      ["half_true", 3, "Half true"],
      ["mostly_false", 2, "Mostly false"],
      ["false", 1, "False"],
      ["misleading", null, "Misleading"],
      ["needs_context", null, "Needs context"],
      ["unverifiable", null, "Unverifiable"],
      ["not_a_claim", null, "Not a factual claim"],
    ]);
    expect(VERDICT_IDS).toEqual(VERDICTS.map((v) => v.id));
  });

  it("keeps ratings inside the declared bounds and definitions and tones unique", () => {
    for (const v of VERDICTS) {
      if (v.rating !== null) {
        expect(v.rating).toBeGreaterThanOrEqual(WORST_RATING);
        expect(v.rating).toBeLessThanOrEqual(BEST_RATING);
      }
      expect(v.definition.length).toBeGreaterThan(20);
    }
    expect(new Set(VERDICTS.map((v) => v.tone)).size).toBe(VERDICTS.length);
    expect(new Set(VERDICTS.map((v) => v.definition)).size).toBe(VERDICTS.length);
  });

  it("looks verdicts up and guards ids", () => {
    expect(getVerdict("mostly_false").label).toBe("Mostly false");
    expect(isVerdictId("half_true")).toBe(true);
    expect(isVerdictId("pants_on_fire")).toBe(false);
    expect(isVerdictId(3)).toBe(false);
    expect(() => getVerdict("nope" as never)).toThrow(RangeError);
  });

  it("names the unknown id in the error", () => {
    expect(() => getVerdict("nope" as never)).toThrow("unknown verdict nope");
  });

  it("accepts exactly the listed statuses and stances", () => {
    for (const s of ["open", "in_review", "verdict_given"]) expect(isClaimStatus(s)).toBe(true);
    for (const x of ["closed", "", "Open", 1, null, undefined]) expect(isClaimStatus(x)).toBe(false);
    for (const s of ["supports", "contradicts", "context"]) expect(isSourceStance(s)).toBe(true);
    for (const x of ["refutes", "", "Supports", 1, null, undefined]) expect(isSourceStance(x)).toBe(false);
  });

  it("labels every status and stance", () => {
    expect(CLAIM_STATUSES.map((s) => CLAIM_STATUS_LABELS[s])).toEqual(["Open", "In review", "Assessed", "Verdict given", "Proposed", "Approved"]);
    expect(SOURCE_STANCES.map((s) => SOURCE_STANCE_LABELS[s])).toEqual(["Supports", "Contradicts", "Context"]);
  });
});

describe("labels", () => {
  it("label known statuses and stances, and show values from old audit snapshots as they are", () => {
    expect(statusLabel("open")).toBe("Open");
    expect(statusLabel("in_review")).toBe("In review");
    expect(statusLabel("verdict_given")).toBe("Verdict given");
    expect(statusLabel("assessed")).toBe("Assessed");
    expect(statusLabel("archived")).toBe("archived");
    expect(statusLabel("")).toBe("");
    expect(stanceLabel("supports")).toBe("Supports");
    expect(stanceLabel("contradicts")).toBe("Contradicts");
    expect(stanceLabel("context")).toBe("Context");
    expect(stanceLabel("refutes")).toBe("refutes");
    expect(verdictLabel("mostly_false")).toBe("Mostly false");
    expect(verdictLabel("not_a_claim")).toBe("Not a factual claim");
    expect(verdictLabel("pants_on_fire")).toBe("pants_on_fire");
    expect(verdictLabel(null)).toBe("null");
  });
});

describe("stored values", () => {
  it("types what the database holds, and refuses a value no version wrote", () => {
    expect(storedStatus("in_review")).toBe("in_review");
    expect(storedStance("contradicts")).toBe("contradicts");
    expect(storedVerdict("half_true")).toBe("half_true");
    expect(storedVerdict(null)).toBeNull();
    expect(() => storedStatus("archived")).toThrow(new RangeError('unknown claim status "archived" in the database'));
    expect(() => storedStance("refutes")).toThrow(new RangeError('unknown source stance "refutes" in the database'));
    expect(() => storedVerdict("pants_on_fire")).toThrow(new RangeError('unknown verdict "pants_on_fire" in the database'));
    expect(() => storedVerdict("")).toThrow(new RangeError('unknown verdict "" in the database'));
  });
});

describe("what a save does to a claim's status", () => {
  const refused = { ok: false, code: "verdict_required", field: "status", message: "A claim without a verdict cannot have the status “verdict given”." };
  const to = (status: ClaimStatus, verdict: ClaimState["verdict"], correction = false) => ({ ok: true, state: { status, verdict }, correction });
  const reasonRequired = { ok: false, code: "reason_required", field: "reason", message: "The verdict is approved: say why it changes. The change is published as a correction." };
  const byReview = { ok: false, code: "status_not_by_hand", field: "status", message: "This status follows from the review: it cannot be chosen by hand." };

  // [status before, verdict before, the save, what follows]
  const table: Array<[ClaimStatus, ClaimState["verdict"], Omit<Extract<ClaimEvent, { type: "saved" }>, "type">, ReturnType<typeof to> | typeof refused | typeof byReview | typeof reasonRequired]> = [
    // A save that touches neither verdict nor status keeps both.
    ["open", null, {}, to("open", null)],
    ["in_review", null, {}, to("in_review", null)],
    ["verdict_given", "false", {}, to("verdict_given", "false")],
    ["in_review", "false", {}, to("in_review", "false")],
    // A verdict given moves the claim to "verdict given", from any status.
    ["open", null, { verdict: "true" }, to("verdict_given", "true")],
    ["in_review", null, { verdict: "true" }, to("verdict_given", "true")],
    ["verdict_given", "false", { verdict: "true" }, to("verdict_given", "true")],
    ["in_review", "false", { verdict: "true" }, to("verdict_given", "true")],
    // The same verdict again is no change: a status chosen earlier stays.
    ["in_review", "false", { verdict: "false" }, to("in_review", "false")],
    ["open", "false", { verdict: "false" }, to("open", "false")],
    // Taking the verdict away sends a "verdict given" claim back to review; other statuses stay.
    ["verdict_given", "false", { verdict: null }, to("in_review", null)],
    ["in_review", "false", { verdict: null }, to("in_review", null)],
    ["open", "false", { verdict: null }, to("open", null)],
    ["open", null, { verdict: null }, to("open", null)],
    // A status chosen in the same save wins.
    ["open", null, { status: "in_review" }, to("in_review", null)],
    ["verdict_given", "true", { status: "in_review" }, to("in_review", "true")],
    ["verdict_given", "true", { status: "open" }, to("open", "true")],
    ["open", null, { verdict: "true", status: "in_review" }, to("in_review", "true")],
    ["verdict_given", "true", { verdict: null, status: "open" }, to("open", null)],
    ["in_review", "true", { status: "verdict_given" }, to("verdict_given", "true")],
    ["open", null, { verdict: "misleading", status: "verdict_given" }, to("verdict_given", "misleading")],
    // "Verdict given" needs a verdict, whichever way the save gets there.
    ["open", null, { status: "verdict_given" }, refused],
    ["in_review", null, { status: "verdict_given" }, refused],
    ["verdict_given", "true", { verdict: null, status: "verdict_given" }, refused],
    // "Assessed" follows from the assessments: never chosen by hand, nor left by hand for another status.
    ["in_review", null, { status: "assessed" }, byReview],
    ["verdict_given", "true", { status: "assessed" }, byReview],
    ["assessed", null, { status: "open" }, byReview],
    ["assessed", null, { status: "in_review", verdict: "true" }, byReview],
    ["assessed", null, { status: "assessed" }, to("assessed", null)],
    ["assessed", null, {}, to("assessed", null)],
    ["assessed", null, { verdict: null }, to("assessed", null)],
    // Outside independent review, a verdict on an assessed claim (the article left independent review) is given.
    ["assessed", null, { verdict: "false" }, to("verdict_given", "false")],
    // A proposed claim keeps its status through edits; its status is the review's.
    ["proposed", "true", {}, to("proposed", "true")],
    ["proposed", "true", { status: "open" }, byReview],
    ["proposed", "true", { verdict: "false" }, to("verdict_given", "false")],
    // An approved verdict is locked: edits that leave it alone keep it approved; changing it needs a
    // reason, is a correction, and sends the claim back to be approved again.
    ["approved", "true", {}, to("approved", "true")],
    ["approved", "true", { verdict: "true" }, to("approved", "true")],
    ["approved", "true", { status: "approved" }, to("approved", "true")],
    ["approved", "true", { status: "in_review" }, byReview],
    ["approved", "true", { verdict: "false" }, reasonRequired],
    ["approved", "true", { verdict: "false", reason: " \n " }, reasonRequired],
    ["approved", "true", { verdict: "false", reason: "The ministry corrected its figure." }, to("verdict_given", "false", true)],
    ["approved", "true", { verdict: null, reason: "Withdrawn pending new sources." }, to("in_review", null, true)],
    ["open", null, { status: "approved" }, byReview],
    ["verdict_given", "true", { status: "proposed" }, byReview],
  ];

  it.each(table)("from %s with verdict %s, a save of %j", (status, verdict, save, expected) => {
    expect(claimTransition({ status, verdict }, { type: "saved", ...save })).toEqual(expected);
  });

  it("covers every status", () => {
    expect(new Set(table.map(([status]) => status))).toEqual(new Set(CLAIM_STATUSES));
  });

  it("sends a claim under way back to review when its words change, keeping its verdict; an open claim stays open", () => {
    const cases: Array<[ClaimStatus, ClaimStatus]> = [
      ["open", "open"],
      ["in_review", "in_review"],
      ["assessed", "in_review"],
      ["verdict_given", "in_review"],
      ["proposed", "in_review"],
      ["approved", "in_review"],
    ];
    for (const [status, after] of cases) {
      expect(claimTransition({ status, verdict: "false" }, { type: "reworded" })).toEqual(to(after, "false"));
    }
    expect(claimTransition({ status: "open", verdict: null }, { type: "reworded" })).toEqual(to("open", null));
    expect(new Set(cases.map(([status]) => status))).toEqual(new Set(CLAIM_STATUSES));
  });

  it("a verdict given or a final verdict proposed settles a rewording; other statuses do not", () => {
    expect(CLAIM_STATUSES.filter(settlesRewording)).toEqual(["verdict_given", "proposed"]);
  });

  it("moves a claim to assessed when its assessments are complete, to in review until then, and leaves later statuses alone", () => {
    // [status before, complete?, status after]
    const cases: Array<[ClaimStatus, boolean, ClaimStatus]> = [
      ["open", false, "in_review"],
      ["open", true, "assessed"],
      ["in_review", false, "in_review"],
      ["in_review", true, "assessed"],
      ["assessed", true, "assessed"],
      ["assessed", false, "in_review"],
      ["verdict_given", true, "verdict_given"],
      ["verdict_given", false, "verdict_given"],
      ["proposed", true, "proposed"],
      ["proposed", false, "proposed"],
      ["approved", false, "approved"],
    ];
    for (const [status, complete, after] of cases) {
      expect(claimTransition({ status, verdict: "half_true" }, { type: "assessed", complete })).toEqual(to(after, "half_true"));
    }
    expect(new Set(cases.map(([status]) => status))).toEqual(new Set(CLAIM_STATUSES));
  });

  it("in independent review, refuses a verdict by a save: it is the final verdict's; other edits go through", () => {
    const independent = { independentReview: true };
    const finalOnly = { ok: false, code: "final_verdict_only", field: "verdict", message: "In independent review the claim's verdict is the final verdict an editor proposes, with a note." };
    expect(claimTransition({ status: "assessed", verdict: null }, { type: "saved", verdict: "true" }, independent)).toEqual(finalOnly);
    expect(claimTransition({ status: "proposed", verdict: "true" }, { type: "saved", verdict: null }, independent)).toEqual(finalOnly);
    expect(claimTransition({ status: "proposed", verdict: "true" }, { type: "saved", verdict: "true" }, independent)).toEqual(to("proposed", "true"));
    expect(claimTransition({ status: "in_review", verdict: null }, { type: "saved", status: "open" }, independent)).toEqual(to("open", null));
    // A correction's reason is asked for first.
    expect(claimTransition({ status: "approved", verdict: "true" }, { type: "saved", verdict: "false" }, independent)).toEqual(reasonRequired);
  });

  it("proposes a final verdict from any status; over an approved one only with a reason, as a correction", () => {
    for (const status of CLAIM_STATUSES.filter((s) => s !== "approved")) {
      expect(claimTransition({ status, verdict: null }, { type: "final", verdict: "mostly_false" })).toEqual(to("proposed", "mostly_false"));
    }
    expect(claimTransition({ status: "approved", verdict: "true" }, { type: "final", verdict: "false" })).toEqual(reasonRequired);
    expect(claimTransition({ status: "approved", verdict: "true" }, { type: "final", verdict: "false", reason: "New data." })).toEqual(to("proposed", "false", true));
    // The same verdict again, approved: nothing to correct, but it goes back for approval (a new note).
    expect(claimTransition({ status: "approved", verdict: "true" }, { type: "final", verdict: "true" })).toEqual(to("proposed", "true"));
  });

  it("approves only a proposed verdict or a verdict given", () => {
    const notApprovable = { ok: false, code: "not_approvable", field: null, message: "Only a proposed verdict, or a verdict given outside independent review, can be approved." };
    const expected: Record<ClaimStatus, unknown> = {
      open: notApprovable,
      in_review: notApprovable,
      assessed: notApprovable,
      verdict_given: to("approved", "half_true"),
      proposed: to("approved", "half_true"),
      approved: notApprovable,
    };
    for (const status of CLAIM_STATUSES) {
      expect(claimTransition({ status, verdict: "half_true" }, { type: "approved" }), status).toEqual(expected[status]);
      expect(claimTransition({ status, verdict: "half_true" }, { type: "approved" }, { independentReview: true }), status).toEqual(expected[status]);
    }
  });

  it("starts every claim open and without a verdict", () => {
    expect(NEW_CLAIM).toEqual({ status: "open", verdict: null });
  });
});

describe("the audit trail's record of a claim", () => {
  const claim = { exact: "2,500 soldiers", start: 10, end: 24, statement: null, status: "verdict_given" as const, verdict: "false" as const, rationale: "R", note: "N", finalNote: "F", version: 3 };

  it("keeps the claim's own fields and nothing else", () => {
    const extra = { ...claim, id: "c1", prefix: "about ", sources: [{ url: "https://example.org" }], author: { id: "u1", name: "Ann" } };
    expect(claimSnapshot(extra)).toEqual({ exact: "2,500 soldiers", start: 10, end: 24, statement: null, status: "verdict_given", verdict: "false", rationale: "R", note: "N", finalNote: "F", version: 3 });
  });

  it("names a save by what it changed: the verdict first, then a status alone, else an update", () => {
    expect(claimChangeAction(["verdict"])).toBe("claim.verdict_changed");
    expect(claimChangeAction(["status", "verdict", "note"])).toBe("claim.verdict_changed");
    expect(claimChangeAction(["status"])).toBe("claim.status_changed");
    expect(claimChangeAction(["status", "note"])).toBe("claim.updated");
    expect(claimChangeAction(["rationale"])).toBe("claim.updated");
    expect(claimChangeAction([])).toBe("claim.updated");
    // A change of an approved verdict is a correction, whatever else changed.
    expect(claimChangeAction(["verdict", "status"], true)).toBe("claim.corrected");
    expect(claimChangeAction(["verdict"], false)).toBe("claim.verdict_changed");
  });

  it("tells which events gave or changed a verdict, and from what", () => {
    const s = (verdict: string | null) => ({ ...claim, verdict });
    expect(verdictChangeOf({ action: "claim.created", before: null, after: s("true") })).toEqual({ from: null, to: "true" });
    expect(verdictChangeOf({ action: "claim.created", before: null, after: s(null) })).toBeNull();
    expect(verdictChangeOf({ action: "claim.verdict_changed", before: s(null), after: s("false") })).toEqual({ from: null, to: "false" });
    expect(verdictChangeOf({ action: "claim.verdict_changed", before: s("false"), after: s("true") })).toEqual({ from: "false", to: "true" });
    expect(verdictChangeOf({ action: "claim.updated", before: s("false"), after: s(null) })).toEqual({ from: "false", to: null });
    expect(verdictChangeOf({ action: "claim.status_changed", before: s("false"), after: s("false") })).toBeNull();
    expect(verdictChangeOf({ action: "claim.updated", before: s("false"), after: s("false") })).toBeNull();
    // Deleting and restoring a claim, or its sources, give no verdict.
    expect(verdictChangeOf({ action: "claim.deleted", before: s("false"), after: null })).toBeNull();
    expect(verdictChangeOf({ action: "claim.restored", before: null, after: s("false") })).toBeNull();
    expect(verdictChangeOf({ action: "source.added", before: null, after: { verdict: "true" } })).toBeNull();
    // Snapshots written by older versions, or damaged ones, read as "no verdict".
    expect(verdictChangeOf({ action: "claim.updated", before: { verdict: 3 }, after: "x" })).toBeNull();
    expect(verdictChangeOf({ action: "claim.updated", before: null, after: s("mostly_true") })).toEqual({ from: null, to: "mostly_true" });
    // A final verdict and a correction give one; an approval does not.
    expect(verdictChangeOf({ action: "claim.final_proposed", before: s(null), after: s("false") })).toEqual({ from: null, to: "false" });
    expect(verdictChangeOf({ action: "claim.corrected", before: s("false"), after: s("true") })).toEqual({ from: "false", to: "true" });
    expect(verdictChangeOf({ action: "claim.approved", before: s(null), after: s("true") })).toBeNull();
  });

  it("reads a correction and its reason from its event, and nothing else as one", () => {
    const s = (verdict: string | null) => ({ ...claim, verdict });
    expect(correctionOf({ action: "claim.corrected", before: s("true"), after: { ...s("false"), reason: "New figures." } })).toEqual({ from: "true", to: "false", reason: "New figures." });
    expect(correctionOf({ action: "claim.corrected", before: s("true"), after: { ...s(null), reason: 7 } })).toEqual({ from: "true", to: null, reason: "" });
    expect(correctionOf({ action: "claim.verdict_changed", before: s("true"), after: { ...s("false"), reason: "x" } })).toBeNull();
    // A damaged event without its "after" still reads, as a correction to no verdict without a reason.
    expect(correctionOf({ action: "claim.corrected", before: s("true"), after: null })).toEqual({ from: "true", to: null, reason: "" });
  });
});
