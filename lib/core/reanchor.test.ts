import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { describeSpan } from "./anchoring";
import { reanchorClaims, summarise, type Reanchored, type StoredSelectors } from "./reanchor";
import { codePointLength } from "./text";

/** The selectors a claim on `quote` (its first occurrence after `from`) would have in `text`. */
function claimOn(text: string, quote: string, from = 0): StoredSelectors {
  const at = text.indexOf(quote, from);
  if (at === -1) throw new Error(`"${quote}" is not in the text`);
  const start = codePointLength(text.slice(0, at));
  return describeSpan(text, start, start + codePointLength(quote));
}

const quoteAt = (text: string, r: Reanchored) =>
  r.status === "orphaned" ? null : [...text].slice(r.anchor.start, r.anchor.end).join("");

const ARTICLE = [
  "Russia-led alliance to send troops to Kazakhstan as unrest spreads.",
  "The Collective Security Treaty Organization said about 2,500 soldiers would be deployed.",
  "More than 4,200 people have been detained, the interior ministry said.",
  "Officials said the troops would stay for several weeks.",
].join("\n\n");

describe("reanchorClaims", () => {
  test("an unchanged text keeps every claim exact, where it was", () => {
    const claims = [claimOn(ARTICLE, "about 2,500 soldiers"), claimOn(ARTICLE, "4,200 people")];
    const results = reanchorClaims(ARTICLE, ARTICLE, claims);
    expect(results.map((r) => r.status)).toEqual(["exact", "exact"]);
    expect(results.map((r) => (r.status === "orphaned" ? null : [r.anchor.start, r.anchor.end]))).toEqual(
      claims.map((c) => [c.start, c.end]),
    );
  });

  test("text added before a claim shifts it but keeps it exact, with its new context", () => {
    const revised = `Updated on 7 January.\n\n${ARTICLE}`;
    const [result] = reanchorClaims(ARTICLE, revised, [claimOn(ARTICLE, "about 2,500 soldiers")]);
    expect(result?.status).toBe("exact");
    expect(quoteAt(revised, result as Reanchored)).toBe("about 2,500 soldiers");
    expect(result?.status !== "orphaned" && result?.anchor.start).toBe(claimOn(revised, "about 2,500 soldiers").start);
  });

  test("a claim whose paragraph moved is found in its new place", () => {
    const [title, csto, detained, officials] = ARTICLE.split("\n\n");
    const revised = [title, officials, detained, "A new paragraph between them.", csto].join("\n\n");
    const claims = [claimOn(ARTICLE, "about 2,500 soldiers"), claimOn(ARTICLE, "several weeks")];
    const results = reanchorClaims(ARTICLE, revised, claims);
    for (const r of results) expect(["exact", "moved"]).toContain(r.status);
    expect(results.some((r) => r.status === "moved")).toBe(true);
    expect(results.map((r) => quoteAt(revised, r))).toEqual(["about 2,500 soldiers", "several weeks"]);
  });

  test("a corrected figure inside the quote makes the claim fuzzy, at its place, with a score below 1", () => {
    const revised = ARTICLE.replace("about 2,500 soldiers", "about 3,000 soldiers");
    const [result] = reanchorClaims(ARTICLE, revised, [claimOn(ARTICLE, "said about 2,500 soldiers would be deployed")]);
    expect(result?.status).toBe("fuzzy");
    expect(quoteAt(revised, result as Reanchored)).toBe("said about 3,000 soldiers would be deployed");
    expect(result?.score).toBeGreaterThan(0.6);
    expect(result?.score).toBeLessThan(1);
  });

  test("a claim whose sentence was deleted is orphaned, with why", () => {
    const revised = ARTICLE.replace("More than 4,200 people have been detained, the interior ministry said.\n\n", "");
    const [result] = reanchorClaims(ARTICLE, revised, [claimOn(ARTICLE, "4,200 people have been detained")]);
    expect(result).toMatchObject({ status: "orphaned", score: 0 });
    expect(result?.status === "orphaned" && result.reason).toMatch(/not found/);
  });

  test("words the old text already had elsewhere are not taken for a claim whose own words went", () => {
    // "the troops" appears twice; the claim is on the second, which the revision deletes.
    const text = "Officials said the troops arrived.\n\nLater, the troops left the city.";
    const revised = "Officials said the troops arrived.\n\nLater, everyone left the city.";
    const [result] = reanchorClaims(text, revised, [claimOn(text, "the troops", text.indexOf("Later"))]);
    expect(result?.status).toBe("orphaned");
  });

  test("a stored span that no longer reads its quote is searched for rather than trusted", () => {
    const claim = { ...claimOn(ARTICLE, "4,200 people"), start: 0, end: 12 };
    const revised = `Update.\n\n${ARTICLE}`;
    const [result] = reanchorClaims(ARTICLE, revised, [claim]);
    expect(result?.status).not.toBe("orphaned");
    expect(quoteAt(revised, result as Reanchored)).toBe("4,200 people");
  });

  test("summarise counts each outcome", () => {
    const revised = ARTICLE.replace("about 2,500 soldiers", "about 3,000 soldiers").replace("several weeks", "");
    const results = reanchorClaims(ARTICLE, revised, [
      claimOn(ARTICLE, "said about 2,500 soldiers would be deployed"),
      claimOn(ARTICLE, "4,200 people"),
      claimOn(ARTICLE, "for several weeks"),
    ]);
    expect(summarise(results)).toEqual({ exact: 1, moved: 0, fuzzy: 1, orphaned: 1 });
  });
});

