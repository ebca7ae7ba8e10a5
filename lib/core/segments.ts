// Splits a text range into flat segments for rendering overlapping highlights: each segment lists the
// spans covering it, so the UI can nest or stack marks without ever overlapping DOM elements.

export interface Span {
  id: string;
  start: number;
  end: number;
}

export interface Segment {
  start: number;
  end: number;
  /** Ids of the spans covering the segment, ordered by span start, then longer first, then id. */
  ids: string[];
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Index at which `value` would be inserted to keep `sorted` ascending. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Infinity) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Partitions [0, length) at every span boundary and every extra break offset (such as paragraph starts).
 * Spans are clamped to the range and empty ones ignored, so a stale highlight never breaks rendering;
 * non-integer offsets are bugs and throw. Adjacent segments with the same ids are merged unless a break
 * separates them. Sweep line: O((n + m) log n) for n spans and m breaks, plus the size of the output.
 */
// Stryker disable next-line ArrayDeclaration: a non-number default break is dropped by the Number.isInteger filter, so it segments like []
export function segmentText(length: number, spans: readonly Span[], breaks: readonly number[] = []): Segment[] {
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`invalid length ${length}`);
  for (const span of spans) {
    if (!Number.isInteger(span.start) || !Number.isInteger(span.end)) {
      throw new RangeError(`span ${span.id} has non-integer offsets ${span.start}..${span.end}`);
    }
  }
  if (length === 0) return [];

  const clamp = (n: number) => Math.min(Math.max(n, 0), length);
  const ranked = spans
    .map((span) => ({ id: span.id, start: clamp(span.start), end: clamp(span.end) }))
    .filter((span) => span.start < span.end)
    .sort((a, b) => a.start - b.start || b.end - a.end || compareIds(a.id, b.id));

  // Each span enters at its start and leaves at its end; the rank keeps the id order stable.
  const starts = new Map<number, number[]>();
  const ends = new Map<number, number[]>();
  const addEvent = (events: Map<number, number[]>, at: number, rank: number) => {
    const list = events.get(at);
    if (list) list.push(rank);
    else events.set(at, [rank]);
  };
  ranked.forEach((span, rank) => {
    addEvent(starts, span.start, rank);
    addEvent(ends, span.end, rank);
  });

  const breakSet = new Set(breaks.filter((b) => Number.isInteger(b) && b > 0 && b < length));
  const cuts = [...new Set([0, length, ...starts.keys(), ...ends.keys(), ...breakSet])].sort((a, b) => a - b);
  const duplicateIds = new Set(ranked.map((s) => s.id)).size !== ranked.length;

  const active: number[] = [];
  const segments: Segment[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const at = cuts[k] ?? 0;
    const next = cuts[k + 1] ?? length;
    for (const rank of ends.get(at) ?? []) active.splice(lowerBound(active, rank), 1);
    for (const rank of starts.get(at) ?? []) active.splice(lowerBound(active, rank), 0, rank);

    // Stryker disable next-line OptionalChaining,StringLiteral: active only holds indexes of ranked, so ranked[rank] is always defined
    let ids = active.map((rank) => ranked[rank]?.id ?? "");
    if (duplicateIds) ids = [...new Set(ids)];

    const previous = segments[segments.length - 1];
    if (previous && !breakSet.has(at) && sameIds(previous.ids, ids)) previous.end = next;
    else segments.push({ start: at, end: next, ids });
  }
  return segments;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
