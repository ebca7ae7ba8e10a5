// Re-anchoring, case by case: the paths a property test rarely takes (a claim found again at its own
// place though the diff could not map it, words reworded past what a search elsewhere allows, a moved
// paragraph whose words were also edited, stored selectors that do not fit the old text).
import { describe, expect, test } from "vitest";
import { describeSpan } from "./anchoring";
import { AT_PLACE_ERROR_RATE, isAnchorStatus, reanchorClaims, summaryText, type Reanchored, type StoredSelectors } from "./reanchor";
import { codePointLength } from "./text";
import { diffWords } from "./word-diff";

function claimOn(text: string, quote: string): StoredSelectors {
  const at = text.indexOf(quote);
  if (at === -1) throw new Error(`"${quote}" is not in the text`);
  const start = codePointLength(text.slice(0, at));
  return describeSpan(text, start, start + codePointLength(quote));
}

const placed = (text: string, r: Reanchored | undefined) => (r && r.status !== "orphaned" ? text.slice(r.anchor.start, r.anchor.end) : null);

describe("reanchorClaims: at the claim's own place", () => {
  test("a claim the diff folded into a replacement is found where it was: exact, not moved", () => {
    const before = "Officials said the Russian troops arrived on Thursday.";
    const after = "Officials said the Kazakh-led troops departed on Thursday.";
    // The short unchanged word between two replacements is shown as part of one replaced phrase.
    expect(diffWords(before, after).some((op) => op.kind === "equal" && op.text.includes("troops"))).toBe(false);
    const [result] = reanchorClaims(before, after, [claimOn(before, "troops")]);
    expect(result).toMatchObject({ status: "exact", score: 1 });
    expect(placed(after, result)).toBe("troops");
  });

  test("words reworded past the search elsewhere's limit are still found at their place, with a lower score", () => {
    const before = "In the capital, the alliance sent about 2,500 soldiers to Almaty on Thursday, officials said.";
    const after = "In the capital, the alliance sent nearly 2,500 troops to Almaty on Thursday, officials said.";
    const [result] = reanchorClaims(before, after, [claimOn(before, "the alliance sent about 2,500 soldiers to Almaty")]);
    expect(result?.status).toBe("fuzzy");
    expect(placed(after, result)).toBe("the alliance sent nearly 2,500 troops to Almaty");
    expect(result?.score).toBeLessThan(0.9);
    expect(AT_PLACE_ERROR_RATE).toBe(0.4);
  });

  test("words rewritten beyond recognition are orphaned, not matched to whatever replaced them", () => {
    const before = "First paragraph stays.\n\nThe alliance sent about 2,500 soldiers to Almaty.\n\nLast paragraph stays.";
    const after = "First paragraph stays.\n\nA spokesman declined every request for comment today.\n\nLast paragraph stays.";
    const [result] = reanchorClaims(before, after, [claimOn(before, "The alliance sent about 2,500 soldiers to Almaty.")]);
    expect(result?.status).toBe("orphaned");
  });
});

describe("reanchorClaims: elsewhere", () => {
  test("a paragraph moved and edited: the claim is fuzzy at the paragraph's new place", () => {
    const a = "The opening paragraph sets the scene for readers today.";
    const b = "The alliance said about 2,500 soldiers were deployed to the city of Almaty.";
    const c = "A closing paragraph with other facts and figures for readers.";
    const before = [a, b, c].join("\n\n");
    const after = [a, c, b.replace("about 2,500", "about 2,600")].join("\n\n");
    const [result] = reanchorClaims(before, after, [claimOn(before, "about 2,500 soldiers were deployed to the city")]);
    expect(result?.status).toBe("fuzzy");
    expect(placed(after, result)).toBe("about 2,600 soldiers were deployed to the city");
  });
});

describe("reanchorClaims: stored selectors that do not fit the old text", () => {
  const before = "The alliance sent about 2,500 soldiers. The Kremlin said so.";
  const after = `Update.\n\n${before}`;
  const good = claimOn(before, "about 2,500 soldiers");

  test.each([
    ["a negative start", { start: -3 }],
    ["a start after the end", { start: 30, end: 20 }],
    ["an empty span", { start: 14, end: 14 }],
    ["an end past the text", { end: 500 }],
    ["offsets that are not whole numbers", { start: 14.5, end: 34.5 }],
  ])("%s: the quote is looked for in the old text instead", (_, broken) => {
    const [result] = reanchorClaims(before, after, [{ ...good, ...broken }]);
    expect(result).toMatchObject({ status: "exact", score: 1 });
    expect(placed(after, result)).toBe("about 2,500 soldiers");
  });

  test("a quote the old text never had is looked for in the new one: moved when there, orphaned when not", () => {
    const foreign = { exact: "The Kremlin said so", prefix: "", suffix: "", start: 0, end: 19 };
    const other = "A different text. The Kremlin said so, later.";
    const [found] = reanchorClaims("Nothing of the kind here at all.", other, [foreign]);
    expect(found).toMatchObject({ status: "moved", score: 1 });
    expect(placed(other, found)).toBe("The Kremlin said so");
    expect(reanchorClaims("Nothing here.", "Nothing there.", [foreign])[0]?.status).toBe("orphaned");
  });
});

describe("isAnchorStatus", () => {
  test("knows the four outcomes and nothing else", () => {
    for (const status of ["exact", "moved", "fuzzy", "orphaned"]) expect(isAnchorStatus(status)).toBe(true);
    for (const other of ["", "Exact", "lost", null, 1]) expect(isAnchorStatus(other)).toBe(false);
  });
});

describe("summaryText", () => {
  test("names what moved, changed and went, and nothing when every claim stayed", () => {
    expect(summaryText({ exact: 3, moved: 1, fuzzy: 2, orphaned: 1 })).toBe("1 moved, 2 changed, 1 gone");
    expect(summaryText({ exact: 0, moved: 0, fuzzy: 0, orphaned: 4 })).toBe("4 gone");
    expect(summaryText({ exact: 0, moved: 2, fuzzy: 0, orphaned: 0 })).toBe("2 moved");
    expect(summaryText({ exact: 5, moved: 0, fuzzy: 0, orphaned: 0 })).toBeNull();
  });
});
