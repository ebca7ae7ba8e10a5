// Small hand-made texts whose fuzzy scores can be worked out on paper. A candidate earns
// 50 × (1 − errors/length) for the quote, 20 × (1 − edits/length) for each of prefix and suffix, and
// 2 × (1 − distance/normalised length) for nearness to the stored position; the score is points / weight.
import { describe, expect, it } from "vitest";
import { anchorSelectors, type SelectorAnchor } from "./fuzzy-anchor";

/** The fields of a successful anchor, with the score rounded away from float noise. */
function placed(result: SelectorAnchor): { method: string; start: number; end: number; score: number | undefined } {
  if (!result.ok) throw new Error(`not anchored: ${result.reason}`);
  return { method: result.method, start: result.start, end: result.end, score: result.score };
}

function expectScore(result: SelectorAnchor, expected: number): void {
  expect(placed(result).score).toBeCloseTo(expected, 12);
}

describe("anchorSelectors: length threshold and trimming", () => {
  it("a quote of exactly MIN_FUZZY_LENGTH (8) units is matched approximately, one edit allowed", () => {
    // 8 units → floor(8 × 0.15) = 1 edit; score 1 − 1/8, no context weighed in.
    expect(placed(anchorSelectors("xx abcdefgh yy", { exact: "abcdefgX" }))).toEqual({ method: "fuzzy", start: 3, end: 11, score: 0.875 });
  });

  it("a quote of 7 units is too short to look for approximately", () => {
    expect(anchorSelectors("xx abcdefgh yy", { exact: "abcdefX" })).toEqual({
      ok: false,
      reason: "quote not found exactly, and too short to look for approximately",
    });
  });

  it("whitespace at the quote's edges does not count towards its length", () => {
    // "abcdefg " and " abcdefg" are 7 units once trimmed; untrimmed they would find "abcdefh " with one edit.
    for (const exact of ["abcdefg ", " abcdefg"]) {
      expect(anchorSelectors("xx abcdefh yy", { exact })).toEqual({
        ok: false,
        reason: "quote not found exactly, and too short to look for approximately",
      });
    }
  });

  it("a text shorter than the quote by the allowed edits is still searched", () => {
    // 10-unit quote, 1 edit allowed: the 9-unit text is one deletion away.
    expect(placed(anchorSelectors("abcdefghi", { exact: "abcdefghij" }))).toEqual({ method: "fuzzy", start: 0, end: 9, score: 0.9 });
  });
});

describe("anchorSelectors: whitespace and quote folding", () => {
  it("whitespace runs in the quote count as one space", () => {
    // Six extra spaces would be six edits, far past the 2 allowed for 18 units.
    expect(placed(anchorSelectors("say one two three four now", { exact: "one   two   three   four" }))).toEqual({
      method: "fuzzy",
      start: 4,
      end: 22,
      score: 1,
    });
  });

  it("whitespace runs in the text count as one space and map back to the whole run", () => {
    expect(placed(anchorSelectors("say one   two\n\nthree \t four now", { exact: "one two three four" }))).toEqual({
      method: "fuzzy",
      start: 4,
      end: 27,
      score: 1,
    });
  });

  it("a match ending in a whitespace run is trimmed back to the last character", () => {
    // The best candidate "abcdefghi " swaps j for the run "   \n "; the answer stops before the run.
    expect(placed(anchorSelectors("xx abcdefghi   \n yy", { exact: "abcdefghij" }))).toEqual({ method: "fuzzy", start: 3, end: 12, score: 0.9 });
  });

  it("a match starting in a whitespace run is trimmed forward to the first character", () => {
    // The best candidate " bcdefghij" swaps a for the run "   "; the answer starts after the run.
    expect(placed(anchorSelectors("xx   bcdefghij yy", { exact: "abcdefghij" }))).toEqual({ method: "fuzzy", start: 5, end: 14, score: 0.9 });
  });

  it("a match ending inside an astral character takes the whole character", () => {
    // "abcdefgh" against "abcdefg😀": the 8-unit candidate ends after the emoji's first UTF-16 unit.
    expect(placed(anchorSelectors("xx abcdefg😀 yy", { exact: "abcdefgh" }))).toEqual({ method: "fuzzy", start: 3, end: 11, score: 0.875 });
  });
});

