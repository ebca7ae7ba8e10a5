// Tests for inter-reviewer agreement. The coefficients are checked against worked examples whose
// results are published (Krippendorff's own paper and Wikipedia's article), not against numbers
// computed here; properties cover what must hold for any data; the verdict-level summary is checked
// on the published data mapped onto the verdict scale and on what it counts and leaves out.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VERDICTS, type VerdictId } from "./claim";
import { krippendorffAlpha, percentAgreement, verdictAgreement, type Cell, type ClaimAssessments, type Metric } from "./agreement";

/** Published tables list one row per coder and "." (or "*") for a missing value; the module wants one row per unit. */
function byUnit<T>(coderRows: readonly (readonly Cell<T>[])[]): Cell<T>[][] {
  const units = Math.max(0, ...coderRows.map((row) => row.length));
  return Array.from({ length: units }, (_, u) => coderRows.map((row) => row[u] ?? null));
}

function numbers(row: string): (number | null)[] {
  return row.split(/\s+/).map((cell) => (cell === "." || cell === "*" ? null : Number(cell)));
}

function labels(row: string): (string | null)[] {
  return row.split(/\s+/).map((cell) => (cell === "." ? null : cell));
}

// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
// Communication, University of Pennsylvania. https://repository.upenn.edu/asc_papers/43

// §A "Binary or dichotomous data, two observers, no missing data": Meg and Owen, 10 units; α = 0.095.
const BINARY = byUnit([numbers("0 1 0 0 0 0 0 0 1 0"), numbers("1 1 1 0 0 1 0 0 0 0")]);

// §B "Nominal data, two observers, no missing data": Ben and Gerry, 12 units, values a–e; α = 0.692.
const NOMINAL = byUnit([labels("a a b b d c c c e d d a"), labels("b a b b b c c c e d d d")]);

// §C "Nominal data, any number of observers, missing data" and §D (other metrics): observers A–D,
// 12 units, values 1–5; unit 12 has a single value. Published: nominal α = 0.743, ordinal α = 0.815
// (interval 0.849 and ratio 0.797, metrics this module does not offer).
const FOUR_OBSERVERS = byUnit([
  numbers("1 2 3 3 2 1 4 1 2 . . ."),
  numbers("1 2 3 3 2 2 4 1 2 5 . 3"),
  numbers(". 3 3 3 2 3 4 2 2 5 1 ."),
  numbers("1 2 3 3 2 4 4 1 2 5 1 ."),
]);

// Wikipedia, "Krippendorff's alpha", section "A computational example": coders A–C, 15 units, "*"
// missing; three units have a single value and two none. Published: nominal α = 0.691 (interval 0.811).
const WIKIPEDIA = byUnit([
  numbers("* * * * * 3 4 1 2 1 1 3 3 * 3"),
  numbers("1 * 2 1 3 3 4 3 * * * * * * *"),
  numbers("* * 2 1 3 4 4 * 2 1 1 3 3 * 4"),
]);

describe("krippendorffAlpha on published worked examples", () => {
  it("reproduces Krippendorff (2011) §A, binary data: α = 0.095", () => {
    expect(krippendorffAlpha(BINARY, "nominal")).toBeCloseTo(0.095, 3);
  });

  it("reproduces Krippendorff (2011) §B, nominal data without missing values: α = 0.692", () => {
    expect(krippendorffAlpha(NOMINAL, "nominal")).toBeCloseTo(0.692, 3);
  });

  it("reproduces Krippendorff (2011) §C, four observers with missing data: nominal α = 0.743", () => {
    expect(krippendorffAlpha(FOUR_OBSERVERS, "nominal")).toBeCloseTo(0.743, 3);
  });

  it("reproduces Krippendorff (2011) §D, the same data as ordinal: α = 0.815", () => {
    expect(krippendorffAlpha(FOUR_OBSERVERS, "ordinal")).toBeCloseTo(0.815, 3);
  });

  it("reproduces Wikipedia's computational example, three coders with missing data: nominal α = 0.691", () => {
    expect(krippendorffAlpha(WIKIPEDIA, "nominal")).toBeCloseTo(0.691, 3);
  });

  it("drops a unit with a single value: §C without its unit 12 gives the same alphas", () => {
    const withoutLoneUnit = FOUR_OBSERVERS.slice(0, 11);
    for (const metric of ["nominal", "ordinal"] as const) {
      expect(krippendorffAlpha(withoutLoneUnit, metric)).toBe(krippendorffAlpha(FOUR_OBSERVERS, metric));
    }
  });
});

