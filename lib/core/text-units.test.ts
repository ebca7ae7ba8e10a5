import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sentenceUnits, step, trimSpan, wordUnits } from "./text-units";
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
