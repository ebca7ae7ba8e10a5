// Tests for W3C quote/position anchoring against real article text.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONTEXT_LENGTH, anchorQuote, describeSpan } from "./anchoring";
import { sampleReport } from "./report/fixtures";
import { canonicalizeText, codePointLength, sliceCp } from "./text";

const ARTICLE =
  "Kazakhstan President Kassym-Jomart Tokayev and his Russian counterpart Vladimir Putin on Saturday " +
  "exchanged views on measures taken “to restore order” in the Central Asian state amid ongoing unrest.\n\n" +
  "Kremlin’s statement on Putin-Tokayev call said, “The President of Kazakhstan extensively informed " +
  "Vladimir Putin about the developments in the country, noting that the situation is stabilising…The " +
  "presidents exchanged opinions on the measures being taken to restore order in Kazakhstan.”";

function spanOf(text: string, needle: string, from = 0): { start: number; end: number } {
  const i = text.indexOf(needle, from);
  if (i < 0) throw new Error(`fixture does not contain ${needle}`);
  const start = codePointLength(text.slice(0, i));
  return { start, end: start + codePointLength(needle) };
}

describe("describeSpan", () => {
  it("returns the quote with up to 32 code points of context", () => {
    const { start, end } = spanOf(ARTICLE, "Vladimir Putin");
    const anchor = describeSpan(ARTICLE, start, end);
    expect(anchor.exact).toBe("Vladimir Putin");
    expect(anchor.prefix).toBe("Tokayev and his Russian counterpart ".slice(-CONTEXT_LENGTH));
    expect(anchor.suffix).toBe(" on Saturday exchanged views on ");
    expect(codePointLength(anchor.suffix)).toBe(CONTEXT_LENGTH);
    expect(anchor).toMatchObject({ start, end });
  });

  it("truncates context at the text edges and counts astral characters once", () => {
    const text = "😀😀 claim 😀😀";
    expect(describeSpan(text, 3, 8)).toEqual({ exact: "claim", prefix: "😀😀 ", suffix: " 😀😀", start: 3, end: 8 });
  });

  it("rejects invalid spans", () => {
    expect(() => describeSpan("abc", -1, 2)).toThrow(RangeError);
    expect(() => describeSpan("abc", 1, 4)).toThrow(RangeError);
    expect(() => describeSpan("abc", 2, 2)).toThrow(RangeError);
    expect(() => describeSpan("abc", 2, 1)).toThrow(RangeError);
  });
});

