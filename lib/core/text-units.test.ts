import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextUnit, previousUnit, sentenceUnits, step, trimSpan, wordUnits } from "./text-units";
import { sliceCp } from "./text";

const sample =
  "Russian-led alliance CSTO had deployed reportedly sent a force of about 2,500 soldiers to Kazakhstan. Kremlin stated that Tokayev believes “a discussion is necessary”.";

describe("text units", () => {
  it("finds words and sentences in code points", () => {
    const words = wordUnits("😀 Hello world");
    expect(words.map((w) => sliceCp("😀 Hello world", w.start, w.end))).toEqual(["Hello", "world"]);
    expect(words[0]).toEqual({ start: 2, end: 7 });
    const sentences = sentenceUnits(sample);
    expect(sentences).toHaveLength(2);
    expect(sliceCp(sample, sentences[1]!.start, sentences[1]!.end)).toBe(
      "Kremlin stated that Tokayev believes “a discussion is necessary”.",
    );
  });

  it("selects the quote of the demo claim word by word", () => {
    const words = wordUnits(sample);
    let selection = null as { anchor: number; focus: number } | null;
    // Move to "reportedly", then extend to "soldiers".
    for (;;) {
      selection = step(words, selection, "forward", false);
      if (sliceCp(sample, selection!.anchor, selection!.focus) === "reportedly") break;
    }
    for (let i = 0; i < 7; i++) selection = step(words, selection, "forward", true);
    expect(sliceCp(sample, selection!.anchor, selection!.focus)).toBe("reportedly sent a force of about 2,500 soldiers");
    selection = step(words, selection, "backward", true);
    expect(sliceCp(sample, selection!.anchor, selection!.focus)).toBe("reportedly sent a force of about 2,500");
  });

  it("never shrinks an extended selection to nothing", () => {
    const words = wordUnits(sample);
    const first = step(words, null, "forward", false)!;
    expect(step(words, first, "backward", true)).toEqual(first);
  });

  it("trims whitespace off a span and keeps it inside the original", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), fc.nat(), fc.nat(), (text, a, b) => {
        const length = [...text].length;
        const start = Math.min(a, b) % (length + 1);
        const end = Math.max(start, Math.max(a, b) % (length + 1));
        const span = trimSpan(text, start, end);
        if (span === null) {
          expect(sliceCp(text, start, end).trim()).toBe("");
        } else {
          expect(span.start).toBeGreaterThanOrEqual(start);
          expect(span.end).toBeLessThanOrEqual(end);
          expect(sliceCp(text, span.start, span.end)).toBe(sliceCp(text, start, end).trim());
        }
      }),
    );
  });
});

describe("word and sentence spans", () => {
  it("keeps only word-like segments, counting astral characters and combining marks in code points", () => {
    // The emoji and the dash are not word-like; the CJK run splits into adjacent words.
    expect(wordUnits("It’s 2,500 😀 soldiers — 我是学生 𠀀 e\u0301te.")).toEqual([
      { start: 0, end: 4 },
      { start: 5, end: 10 },
      { start: 13, end: 21 },
      { start: 24, end: 26 },
      { start: 26, end: 28 },
      { start: 29, end: 30 },
      { start: 31, end: 35 },
    ]);
  });

  it("trims trailing spaces and line breaks off sentences and skips blank-line segments", () => {
    expect(sentenceUnits("One. Two.  \nThree?\n\nFour!")).toEqual([
      { start: 0, end: 4 },
      { start: 5, end: 9 },
      { start: 12, end: 18 },
      { start: 20, end: 25 },
    ]);
    expect(sentenceUnits("A 😀 b. C d.")).toEqual([
      { start: 0, end: 6 },
      { start: 7, end: 11 },
    ]);
    expect(sentenceUnits("")).toEqual([]);
  });
});

describe("nextUnit and previousUnit", () => {
  // "Hello big world": Hello 0..5, big 6..9, world 10..15.
  const units = wordUnits("Hello big world");

  it("finds the first unit starting at or after an offset", () => {
    expect(nextUnit(units, 0)).toEqual({ start: 0, end: 5 });
    expect(nextUnit(units, 1)).toEqual({ start: 6, end: 9 });
    expect(nextUnit(units, 6)).toEqual({ start: 6, end: 9 });
    expect(nextUnit(units, 10)).toEqual({ start: 10, end: 15 });
    expect(nextUnit(units, 11)).toBeNull();
  });

  it("finds the last unit ending at or before an offset", () => {
    expect(previousUnit(units, 15)).toEqual({ start: 10, end: 15 });
    expect(previousUnit(units, 14)).toEqual({ start: 6, end: 9 });
    expect(previousUnit(units, 5)).toEqual({ start: 0, end: 5 });
    expect(previousUnit(units, 4)).toBeNull();
    expect(previousUnit(units, 0)).toBeNull();
    expect(previousUnit([], 3)).toBeNull();
  });
});

