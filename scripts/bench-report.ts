// `npm run bench:report`: how long each export takes for a big article. Seeds a fresh SQLite database
// with an article of 1,000 claims, 3,000 sources and 10,000 audit events, then times building the
// report from the database and rendering each format, with the process's peak memory. Goals on a
// 2-core machine: every format but PDF ≤ 2 s, PDF ≤ 10 s, memory bounded. Nothing is asserted.
import { freshBenchDatabase } from "./bench-db";
import path from "node:path";

const root = process.cwd();
const dbFile = path.join(root, "data", "bench-report.db");
process.env.DATABASE_URL = `file:${dbFile}`;
const CLAIMS = 1000;
const SOURCES_PER_CLAIM = 3;
const TARGET_EVENTS = 10_000;

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const size = (n: number) => (n < 1024 * 1024 ? `${(n / 1024).toFixed(0)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`);

async function main() {
  const { actor, sample } = await freshBenchDatabase(dbFile);
  const { db } = await import("../lib/server/db");
  const { createArticle } = await import("../lib/server/articles");
  const { addSource, createClaim, updateClaim } = await import("../lib/server/claims");
  const { VERDICT_IDS } = await import("../lib/core/claim");
  const { wordUnits } = await import("../lib/core/text-units");
  const { buildReport } = await import("../lib/server/reports");
  const { renderExport } = await import("../lib/server/report-export");
  const { REPORT_FORMATS } = await import("../lib/validation/report");

  const text = Array.from({ length: 14 }, (_, i) => `Section ${i + 1}.\n\n${sample.text}`).join("\n\n");
  const article = await createArticle(actor, { title: "Benchmark: 1,000 claims", publisher: "Bench Wire", url: "https://example.org/bench", publishedOn: "2022-01-08", text });
  const words = wordUnits(article.text);
  const chars = [...article.text];

  const t0 = performance.now();
  const claims: { id: string; version: number }[] = [];
  for (let i = 0; i < CLAIMS; i++) {
    const w = (i * 6) % (words.length - 5);
    const start = words[w]!.start;
    const end = words[w + 4]!.end;
    const claim = await createClaim(actor, article.id, { exact: chars.slice(start, end).join(""), start, end, statement: `Statement ${i + 1}` });
    for (let s = 0; s < SOURCES_PER_CLAIM; s++) {
      await addSource(actor, claim.id, {
        url: `https://example.org/source/${i}/${s}`,
        title: `Source ${s + 1} for claim ${i + 1} — Источник`,
        publisher: "Example",
        quote: "A quoted passage that supports or contradicts the claim, long enough to wrap in a report.",
        stance: (["supports", "contradicts", "context"] as const)[s]!,
        accessedOn: "2022-01-09",
      });
    }
    claims.push(claim);
  }
  // Edits until the article's audit trail holds 10,000 events: verdicts first, then rationale edits.
  let events = await db().auditEvent.count({ where: { articleId: article.id } });
  for (let round = 0; events < TARGET_EVENTS; round++) {
    for (let i = 0; i < claims.length && events < TARGET_EVENTS; i++) {
      const c = claims[i]!;
      const patch = round === 0 ? { verdict: VERDICT_IDS[i % VERDICT_IDS.length] } : { rationale: `Rationale revision ${round} for claim ${i + 1}.` };
      claims[i] = await updateClaim(actor, c.id, { version: c.version, ...patch });
      events++;
    }
  }
  console.log(`seeded ${CLAIMS} claims, ${CLAIMS * SOURCES_PER_CLAIM} sources, ${events} audit events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const reader = { ...actor, role: "viewer" as const };
  for (const audience of ["internal"] as const) {
    const b0 = performance.now();
    const report = await buildReport(reader, [article.id], audience);
    const build = performance.now() - b0;
    console.log(`build report from the database: ${build.toFixed(0)} ms`);
    for (const format of REPORT_FORMATS) {
      const f0 = performance.now();
      const file = await renderExport(report, format, { pageSize: "a4" });
      const ms = performance.now() - f0;
      const goal = format === "pdf" ? 10_000 : 2_000;
      console.log(
        `${format.padEnd(12)} ${String(Math.round(ms + build)).padStart(6)} ms (render ${Math.round(ms)} ms + build) ${size(Buffer.byteLength(file.body)).padStart(9)}  goal ≤ ${goal / 1000} s`,
      );
    }
  }
  console.log(`peak memory (RSS): ${mb(peakRss)}`);
  await db().$disconnect();
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => clearInterval(sampler));
