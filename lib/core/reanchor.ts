// Re-anchors claims when their article's text changes (a new revision), the way Hypothesis keeps notes
// on changing pages, but through the revision's diff first:
//
// - exact: the claim's words are unchanged and still where they were (the diff maps its span there);
// - moved: its words are unchanged but elsewhere (a moved paragraph), found by the quote and its context;
// - fuzzy: its words changed a little; the closest match by quote and context, with its score (0..1);
// - orphaned: nothing close enough. The claim keeps its old quote; nothing is guessed.
//
// A place the old text already had, unchanged, is never taken for a claim whose own place changed:
// those words were there before, apart from the claim, so finding them again is not finding the claim.
// Offsets in and out are code points, as everywhere in the app.

import { anchorQuote, describeSpan, type ClaimAnchor } from "./anchoring";
import { anchorSelectors, type SelectorAnchor } from "./fuzzy-anchor";
import { makeOffsetMap, type OffsetMap } from "./text";
import { diffIndex, diffWords, type DiffOp } from "./word-diff";

/**
 * Edits allowed when looking for a claim's words where they were (a share of the quote's length): a
 * corrected figure or a reworded phrase still finds the claim there, and sends it back to review.
 * Elsewhere, the import's stricter rate applies (fuzzy-anchor's MAX_ERROR_RATE).
 */
export const AT_PLACE_ERROR_RATE = 0.4;

export const ANCHOR_STATUSES = ["exact", "moved", "fuzzy", "orphaned"] as const;
export type AnchorStatus = (typeof ANCHOR_STATUSES)[number];

/** A claim's selectors in the old text (code points). */
export interface StoredSelectors {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

export type Reanchored =
  | { status: "exact" | "moved" | "fuzzy"; anchor: ClaimAnchor; score: number }
  | { status: "orphaned"; reason: string; score: 0 };

export interface ReanchorSummary {
  exact: number;
  moved: number;
  fuzzy: number;
  orphaned: number;
}

export function isAnchorStatus(value: unknown): value is AnchorStatus {
  return (ANCHOR_STATUSES as readonly unknown[]).includes(value);
}

/** How many claims ended in each status. */
export function summarise(results: readonly Reanchored[]): ReanchorSummary {
  const summary: ReanchorSummary = { exact: 0, moved: 0, fuzzy: 0, orphaned: 0 };
  for (const r of results) summary[r.status]++;
  return summary;
}

/**
 * What a revision did to the claims, in words, for every page and report that says it: "1 moved, 2
 * changed, 1 gone"; null when no claim moved, changed or went.
 */
export function summaryText(summary: ReanchorSummary): string | null {
  const parts = [
    summary.moved > 0 ? `${summary.moved} moved` : null,
    summary.fuzzy > 0 ? `${summary.fuzzy} changed` : null,
    summary.orphaned > 0 ? `${summary.orphaned} gone` : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(", ") : null;
}

/**
 * Re-anchors every claim of an article from its old text to its new one. `ops` may pass the diff of the
 * two texts when the caller has it already (it is the revision's diff too).
 */
export function reanchorClaims(
  oldText: string,
  newText: string,
  claims: readonly StoredSelectors[],
  ops: readonly DiffOp[] = diffWords(oldText, newText),
): Reanchored[] {
  const oldMap = makeOffsetMap(oldText);
  const newMap = makeOffsetMap(newText);
  const index = diffIndex(ops);
  const accept = (start: number, end: number) => !index.unchanged(start, end);
  // What the revision changed, in the new text: inserted words, and the points where words were deleted.
  // A claim that lost its place can only be found overlapping one of these.
  const changes = ops.flatMap((op) =>
    op.kind === "equal" ? [] : [{ start: op.newStart, end: op.newStart + (op.kind === "insert" ? op.text.length : 0) }],
  );

  return claims.map((claim): Reanchored => {
    const old = placeInOld(oldText, oldMap, claim);
    if (!old) {
      // Where it was is unknown, so is what the revision left of it: every place is a candidate.
      return settle(anchorSelectors(newText, { exact: claim.exact, prefix: claim.prefix, suffix: claim.suffix }), false);
    }

    // Through the diff: the same words, at the place the old ones map to.
    const from = oldMap.toUtf16(old.start);
    const start = index.toNew(from, "start");
    const end = index.toNew(oldMap.toUtf16(old.end), "end");
    if (start !== null && end !== null && newText.slice(start, end) === claim.exact) {
      return { status: "exact", anchor: describeSpan(newText, newMap.toCp(start), newMap.toCp(end)), score: 1 };
    }

    // Otherwise search what replaced its old place first: found there, the claim stayed where it was
    // (exact) or its words were edited (fuzzy). Only then elsewhere, among places the revision changed:
    // a moved paragraph. In that order, a copy of the quote elsewhere never wins over the claim's own
    // edited words.
    const place = index.replacement(from);
    const hint = newMap.toCp(place.start);
    const query = { exact: claim.exact, prefix: claim.prefix, suffix: claim.suffix, start: hint, end: hint + (old.end - old.start) };
    const atPlace = anchorSelectors(newText, {
      ...query,
      accept: (s, e) => s <= place.end && e >= place.start && accept(s, e),
      near: [place],
      // There the place is known, so more of the words may have changed: up to two in five.
      maxErrorRate: AT_PLACE_ERROR_RATE,
    });
    if (atPlace.ok) return settle(atPlace, true);
    return settle(anchorSelectors(newText, { ...query, accept, near: changes }), false);
  });

  function settle(found: SelectorAnchor, inPlace: boolean): Reanchored {
    if (!found.ok) return { status: "orphaned", reason: found.reason, score: 0 };
    const anchor = describeSpan(newText, found.start, found.end);
    if (found.method === "fuzzy") return { status: "fuzzy", anchor, score: found.score ?? 0 };
    return { status: inPlace ? "exact" : "moved", anchor, score: 1 };
  }
}

/**
 * Where a claim's quote was in the old text: its stored span when that reads the quote, else where the
 * quote is found exactly (a span stored against another copy of the text). Null when it is not there.
 */
function placeInOld(oldText: string, oldMap: OffsetMap, claim: StoredSelectors): { start: number; end: number } | null {
  const { start, end } = claim;
  if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= oldMap.length) {
    if (oldText.slice(oldMap.toUtf16(start), oldMap.toUtf16(end)) === claim.exact) return { start, end };
  }
  // Rare (a damaged row), so this search of the other text may cost the anchoring caches a rebuild.
  const found = anchorQuote(oldText, { exact: claim.exact, prefix: claim.prefix, suffix: claim.suffix });
  return found.ok ? { start: found.anchor.start, end: found.anchor.end } : null;
}
