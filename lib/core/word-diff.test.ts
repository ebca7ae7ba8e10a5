import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { countWords, diffCounts, diffWords, diffIndex, tokenize, type DiffOp } from "./word-diff";

const oldSide = (ops: DiffOp[]) => ops.filter((op) => op.kind !== "insert").map((op) => op.text).join("");
const newSide = (ops: DiffOp[]) => ops.filter((op) => op.kind !== "delete").map((op) => op.text).join("");
const brief = (ops: DiffOp[]) => ops.map((op) => `${op.kind === "equal" ? "=" : op.kind === "insert" ? "+" : "-"}${op.text}`);

// Texts made of a few words so that random edits collide with equal words and paragraph breaks.
const word = fc.constantFrom("the", "troops", "2,500", "arrived", "in", "Almaty", "on", "Thursday", "—", "CSTO", "said", ".");
const sep = fc.constantFrom(" ", " ", " ", "\n\n", ", ");
const articleText = fc
  .array(fc.tuple(word, sep), { maxLength: 60 })
  .map((parts) => parts.map(([w, s]) => w + s).join("").trim());

describe("tokenize", () => {
  test("keeps numbers with separators, contractions and hyphenated words whole", () => {
    expect(tokenize("About 2,500 troops—it's a well-known figure, 3.5%.")).toEqual([
      "About", " ", "2,500", " ", "troops", "—", "it's", " ", "a", " ", "well-known", " ", "figure", ",", " ", "3.5", "%", ".",
    ]);
  });

  test("the tokens join back to the text, whatever it is", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (s) => {
        expect(tokenize(s).join("")).toBe(s);
      }),
    );
  });

  test("counts words, not spaces or punctuation", () => {
    expect(countWords("Two thousand, five hundred — 2,500 soldiers.\n\nSaid the CSTO.")).toBe(9);
    expect(countWords(" \n , . — ")).toBe(0);
  });
});

describe("diffWords", () => {
  test("a changed figure is one deleted and one inserted word amid unchanged text", () => {
    const ops = diffWords("The CSTO sent about 2,500 troops to Almaty.", "The CSTO sent about 3,000 troops to Almaty.");
    expect(brief(ops)).toEqual(["=The CSTO sent about ", "-2,500", "+3,000", "= troops to Almaty."]);
    expect(diffCounts(ops)).toEqual({ added: 1, removed: 1 });
  });

  test("a removed sentence and an added paragraph", () => {
    const before = "First paragraph. It has two sentences.\n\nSecond paragraph.";
    const after = "First paragraph.\n\nSecond paragraph.\n\nA new paragraph at the end.";
    const ops = diffWords(before, after);
    expect(oldSide(ops)).toBe(before);
    expect(newSide(ops)).toBe(after);
    expect(diffCounts(ops)).toEqual({ added: 6, removed: 4 });
    expect(ops.filter((op) => op.kind === "delete").map((op) => op.text).join("|")).toBe(" It has two sentences.");
  });

  test("a paragraph added before an edited one leaves the edited one's other words equal", () => {
    // Both paragraphs end alike: a diff that paired paragraphs by position would replace the edited one
    // whole and keep only the shared ending.
    const before = "Intro.\n\nTroops arrived in Almaty on Thursday. Therefore.\n\nEnd.";
    const after = "Intro.\n\nA new paragraph about something else. Therefore.\n\nTroops arrived in Almaty on Friday. Therefore.\n\nEnd.";
    const ops = diffWords(before, after);
    expect(ops.filter((op) => op.kind === "delete").map((op) => op.text)).toEqual(["Thursday"]);
    expect(ops.find((op) => op.kind === "equal" && op.text.includes("Troops arrived in Almaty on"))).toBeDefined();
  });

  test("identical texts are one equal stretch, and an empty side is one insert or delete", () => {
    expect(brief(diffWords("Same words.", "Same words."))).toEqual(["=Same words."]);
    expect(brief(diffWords("", "New text."))).toEqual(["+New text."]);
    expect(brief(diffWords("Old text.", ""))).toEqual(["-Old text."]);
    expect(diffWords("", "")).toEqual([]);
  });

  test("ops start where their text sits in the old and the new text", () => {
    fc.assert(
      fc.property(articleText, articleText, (a, b) => {
        const ops = diffWords(a, b);
        expect(oldSide(ops)).toBe(a);
        expect(newSide(ops)).toBe(b);
        for (const op of ops) {
          if (op.kind !== "insert") expect(a.slice(op.oldStart, op.oldStart + op.text.length)).toBe(op.text);
          if (op.kind !== "delete") expect(b.slice(op.newStart, op.newStart + op.text.length)).toBe(op.text);
        }
        // Adjacent ops of one kind are merged.
        for (let i = 1; i < ops.length; i++) expect(ops[i]?.kind).not.toBe(ops[i - 1]?.kind);
      }),
    );
  });

  test("an edit leaves the words around it equal", () => {
    fc.assert(
      fc.property(articleText, articleText, articleText, word, (head, middle, tail, inserted) => {
        const before = `${head} ${middle} ${tail}`;
        const after = `${head} ${middle} ${inserted}zz ${tail}`;
        const ops = diffWords(before, after);
        expect(diffCounts(ops)).toEqual({ added: 1, removed: 0 });
      }),
    );
  });

  test("a rewrite too large to compare word by word is still a correct diff", () => {
    const words = (seed: number) =>
      Array.from({ length: 6_000 }, (_, i) => `w${(i * seed) % 7919}`).join(" ");
    const before = words(31);
    const after = words(37);
    const ops = diffWords(before, after);
    expect(oldSide(ops)).toBe(before);
    expect(newSide(ops)).toBe(after);
  });
});

