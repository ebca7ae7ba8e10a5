// Anchors claims in canonical article text with W3C selectors, the way the Hypothesis client does:
// trust the stored position if the quote is still there, else search for the quote and use its context.
// A match is only ever accepted when the text at it equals the quote exactly.

import { makeOffsetMap, type OffsetMap } from "./text";

export interface QuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

/** Code-point offsets into the canonical text, end exclusive. */
export interface PositionSelector {
  start: number;
  end: number;
}

export type ClaimAnchor = QuoteSelector & PositionSelector;

export const CONTEXT_LENGTH = 32;

export type AnchorMethod = "position" | "context" | "unique";
export type AnchorFailure = "quote_not_found" | "ambiguous_quote" | "empty_quote";

export type AnchorResult =
  | { ok: true; anchor: ClaimAnchor; method: AnchorMethod }
  | { ok: false; code: AnchorFailure };

export interface QuoteQuery {
  exact: string;
  prefix?: string;
  suffix?: string;
  start?: number;
  end?: number;
  /**
   * Only places this accepts are considered (UTF-16 indices, start and end, since it filters many
   * candidates). Re-anchoring refuses places the old text already had unchanged.
   */
  accept?: (start: number, end: number) => boolean;
}

// Anchoring many claims against one article reuses the same map instead of rescanning the text per claim.
let cached: { text: string; map: OffsetMap } | null = null;

function offsetMapFor(text: string): OffsetMap {
  if (cached?.text !== text) cached = { text, map: makeOffsetMap(text) };
  return cached.map;
}

function describeWithMap(text: string, map: OffsetMap, start: number, end: number): ClaimAnchor {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > map.length || start >= end) {
    throw new RangeError(`invalid span ${start}..${end} for a text of ${map.length} code points`);
  }
  const from = map.toUtf16(start);
  const to = map.toUtf16(end);
  return {
    exact: text.slice(from, to),
    prefix: text.slice(map.toUtf16(Math.max(0, start - CONTEXT_LENGTH)), from),
    suffix: text.slice(to, map.toUtf16(Math.min(map.length, end + CONTEXT_LENGTH))),
    start,
    end,
  };
}

/** The selectors for a code-point span of canonical text: the quote plus up to 32 code points each side. */
export function describeSpan(text: string, start: number, end: number): ClaimAnchor {
  return describeWithMap(text, offsetMapFor(text), start, end);
}

/** Length of the common run of `a` ending at `aEnd` and the end of `b`, in UTF-16 units. */
function commonSuffixLength(a: string, aEnd: number, b: string): number {
  let n = 0;
  while (n < b.length && n < aEnd && a.charCodeAt(aEnd - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

/** Length of the common run of `a` starting at `aStart` and the start of `b`, in UTF-16 units. */
function commonPrefixLength(a: string, aStart: number, b: string): number {
  let n = 0;
  while (n < b.length && aStart + n < a.length && a.charCodeAt(aStart + n) === b.charCodeAt(n)) n++;
  return n;
}

/**
 * Finds where a quote sits in canonical text. Tries the stored position first, then every exact
 * occurrence of the quote: the one whose surroundings best agree with the stored prefix/suffix wins, or
 * the only one. Ties and zero-context matches among several occurrences are reported as ambiguous
 * rather than guessed.
 */
export function anchorQuote(text: string, query: QuoteQuery): AnchorResult {
  const exact = query.exact.normalize("NFC");
  if (exact.length === 0) return { ok: false, code: "empty_quote" };
  const map = offsetMapFor(text);

  const { start, end } = query;
  if (
    start !== undefined &&
    end !== undefined &&
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    start >= 0 &&
    start < end &&
    end <= map.length &&
    text.slice(map.toUtf16(start), map.toUtf16(end)) === exact &&
    (query.accept?.(map.toUtf16(start), map.toUtf16(end)) ?? true)
  ) {
    return { ok: true, anchor: describeWithMap(text, map, start, end), method: "position" };
  }

  // Occurrences as UTF-16 indices; overlapping ones count. A hit that splits a surrogate pair would not
  // round-trip to the same text, so it is dropped here rather than accepted as a near match.
  const occurrences: number[] = [];
  for (let i = text.indexOf(exact); i !== -1; i = text.indexOf(exact, i + 1)) {
    const cpStart = map.toCp(i);
    if (
      map.toUtf16(cpStart) === i &&
      map.toUtf16(map.toCp(i + exact.length)) === i + exact.length &&
      (query.accept?.(i, i + exact.length) ?? true)
    ) {
      occurrences.push(i);
    }
  }
  if (occurrences.length === 0) return { ok: false, code: "quote_not_found" };

  const accept = (i: number, method: AnchorMethod): AnchorResult => ({
    ok: true,
    anchor: describeWithMap(text, map, map.toCp(i), map.toCp(i + exact.length)),
    method,
  });

  const prefix = (query.prefix ?? "").normalize("NFC");
  const suffix = (query.suffix ?? "").normalize("NFC");
  if (prefix.length > 0 || suffix.length > 0) {
    let bestScore = 0;
    let best: number[] = [];
    for (const i of occurrences) {
      const score =
        commonSuffixLength(text, i, prefix) + commonPrefixLength(text, i + exact.length, suffix);
      if (score > bestScore) {
        bestScore = score;
        best = [i];
      } else if (score === bestScore && score > 0) {
        best.push(i);
      }
    }
    const [winner] = best;
    if (winner !== undefined && best.length === 1) return accept(winner, "context");
  }

  const [only] = occurrences;
  if (only !== undefined && occurrences.length === 1) return accept(only, "unique");
  return { ok: false, code: "ambiguous_quote" };
}
