// `npm run bench:reanchor`: what re-anchoring costs when an article with 1,000 claims gets a new
// revision, in the pure core (lib/core/reanchor: the word diff of the two texts, then every claim).
// The article is ~120,000 characters of sentences made of the sample's words; each claim quotes six
// words. The revision does what newsrooms do to published articles: a note on
// top, a word corrected in 25 claims' sentences, about 10 sentences removed, 3 paragraphs moved and
// one added.
// Prints the outcome per status and the time of a whole re-anchoring (median, 95th percentile and
// worst of 30 runs, after one warm-up run). Goal: ≤ 200 ms. Nothing is asserted. `-- --details` lists
// every claim that did not stay exact.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describeSpan } from "../lib/core/anchoring";
import { reanchorClaims, summarise } from "../lib/core/reanchor";
import { canonicalizeText, codePointLength, parseSampleArticle } from "../lib/core/text";
import { diffCounts, diffWords } from "../lib/core/word-diff";

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
const oldText = canonicalizeText(
  Array.from({ length: 360 }, () => Array.from({ length: 2 + random(4) }, sentence).join(" ")).join("\n\n"),
);

// 1,000 claims of six words each, spread evenly over the article.
const words = [...oldText.matchAll(/\S+/g)];
const CLAIMS = 1000;
const firstWord = (i: number) => Math.floor((i * (words.length - 6)) / CLAIMS);
const claims = Array.from({ length: CLAIMS }, (_, i) => {
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
const paragraphs = oldText.split("\n\n");
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
const newText = canonicalizeText(`Correction appended on 10 January: figures updated.\n\n${revisedParagraphs.join("\n\n")}`);

function time<T>(run: () => T): [T, number] {
  const t0 = performance.now();
  const result = run();
  return [result, performance.now() - t0];
}

const [ops, diffMs] = time(() => diffWords(oldText, newText));
const counts = diffCounts(ops);
reanchorClaims(oldText, newText, claims); // warm-up
const runs: number[] = [];
let results = reanchorClaims(oldText, newText, claims);
for (let i = 0; i < 30; i++) {
  const [r, ms] = time(() => reanchorClaims(oldText, newText, claims));
  results = r;
  runs.push(ms);
}
runs.sort((a, b) => a - b);
const at = (q: number) => runs[Math.min(runs.length - 1, Math.floor(q * runs.length))]!;
const summary = summarise(results);
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

console.log(`article: ${oldText.length.toLocaleString("en-US")} → ${newText.length.toLocaleString("en-US")} characters, ${paragraphs.length} paragraphs`);
console.log(`revision: ${counts.added} words added, ${counts.removed} removed (word diff alone: ${fmt(diffMs)})`);
console.log(`claims: ${CLAIMS}: ${summary.exact} exact, ${summary.moved} moved, ${summary.fuzzy} fuzzy, ${summary.orphaned} orphaned`);
console.log(`re-anchoring all ${CLAIMS} (diff included): median ${fmt(at(0.5))}, p95 ${fmt(at(0.95))}, worst ${fmt(runs[runs.length - 1]!)} over ${runs.length} runs (goal ≤ 200 ms)`);
// `npm run bench:reanchor -- --details`: every claim that did not stay exact, and why.
if (process.argv.includes("--details")) {
  results.forEach((r, i) => {
    if (r.status === "exact") return;
    const claim = claims[i]!;
    const where = r.status === "orphaned" ? r.reason : `${claim.start} → ${r.anchor.start}, score ${r.score.toFixed(2)}`;
    console.log(`#${i} ${r.status}: ${JSON.stringify(claim.exact)} (${where})`);
  });
}