describe("anchorQuote", () => {
  it("accepts a stored position whose text still matches", () => {
    const span = spanOf(ARTICLE, "to restore order");
    const result = anchorQuote(ARTICLE, { exact: "to restore order", ...span });
    expect(result).toMatchObject({ ok: true, method: "position", anchor: span });
  });

  it("falls back to context when the position is stale, choosing the right one of two occurrences", () => {
    const second = spanOf(ARTICLE, "to restore order", spanOf(ARTICLE, "being taken").end);
    const stored = describeSpan(ARTICLE, second.start, second.end);
    const edited = `Breaking: ${ARTICLE}`;
    const result = anchorQuote(edited, stored);
    expect(result.ok && result.method).toBe("context");
    if (!result.ok) return;
    const expected = spanOf(edited, "to restore order", spanOf(edited, "being taken").end);
    expect(result.anchor).toMatchObject(expected);
    expect(sliceCp(edited, result.anchor.start, result.anchor.end)).toBe("to restore order");
  });

  it("recomputes prefix and suffix from the text instead of echoing the input", () => {
    const result = anchorQuote(ARTICLE, { exact: "stabilising", prefix: "noting that the situation is ", suffix: "junk" });
    expect(result).toMatchObject({ ok: true, method: "context", anchor: { suffix: "…The presidents exchanged opinio" } });
  });

  it("uses a unique occurrence when no context is given", () => {
    expect(anchorQuote(ARTICLE, { exact: "Central Asian state" })).toMatchObject({ ok: true, method: "unique" });
  });

  it("reports ambiguity rather than guessing", () => {
    expect(anchorQuote(ARTICLE, { exact: "to restore order" })).toEqual({ ok: false, code: "ambiguous_quote" });
    // Context that fits neither occurrence better than the other.
    expect(anchorQuote(ARTICLE, { exact: "Putin", prefix: "zzz", suffix: "qqq" })).toEqual({
      ok: false,
      code: "ambiguous_quote",
    });
  });

  it("reports missing and empty quotes", () => {
    expect(anchorQuote(ARTICLE, { exact: "Nursultan" })).toEqual({ ok: false, code: "quote_not_found" });
    expect(anchorQuote(ARTICLE, { exact: "" })).toEqual({ ok: false, code: "empty_quote" });
  });

  it("never accepts a position whose text differs from the quote", () => {
    const span = spanOf(ARTICLE, "Saturday");
    expect(anchorQuote(ARTICLE, { exact: "Sunday", ...span })).toEqual({ ok: false, code: "quote_not_found" });
  });

  it("compares the quote after NFC normalisation", () => {
    const text = "Un café noir.";
    expect(anchorQuote(text, { exact: "cafe\u0301" })).toMatchObject({ ok: true, anchor: { start: 3, end: 7 } });
  });

  it("does not match half of a surrogate pair", () => {
    expect(anchorQuote("a😀b", { exact: "\ude00b" })).toEqual({ ok: false, code: "quote_not_found" });
  });

  it("re-anchors any described span to the same place (property)", () => {
    const text = fc.array(fc.constantFrom("ab", "ba", "a", " ", "😀", "\n"), { minLength: 1, maxLength: 40 }).map((p) => p.join(""));
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, x, y) => {
        const len = codePointLength(t);
        const start = x % len;
        const end = start + 1 + (y % (len - start));
        const anchor = describeSpan(t, start, end);
        expect(sliceCp(t, start, end)).toBe(anchor.exact);
        const result = anchorQuote(t, anchor);
        expect(result).toEqual({ ok: true, method: "position", anchor });
        // Without a position the quote either lands on text equal to exact or is refused.
        const searched = anchorQuote(t, { exact: anchor.exact, prefix: anchor.prefix, suffix: anchor.suffix });
        if (searched.ok) expect(sliceCp(t, searched.anchor.start, searched.anchor.end)).toBe(anchor.exact);
        else expect(searched.code).toBe("ambiguous_quote");
      }),
    );
  });

  it("anchors each of 1,000 claims in a long article at its own sentence", () => {
    const sentences = Array.from({ length: 1000 }, (_, i) => `Sentence ${i} says 😀 figure ${i * 7} is right.`);
    const text = sentences.join(" ");
    const spans = sentences.map((s) => spanOf(text, s));
    for (const [i, span] of spans.entries()) {
      const { exact, prefix, suffix } = describeSpan(text, span.start, span.end);
      const result = anchorQuote(text, { exact, prefix, suffix });
      expect(result.ok && [result.anchor.start, result.anchor.end], sentences[i]).toEqual([span.start, span.end]);
    }
  });
});

describe("describeSpan against the report fixtures' own selectors", () => {
  it("gives every fixture claim the quote and context the fixture computed code point by code point", () => {
    for (const { article, claims } of sampleReport.articles) {
      expect(canonicalizeText(article.text)).toBe(article.text);
      for (const c of claims) {
        expect(describeSpan(article.text, c.start, c.end)).toEqual({ exact: c.exact, prefix: c.prefix, suffix: c.suffix, start: c.start, end: c.end });
      }
    }
  });
});

describe("describeSpan error messages", () => {
  it("names the span and the text length when the span does not fit the text", () => {
    expect(() => describeSpan("abc", -1, 2)).toThrow(new RangeError("invalid span -1..2 for a text of 3 code points"));
    expect(() => describeSpan("a😀c", 1, 4)).toThrow(new RangeError("invalid span 1..4 for a text of 3 code points"));
    expect(() => describeSpan("abc", 0.5, 2)).toThrow(new RangeError("invalid span 0.5..2 for a text of 3 code points"));
    expect(() => describeSpan("abc", 0, 1.5)).toThrow(new RangeError("invalid span 0..1.5 for a text of 3 code points"));
    expect(() => describeSpan("abc", 2, 1)).toThrow(new RangeError("invalid span 2..1 for a text of 3 code points"));
  });
});

