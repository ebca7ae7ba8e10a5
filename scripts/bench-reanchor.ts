// `npm run bench:reanchor`: what re-anchoring costs when an article with 1,000 claims gets a new
// revision, in the pure core (lib/core/reanchor: the word diff of the two texts, then every claim).
// The article, its claims and the revision: scripts/bench-revision.ts (npm run bench:revise times the
// same revision through the server's write path).
// Prints the outcome per status and the time of a whole re-anchoring (median, 95th percentile and
// worst of 30 runs, after one warm-up run). Goal: ≤ 200 ms. Nothing is asserted. `-- --details` lists
// every claim that did not stay exact.
import { reanchorClaims, summarise } from "../lib/core/reanchor";
import { diffCounts, diffWords } from "../lib/core/word-diff";
import { CLAIMS, claims, newText, oldText, paragraphs } from "./bench-revision";

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
