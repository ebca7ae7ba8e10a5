// `npm run bench:import`: what an annotation import costs the server. Seeds a fresh SQLite database,
// builds a long article, then imports through the data-access function (importAnnotations):
//   1. a ~2 MB file of 1,000 near-miss quotes (each ~2,000 characters with a few letters changed, so
//      every one needs the fuzzy search over the whole article);
//   2. 5,000 tiny quotes (the most one file may hold: MAX_IMPORT_ANNOTATIONS);
//   3. 140,000 tiny quotes (refused whole, over the cap).
// For each it prints the wall time and the longest block of the main thread's event loop
// (perf_hooks.monitorEventLoopDelay, max), which is how long every other request would have waited.
// Nothing is asserted.
import { monitorEventLoopDelay } from "node:perf_hooks";
import path from "node:path";
import { freshBenchDatabase } from "./bench-db";

const root = process.cwd();
const dbFile = path.join(root, "data", "bench-import.db");
process.env.DATABASE_URL = `file:${dbFile}`;

const annotation = (exact: string, prefix = "", suffix = "") => ({
  type: "Annotation",
  target: { selector: { type: "TextQuoteSelector", exact, prefix, suffix } },
});

async function main() {
  const { actor, sample } = await freshBenchDatabase(dbFile);
  const { createArticle } = await import("../lib/server/articles");
  const { importAnnotations } = await import("../lib/server/annotation-import");
  // Fourteen sections of the sample, each sentence tagged with its section so no passage repeats.
  const text = Array.from({ length: 14 }, (_, i) => `Section ${i + 1}.\n\n${sample.text.replaceAll(". ", ` (part ${i + 1}). `)}`).join("\n\n");

  // A quote copied from another version of the article: a few letters differ every ~40 characters.
  const nearMiss = (i: number) => {
    const from = (i * 7919) % (text.length - 2100);
    const exact = [...text.slice(from, from + 2000)].map((ch, k) => (k % 41 === 7 && /[a-z]/.test(ch) ? "x" : ch)).join("");
    return annotation(exact, text.slice(Math.max(0, from - 32), from), text.slice(from + 2000, from + 2032));
  };
  // A word with a little context on each side, as a tool that stores short selectors writes it.
  const words = [...text.matchAll(/[A-Za-z]{4,}/g)];
  const tiny = (i: number) => {
    const { 0: word, index } = words[i % words.length]!;
    return annotation(word, text.slice(Math.max(0, index - 24), index), text.slice(index + word.length, index + word.length + 24));
  };

  const files: Array<[string, unknown]> = [
    ["1,000 near-miss quotes", Array.from({ length: 1000 }, (_, i) => nearMiss(i))],
    ["5,000 tiny quotes (the cap)", Array.from({ length: 5000 }, (_, i) => tiny(i))],
    ["140,000 tiny quotes (over the cap)", Array.from({ length: 140_000 }, (_, i) => tiny(i))],
  ];
  console.log(`article: ${text.length.toLocaleString("en-US")} characters`);
  for (const [name, json] of files) {
    const article = await createArticle(actor, { title: `Import bench: ${name}`, text });
    const bytes = Buffer.byteLength(JSON.stringify(json));
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    // The sampler's first tick sets its baseline; a block that starts before it would go unrecorded.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const t0 = performance.now();
    let outcome: string;
    try {
      const result = await importAnnotations(actor, article.id, json);
      outcome = `placed ${result.counts.exact} exactly, ${result.counts.fuzzy} fuzzily, ${result.counts.unplaced} not`;
    } catch (error) {
      outcome = `refused: ${(error as Error).message}`;
    }
    const wall = performance.now() - t0;
    // The sampling timer only records a block once it gets to run, after the block: give it that turn.
    await new Promise((resolve) => setTimeout(resolve, 50));
    delay.disable();
    console.log(
      `${name} (${(bytes / 1e6).toFixed(1)} MB): ${(wall / 1000).toFixed(2)} s wall, longest event-loop block ${(delay.max / 1e6).toFixed(0)} ms — ${outcome}`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