describe("step", () => {
  // "Hello big world": Hello 0..5, big 6..9, world 10..15.
  const units = wordUnits("Hello big world");
  const sel = (anchor: number, focus: number) => ({ anchor, focus });

  it("starts at the first unit going forward and the last going backward", () => {
    expect(step(units, null, "forward", false)).toEqual(sel(0, 5));
    expect(step(units, null, "backward", false)).toEqual(sel(10, 15));
    expect(step(units, null, "backward", true)).toEqual(sel(10, 15));
    expect(step([], null, "forward", false)).toBeNull();
    expect(step([], null, "backward", false)).toBeNull();
  });

  it("moves to the unit after the selection's right end or before its left end, whichever way it was made", () => {
    expect(step(units, sel(0, 5), "forward", false)).toEqual(sel(6, 9));
    // A mouse selection "Hello " ends where "big" starts.
    expect(step(units, sel(0, 6), "forward", false)).toEqual(sel(6, 9));
    expect(step(units, sel(9, 6), "forward", false)).toEqual(sel(10, 15));
    expect(step(units, sel(9, 6), "backward", false)).toEqual(sel(0, 5));
    expect(step(units, sel(6, 9), "backward", false)).toEqual(sel(0, 5));
    expect(step(units, sel(15, 6), "backward", false)).toEqual(sel(0, 5));
  });

  it("moves between adjacent CJK words", () => {
    const cjk = wordUnits("我是学生");
    expect(step(cjk, sel(0, 2), "forward", false)).toEqual(sel(2, 4));
    expect(step(cjk, sel(2, 4), "backward", false)).toEqual(sel(0, 2));
  });

  it("keeps the selection when there is no unit to move to", () => {
    expect(step(units, sel(10, 15), "forward", false)).toEqual(sel(10, 15));
    expect(step(units, sel(0, 5), "backward", false)).toEqual(sel(0, 5));
  });

  it("extends forward word by word until the last word", () => {
    expect(step(units, sel(0, 5), "forward", true)).toEqual(sel(0, 9));
    expect(step(units, sel(0, 9), "forward", true)).toEqual(sel(0, 15));
    expect(step(units, sel(0, 15), "forward", true)).toEqual(sel(0, 15));
    // A caret before "big" extends over it.
    expect(step(units, sel(6, 6), "forward", true)).toEqual(sel(6, 9));
  });

  it("shrinks a backward-made selection from the left when extending forward, never past its anchor", () => {
    expect(step(units, sel(15, 6), "forward", true)).toEqual(sel(15, 10));
    expect(step(units, sel(15, 0), "forward", true)).toEqual(sel(15, 6));
    // Only "big" (or only "world") is selected: nothing may be dropped.
    expect(step(units, sel(9, 6), "forward", true)).toEqual(sel(9, 6));
    expect(step(units, sel(15, 10), "forward", true)).toEqual(sel(15, 10));
  });

  it("shrinks a forward-made selection from the right when extending backward, never past its anchor", () => {
    expect(step(units, sel(0, 15), "backward", true)).toEqual(sel(0, 9));
    expect(step(units, sel(0, 9), "backward", true)).toEqual(sel(0, 5));
    expect(step(units, sel(0, 5), "backward", true)).toEqual(sel(0, 5));
    expect(step(units, sel(6, 9), "backward", true)).toEqual(sel(6, 9));
    expect(step(units, sel(6, 15), "backward", true)).toEqual(sel(6, 9));
  });

  it("grows a backward-made selection leftwards when extending backward", () => {
    expect(step(units, sel(9, 6), "backward", true)).toEqual(sel(9, 0));
    expect(step(units, sel(15, 6), "backward", true)).toEqual(sel(15, 0));
    expect(step(units, sel(5, 0), "backward", true)).toEqual(sel(5, 0));
    // A caret after "Hello " extends back over it.
    expect(step(units, sel(6, 6), "backward", true)).toEqual(sel(6, 0));
  });
});

describe("trimSpan on literal spans", () => {
  // Code points: " \n Hello 😀 world\t \n" — Hello 3..8, 😀 9..10, world 11..16, length 19.
  const text = " \n Hello 😀 world\t \n";

  it("strips leading and trailing spaces, tabs and line breaks", () => {
    expect(trimSpan(text, 0, 19)).toEqual({ start: 3, end: 16 });
    expect(trimSpan(text, 8, 11)).toEqual({ start: 9, end: 10 });
    expect(trimSpan(text, 3, 8)).toEqual({ start: 3, end: 8 });
    expect(trimSpan("Hello  ", 0, 7)).toEqual({ start: 0, end: 5 });
  });

  it("returns null for a span of only whitespace or no characters", () => {
    expect(trimSpan(text, 16, 19)).toBeNull();
    expect(trimSpan(text, 0, 3)).toBeNull();
    expect(trimSpan(text, 5, 5)).toBeNull();
    expect(trimSpan("a   b", 1, 4)).toBeNull();
  });
});
