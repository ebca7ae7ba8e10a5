// A revision of an article with many claims, against real databases: a note added on top moves every
// claim along, and each one's place (offsets, quote and context) is written in batches of statements;
// every claim must land on its own words, with its version untouched, however the batches fall.
import { beforeAll, expect, it } from "vitest";
import { describeSpan } from "@/lib/core/anchoring";
import { codePointLength } from "@/lib/core/text";
import type { Actor } from "./actor";
import { createArticle, updateArticle } from "./articles";
import { getClaim, listClaims } from "./claims";
import { db } from "./db";
import { newId } from "./ids";
import { describeOnDatabases, seedUser } from "./test-databases";

const CLAIMS = 1_150; // more than two batches
const sentence = (i: number) => `Report ${i} said ${i * 7} soldiers crossed the border near town ${i}, officials confirmed.`;
const TEXT = Array.from({ length: CLAIMS }, (_, i) => sentence(i)).join("\n\n");
const NOTE = "Correction, 10 January: an earlier version of this article gave wrong figures — ‘several’ reports were merged.";

describeOnDatabases("revising an article with many claims", () => {
  let ed: Actor;
  beforeAll(async () => {
    ed = await seedUser("ed@test.org", "Ed Editor", "editor");
  });

  it("places every claim on its own words in the new text, in batches, without touching their versions", async () => {
    const article = await createArticle(ed, { title: "Many claims", text: TEXT });
    // Set up directly (adding 1,150 claims one by one is another suite's subject): each claim quotes
    // "<n> soldiers crossed the border" of its own sentence.
    const rows = Array.from({ length: CLAIMS }, (_, i) => {
      const exact = `${i * 7} soldiers crossed the border near town ${i}`;
      const at = TEXT.indexOf(` ${exact},`) + 1;
      const start = codePointLength(TEXT.slice(0, at));
      const span = describeSpan(TEXT, start, start + codePointLength(exact));
      return { id: newId(), articleId: article.id, authorId: ed.id, exact: span.exact, prefix: span.prefix, suffix: span.suffix, start: span.start, end: span.end };
    });
    await db().claim.createMany({ data: rows });

    const revised = `${NOTE}\n\n${TEXT}`;
    const updated = await updateArticle(ed, article.id, { text: revised });
    expect(updated.reanchor).toEqual({ exact: CLAIMS, moved: 0, fuzzy: 0, orphaned: 0 });

    const claims = await listClaims(ed, article.id);
    expect(claims).toHaveLength(CLAIMS);
    const byId = new Map(claims.map((c) => [c.id, c]));
    for (const row of rows) {
      const claim = byId.get(row.id)!;
      const expected = describeSpan(revised, row.start + codePointLength(`${NOTE}\n\n`), row.end + codePointLength(`${NOTE}\n\n`));
      expect({ exact: claim.exact, prefix: claim.prefix, suffix: claim.suffix, start: claim.start, end: claim.end }).toEqual({
        exact: row.exact,
        prefix: expected.prefix,
        suffix: expected.suffix,
        start: expected.start,
        end: expected.end,
      });
      expect(claim.version).toBe(1);
    }
    // The first claim's context now reaches into the note.
    expect((await getClaim(ed, rows[0]!.id)).prefix).toContain("merged.\n\nReport 0 said ");
  });
});
