// Words and sentences of a text as code-point spans, for the keyboard path of marking a claim: the
// reader moves a selection word by word or sentence by sentence and extends it.
import { makeOffsetMap } from "./text";

export interface Unit {
  start: number;
  end: number;
}

function segments(text: string, granularity: "word" | "sentence"): Unit[] {
  const map = makeOffsetMap(text);
  const units: Unit[] = [];
  for (const part of new Intl.Segmenter("en", { granularity }).segment(text)) {
    if (granularity === "word" && !part.isWordLike) continue;
    // Sentences carry their trailing spaces and line breaks; a claim never should.
    const trimmed = granularity === "sentence" ? part.segment.trimEnd() : part.segment;
    if (!trimmed.trim()) continue;
    const from = part.index;
    units.push({ start: map.toCp(from), end: map.toCp(from + trimmed.length) });
  }
  return units;
}

export function wordUnits(text: string): Unit[] {
  return segments(text, "word");
}

export function sentenceUnits(text: string): Unit[] {
  return segments(text, "sentence");
}

/** The first unit that starts at or after `offset`, or null at the end. */
export function nextUnit(units: readonly Unit[], offset: number): Unit | null {
  let lo = 0;
  let hi = units.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (units[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return units[lo] ?? null;
}

/** The last unit that ends at or before `offset`, or null at the start. */
export function previousUnit(units: readonly Unit[], offset: number): Unit | null {
  let lo = 0;
  let hi = units.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (units[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? units[lo - 1]! : null;
}

/**
 * One keyboard step. Without extend, the selection becomes the next (or previous) unit; with extend,
 * the selection's moving end jumps to the next (or previous) unit boundary, the other end stays.
 */
export function step(
  units: readonly Unit[],
  selection: { anchor: number; focus: number } | null,
  direction: "forward" | "backward",
  extend: boolean,
): { anchor: number; focus: number } | null {
  if (!selection) {
    const first = direction === "forward" ? units[0] : units[units.length - 1];
    return first ? { anchor: first.start, focus: first.end } : null;
  }
  const lo = Math.min(selection.anchor, selection.focus);
  const hi = Math.max(selection.anchor, selection.focus);
  if (!extend) {
    const unit = direction === "forward" ? nextUnit(units, hi) : previousUnit(units, lo);
    return unit ? { anchor: unit.start, focus: unit.end } : selection;
  }
  const { anchor, focus } = selection;
  let next: number | undefined;
  if (direction === "forward") {
    // Selection grows rightwards past the anchor, or shrinks from the left while before it.
    next = focus >= anchor ? nextUnit(units, focus)?.end : nextUnit(units, focus + 1)?.start;
    if (next !== undefined && focus < anchor && next > anchor) next = anchor;
  } else {
    // Selection shrinks from the right while past the anchor, or grows leftwards before it.
    const last = previousUnit(units, focus);
    next = focus > anchor ? (last ? previousUnit(units, last.start)?.end : undefined) : last?.start;
    if (next !== undefined && focus > anchor && next < anchor) next = anchor;
  }
  // Never let the selection shrink to nothing: it keeps at least the anchor's unit.
  if (next === undefined || next === anchor) return selection;
  return { anchor, focus: next };
}

/** Strips whitespace from both ends of a span, as a selection made with a mouse often carries it. */
export function trimSpan(text: string, start: number, end: number): Unit | null {
  const map = makeOffsetMap(text);
  let from = map.toUtf16(start);
  let to = map.toUtf16(end);
  while (from < to && /\s/u.test(text[from]!)) from++;
  while (to > from && /\s/u.test(text[to - 1]!)) to--;
  return from < to ? { start: map.toCp(from), end: map.toCp(to) } : null;
}
