// Importing annotations into an article: W3C Web Annotations (ours or another tool's) and Hypothesis
// export files. The pure core parses and places them (position, exact quote, then a fuzzy quote
// match); this module checks each placed item with the same schemas as a hand-made claim and writes
// the claims and their sources through the same insert path as the UI and the API (so each claim and
// each source has its own audit event), plus one event for the import, all in one transaction.
// Nothing is dropped silently: unplaced and refused items are returned and recorded.
//
// A file that is not annotations at all, or holds too many, is refused before anything is written.
// Matching runs before the transaction, on a worker thread; the transaction then checks that the
// article's text is still the one matched against, so the audit lock is held only for the writes.
import { SHOWN_CHARS, clip, parseAnnotationImport } from "@/lib/core/annotation-import";
import { NEW_CLAIM, claimTransition, statusLabel } from "@/lib/core/claim";
import { ClaimUpdateSchema } from "@/lib/validation/claim";
import { fieldErrors } from "@/lib/validation/common";
import { SourceCreateSchema } from "@/lib/validation/source";
import { assertCan, type Actor } from "./actor";
import { audited } from "./audit";
import { insertClaim, insertSource } from "./claims";
import { db } from "./db";
import { AppError, notFound } from "./errors";
import { planImportOffThread } from "./plan-import";

/** Annotation files from other tools can be large: 10 MB here, 1 MB for every other request. */
export const MAX_IMPORT_BYTES = 10_000_000;

export interface ImportResult {
  format: "w3c" | "hypothesis";
  counts: { exact: number; fuzzy: number; unplaced: number };
  created: Array<{ id: string; exact: string; method: "position" | "quote" | "fuzzy" }>;
  unplaced: Array<{ exact: string; reason: string }>;
  /** Parts of placed annotations that were left out (a tag that is no verdict, a non-http link …). */
  warnings: string[];
}

const where = (index: number) => (index < 0 ? "the file" : `annotation ${index + 1}`);

/** Warnings kept in the import's audit event; the rest are counted. */
const AUDITED_WARNINGS = 50;

export async function importAnnotations(actor: Actor, articleId: string, input: unknown): Promise<ImportResult> {
  assertCan(actor, "article.write");
  const parsed = parseAnnotationImport(input);
  // Well-formed JSON that is no annotation file at all (or one over the cap): nothing to import.
  if (parsed.refusal) throw new AppError("not_importable", parsed.refusal);

  const article = await db().article.findUnique({ where: { id: articleId }, select: { text: true } });
  if (!article) throw notFound("The article");
  const plan = await planImportOffThread(article.text, parsed.items);

  return audited(actor.id, async (ctx) => {
    const { tx, record } = ctx;
    // The plan holds offsets into the text read above; an article whose text changed since (or that
    // was deleted) would get claims in the wrong places.
    const current = await tx.article.findUnique({ where: { id: articleId }, select: { id: true, text: true, revision: true } });
    if (!current) throw notFound("The article");
    if (current.text !== article.text) {
      throw new AppError("conflict", "The article's text changed while the file was being matched. Import the file again.");
    }
    // Importing the same file twice must not double the claims: an identical claim already there is skipped.
    const existing = new Set(
      (await tx.claim.findMany({ where: { articleId, deletedAt: null }, select: { start: true, end: true, statement: true } })).map(
        (c) => `${c.start}:${c.end}:${c.statement ?? ""}`,
      ),
    );
    const unplaced = [
      ...parsed.skipped.map((s) => ({ exact: s.exact ?? `(${where(s.index)})`, reason: s.reason })),
      ...plan.unplaced.map((u) => ({ exact: u.item.exact, reason: u.reason })),
    ];
    const created: ImportResult["created"] = [];
    const leftOut: string[] = [];
    let exact = 0;
    let fuzzy = 0;

    for (const item of plan.placed) {
      if (existing.has(`${item.start}:${item.end}:${item.statement && item.statement !== item.exact ? item.statement : ""}`)) {
        unplaced.push({ exact: item.exact, reason: "already in the article (same passage and statement)" });
        continue;
      }
      // The same rules as a claim edited by hand; an item that breaks them is reported, not half-imported.
      const fields = ClaimUpdateSchema.safeParse({
        version: 1,
        statement: item.statement && item.statement !== item.exact ? item.statement : null,
        verdict: item.verdict ?? null,
        rationale: item.rationale ?? "",
        note: item.note ?? "",
      });
      const sources = item.sources.map((s) => SourceCreateSchema.safeParse(s));
      const badSource = sources.find((s) => !s.success);
      if (!fields.success || badSource) {
        const problem = !fields.success ? fields.error : badSource!.error;
        unplaced.push({ exact: item.exact, reason: `refused: ${Object.values(fieldErrors(problem))[0] ?? "invalid fields"}` });
        continue;
      }
      // A status the claim's rules refuse (e.g. "verdict given" without a verdict) is left out, and the
      // status follows from the verdict instead.
      const verdict = fields.data.verdict ?? null;
      let status = item.status;
      if (status !== undefined && !claimTransition(NEW_CLAIM, { type: "saved", verdict, status }).ok) {
        leftOut.push(`“${clip(item.exact, SHOWN_CHARS)}”: status “${statusLabel(status)}” needs a verdict and was left out`);
        status = undefined;
      }
      const claim = await insertClaim(ctx, actor, current, item, {
        statement: fields.data.statement ?? null,
        verdict,
        status,
        rationale: fields.data.rationale,
        note: fields.data.note,
      });
      for (const source of sources) if (source.success) await insertSource(ctx, claim, source.data);
      created.push({ id: claim.id, exact: claim.exact, method: item.method });
      if (item.method === "fuzzy") fuzzy++;
      else exact++;
    }

    const counts = { exact, fuzzy, unplaced: unplaced.length };
    const warnings = [...parsed.warnings.map((w) => `${where(w.index)}: ${w.message}`), ...leftOut];
    await record({
      action: "article.annotations_imported",
      entityType: "article",
      entityId: articleId,
      articleId,
      // Counts and ids, not the file: quotes are cut short, and only the first warnings are kept.
      after: {
        format: parsed.format,
        counts,
        created: created.map((c) => c.id),
        // Claims placed by a close match rather than their exact quote: the ones to look at again.
        placedFuzzily: created.filter((c) => c.method === "fuzzy").map((c) => c.id),
        unplaced: unplaced.map((u) => ({ exact: clip(u.exact, SHOWN_CHARS), reason: clip(u.reason, SHOWN_CHARS) })),
        warnings: warnings.slice(0, AUDITED_WARNINGS).map((w) => clip(w, SHOWN_CHARS)),
        ...(warnings.length > AUDITED_WARNINGS ? { warningsLeftOut: warnings.length - AUDITED_WARNINGS } : {}),
      },
    });
    return { format: parsed.format, counts, created, unplaced, warnings };
  });
}
