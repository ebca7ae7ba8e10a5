// Tests for splitting overlapping highlights into flat render segments.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Span, segmentText } from "./segments";

const spansArb = (length: number) =>
  fc.array(
    fc.record({ id: fc.constantFrom("a", "b", "c", "d", "e", "f"), x: fc.nat(length), y: fc.nat(length) }),
    { maxLength: 12 },
  ).map((raw) => {
    // Unique ids so "the set of spans containing an offset" is well defined.
    const seen = new Set<string>();
    return raw
      .filter(({ id }) => !seen.has(id) && seen.add(id))
      .map(({ id, x, y }): Span => ({ id, start: Math.min(x, y), end: Math.max(x, y) }));
  });

const caseArb = fc.integer({ min: 0, max: 40 }).chain((length) =>
  fc.tuple(fc.constant(length), spansArb(length), fc.array(fc.nat(length + 2), { maxLength: 5 })),
);

describe("segmentText", () => {
  it("puts the longer of two spans with the same start first, whatever their ids", () => {
    // "a-short" sorts before "z-long" by id, so only the length rule puts z-long first.
    const spans: Span[] = [
      { id: "a-short", start: 3, end: 5 },
      { id: "z-long", start: 3, end: 9 },
    ];
    expect(segmentText(10, spans)).toEqual([
      { start: 0, end: 3, ids: [] },
      { start: 3, end: 5, ids: ["z-long", "a-short"] },
      { start: 5, end: 9, ids: ["z-long"] },
      { start: 9, end: 10, ids: [] },
    ]);
  });

  it("splits overlapping spans and orders ids by start, then longer first, then id", () => {
    const spans: Span[] = [
      { id: "inner", start: 4, end: 6 },
      { id: "outer", start: 2, end: 10 },
      { id: "twin-b", start: 2, end: 10 },
      { id: "late", start: 8, end: 12 },
    ];
    expect(segmentText(14, spans)).toEqual([
      { start: 0, end: 2, ids: [] },
      { start: 2, end: 4, ids: ["outer", "twin-b"] },
      { start: 4, end: 6, ids: ["outer", "twin-b", "inner"] },
      { start: 6, end: 8, ids: ["outer", "twin-b"] },
      { start: 8, end: 10, ids: ["outer", "twin-b", "late"] },
      { start: 10, end: 12, ids: ["late"] },
      { start: 12, end: 14, ids: [] },
    ]);
  });

  it("cuts at breaks even when the ids on both sides are the same", () => {
    expect(segmentText(10, [{ id: "x", start: 2, end: 8 }], [5, 0, 10, 99])).toEqual([
      { start: 0, end: 2, ids: [] },
      { start: 2, end: 5, ids: ["x"] },
      { start: 5, end: 8, ids: ["x"] },
      { start: 8, end: 10, ids: [] },
    ]);
  });

  it("merges the pieces of one id split into adjacent spans, and clamps stale spans", () => {
    const spans: Span[] = [
      { id: "x", start: 0, end: 3 },
      { id: "x", start: 3, end: 6 },
      { id: "gone", start: 8, end: 50 },
      { id: "empty", start: 4, end: 4 },
    ];
    expect(segmentText(10, spans)).toEqual([
      { start: 0, end: 6, ids: ["x"] },
      { start: 6, end: 8, ids: [] },
      { start: 8, end: 10, ids: ["gone"] },
    ]);
  });

  it("returns nothing for empty text and rejects fractional offsets", () => {
    expect(segmentText(0, [{ id: "a", start: 0, end: 0 }])).toEqual([]);
    expect(() => segmentText(5, [{ id: "a", start: 0.5, end: 2 }])).toThrow(RangeError);
  });

  it("tiles [0, length) and lists exactly the spans covering each offset (property)", () => {
    fc.assert(
      fc.property(caseArb, ([length, spans, breaks]) => {
        const segments = segmentText(length, spans, breaks);
        let at = 0;
        for (const segment of segments) {
          expect(segment.start).toBe(at);
          expect(segment.end).toBeGreaterThan(segment.start);
          at = segment.end;
        }
        expect(at).toBe(length);
        for (const segment of segments) {
          for (let offset = segment.start; offset < segment.end; offset++) {
            const covering = spans.filter((s) => s.start <= offset && offset < s.end).map((s) => s.id);
            expect([...segment.ids].sort()).toEqual(covering.sort());
          }
        }
        const cuts = new Set(segments.map((s) => s.start));
        for (const b of breaks) if (b > 0 && b < length) expect(cuts.has(b)).toBe(true);
      }),
    );
  });

  it("segments 1,000 heavily overlapping spans with 200 breaks: 333 two-span overlaps", () => {
    const spans: Span[] = Array.from({ length: 1000 }, (_, i) => ({
      id: `claim-${i}`,
      start: i * 100,
      end: i * 100 + (i % 3 === 0 ? 160 : 80),
    }));
    const breaks = Array.from({ length: 200 }, (_, i) => i * 500);
    const segments = segmentText(100_100, spans, breaks);
    expect(segments.filter((s) => s.ids.length === 2)).toHaveLength(333);
  });
});