describe("percentAgreement", () => {
  it("is the share of units two coders agree on", () => {
    // Meg and Owen agree on units 2, 4, 5, 7, 8 and 10; Ben and Gerry on all but units 1, 5 and 12.
    expect(percentAgreement(BINARY)).toBeCloseTo(60, 10);
    expect(percentAgreement(NOMINAL)).toBeCloseTo(75, 10);
  });

  it("weighs each unit by its number of values, as the coincidence matrix does", () => {
    // One agreeing pair of three in a unit of three values (weight 3), one of one in a unit of two
    // (weight 2): (3 · 1/3 + 2 · 1) / 5 = 60 %. Counting all pairs alike would give 2 of 4, 50 %.
    expect(percentAgreement([["a", "a", "b"], ["c", "c"]])).toBeCloseTo(60, 10);
    // Krippendorff's §C data, agreeing pairs unit by unit: 3 of 3 (unit 1, 3 values), 3 of 6 (unit 2,
    // 4 values), 6 of 6 (units 3, 4, 5, 7, 9, 4 values each), 0 of 6 (unit 6), 3 of 6 (unit 8),
    // 3 of 3 (unit 10, 3 values), 1 of 1 (unit 11, 2 values): 3 + 2 + 20 + 0 + 2 + 3 + 2 = 32 of 40.
    expect(percentAgreement(FOUR_OBSERVERS)).toBeCloseTo(80, 10);
  });

  it("is null when no unit has two values, and 100 when every pair agrees", () => {
    expect(percentAgreement([])).toBeNull();
    expect(percentAgreement([["a"], [null, "b"], []])).toBeNull();
    expect(percentAgreement([["a", "a"], ["a", "a", "a"]])).toBe(100);
  });
});

describe("krippendorffAlpha where it is undefined, and its input", () => {
  it("is null without pairable values: no units, no values, or one value per unit", () => {
    for (const metric of ["nominal", "ordinal"] as const) {
      expect(krippendorffAlpha([], metric)).toBeNull();
      expect(krippendorffAlpha([[null, undefined], []], metric)).toBeNull();
      expect(krippendorffAlpha([[1, null], [null, 2], [3]], metric)).toBeNull();
    }
  });

  it("is null when every pairable value is the same: no variation, so no expected disagreement", () => {
    for (const metric of ["nominal", "ordinal"] as const) {
      // The lone 5 is not pairable, so it adds no variation.
      expect(krippendorffAlpha([[2, 2], [2, 2, null], [5]], metric)).toBeNull();
    }
  });

  it("treats null and undefined alike as missing, and accepts rows of different lengths", () => {
    const withNull = [[1, 1, null], [2, null, 2], [3, 1, null]];
    const withUndefined = [[1, 1], [2, undefined, 2], [undefined, 3, 1]];
    for (const metric of ["nominal", "ordinal"] as const) {
      expect(krippendorffAlpha(withUndefined, metric)).toBeCloseTo(krippendorffAlpha(withNull, metric)!, 12);
    }
  });

  it("gives 0 for a single disagreeing pair, and less than 0 for systematic disagreement", () => {
    expect(krippendorffAlpha([[1, 2]], "nominal")).toBe(0);
    expect(krippendorffAlpha([[1, 2], [2, 1], [1, 2], [2, 1]], "nominal")).toBeLessThan(0);
  });

  it("refuses ordinal values that are not finite numbers", () => {
    const strings = [["a", "b"]] as unknown as (number | null)[][];
    expect(() => krippendorffAlpha(strings, "ordinal")).toThrow(RangeError);
    expect(() => krippendorffAlpha([[1, Number.NaN]], "ordinal")).toThrow(RangeError);
  });

  it("counts a near miss as a smaller disagreement on the ordinal metric only", () => {
    const agreeing = [[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]];
    const nearMiss = [...agreeing, [4, 5]];
    const farMiss = [...agreeing, [1, 5]];
    expect(krippendorffAlpha(nearMiss, "ordinal")!).toBeGreaterThan(krippendorffAlpha(farMiss, "ordinal")!);
    expect(krippendorffAlpha(nearMiss, "nominal")).toBeCloseTo(krippendorffAlpha(farMiss, "nominal")!, 12);
  });
});

