// Data access for articles: listing, reading, adding and editing. Every function takes the acting
// user, checks the permission, and audits its change in the same transaction.
import { canonicalizeText } from "@/lib/core/text";
import { ArticleCreateSchema, ArticleUpdateSchema } from "@/lib/validation/article";
import { audited } from "./audit";
import { db } from "./db";
import { AppError, notFound } from "./errors";
import { newId } from "./ids";
import { assertCan, type Actor } from "./actor";
import { parseInput } from "./parse-input";
import { recordFirstRevision, reviseArticleText, type RevisionOutcome } from "./revisions";
import type { ReanchorSummary } from "@/lib/core/reanchor";

export interface ArticleSummary {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  publishedOn: string | null;
  claims: number;
  claimsWithVerdict: number;
  /** When the text last changed after claims of it were reviewed; null if never. */
  changedAfterReviewAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ArticleView extends Omit<ArticleSummary, "claims" | "claimsWithVerdict" | "changedAfterReviewAt"> {
  /** Who wrote it, as the article says. */
  byline: string | null;
  text: string;
  version: number;
  /** Only reviewers assigned to the article, or to a claim of it, edit its claims. */
  requireAssignment: boolean;
  /** Each reviewer records their own assessment of a claim; editors set the verdict. */
  independentReview: boolean;
  /** In independent review: others' assessments stay hidden from a reviewer until they submit their own. */
  blind: boolean;
  /** The number of the revision the text is (GET /api/v1/articles/{id}/revisions). */
  revision: number;
  /** When the text last changed after claims of it were reviewed ("Changed after review"); null if never. */
  changedAfterReviewAt: string | null;
}

/** An article after an edit; `reanchor` when its text changed: how its claims were placed in the new revision. */
export type UpdatedArticle = ArticleView & { reanchor?: ReanchorSummary };

type ArticleRow = {
  id: string;
  title: string;
  publisher: string | null;
  byline: string | null;
  url: string | null;
  publishedOn: string | null;
  text: string;
  version: number;
  requireAssignment: boolean;
  independentReview: boolean;
  blind: boolean;
  revision: number;
  changedAfterReviewAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export function articleView(row: ArticleRow): ArticleView {
  return {
    id: row.id,
    title: row.title,
    publisher: row.publisher,
    byline: row.byline,
    url: row.url,
    publishedOn: row.publishedOn,
    text: row.text,
    version: row.version,
    requireAssignment: row.requireAssignment,
    independentReview: row.independentReview,
    blind: row.blind,
    revision: row.revision,
    changedAfterReviewAt: row.changedAfterReviewAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function snapshot(row: ArticleRow) {
  const { createdAt: _c, updatedAt: _u, changedAfterReviewAt: _r, ...rest } = articleView(row);
  return rest;
}

/** An edit's snapshot: the text is the revisions' (article.revised records both texts' hashes). */
function editSnapshot(row: ArticleRow) {
  const { text: _t, revision: _n, ...rest } = snapshot(row);
  return rest;
}

export async function listArticles(
  actor: Actor,
  page: { limit: number; cursor?: string },
): Promise<{ items: ArticleSummary[]; nextCursor: string | null }> {
  assertCan(actor, "article.read");
  const rows = await db().article.findMany({
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, title: true, publisher: true, url: true, publishedOn: true, changedAfterReviewAt: true, createdAt: true, updatedAt: true },
  });
  const pageRows = rows.slice(0, page.limit);
  const ids = pageRows.map((r) => r.id);
  const [all, withVerdict] = await Promise.all([
    db().claim.groupBy({ by: ["articleId"], where: { articleId: { in: ids }, deletedAt: null }, _count: { _all: true } }),
    db().claim.groupBy({
      by: ["articleId"],
      where: { articleId: { in: ids }, deletedAt: null, verdict: { not: null } },
      _count: { _all: true },
    }),
  ]);
  const count = (list: typeof all, id: string) => list.find((g) => g.articleId === id)?._count._all ?? 0;
  return {
    items: pageRows.map((r) => ({
      id: r.id,
      title: r.title,
      publisher: r.publisher,
      url: r.url,
      publishedOn: r.publishedOn,
      claims: count(all, r.id),
      claimsWithVerdict: count(withVerdict, r.id),
      changedAfterReviewAt: r.changedAfterReviewAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    })),
    nextCursor: rows.length > page.limit ? (pageRows[pageRows.length - 1]?.id ?? null) : null,
  };
}

export async function getArticle(actor: Actor, id: string): Promise<ArticleView> {
  assertCan(actor, "article.read");
  const row = await db().article.findUnique({ where: { id } });
  if (!row) throw notFound("The article");
  return articleView(row);
}

export async function createArticle(actor: Actor, input: unknown): Promise<ArticleView> {
  assertCan(actor, "article.write");
  const data = parseInput(ArticleCreateSchema, input);
  const text = canonicalizeText(data.text);
  if (!text) throw new AppError("validation_failed", "The article has no text.", { text: "Text is required." });
  return audited(actor.id, async ({ tx, record }) => {
    const row = await tx.article.create({
      data: {
        id: newId(),
        title: data.title,
        publisher: data.publisher,
        byline: data.byline,
        url: data.url,
        publishedOn: data.publishedOn,
        text,
        createdById: actor.id,
      },
    });
    await recordFirstRevision({ tx, record }, row, actor.id, data.importedFrom ? "import" : "created", data.importedFrom);
    await record({ action: "article.created", entityType: "article", entityId: row.id, articleId: row.id, after: snapshot(row) });
    return articleView(row);
  });
}

/**
 * Edits an article's fields and settings. A new text becomes the next revision, and every claim is
 * re-anchored to it (lib/server/revisions); the answer then says how they fared.
 */
export async function updateArticle(actor: Actor, id: string, input: unknown): Promise<UpdatedArticle> {
  assertCan(actor, "article.write");
  const data = parseInput(ArticleUpdateSchema, input);
  return audited(actor.id, async ({ tx, record }) => {
    const current = await tx.article.findUnique({ where: { id } });
    if (!current) throw notFound("The article");
    if (data.version !== undefined && data.version !== current.version) {
      throw new AppError("conflict", "Someone else changed this article since you opened it.", undefined, {
        current: articleView(current),
      });
    }
    const changes: Partial<ArticleRow> = {};
    if (data.title !== undefined) changes.title = data.title;
    if (data.publisher !== undefined) changes.publisher = data.publisher;
    if (data.byline !== undefined) changes.byline = data.byline;
    if (data.url !== undefined) changes.url = data.url;
    if (data.publishedOn !== undefined) changes.publishedOn = data.publishedOn;
    if (data.requireAssignment !== undefined) changes.requireAssignment = data.requireAssignment;
    if (data.independentReview !== undefined) changes.independentReview = data.independentReview;
    if (data.blind !== undefined) changes.blind = data.blind;
    if ((changes.blind ?? current.blind) && !(changes.independentReview ?? current.independentReview)) {
      throw new AppError("validation_failed", "Blind review is part of independent review: turn that on too.", { blind: "Blind review needs independent review." });
    }
    const changed = Object.entries(changes).filter(([k, v]) => current[k as keyof ArticleRow] !== v);
    let revised: RevisionOutcome | undefined;
    if (data.text !== undefined) {
      const text = canonicalizeText(data.text);
      if (!text) throw new AppError("validation_failed", "The article has no text.", { text: "Text is required." });
      if (text !== current.text) revised = await reviseArticleText({ tx, record }, current, text, actor.id, "edit");
    }
    if (changed.length === 0 && !revised) return articleView(current);
    const row = await tx.article.update({ where: { id }, data: { ...changes, version: { increment: 1 } } });
    if (changed.length > 0) {
      await record({
        action: "article.updated",
        entityType: "article",
        entityId: id,
        articleId: id,
        before: editSnapshot(current),
        after: editSnapshot(row),
      });
    }
    return revised ? { ...articleView(row), reanchor: revised.reanchor } : articleView(row);
  });
}
