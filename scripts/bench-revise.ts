// `npm run bench:revise [-- --pg]`: what a new text costs through the server's write path when the
// article has 1,000 claims: PATCH /api/v1/articles/{id} with `text` calls updateArticle, which in one
// audited transaction stores the revision, re-anchors every claim (lib/core/reanchor), updates each claim
// that moved, changed or vanished, sends reviewed ones back to review, and writes article.revised and a
// claim.reanchored event per such claim. The article, claims and revision are bench:reanchor's
// (scripts/bench-revision.ts); a third of the claims have a verdict, so changed ones go back to review.
// Each run revises the text and then revises it back (both directions are timed), on a fresh SQLite
// database, or with --pg on a scratch PostgreSQL database (TEST_DATABASE_URL, else
// postgresql://postgres@127.0.0.1:5432/postgres), dropped afterwards. Prints the median, p95 and worst
// time of one revision, and how the claims fared. Nothing is asserted.
import path from "node:path";
import { freshBenchDatabase } from "./bench-db";
import { CLAIMS, claims, newText, oldText } from "./bench-revision";
import { createScratchPostgresDatabase } from "./schema-engine";

const RUNS = 8;
const pg = process.argv.includes("--pg");
const dbFile = path.join(process.cwd(), "data", "bench-revise.db");

async function main() {
  let drop: (() => Promise<void>) | undefined;
  if (pg) {
    const scratch = await createScratchPostgresDatabase(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres", "factcheck_bench");
    process.env.DATABASE_URL = scratch.url;
    drop = () => scratch.drop();
  } else {
    process.env.DATABASE_URL = `file:${dbFile}`;
  }
  try {
    const { actor } = await freshBenchDatabase(pg ? null : dbFile);
    const { createArticle, updateArticle } = await import("../lib/server/articles");
    const { createClaim, updateClaim } = await import("../lib/server/claims");
    const { db } = await import("../lib/server/db");

    const article = await createArticle(actor, { title: "A long article with 1,000 claims", text: oldText });
    const t0 = performance.now();
    for (const [i, c] of claims.entries()) {
      const claim = await createClaim(actor, article.id, { exact: c.exact, prefix: c.prefix, suffix: c.suffix, start: c.start, end: c.end });
      if (i % 3 === 0) await updateClaim(actor, claim.id, { version: claim.version, verdict: "true" });
    }
    console.log(`database: ${pg ? "PostgreSQL" : "SQLite"}; ${CLAIMS} claims added in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const times: number[] = [];
    let forward: unknown;
    for (let run = 0; run < RUNS; run++) {
      for (const text of [newText, oldText]) {
        const started = performance.now();
        const revised = await updateArticle(actor, article.id, { text });
        times.push(performance.now() - started);
        if (text === newText) forward ??= revised.reanchor;
      }
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
    const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
    const events = await db().auditEvent.count({ where: { articleId: article.id } });
    console.log(`the revision's claims: ${JSON.stringify(forward)}`);
    console.log(`one revision of the article (${times.length} timed, both directions): median ${fmt(at(0.5))}, p95 ${fmt(at(0.95))}, worst ${fmt(times[times.length - 1]!)}`);
    console.log(`audit events of the article after the runs: ${events.toLocaleString("en-US")}`);
    await db().$disconnect();
  } finally {
    await drop?.();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
