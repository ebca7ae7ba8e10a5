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

export interface ArticleSummary {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  publishedOn: string | null;
  claims: number;
  claimsWithVerdict: number;
  createdAt: string;
  updatedAt: string;
}

export interface ArticleView extends Omit<ArticleSummary, "claims" | "claimsWithVerdict"> {
  text: string;
  version: number;
  /** Only reviewers assigned to the article, or to a claim of it, edit its claims. */
  requireAssignment: boolean;
  /** Each reviewer records their own assessment of a claim; editors set the verdict. */
  independentReview: boolean;
  /** In independent review: others' assessments stay hidden from a reviewer until they submit their own. */
  blind: boolean;
}

type ArticleRow = {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  publishedOn: string | null;
  text: string;
  version: number;
  requireAssignment: boolean;
  independentReview: boolean;
  blind: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export function articleView(row: ArticleRow): ArticleView {
  return {
    id: row.id,
    title: row.title,
    publisher: row.publisher,
    url: row.url,
    publishedOn: row.publishedOn,
    text: row.text,
    version: row.version,
    requireAssignment: row.requireAssignment,
    independentReview: row.independentReview,
    blind: row.blind,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function snapshot(row: ArticleRow) {
  const { createdAt: _c, updatedAt: _u, ...rest } = articleView(row);
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
    select: { id: true, title: true, publisher: true, url: true, publishedOn: true, createdAt: true, updatedAt: true },
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
        url: data.url,
        publishedOn: data.publishedOn,
        text,
        createdById: actor.id,
      },
    });
    await record({ action: "article.created", entityType: "article", entityId: row.id, articleId: row.id, after: snapshot(row) });
    return articleView(row);
  });
}

export async function updateArticle(actor: Actor, id: string, input: unknown): Promise<ArticleView> {
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
    if (data.url !== undefined) changes.url = data.url;
    if (data.publishedOn !== undefined) changes.publishedOn = data.publishedOn;
    if (data.requireAssignment !== undefined) changes.requireAssignment = data.requireAssignment;
    if (data.independentReview !== undefined) changes.independentReview = data.independentReview;
    if (data.blind !== undefined) changes.blind = data.blind;
    if ((changes.blind ?? current.blind) && !(changes.independentReview ?? current.independentReview)) {
      throw new AppError("validation_failed", "Blind review is part of independent review: turn that on too.", { blind: "Blind review needs independent review." });
    }
    if (data.text !== undefined) {
      const text = canonicalizeText(data.text);
      if (text !== current.text) {
        const claims = await tx.claim.count({ where: { articleId: id } });
        if (claims > 0) {
          throw new AppError("text_locked", "The text cannot change once the article has claims.", {
            text: "The text cannot change once the article has claims.",
          });
        }
        changes.text = text;
      }
    }
    const changed = Object.entries(changes).filter(([k, v]) => current[k as keyof ArticleRow] !== v);
    if (changed.length === 0) return articleView(current);
    const row = await tx.article.update({ where: { id }, data: { ...changes, version: { increment: 1 } } });
    await record({
      action: "article.updated",
      entityType: "article",
      entityId: id,
      articleId: id,
      before: snapshot(current),
      after: snapshot(row),
    });
    return articleView(row);
  });
}
