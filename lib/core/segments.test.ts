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
