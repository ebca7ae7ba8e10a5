// Adding an article from the web or from a file: the page is fetched (lib/server/web-fetch, which
// refuses private addresses, oversized and slow pages) and the article extracted (lib/server/
// article-extract: Readability, metadata, canonical text), both outside any database transaction; only
// then is it added through createArticle, the one write path for articles, as revision 1 with origin
// "import". A preview extracts without writing, so the editor can correct every field first. A re-check
// fetches an article's page again and keeps a changed text as its next revision (a silent edit caught).
// Nothing is written when fetching or extraction fails.
import { isHttpUrl } from "@/lib/core/http-url";
import type { ReanchorSummary } from "@/lib/core/reanchor";
import { ArticleImportSchema } from "@/lib/validation/article";
import { assertCan, type Actor } from "./actor";
import { createArticle, type ArticleView } from "./articles";
import { extractArticleFromFile, extractArticleFromHtml, extractArticleFromPage, type ExtractedArticle } from "./article-extract";
import { audited } from "./audit";
import { db, isWriteConflict } from "./db";
import { AppError, notFound } from "./errors";
import { parseInput } from "./parse-input";
import { reviseArticleText } from "./revisions";
import { fetchPage, type FetchPageOptions } from "./web-fetch";

export interface ImportedArticle {
  /** What was extracted, as the editor would review it. */
  extracted: ExtractedArticle;
  /** Where it was read from: the page's final address (after redirects), or the file's name. */
  source: string;
}

/** Extracts an article from `{url}` or `{html, url?}` without writing anything. */
export async function extractForImport(actor: Actor, input: unknown): Promise<ImportedArticle & { preview: boolean }> {
  assertCan(actor, "article.write");
  const data = parseInput(ArticleImportSchema, input);
  if (data.html !== undefined) {
    // Where the HTML came from counts only as a web address; anything else is not one to record.
    const pageUrl = data.url && isHttpUrl(data.url) ? data.url : undefined;
    const extracted = await extractArticleFromHtml(data.html, pageUrl);
    return { extracted, source: pageUrl ?? extracted.url ?? "pasted HTML", preview: data.preview ?? false };
  }
  const page = await fetchPage(data.url ?? "");
  return { extracted: await extractArticleFromPage(page), source: page.url, preview: data.preview ?? false };
}

/** Extracts an article from an uploaded file (HTML, text, Markdown, Word) without writing anything. */
export async function extractFileForImport(actor: Actor, file: { name: string; bytes: Uint8Array; type?: string }): Promise<ImportedArticle> {
  assertCan(actor, "article.write");
  return { extracted: await extractArticleFromFile(file.name, file.bytes, file.type || undefined), source: file.name };
}

/** Adds an extracted article as it is: revision 1, origin "import", from `source`. */
export async function saveImported(actor: Actor, imported: ImportedArticle): Promise<ArticleView> {
  const { extracted, source } = imported;
  return createArticle(actor, {
    title: extracted.title.slice(0, 300),
    publisher: extracted.publisher?.slice(0, 200) ?? null,
    byline: extracted.byline?.slice(0, 300) ?? null,
    url: extracted.url,
    publishedOn: extracted.publishedOn,
    text: extracted.text,
    importedFrom: source.slice(0, 2048),
  });
}

export type RecheckOutcome = { changed: false } | { changed: true; revision: number; reanchor: ReanchorSummary };

/**
 * Fetches an article's page again and compares the extracted text with its latest revision: a change
 * (a correction, a silent edit) becomes the next revision, origin "recheck", with every claim
 * re-anchored. `actor` null is the server's scheduled re-check.
 */
export async function recheckArticle(
  actor: Actor | null,
  articleId: string,
  fetchOptions?: FetchPageOptions,
  checkedAt: Date = new Date(),
): Promise<RecheckOutcome> {
  if (actor) assertCan(actor, "article.write");
  const article = await db().article.findUnique({ where: { id: articleId }, select: { id: true, url: true, text: true } });
  if (!article) throw notFound("The article");
  if (!article.url) throw new AppError("validation_failed", "The article has no web address to check.", { url: "Give the article's web address first." });
  let text: string;
  let pageUrl: string;
  try {
    const page = await fetchPage(article.url, fetchOptions);
    ({ text } = await extractArticleFromPage(page));
    pageUrl = page.url;
  } catch (error) {
    if (error instanceof AppError) await recordCheck(articleId, checkedAt, error.message);
    throw error;
  }
  await recordCheck(articleId, checkedAt, null);
  if (text === article.text) return { changed: false };
  return audited(actor?.id ?? null, async (ctx) => {
    const current = await ctx.tx.article.findUnique({ where: { id: articleId } });
    if (!current) throw notFound("The article");
    // Someone changed the text meanwhile: compare with what it is now, not what it was.
    if (current.text === text) return { changed: false } as const;
    const outcome = await reviseArticleText(ctx, current, text, actor?.id ?? null, "recheck", pageUrl);
    await ctx.tx.article.update({ where: { id: articleId }, data: { version: { increment: 1 } } });
    return { changed: true, revision: outcome.revision, reanchor: outcome.reanchor } as const;
  });
}

/** When an article's page was last read to look for changes, and why that failed if it did. */
export interface LastCheck {
  at: string;
  error: string | null;
}

/**
 * Notes a check, under the time it started (error null: the page was read). Not audited: it changes
 * nothing of the article.
 */
async function recordCheck(articleId: string, checkedAt: Date, error: string | null): Promise<void> {
  await db()
    .articleCheck.upsert({ where: { articleId }, create: { articleId, checkedAt, error }, update: { checkedAt, error } })
    .catch((failure: unknown) => {
      // The article was deleted while its page was fetched (its row is gone): nothing to note.
      if (!isWriteConflict(failure)) throw failure;
    });
}

export async function lastCheck(actor: Actor, articleId: string): Promise<LastCheck | null> {
  assertCan(actor, "article.read");
  const row = await db().articleCheck.findUnique({ where: { articleId } });
  return row ? { at: row.checkedAt.toISOString(), error: row.error } : null;
}

/** One article's re-check in a run over many: its outcome, or why it could not be checked. */
export type RecheckReport = { articleId: string; title: string } & (RecheckOutcome | { failed: string });

/**
 * Re-checks every article that has a web address (or the one given), one after another, so a run never
 * fetches more than one page at a time; a page that cannot be read is reported and the run goes on.
 */
export async function recheckArticles(actor: Actor | null, only?: string, onReport?: (report: RecheckReport) => void): Promise<RecheckReport[]> {
  if (actor) assertCan(actor, "article.write");
  const articles = await db().article.findMany({
    where: only ? { id: only } : { url: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { id: true, title: true },
  });
  if (only && articles.length === 0) throw notFound("The article");
  const reports: RecheckReport[] = [];
  for (const article of articles) {
    let report: RecheckReport;
    try {
      report = { articleId: article.id, title: article.title, ...(await recheckArticle(actor, article.id)) };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      report = { articleId: article.id, title: article.title, failed: error.message };
    }
    reports.push(report);
    onReport?.(report);
  }
  return reports;
}