// Property tests. Filler text and the claim's words come from different vocabularies, so the claim's
// true place in the revised text is known: after the edited text before it.
const filler = fc.constantFrom("the", "a", "of", "said", "minister", "on", "and", "in", "report", "city", "week");
const claimWord = fc.constantFrom("Kazakhstan", "peacekeepers", "deployed", "2,500", "soldiers", "January", "Almaty", "CSTO");
const fillerText = fc.array(fc.tuple(filler, fc.constantFrom(" ", " ", ". ", "\n\n")), { minLength: 1, maxLength: 40 }).map((parts) => parts.map(([w, s]) => w + s).join(""));
const quote = fc.array(claimWord, { minLength: 3, maxLength: 6 }).map((words) => words.join(" "));
/** A random edit of filler text: words inserted, deleted or replaced, paragraphs added. */
const edited = (text: string) =>
  fc.array(fc.tuple(fc.nat(), fc.constantFrom("insert", "delete", "replace"), filler), { maxLength: 6 }).map((edits) => {
    const words = text.split(" ");
    for (const [at, kind, w] of edits) {
      const i = at % (words.length + 1);
      if (kind === "insert") words.splice(i, 0, w);
      else if (kind === "delete" && words.length > 1) words.splice(i % words.length, 1);
      else words[i % words.length] = `${w}\n\n${w}`;
    }
    return words.join(" ");
  });

describe("reanchorClaims, properties", () => {
  test("edits away from a claim keep it exact or moved, at its true place", () => {
    fc.assert(
      fc.property(
        fillerText.chain((before) => fillerText.chain((after) => fc.tuple(fc.constant(before), fc.constant(after), edited(before), edited(after), quote))),
        ([before, after, before2, after2, q]) => {
          const text = `${before} ${q} ${after}`;
          const revised = `${before2} ${q} ${after2}`;
          const [result] = reanchorClaims(text, revised, [claimOn(text, q, before.length)]);
          expect(["exact", "moved"]).toContain(result?.status);
          expect(result?.status !== "orphaned" && result?.anchor.start).toBe(codePointLength(`${before2} `));
          expect(result?.score).toBe(1);
        },
      ),
    );
  });

  test("a claim whose own words are deleted is orphaned", () => {
    fc.assert(
      fc.property(fillerText, fillerText, quote, (before, after, q) => {
        const text = `${before} ${q} ${after}`;
        const [result] = reanchorClaims(text, `${before} ${after}`, [claimOn(text, q, before.length)]);
        expect(result?.status).toBe("orphaned");
      }),
    );
  });

  test("a changed word in a claim never yields a wrong place: fuzzy there, or orphaned", () => {
    fc.assert(
      fc.property(fillerText, fillerText, quote, fc.nat(), fc.oneof(filler, claimWord), (before, after, q, at, replacement) => {
        const words = q.split(" ");
        const i = at % words.length;
        fc.pre(words[i] !== replacement);
        words[i] = replacement;
        const q2 = words.join(" ");
        const text = `${before} ${q} ${after}`;
        const revised = `${before} ${q2} ${after}`;
        const [result] = reanchorClaims(text, revised, [claimOn(text, q, before.length)]);
        expect(["fuzzy", "orphaned"]).toContain(result?.status);
        if (result?.status === "fuzzy") {
          // Overlaps the changed quote's true place.
          const trueStart = codePointLength(`${before} `);
          const trueEnd = trueStart + codePointLength(q2);
          expect(result.anchor.start).toBeLessThan(trueEnd);
          expect(result.anchor.end).toBeGreaterThan(trueStart);
          expect(result.score).toBeLessThan(1);
        }
      }),
    );
  });

  test("the same claim anchors the same way whatever other claims are re-anchored with it", () => {
    fc.assert(
      fc.property(fillerText, fillerText, quote, quote, (before, after, q1, q2) => {
        const text = `${before} ${q1} ${after} ${q2}`;
        const revised = `${after} ${q2} ${before} ${q1}`;
        const claims = [claimOn(text, q1, before.length), claimOn(text, q2, text.lastIndexOf(q2))];
        const together = reanchorClaims(text, revised, claims);
        const alone = claims.map((c) => reanchorClaims(text, revised, [c])[0]);
        expect(together).toEqual(alone);
      }),
    );
  });
});