describe("anchorQuote with stored positions", () => {
  // "ab" occurs once, at code points 3..5 (the emoji counts once).
  const text = "😀x ab y";

  it("accepts a stored position counted in code points past an astral character", () => {
    expect(anchorQuote(text, { exact: "ab", start: 3, end: 5 })).toEqual({
      ok: true,
      method: "position",
      anchor: { exact: "ab", prefix: "😀x ", suffix: " y", start: 3, end: 5 },
    });
  });

  it("ignores a stored position that is not a valid span and searches instead", () => {
    const unique = { ok: true, method: "unique", anchor: { exact: "ab", prefix: "😀x ", suffix: " y", start: 3, end: 5 } };
    for (const [start, end] of [
      [-1, 1],
      [-2, 5],
      [3.5, 5],
      [3, 4.5],
      [3, 99],
      [5, 5],
      [5, 3],
    ] as const) {
      expect(anchorQuote(text, { exact: "ab", start, end }), `${start}..${end}`).toEqual(unique);
    }
    expect(anchorQuote(text, { exact: "ab", start: 3 })).toEqual(unique);
    expect(anchorQuote(text, { exact: "ab", end: 5 })).toEqual(unique);
  });

  it("drops an occurrence whose end would split a surrogate pair", () => {
    // "a\ud83d" is found at index 0 of "a😀b" but ends inside the emoji.
    expect(anchorQuote("a😀b", { exact: "a\ud83d" })).toEqual({ ok: false, code: "quote_not_found" });
  });
});

describe("anchorQuote choosing between occurrences by context", () => {
  // "ab" at code points 4..6 and 11..13.
  const text = "one ab two ab";

  it("lets the prefix alone pick the occurrence it ends right before", () => {
    expect(anchorQuote(text, { exact: "ab", prefix: "two " })).toMatchObject({ ok: true, method: "context", anchor: { start: 11, end: 13 } });
    expect(anchorQuote(text, { exact: "ab", prefix: "one " })).toMatchObject({ ok: true, method: "context", anchor: { start: 4, end: 6 } });
  });

  it("lets the suffix alone pick the occurrence it starts right after", () => {
    const t = "ab one ab two";
    expect(anchorQuote(t, { exact: "ab", suffix: " two" })).toMatchObject({ ok: true, method: "context", anchor: { start: 7, end: 9 } });
    expect(anchorQuote(t, { exact: "ab", suffix: " one" })).toMatchObject({ ok: true, method: "context", anchor: { start: 0, end: 2 } });
  });

  it("prefers the longer agreement when both occurrences agree partly", () => {
    // Both are preceded by a space (1 unit); only the second by "two " (4 units).
    expect(anchorQuote(text, { exact: "ab", prefix: "xtwo " })).toMatchObject({ ok: true, method: "context", anchor: { start: 11, end: 13 } });
  });

  it("reports a tie between equally well matching occurrences as ambiguous", () => {
    // Both occurrences are preceded by "x " and followed by " y": each scores 4.
    expect(anchorQuote("x ab y x ab y", { exact: "ab", prefix: "x ", suffix: " y" })).toEqual({ ok: false, code: "ambiguous_quote" });
    // A later, better occurrence still wins after an earlier tie.
    expect(anchorQuote("x ab y x ab y zx ab yz", { exact: "ab", prefix: "zx ", suffix: " yz" })).toMatchObject({
      ok: true,
      method: "context",
      anchor: { start: 17, end: 19 },
    });
  });

  it("calls a single occurrence unique even when its context does not match", () => {
    expect(anchorQuote("one ab two", { exact: "ab", prefix: "zzz", suffix: "qqq" })).toMatchObject({ ok: true, method: "unique", anchor: { start: 4, end: 6 } });
  });

  it("treats missing context as none, whatever the text around the occurrences", () => {
    // Text that would agree with any placeholder context must not decide between the occurrences.
    expect(anchorQuote("Stryker was here!x and x", { exact: "x" })).toEqual({ ok: false, code: "ambiguous_quote" });
    expect(anchorQuote("xStryker was here! and x", { exact: "x" })).toEqual({ ok: false, code: "ambiguous_quote" });
    expect(anchorQuote("x and x", { exact: "x", prefix: "", suffix: "" })).toEqual({ ok: false, code: "ambiguous_quote" });
  });

  it("re-describes the chosen occurrence from the text, with astral characters counted once", () => {
    expect(anchorQuote("😀 ab 𝄞 ab 😀", { exact: "ab", prefix: "𝄞 " })).toEqual({
      ok: true,
      method: "context",
      anchor: { exact: "ab", prefix: "😀 ab 𝄞 ", suffix: " 😀", start: 7, end: 9 },
    });
  });
});
