// Places a quote from another copy of a text (an import, an edited article) in canonical text: the
// stored position if the quote is still there, else the exact quote (lib/core/anchoring), else an
// approximate match. The approximate search ignores quote styles (curly against straight) and
// whitespace runs, allows a few edits proportional to the quote's length, and scores each candidate by
// how well its quote, prefix, suffix and position agree, the way the Hypothesis client re-anchors.
// It refuses rather than guesses: a candidate that barely beats another, or that agrees too little
// overall, is reported as a failure. Offsets in and out are code points.

import search from "approx-string-match";
import { anchorQuote } from "./anchoring";
import { makeOffsetMap, type OffsetMap } from "./text";

export interface SelectorQuery {
  exact: string;
  prefix?: string;
  suffix?: string;
  start?: number;
  end?: number;
  /** Only places this accepts are considered (UTF-16 indices, start and end; see QuoteQuery). */
  accept?: (start: number, end: number) => boolean;
  /**
   * Only places that overlap these stretches (UTF-16 indices) are looked for approximately; the search
   * then reads only the text around them. Re-anchoring passes what a revision changed.
   */
  near?: ReadonlyArray<{ start: number; end: number }>;
  /** Edits allowed in an approximate match, as a share of the quote's length (default MAX_ERROR_RATE). */
  maxErrorRate?: number;
}

export type SelectorAnchor =
  | { ok: true; method: "position" | "quote" | "fuzzy"; start: number; end: number; score?: number }
  | { ok: false; reason: string };

/** Edits allowed in a fuzzy quote match, as a share of the quote's length (after normalisation). */
export const MAX_ERROR_RATE = 0.15;
/** Quotes shorter than this (normalised) are never matched approximately: too many near-hits. */
export const MIN_FUZZY_LENGTH = 8;
/** A fuzzy match needs at least this combined score (0..1). */
export const MIN_FUZZY_SCORE = 0.6;
/**
 * Candidates are scored in points: up to 50 for the quote, 20 each for prefix and suffix, 2 for being
 * near the stored position. The best must beat every other, non-overlapping candidate by this many
 * points (a point is 2% of the quote's weight), measured before normalising so that context shared by
 * both candidates does not dilute the difference.
 */
export const AMBIGUITY_MARGIN = 1;

const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;
/** Context longer than this is compared only near the quote. */
const MAX_CONTEXT = 64;
/** Bounds the work on pathological inputs (a very common near-quote). */
const MAX_CANDIDATES = 200;

// Quote styles that readers and tools swap freely; each maps to its ASCII form.
const QUOTE_FOLDS: Readonly<Record<string, string>> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201A": "'",
  "\u201B": "'",
  "\u2032": "'",
  "\u00B4": "'",
  "\u0060": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u201E": '"',
  "\u201F": '"',
  "\u2033": '"',
  "\u00AB": '"',
  "\u00BB": '"',
};

interface Normalized {
  text: string;
  /** For each normalised UTF-16 unit, the original UTF-16 range it came from. */
  from: number[];
  to: number[];
}

/** Folds quote styles and collapses whitespace runs to one space, remembering where each unit came from. */
function normalize(s: string): Normalized {
  let text = "";
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < s.length; ) {
    const ch = s.charAt(i);
    if (/\s/.test(ch)) {
      let j = i + 1;
      while (j < s.length && /\s/.test(s.charAt(j))) j++;
      text += " ";
      from.push(i);
      to.push(j);
      i = j;
      continue;
    }
    text += QUOTE_FOLDS[ch] ?? ch;
    from.push(i);
    to.push(i + 1);
    i++;
  }
  return { text, from, to };
}

function normalizeString(s: string): string {
  return normalize(s.normalize("NFC")).text;
}

/** Levenshtein distance; inputs here are at most MAX_CONTEXT units long. */
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  // Stryker disable next-line MethodExpression: previous always has b.length + 1 entries, so the fallback never runs
  return previous[b.length] ?? Math.max(a.length, b.length);
}