describe("anchorSelectors: context scores", () => {
  it("an exact quote found twice is singled out by an approximate prefix, and reported as a quote match", () => {
    // The prefix's last character matches neither place, so the exact search finds it ambiguous.
    // "rod!" is 2 edits from "red:" (sim 0.5 → 10 points) and 4 from "lue;" (0 points): (50 + 10) / 70.
    expect(placed(anchorSelectors("red:abcdefgh and blue;abcdefgh end", { exact: "abcdefgh", prefix: "rod!" }))).toEqual({
      method: "quote",
      start: 4,
      end: 12,
      score: 60 / 70,
    });
  });

  it("a prefix longer than the text before the match is compared with what there is", () => {
    // "zzab " against "ab ": 2 deletions of 5 → 12 points; (45 + 12) / 70.
    expectScore(anchorSelectors("ab abcdefghiX", { exact: "abcdefghij", prefix: "zzab " }), 57 / 70);
  });

  it("a prefix sharing only one character, out of place, with the text before agrees not at all", () => {
    // "d###" against "abcd": four substitutions beat keeping the d (3 insertions + 3 deletions), so 0 points.
    expectScore(anchorSelectors("zz abcdklmnopqrsX yy", { exact: "klmnopqrst", prefix: "d###" }), 45 / 70);
  });

  it("edit distances in both contexts are counted exactly, and a score of exactly MIN_FUZZY_SCORE (0.6) is accepted", () => {
    // "1ABC" vs "1234": 3 edits of 4 → 5 points; "5ABCD" vs "56789": 4 of 5 → 4 points; (45 + 5 + 4) / 90.
    expect(placed(anchorSelectors("1234abcdefghiX56789", { exact: "abcdefghij", prefix: "1ABC", suffix: "5ABCD" }))).toEqual({
      method: "fuzzy",
      start: 4,
      end: 14,
      score: 0.6,
    });
  });

  it("a score under MIN_FUZZY_SCORE is refused, with the score in the reason", () => {
    // Both contexts 4 edits from what is there: 45 / 90.
    expect(anchorSelectors("xx abcdefghiX yy", { exact: "abcdefghij", prefix: "####", suffix: "####" })).toEqual({
      ok: false,
      reason: "closest match agrees too little (score 0.50)",
    });
  });

  it("only the 64 units of context nearest the quote are compared", () => {
    const before = "0123456789".repeat(10);
    const after = " " + "9876543210".repeat(10);
    const text = before + "abcdefghiX" + after;
    // The far ends of both contexts (36 units each) disagree completely, but lie beyond the 64 compared.
    const result = anchorSelectors(text, {
      exact: "abcdefghij",
      prefix: "#".repeat(36) + before.slice(-64),
      suffix: after.slice(0, 64) + "#".repeat(36),
    });
    expect(placed(result)).toMatchObject({ method: "fuzzy", start: 100, end: 110 });
    expectScore(result, 85 / 90);
  });
});

describe("anchorSelectors: stored position", () => {
  // Code points: 😀 0, 😀 1, space 2, a 3, four spaces 4–7, b 8, space 9, quote 10–19, " end" 20–23.
  // Normalised (UTF-16 units, runs collapsed): emoji units 0–3, " a b " 4–8, quote 9–18, 23 units in all.
  const text = "😀😀 a    b abcdefghiX end";

  it("a position on the match earns the full 2 points, found past astral characters and whitespace runs", () => {
    const result = anchorSelectors(text, { exact: "abcdefghij", start: 10 });
    expect(placed(result)).toMatchObject({ method: "fuzzy", start: 10, end: 20 });
    expectScore(result, 47 / 52);
  });

  it("a position away from the match earns points in proportion to the distance", () => {
    // Code point 3 is normalised unit 5, 4 units from the match: 2 × (1 − 4/23).
    expectScore(anchorSelectors(text, { exact: "abcdefghij", start: 3 }), (45 + 2 * (1 - 4 / 23)) / 52);
    // Code point 0 is unit 0, 9 units away.
    expectScore(anchorSelectors(text, { exact: "abcdefghij", start: 0 }), (45 + 2 * (1 - 9 / 23)) / 52);
  });

  it("a position at the very end of the text counts as the end of the normalised text", () => {
    // Code point 24 (the text's length) is unit 23, 14 units from the match.
    expectScore(anchorSelectors(text, { exact: "abcdefghij", start: 24 }), (45 + 2 * (1 - 14 / 23)) / 52);
  });

  it("a position that is not a code-point offset in the text is ignored", () => {
    for (const start of [25, -1, 1.5]) {
      expect(placed(anchorSelectors(text, { exact: "abcdefghij", start }))).toEqual({ method: "fuzzy", start: 10, end: 20, score: 0.9 });
    }
  });
});