describe("segmentText input rules", () => {
  it("rejects a negative, fractional or non-finite length with a RangeError naming it", () => {
    for (const [length, message] of [
      [-1, "invalid length -1"],
      [2.5, "invalid length 2.5"],
      [Number.NaN, "invalid length NaN"],
      [Infinity, "invalid length Infinity"],
    ] as const) {
      // An error instance checks both the class and the exact message.
      expect(() => segmentText(length, [])).toThrow(new RangeError(message));
    }
  });

  it("rejects a span with a fractional or NaN offset, naming the span, even for empty text", () => {
    for (const [length, span, message] of [
      [5, { id: "a", start: 0.5, end: 2 }, "span a has non-integer offsets 0.5..2"],
      [5, { id: "b", start: 1, end: Number.NaN }, "span b has non-integer offsets 1..NaN"],
      [0, { id: "c", start: 0, end: 0.25 }, "span c has non-integer offsets 0..0.25"],
    ] as const) {
      // An error instance checks both the class and the exact message.
      expect(() => segmentText(length, [span])).toThrow(new RangeError(message));
    }
  });

  it("ignores breaks at or outside the ends and non-integer breaks", () => {
    expect(segmentText(10, [], [-3, 0, 2.5, Number.NaN, Infinity, -Infinity, 10, 11])).toEqual([
      { start: 0, end: 10, ids: [] },
    ]);
    expect(segmentText(10, [{ id: "x", start: 0, end: 10 }], [-1, 4, 4])).toEqual([
      { start: 0, end: 4, ids: ["x"] },
      { start: 4, end: 10, ids: ["x"] },
    ]);
  });

  it("orders spans with the same start and end by id in UTF-16 code unit order, whatever the input order", () => {
    const ids = ["c", "\u00e9", "a", "Z", "b", "B"];
    const spans = ids.map((id): Span => ({ id, start: 1, end: 3 }));
    const expected = ["B", "Z", "a", "b", "c", "\u00e9"];
    expect(segmentText(4, spans)).toEqual([
      { start: 0, end: 1, ids: [] },
      { start: 1, end: 3, ids: expected },
      { start: 3, end: 4, ids: [] },
    ]);
    expect(segmentText(4, [...spans].reverse())[1]?.ids).toEqual(expected);
  });

  it("lists an id once where spans sharing it overlap, and merges around that", () => {
    const spans: Span[] = [
      { id: "x", start: 0, end: 6 },
      { id: "x", start: 3, end: 9 },
      { id: "y", start: 4, end: 5 },
    ];
    expect(segmentText(10, spans)).toEqual([
      { start: 0, end: 4, ids: ["x"] },
      { start: 4, end: 5, ids: ["x", "y"] },
      { start: 5, end: 9, ids: ["x"] },
      { start: 9, end: 10, ids: [] },
    ]);
  });

  it("keeps touching spans with different ids apart, and a break on a boundary adds no empty segment", () => {
    const spans: Span[] = [
      { id: "a", start: 0, end: 3 },
      { id: "b", start: 3, end: 6 },
    ];
    expect(segmentText(8, spans, [3, 6])).toEqual([
      { start: 0, end: 3, ids: ["a"] },
      { start: 3, end: 6, ids: ["b"] },
      { start: 6, end: 8, ids: [] },
    ]);
  });
});