describe("diffIndex", () => {
  test("positions in unchanged text follow it; positions in changed words map nowhere", () => {
    const before = "The CSTO sent about 2,500 troops to Almaty.";
    const after = "Officials said the CSTO sent about 3,000 troops to Almaty.";
    const index = diffIndex(diffWords(before, after));
    const map = index.toNew;
    const at = (s: string, piece: string) => s.indexOf(piece);
    expect(map(at(before, "troops"), "start")).toBe(at(after, "troops"));
    expect(map(at(before, "Almaty") + 6, "end")).toBe(at(after, "Almaty") + 6);
    expect(map(at(before, "2,500"), "start")).toBeNull();
    expect(map(at(before, "2,500") + 5, "end")).toBeNull();
    // The edges of the changed figure: the space before it ends unchanged text, the one after starts it.
    expect(map(at(before, "2,500"), "end")).toBe(at(after, "3,000"));
    expect(map(at(before, "2,500") + 5, "start")).toBe(at(after, "3,000") + 5);
  });

  test("a span of unchanged text maps to the same words in the new text", () => {
    fc.assert(
      fc.property(articleText, articleText, fc.nat(), fc.nat(), (a, b, i, j) => {
        const ops = diffWords(a, b);
        const map = diffIndex(ops).toNew;
        for (const op of ops.filter((o) => o.kind === "equal")) {
          const from = op.oldStart + (i % (op.text.length + 1));
          const to = Math.max(from, op.oldStart + (j % (op.text.length + 1)));
          const start = map(from, "start");
          const end = map(to, "end");
          if (from < op.oldStart + op.text.length) expect(start).not.toBeNull();
          if (to > op.oldStart) expect(end).not.toBeNull();
          if (start !== null && end !== null) expect(b.slice(start, end)).toBe(a.slice(from, to));
        }
      }),
    );
  });

  test("replacement finds what stands where changed words were, and unchanged knows what the old text had", () => {
    const before = "The CSTO sent about 2,500 troops to Almaty.";
    const after = "Officials said the CSTO sent about 3,000 troops to Almaty. More may follow.";
    const index = diffIndex(diffWords(before, after));
    const three = after.indexOf("3,000");
    expect(index.replacement(before.indexOf("2,500") + 2)).toEqual({ start: three, end: three + 5 });
    const almaty = after.indexOf("Almaty");
    expect(index.replacement(before.indexOf("Almaty"))).toEqual({ start: almaty, end: almaty });
    expect(index.replacement(0)).toEqual({ start: 0, end: after.indexOf("CSTO") });
    expect(index.unchanged(after.indexOf("troops"), after.indexOf("Almaty") + 6)).toBe(true);
    expect(index.unchanged(after.indexOf("about"), after.indexOf("troops"))).toBe(false);
    expect(index.unchanged(after.indexOf("More"), after.length)).toBe(false);
  });
});