describe("anchorSelectors: choosing among candidates", () => {
  // Two adjacent one-edit candidates, [0, 8) and [8, 16), in 16 normalised units.
  const text = "abcdefgXabcdefgY";

  it("adjacent candidates with nothing to tell them apart are ambiguous", () => {
    expect(anchorSelectors(text, { exact: "abcdefgh" })).toEqual({
      ok: false,
      reason: "quote matches several places about equally well (ambiguous)",
    });
  });

  it("a lead of exactly AMBIGUITY_MARGIN (1 point) over an adjacent candidate is enough", () => {
    // The position gives the near candidate 2 points and the far one 2 × (1 − 8/16) = 1.
    for (const start of [0, 8]) {
      const result = anchorSelectors(text, { exact: "abcdefgh", start });
      expect(placed(result)).toMatchObject({ method: "fuzzy", start, end: start + 8 });
      expectScore(result, 45.75 / 52);
    }
  });

  it("a lead under 1 point over an adjacent candidate, on either side, is ambiguous", () => {
    // 15 more units shrink the position's difference to 2 × 8/31 points.
    for (const start of [0, 8]) {
      expect(anchorSelectors(text + " zzzzzzzzzzzzzz", { exact: "abcdefgh", start })).toEqual({
        ok: false,
        reason: "quote matches several places about equally well (ambiguous)",
      });
    }
  });

  it("of overlapping matches, the one closest to the quote's length is kept", () => {
    // "sandwiche" (deletion, 9), "sandwicheX" (substitution, 10), "sandwicheXs" (insertion, 11).
    expect(placed(anchorSelectors("two sandwicheXs here", { exact: "sandwiches" }))).toEqual({ method: "fuzzy", start: 4, end: 14, score: 0.9 });
  });

  it("of overlapping matches equally far from the quote's length, the first is kept", () => {
    // "sandwichs" (deletion, 9) and "sandwichses" (insertion, 11), one edit each; none of length 10 has one.
    expect(placed(anchorSelectors("two sandwichses here", { exact: "sandwiches" }))).toEqual({ method: "fuzzy", start: 4, end: 13, score: 0.9 });
  });

  it("a candidate with more edits but agreeing context is found after a better one and wins", () => {
    // 14 units, 2 edits allowed: "abcdefghijklmX" has 1 edit, "abcdefghijkXmY" 2 but the prefix.
    // (50 × 12/14 + 20) / 70.
    const result = anchorSelectors("AAA abcdefghijklmX BBB and then CCC abcdefghijkXmY DDD", { exact: "abcdefghijklmn", prefix: "CCC " });
    expect(placed(result)).toMatchObject({ method: "fuzzy", start: 36, end: 50 });
    expectScore(result, (50 * (12 / 14) + 20) / 70);
  });
});

describe("anchorSelectors: limits a caller sets (re-anchoring)", () => {
  const reasonOf = (result: SelectorAnchor) => (result.ok ? "anchored" : result.reason);
  const text = "The troops arrived in Almaty. Later the troops arrived in Aktau.";
  const second = text.lastIndexOf("the troops arrived");

  it("accept leaves out refused places, also for the exact quote and the stored position", () => {
    const exact = "troops arrived in";
    expect(reasonOf(anchorSelectors(text, { exact }))).toMatch(/ambiguous/);
    const afterLater = (start: number) => start > text.indexOf("Later");
    expect(placed(anchorSelectors(text, { exact, accept: (s) => afterLater(s) }))).toMatchObject({ method: "quote", start: second + 4 });
    // The stored position reads the quote, but is refused: the accepted occurrence wins.
    expect(placed(anchorSelectors(text, { exact, start: 4, end: 21, accept: (s) => afterLater(s) }))).toMatchObject({ start: second + 4 });
    expect(anchorSelectors(text, { exact, accept: () => false })).toMatchObject({ ok: false });
  });

  it("accept also filters approximate candidates, which then cannot be rivals", () => {
    const exact = "troops arrivd in";
    expect(reasonOf(anchorSelectors(text, { exact }))).toMatch(/ambiguous/);
    expect(placed(anchorSelectors(text, { exact, accept: (s) => s > 30 }))).toMatchObject({ method: "fuzzy", start: second + 4 });
  });

  it("near restricts the approximate search to the text around the given stretches", () => {
    const exact = "troops arrivd in Aktau";
    const aktau = text.indexOf("Aktau");
    expect(placed(anchorSelectors(text, { exact, near: [{ start: aktau, end: aktau }] }))).toMatchObject({ method: "fuzzy", end: text.length - 1 });
    // Far from the stretch the match is not looked for at all.
    expect(reasonOf(anchorSelectors(text, { exact, near: [{ start: 0, end: 0 }] }))).toMatch(/not found/);
    // Stretches that overlap once widened are searched once: one candidate, not two rivals.
    expect(placed(anchorSelectors(text, { exact, near: [{ start: aktau, end: aktau }, { start: aktau - 3, end: aktau + 2 }] }))).toMatchObject({ method: "fuzzy" });
  });

  it("maxErrorRate allows more edits than the import's default", () => {
    const reworded = "The troops reached Almaty on Thursday night.";
    const exact = "troops arrived in Almaty on Thursday";
    expect(anchorSelectors(reworded, { exact })).toMatchObject({ ok: false });
    expect(placed(anchorSelectors(reworded, { exact, maxErrorRate: 0.4 }))).toMatchObject({ method: "fuzzy", start: 4 });
  });
});
