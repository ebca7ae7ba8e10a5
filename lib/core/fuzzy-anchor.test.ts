import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeSpan } from "./anchoring";
import { anchorSelectors } from "./fuzzy-anchor";
import { SAMPLE_TEXT } from "./report/fixtures";
import { codePointLength, sliceCp } from "./text";

/** Code-point span of the n-th (0-based) occurrence of `quote` in SAMPLE_TEXT. */
function spanOf(quote: string, occurrence = 0): { start: number; end: number } {
  let index = -1;
  for (let k = 0; k <= occurrence; k++) {
    index = SAMPLE_TEXT.indexOf(quote, index + 1);
    if (index < 0) throw new Error(`not in the sample: ${quote}`);
  }
  const start = codePointLength(SAMPLE_TEXT.slice(0, index));
  return { start, end: start + codePointLength(quote) };
}

describe("anchorSelectors: exact paths", () => {
  it("trusts the position when the text there is the quote", () => {
    const span = spanOf("on Saturday exchanged views");
    const result = anchorSelectors(SAMPLE_TEXT, { exact: "on Saturday exchanged views", ...span });
    expect(result).toEqual({ ok: true, method: "position", ...span });
  });

  it("falls back to the exact quote when the position is stale", () => {
    const span = spanOf("on Saturday exchanged views");
    const result = anchorSelectors(SAMPLE_TEXT, { exact: "on Saturday exchanged views", start: 3, end: 30 });
    expect(result).toEqual({ ok: true, method: "quote", ...span });
  });

  it("uses prefix and suffix to pick among repeated quotes", () => {
    const second = spanOf("the Central Asian state", 1);
    const result = anchorSelectors(SAMPLE_TEXT, {
      exact: "the Central Asian state",
      prefix: "authoritarian leader of ",
      suffix: " requested assistance",
    });
    expect(result).toEqual({ ok: true, method: "quote", ...second });
  });

  it("offsets are code points past astral characters", () => {
    const whole = codePointLength(SAMPLE_TEXT);
    const result = anchorSelectors(SAMPLE_TEXT, { exact: "😀 ok." });
    expect(result).toMatchObject({ ok: true, method: "quote", end: whole, start: whole - 5 });
  });

  it("an exact span always anchors by position to itself", () => {
    const length = codePointLength(SAMPLE_TEXT);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: length - 1 }).chain((start) =>
          fc.tuple(fc.constant(start), fc.integer({ min: start + 1, max: Math.min(length, start + 80) })),
        ),
        ([start, end]) => {
          const anchor = describeSpan(SAMPLE_TEXT, start, end);
          expect(anchorSelectors(SAMPLE_TEXT, anchor)).toEqual({ ok: true, method: "position", start, end });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a quote of any exact span found without a position lands on a span with the same text", () => {
    const length = codePointLength(SAMPLE_TEXT);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: length - 1 }).chain((start) =>
          fc.tuple(fc.constant(start), fc.integer({ min: start + 1, max: Math.min(length, start + 60) })),
        ),
        ([start, end]) => {
          const { exact, prefix, suffix } = describeSpan(SAMPLE_TEXT, start, end);
          const result = anchorSelectors(SAMPLE_TEXT, { exact, prefix, suffix });
          // With full context every span is unique in this text.
          expect(result).toEqual({ ok: true, method: "quote", start, end });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("anchorSelectors: fuzzy path on real differences", () => {
  const claim2 = "reportedly sent a force of about 2,500 soldiers";

  it("one changed word in the quote", () => {
    const span = spanOf(claim2);
    const context = describeSpan(SAMPLE_TEXT, span.start, span.end);
    const result = anchorSelectors(SAMPLE_TEXT, {
      exact: "reportedly sent a force of around 2,500 soldiers",
      prefix: context.prefix,
      suffix: context.suffix,
    });
    expect(result).toMatchObject({ ok: true, method: "fuzzy", ...span });
    if (result.ok) expect(result.score).toBeGreaterThan(0.9);
  });

  it("one changed word with neither context nor position", () => {
    const span = spanOf("the double-fold increase in fuel prices");
    const result = anchorSelectors(SAMPLE_TEXT, { exact: "the double-fold increase in gas prices" });
    expect(result).toMatchObject({ ok: true, method: "fuzzy", ...span });
  });

  it("one changed word in the article (the quote is the original)", () => {
    const edited = SAMPLE_TEXT.replace("on Saturday exchanged views", "on Sunday exchanged views");
    const original = describeSpan(SAMPLE_TEXT, ...Object.values(spanOf("on Saturday exchanged views")) as [number, number]);
    const result = anchorSelectors(edited, original);
    const expected = edited.indexOf("on Sunday exchanged views");
    expect(result).toMatchObject({ ok: true, method: "fuzzy", start: expected, end: expected + "on Sunday exchanged views".length });
  });

  it("straight quotes find curly ones (apostrophe and double quotes)", () => {
    const apostrophe = spanOf("Kazakhstan’s partners from the Collective Security");
    expect(anchorSelectors(SAMPLE_TEXT, { exact: "Kazakhstan's partners from the Collective Security" })).toMatchObject({
      ok: true,
      method: "fuzzy",
      ...apostrophe,
    });
    const doubles = spanOf("the situation in Kazakhstan is “stabilising”");
    const result = anchorSelectors(SAMPLE_TEXT, { exact: 'the situation in Kazakhstan is "stabilising"' });
    expect(result).toMatchObject({ ok: true, method: "fuzzy", ...doubles });
    if (result.ok) expect(sliceCp(SAMPLE_TEXT, result.start, result.end)).toBe("the situation in Kazakhstan is “stabilising”");
  });

  it("curly quotes find straight ones", () => {
    const text = 'He called it "a success" and said it\'s over.';
    const result = anchorSelectors(text, { exact: "called it “a success” and said it’s" });
    expect(result).toMatchObject({ ok: true, method: "fuzzy", start: 3, end: 38 });
  });

  it("changed whitespace and line breaks, mapped back to the original offsets", () => {
    const across = spanOf("amid ongoing unrest.\n\nKremlin said");
    expect(anchorSelectors(SAMPLE_TEXT, { exact: "amid ongoing unrest. Kremlin said" })).toMatchObject({
      ok: true,
      method: "fuzzy",
      ...across,
    });
    const spaced = spanOf("exchanged views on measures taken");
    expect(anchorSelectors(SAMPLE_TEXT, { exact: "exchanged  views\non   measures taken" })).toMatchObject({
      ok: true,
      method: "fuzzy",
      ...spaced,
    });
  });

  it("a changed character next to an astral one keeps code-point offsets", () => {
    const whole = codePointLength(SAMPLE_TEXT);
    const result = anchorSelectors(SAMPLE_TEXT, { exact: "across the nation. Дети 😀 ok!" });
    expect(result).toMatchObject({ ok: true, method: "fuzzy", end: whole });
    if (result.ok) expect(sliceCp(SAMPLE_TEXT, result.start, result.end)).toBe("across the nation. Дети 😀 ok.");
  });

  it("prefers the candidate whose context agrees, even with a typo", () => {
    const second = spanOf("the Central Asian state", 1);
    const result = anchorSelectors(SAMPLE_TEXT, { exact: "the Centrl Asian state", prefix: "authoritarian leader of " });
    expect(result).toMatchObject({ ok: true, method: "fuzzy", ...second });
  });
});

describe("anchorSelectors: near-duplicate passages", () => {
  // Twenty copies of the sample, each with its own troop figure.
  const copies = Array.from({ length: 20 }, (_, i) => SAMPLE_TEXT.replace("2,500", String(1000 + i))).join("\n\n");

  it("one edit singles out the copy whose figure matches", () => {
    const result = anchorSelectors(copies, { exact: "reportedly sent a force of about 1013 soldierz" });
    expect(result).toMatchObject({ ok: true, method: "fuzzy" });
    if (result.ok) expect(sliceCp(copies, result.start, result.end)).toBe("reportedly sent a force of about 1013 soldiers");
  });

  it("a figure one edit away from two copies (1009, 1019) is ambiguous", () => {
    const result = anchorSelectors(copies, { exact: "reportedly sent a force of about 1099 soldiers" });
    expect(result).toEqual({ ok: false, reason: "quote matches several places about equally well (ambiguous)" });
  });

  it("repetitive text gives no place to choose", () => {
    const result = anchorSelectors("ab".repeat(2000), { exact: "abababababababababac" });
    expect(result).toEqual({ ok: false, reason: "quote is close to too many places to choose one (ambiguous)" });
  });
});

describe("anchorSelectors: what must not match", () => {
  it("a quote that is nowhere in the text", () => {
    const result = anchorSelectors(SAMPLE_TEXT, {
      exact: "The central bank raised interest rates by two percentage points",
    });
    expect(result).toEqual({ ok: false, reason: "quote not found, even approximately" });
  });

  it("a short common word is ambiguous", () => {
    for (const exact of ["the", "Kazakhstan", "Tokayev"]) {
      const result = anchorSelectors(SAMPLE_TEXT, { exact });
      expect(result).toEqual({ ok: false, reason: "quote occurs several times and nothing singles one out (ambiguous)" });
    }
  });

  it("a short word that is not there is not guessed", () => {
    expect(anchorSelectors(SAMPLE_TEXT, { exact: "thee" })).toEqual({ ok: false, reason: "quote not found exactly, and too short to look for approximately" });
  });

  it("two equally close places are ambiguous", () => {
    const result = anchorSelectors(SAMPLE_TEXT, { exact: "the Centrl Asian state" });
    expect(result).toEqual({ ok: false, reason: "quote matches several places about equally well (ambiguous)" });
  });

  it("a quote with too many changes is refused", () => {
    const result = anchorSelectors(SAMPLE_TEXT, { exact: "reportedly shipped an army of nearly 3,000 troops" });
    expect(result.ok).toBe(false);
  });

  it("a near quote whose context disagrees completely is refused", () => {
    const result = anchorSelectors(SAMPLE_TEXT, {
      exact: "the double-fold increase in gas prices",
      prefix: "In an unrelated football match, ",
      suffix: " to the referees for a fair game",
    });
    expect(result.ok).toBe(false);
  });

  it("an empty quote is refused", () => {
    expect(anchorSelectors(SAMPLE_TEXT, { exact: "" })).toEqual({ ok: false, reason: "empty quote" });
  });
});