function similarity(expected: string, actual: string): number {
  if (expected.length === 0) return 1;
  return Math.max(0, 1 - editDistance(expected, actual) / expected.length);
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

/**
 * Every approximate match of `pattern` in text[from, to), not only the lowest-error ones that
 * approx-string-match reports: the stretches between reported matches are searched again, so a
 * candidate with one more edit but far better context is still seen and can be scored.
 */
function collectCandidates(
  text: string,
  pattern: string,
  maxErrors: number,
  from: number,
  to: number,
  out: Candidate[],
): void {
  if (out.length >= MAX_CANDIDATES || to - from < pattern.length - maxErrors) return;
  const found = search(text.slice(from, to), pattern, maxErrors)
    .map((m) => ({ start: m.start + from, end: m.end + from, errors: m.errors }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  if (found.length === 0) return;

  // Matches overlapping the first of a run describe the same place; keep the one closest to the
  // pattern's length. (Chaining every overlap would merge a whole run of repetitive text into one.)
  const clusters: { start: number; end: number; firstEnd: number; best: Candidate }[] = [];
  const closer = (a: Candidate, b: Candidate) =>
    Math.abs(b.end - b.start - pattern.length) < Math.abs(a.end - a.start - pattern.length) ? b : a;
  for (const m of found) {
    const last = clusters[clusters.length - 1];
    if (last && m.start < last.firstEnd) {
      last.end = Math.max(last.end, m.end);
      last.best = closer(last.best, m);
    } else {
      clusters.push({ start: m.start, end: m.end, firstEnd: m.end, best: m });
    }
  }
  let gapStart = from;
  for (const cluster of clusters) {
    if (out.length >= MAX_CANDIDATES) return;
    out.push(cluster.best);
    collectCandidates(text, pattern, maxErrors, gapStart, cluster.start, out);
    gapStart = Math.max(gapStart, cluster.end);
  }
  collectCandidates(text, pattern, maxErrors, gapStart, to, out);
}

// An import anchors thousands of quotes in one article: its normalised form and offset map are made
// once per text, not once per quote.
let prepared: { text: string; norm: Normalized; map: OffsetMap } | undefined;
function prepare(text: string): { norm: Normalized; map: OffsetMap } {
  if (prepared?.text !== text) prepared = { text, norm: normalize(text), map: makeOffsetMap(text) };
  return prepared;
}

/** The first normalised unit that starts at or after a UTF-16 index of the original text. */
function normalizedIndex(norm: Normalized, utf16: number): number {
  let lo = 0;
  let hi = norm.from.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((norm.from[mid] ?? Infinity) < utf16) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Where in the normalised text to search: all of it, or around each stretch to be overlapped, by as
 * much as a match may be long on either side; ranges that meet are merged so no place is seen twice.
 */
function searchRanges(norm: Normalized, near: SelectorQuery["near"], reach: number): { start: number; end: number }[] {
  if (!near) return [{ start: 0, end: norm.text.length }];
  const ranges = near
    .map((r) => ({
      start: Math.max(0, normalizedIndex(norm, r.start) - reach),
      end: Math.min(norm.text.length, normalizedIndex(norm, r.end) + reach),
    }))
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push(r);
  }
  return merged;
}

function fuzzyAnchor(text: string, query: SelectorQuery): SelectorAnchor {
  const { norm, map } = prepare(text);
  const exact = normalizeString(query.exact).trim();
  if (exact.length < MIN_FUZZY_LENGTH) {
    return { ok: false, reason: "quote not found exactly, and too short to look for approximately" };
  }
  const prefix = normalizeString(query.prefix ?? "").slice(-MAX_CONTEXT);
  const suffix = normalizeString(query.suffix ?? "").slice(0, MAX_CONTEXT);
  const maxErrors = Math.floor(exact.length * (query.maxErrorRate ?? MAX_ERROR_RATE));

  let expectedStart: number | null = null;
  if (query.start !== undefined && Number.isInteger(query.start) && query.start >= 0 && query.start <= map.length) {
    // Where the stored position falls in the normalised text.
    const utf16 = map.toUtf16(query.start);
    const index = norm.from.findIndex((f, k) => (norm.to[k] ?? f) > utf16);
    expectedStart = index === -1 ? norm.text.length : index;
  }

  const found: Candidate[] = [];
  for (const range of searchRanges(norm, query.near, exact.length + maxErrors)) {
    collectCandidates(norm.text, exact, maxErrors, range.start, range.end, found);
  }
  const { accept } = query;
  const candidates = accept
    ? found.filter((c) => accept(norm.from[c.start] ?? text.length, norm.to[c.end - 1] ?? text.length))
    : found;
  // The search stops at MAX_CANDIDATES, so it may have missed the right place.
  if (found.length >= MAX_CANDIDATES) {
    return { ok: false, reason: "quote is close to too many places to choose one (ambiguous)" };
  }
  if (candidates.length === 0) return { ok: false, reason: "quote not found, even approximately" };

  const scored = candidates.map((c) => {
    let total = WEIGHTS.quote * (1 - c.errors / exact.length);
    let weight: number = WEIGHTS.quote;
    if (prefix.length > 0) {
      const before = norm.text.slice(Math.max(0, c.start - prefix.length), c.start);
      total += WEIGHTS.prefix * similarity(prefix, before);
      weight += WEIGHTS.prefix;
    }
    if (suffix.length > 0) {
      const after = norm.text.slice(c.end, c.end + suffix.length);
      total += WEIGHTS.suffix * similarity(suffix, after);
      weight += WEIGHTS.suffix;
    }
    if (expectedStart !== null && norm.text.length > 0) {
      total += WEIGHTS.position * (1 - Math.abs(c.start - expectedStart) / norm.text.length);
      weight += WEIGHTS.position;
    }
    return { ...c, points: total, score: total / weight };
  });
  scored.sort((a, b) => b.points - a.points || a.errors - b.errors);
  const [best] = scored;
  // Stryker disable next-line ObjectLiteral,BooleanLiteral,StringLiteral: unreachable, candidates is non-empty here so best is always defined
  if (!best) return { ok: false, reason: "quote not found, even approximately" };
  const rival = scored.find((c) => c.end <= best.start || c.start >= best.end);
  if (rival && rival.points > best.points - AMBIGUITY_MARGIN) {
    return { ok: false, reason: "quote matches several places about equally well (ambiguous)" };
  }
  if (best.score < MIN_FUZZY_SCORE) {
    return { ok: false, reason: `closest match agrees too little (score ${best.score.toFixed(2)})` };
  }

  // Back to the original text: from the first unit's start to the last unit's end, without the
  // whitespace a match may have picked up at its edges.
  let fromUtf16 = norm.from[best.start] ?? text.length;
  let toUtf16 = norm.to[best.end - 1] ?? text.length;
  while (fromUtf16 < toUtf16 && /\s/.test(text.charAt(fromUtf16))) fromUtf16++;
  while (toUtf16 > fromUtf16 && /\s/.test(text.charAt(toUtf16 - 1))) toUtf16--;
  // Stryker disable next-line ObjectLiteral,BooleanLiteral,StringLiteral: unreachable, a candidate is >= 7 normalised units and the normalised text never has two spaces in a row
  if (toUtf16 <= fromUtf16) return { ok: false, reason: "closest match is only whitespace" };
  const start = map.toCp(fromUtf16);
  let end = map.toCp(toUtf16);
  if (map.toUtf16(end) < toUtf16) end++;
  const matched = text.slice(map.toUtf16(start), map.toUtf16(end));
  return { ok: true, method: matched === query.exact.normalize("NFC") ? "quote" : "fuzzy", start, end, score: best.score };
}

/**
 * Anchors W3C selectors in canonical text: position (when the text there equals `exact`), then the
 * exact quote (unique, or singled out by prefix/suffix), then an approximate match. A fuzzy result
 * carries its score (0..1); its text differs from `exact`, so callers re-describe the span from the text.
 */
export function anchorSelectors(text: string, s: SelectorQuery): SelectorAnchor {
  if (s.exact.length === 0) return { ok: false, reason: "empty quote" };
  const exact = anchorQuote(text, s);
  if (exact.ok) {
    return { ok: true, method: exact.method === "position" ? "position" : "quote", start: exact.anchor.start, end: exact.anchor.end };
  }
  // Stryker disable next-line ObjectLiteral,BooleanLiteral,StringLiteral: unreachable, an empty exact returned above and anchorQuote reports empty_quote only for an empty exact
  if (exact.code === "empty_quote") return { ok: false, reason: "empty quote" };
  const fuzzy = fuzzyAnchor(text, s);
  if (!fuzzy.ok && exact.code === "ambiguous_quote") {
    return { ok: false, reason: "quote occurs several times and nothing singles one out (ambiguous)" };
  }
  return fuzzy;
}
