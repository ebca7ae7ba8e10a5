// The article and revision the re-anchoring benchmarks share (bench:reanchor in the pure core,
// bench:revise through the server's write path): ~100,000 characters of sentences made of the sample's
// words, 1,000 claims of six words each spread evenly over it, and a revision that does what newsrooms do
// to published articles: a note on top, a word corrected in 25 claims' sentences, about 10 sentences
// removed, 3 paragraphs moved and one added. Deterministic: every run measures the same texts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describeSpan } from "../lib/core/anchoring";
import { canonicalizeText, codePointLength, parseSampleArticle } from "../lib/core/text";

const raw = readFileSync(path.join(process.cwd(), "prisma", "demo", "kazakhstan-unrest-2022-01-08.txt"), "utf8");
// An article that never repeats a passage, as real ones do not (a repeated passage makes "where did
// this quote go" a coin toss): sentences of the sample's words in a fixed pseudo-random order.
const vocabulary = [...new Set(parseSampleArticle(raw).text.match(/[\p{L}\p{N}][\p{L}\p{N}’,.-]*/gu) ?? [])];
let seed = 20220108;
const random = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % n;
};
const sentence = () => {
  const words = Array.from({ length: 12 + random(14) }, () => vocabulary[random(vocabulary.length)]!.replace(/[,.]$/, ""));
  return `${words.join(" ")}.`;
};
export const oldText = canonicalizeText(
  Array.from({ length: 360 }, () => Array.from({ length: 2 + random(4) }, sentence).join(" ")).join("\n\n"),
);

// 1,000 claims of six words each, spread evenly over the article.
const words = [...oldText.matchAll(/\S+/g)];
export const CLAIMS = 1000;
const firstWord = (i: number) => Math.floor((i * (words.length - 6)) / CLAIMS);
export const claims = Array.from({ length: CLAIMS }, (_, i) => {
  const first = words[firstWord(i)]!;
  const last = words[firstWord(i) + 5]!;
  const start = codePointLength(oldText.slice(0, first.index));
  const end = codePointLength(oldText.slice(0, last.index + last[0].length));
  return describeSpan(oldText, start, end);
});

// The revision: one word corrected inside every 40th claim (25), then whole sentences removed.
let corrected = oldText;
for (let i = CLAIMS - 1; i >= 0; i--) {
  if (i % 40 !== 7) continue;
  const word = words[firstWord(i) + 2]!;
  corrected = corrected.slice(0, word.index) + "corrected" + corrected.slice(word.index + word[0].length);
}
export const paragraphs = oldText.split("\n\n");
let sentenceNo = 0;
const revisedParagraphs = corrected.split("\n\n").map((p) =>
  p
    .split(/(?<=\. )/)
    .map((sentence) => (++sentenceNo % 97 === 11 ? "" : sentence))
    .join(""),
);
for (const [from, to] of [[30, 200], [90, 10], [150, 60]] as const) {
  const [moved] = revisedParagraphs.splice(from, 1);
  revisedParagraphs.splice(to, 0, moved!);
}
revisedParagraphs.splice(120, 0, "An added paragraph: the ministry later gave a different figure for the troops.");
export const newText = canonicalizeText(`Correction appended on 10 January: figures updated.\n\n${revisedParagraphs.join("\n\n")}`);