describe("krippendorffAlpha and percentAgreement for any data", () => {
  const METRICS: readonly Metric[] = ["nominal", "ordinal"];
  const cell = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null });
  const ragged = fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 12 });
  /** A rectangle of 2–4 coders, with a permutation of the units and one of the coders. */
  const permuted = fc.integer({ min: 2, max: 4 }).chain((coders) =>
    fc.array(fc.array(cell, { minLength: coders, maxLength: coders }), { maxLength: 12 }).chain((data) =>
      fc.tuple(
        fc.constant(data),
        fc.shuffledSubarray([...data.keys()], { minLength: data.length, maxLength: data.length }),
        fc.shuffledSubarray([...Array(coders).keys()], { minLength: coders, maxLength: coders }),
      ),
    ),
  );
  const pairableValues = (data: readonly (readonly (number | null)[])[]) =>
    data.map((row) => row.filter((v) => v !== null)).filter((values) => values.length >= 2).flat();

  it("never exceeds 1; is null exactly when nothing pairs or nothing varies; percent stays within 0–100", () => {
    fc.assert(
      fc.property(ragged, (data) => {
        const values = pairableValues(data);
        const undefinedAlpha = values.length === 0 || new Set(values).size === 1;
        for (const metric of METRICS) {
          const alpha = krippendorffAlpha(data, metric);
          expect(alpha === null).toBe(undefinedAlpha);
          if (alpha !== null) expect(alpha).toBeLessThanOrEqual(1);
        }
        const percent = percentAgreement(data);
        expect(percent === null).toBe(values.length === 0);
        if (percent !== null) {
          expect(percent).toBeGreaterThanOrEqual(0);
          expect(percent).toBeLessThanOrEqual(100 + 1e-9);
        }
      }),
    );
  });

  it("is 1 when every unit's values agree and units differ", () => {
    const agreeingUnit = fc
      .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 3 }))
      .map(([value, given, missing]) => [...Array<number>(given).fill(value), ...Array<null>(missing).fill(null)]);
    fc.assert(
      fc.property(fc.array(agreeingUnit, { maxLength: 10 }), fc.array(cell, { maxLength: 1 }), (units, lone) => {
        const data = [...units, lone];
        fc.pre(new Set(pairableValues(data)).size >= 2);
        for (const metric of METRICS) expect(krippendorffAlpha(data, metric)).toBe(1);
        expect(percentAgreement(data)).toBeCloseTo(100, 10);
      }),
    );
  });

  it("does not depend on the order of the units or of the coders", () => {
    fc.assert(
      fc.property(permuted, ([data, unitOrder, coderOrder]) => {
        const reordered = unitOrder.map((u) => coderOrder.map((c) => data[u]![c]!));
        for (const metric of METRICS) {
          const alpha = krippendorffAlpha(data, metric);
          if (alpha === null) expect(krippendorffAlpha(reordered, metric)).toBeNull();
          else expect(krippendorffAlpha(reordered, metric)).toBeCloseTo(alpha, 10);
        }
        const percent = percentAgreement(data);
        if (percent === null) expect(percentAgreement(reordered)).toBeNull();
        else expect(percentAgreement(reordered)).toBeCloseTo(percent, 10);
      }),
    );
  });

  it("ignores units with a single value", () => {
    fc.assert(
      fc.property(ragged, fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 4 }), (data, lone) => {
        const padded = [...lone.map((value) => [null, value]), ...data];
        for (const metric of METRICS) expect(krippendorffAlpha(padded, metric)).toBe(krippendorffAlpha(data, metric));
        expect(percentAgreement(padded)).toBe(percentAgreement(data));
      }),
    );
  });

  it("nominal: renaming the values changes nothing", () => {
    fc.assert(
      fc.property(ragged, (data) => {
        const renamed = data.map((row) => row.map((v) => (v === null ? null : `verdict-${6 - v}`)));
        const alpha = krippendorffAlpha(data, "nominal");
        if (alpha === null) expect(krippendorffAlpha(renamed, "nominal")).toBeNull();
        else expect(krippendorffAlpha(renamed, "nominal")).toBeCloseTo(alpha, 10);
      }),
    );
  });

  it("ordinal: reads only the order of the values, and equals nominal when there are two values", () => {
    fc.assert(
      fc.property(ragged, (data) => {
        const stretched = data.map((row) => row.map((v) => (v === null ? null : 10 * v + v ** 3)));
        const alpha = krippendorffAlpha(data, "ordinal");
        if (alpha === null) expect(krippendorffAlpha(stretched, "ordinal")).toBeNull();
        else expect(krippendorffAlpha(stretched, "ordinal")).toBeCloseTo(alpha, 10);
        // With two values there is one kind of disagreement, whatever its size.
        const binary = data.map((row) => row.map((v) => (v === null ? null : v % 2)));
        const nominal = krippendorffAlpha(binary, "nominal");
        if (nominal === null) expect(krippendorffAlpha(binary, "ordinal")).toBeNull();
        else expect(krippendorffAlpha(binary, "ordinal")).toBeCloseTo(nominal, 10);
      }),
    );
  });
});

