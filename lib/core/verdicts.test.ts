// Tests for the verdict scale, statuses and stances.

import { describe, expect, it } from "vitest";
import {
  BEST_RATING,
  CLAIM_STATUSES,
  CLAIM_STATUS_LABELS,
  SOURCE_STANCES,
  SOURCE_STANCE_LABELS,
  VERDICTS,
  VERDICT_IDS,
  WORST_RATING,
  getVerdict,
  isClaimStatus,
  isSourceStance,
  isVerdictId,
} from "./verdicts";

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
    expect(CLAIM_STATUSES.map((s) => CLAIM_STATUS_LABELS[s])).toEqual(["Open", "In review", "Verdict given"]);
    expect(SOURCE_STANCES.map((s) => SOURCE_STANCE_LABELS[s])).toEqual(["Supports", "Contradicts", "Context"]);
  });
});