const VERDICT_BY_RATING = new Map(VERDICTS.filter((v) => v.rating !== null).map((v) => [v.rating, v.id]));

/** Claims c1, c2, … assessed by reviewers r1, r2, …; null where that reviewer gave no verdict. */
function claims(...rows: (VerdictId | null)[][]): ClaimAssessments[] {
  return rows.map((row, i) => ({
    claimId: `c${i + 1}`,
    assessments: row.flatMap((verdict, r) => (verdict === null ? [] : [{ reviewerId: `r${r + 1}`, verdict }])),
  }));
}

describe("verdictAgreement", () => {
  it("reproduces Krippendorff (2011) §C–D on the verdict scale: nominal 0.743, ordinal 0.815", () => {
    // The published values 1–5 read as ratings: 1 "false" … 5 "true".
    const units = claims(...FOUR_OBSERVERS.map((row) => row.map((v) => (v === null || v === undefined ? null : VERDICT_BY_RATING.get(v)!))));
    const result = verdictAgreement(units);
    expect(result.alpha.nominal).toBeCloseTo(0.743, 3);
    expect(result.alpha.ordinal).toBeCloseTo(0.815, 3);
    expect(result.percent).toBe(80);
    // Unit 12 has a single verdict: not pairable.
    expect(result.claims).toBe(11);
    expect(result.reviewers).toBe(4);
    expect(result.disagreements).toEqual(["c2", "c6", "c8"]);
  });

  it("counts a verdict outside the true–false scale for nominal alpha but as missing for ordinal alpha", () => {
    const units = claims(
      ["true", "true"],
      ["false", "false"],
      ["misleading", "true"],
      ["mostly_true", "true", "unverifiable"],
      ["half_true", "half_true"],
    );
    const result = verdictAgreement(units);
    expect(result.alpha.nominal).toBe(
      krippendorffAlpha(
        [
          ["true", "true"],
          ["false", "false"],
          ["misleading", "true"],
          ["mostly_true", "true", "unverifiable"],
          ["half_true", "half_true"],
        ],
        "nominal",
      ),
    );
    // Ratings: the third claim keeps one rated verdict and drops out; the fourth keeps two.
    expect(result.alpha.ordinal).toBe(krippendorffAlpha([[5, 5], [1, 1], [4, 5], [3, 3]], "ordinal"));
    const withoutThird = [["true", "true"], ["false", "false"], ["mostly_true", "true", "unverifiable"], ["half_true", "half_true"]];
    expect(result.alpha.nominal).not.toBeCloseTo(krippendorffAlpha(withoutThird, "nominal")!, 3);
    expect(result.claims).toBe(5);
    expect(result.disagreements).toEqual(["c3", "c4"]);
  });

  it("leaves out a claim with one assessment, and a reviewer who assessed only such claims", () => {
    const pairable = claims(["true", "true", null], ["false", "mostly_false", null], ["half_true", "half_true", null]);
    const lone: ClaimAssessments = { claimId: "lone", assessments: [{ reviewerId: "r3", verdict: "false" }] };
    const unassessed: ClaimAssessments = { claimId: "none", assessments: [] };
    const result = verdictAgreement([lone, ...pairable, unassessed]);
    expect(result).toEqual(verdictAgreement(pairable));
    expect(result.claims).toBe(3);
    expect(result.reviewers).toBe(2);
    expect(result.disagreements).toEqual(["c2"]);
  });

  it("lists the disagreements in input order", () => {
    const result = verdictAgreement([
      { claimId: "z", assessments: [{ reviewerId: "a", verdict: "true" }, { reviewerId: "b", verdict: "false" }] },
      { claimId: "m", assessments: [{ reviewerId: "a", verdict: "true" }, { reviewerId: "b", verdict: "true" }] },
      { claimId: "a", assessments: [{ reviewerId: "b", verdict: "misleading" }, { reviewerId: "c", verdict: "needs_context" }] },
    ]);
    expect(result.disagreements).toEqual(["z", "a"]);
  });

  it("gives percent from 0 to 100 rounded to one decimal, and leaves the alphas unrounded", () => {
    const result = verdictAgreement(claims(["true", "true"], ["false", "false"], ["true", "mostly_true"]));
    expect(result.percent).toBe(66.7);
    expect(result.alpha.nominal).toBe(krippendorffAlpha([["true", "true"], ["false", "false"], ["true", "mostly_true"]], "nominal"));
    expect(result.alpha.nominal).not.toBe(Math.round(result.alpha.nominal! * 1000) / 1000);
  });

  it("has no figures without pairable claims, and no alpha when every verdict is the same", () => {
    expect(verdictAgreement([])).toEqual({ claims: 0, reviewers: 0, percent: null, alpha: { nominal: null, ordinal: null }, disagreements: [] });
    expect(verdictAgreement(claims(["false", "false"], ["false", "false", "false"]))).toEqual({
      claims: 2,
      reviewers: 3,
      percent: 100,
      alpha: { nominal: null, ordinal: null },
      disagreements: [],
    });
  });

  it("refuses a reviewer twice on one claim, and a claim listed twice", () => {
    const twice = { reviewerId: "r1", verdict: "true" as const };
    expect(() => verdictAgreement([{ claimId: "c1", assessments: [twice, twice] }])).toThrow(RangeError);
    expect(() => verdictAgreement([...claims(["true", "false"]), ...claims(["true", "true"])])).toThrow(RangeError);
  });
});
