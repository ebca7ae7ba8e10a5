// An article's revisions: every text it has had is kept, and a new text (an edit, a re-check of its URL,
// an import) becomes the next revision inside the caller's audited transaction, with every claim
// re-anchored to it by the pure core (lib/core/reanchor). Claims whose words changed or vanished go
// back to review (lib/core/claim's "reworded" event), keeping their verdict, shown as given on an
// earlier wording, until a verdict is given again. Orphaned claims are never deleted: they keep their
// last quote and position, and a later revision that brings their words back places them again.
import { createHash } from "node:crypto";
import { claimTransition, storedStatus, storedVerdict, type ClaimState } from "@/lib/core/claim";
import { reanchorClaims, summarise, type ReanchorSummary, type Reanchored } from "@/lib/core/reanchor";
import { diffCounts, diffWords, type DiffOp } from "@/lib/core/word-diff";
import { assertCan, type Actor } from "./actor";
import type { AuditContext } from "./audit";
import { db, dbProvider, type Tx } from "./db";
import { AppError, notFound } from "./errors";
import { newId } from "./ids";

export const REVISION_ORIGINS = ["created", "edit", "recheck", "import"] as const;
export type RevisionOrigin = (typeof REVISION_ORIGINS)[number];

export interface RevisionView {
  number: number;
  createdAt: string;
  /** Who made it; null for the server's scheduled re-check. */
  by: { id: string; name: string } | null;
  origin: RevisionOrigin;
  /** Where a re-check or an import read it from. */
  sourceUrl: string | null;
  /** Words added and removed against the revision before. */
  added: number;
  removed: number;
  /** How the claims were re-anchored to it (null for the first revision). */
  reanchor: ReanchorSummary | null;
}

/** What a new revision did: its number and how the claims fared, one entry per claim that moved or changed. */
export interface RevisionOutcome {
  revision: number;
  reanchor: ReanchorSummary;
  claims: { id: string; status: Reanchored["status"]; score: number }[];
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

function storedOrigin(value: string): RevisionOrigin {
  if ((REVISION_ORIGINS as readonly string[]).includes(value)) return value as RevisionOrigin;
  throw new Error(`damaged row: unknown revision origin ${JSON.stringify(value)}`);
}

function storedSummary(value: string | null): ReanchorSummary | null {
  if (value === null) return null;
  const parsed = JSON.parse(value) as Partial<ReanchorSummary>;
  return { exact: parsed.exact ?? 0, moved: parsed.moved ?? 0, fuzzy: parsed.fuzzy ?? 0, orphaned: parsed.orphaned ?? 0 };
}

/** A claim's new place when its words are unchanged (the quote as found): the offsets and context move. */
interface ClaimPlace {
  id: string;
  exact: string;
  start: number;
  end: number;
  prefix: string;
  suffix: string;
}

/** Claims per UPDATE statement: 11 parameters each, far below SQLite's and PostgreSQL's limits. */
const PLACES_PER_STATEMENT = 500;

/**
 * Writes claims' new places many to a statement (UPDATE … SET "start" = CASE "id" WHEN … END, …): a
 * note added on top of an article moves every claim along, and a row a claim would make the revision
 * of a long article take seconds. The claims' version and updatedAt stay: nobody changed the claim.
 */
async function placeAgain(tx: Tx, places: readonly ClaimPlace[]): Promise<void> {
  const numbered = dbProvider() === "postgresql";
  for (let from = 0; from < places.length; from += PLACES_PER_STATEMENT) {
    const chunk = places.slice(from, from + PLACES_PER_STATEMENT);
    const args: Array<string | number> = [];
    const param = (value: string | number, type: "INTEGER" | "TEXT") => {
      args.push(value);
      return `CAST(${numbered ? `$${args.length}` : "?"} AS ${type})`;
    };
    const column = (name: keyof ClaimPlace, type: "INTEGER" | "TEXT") =>
      `"${name}" = CASE "id" ${chunk.map((p) => `WHEN ${param(p.id, "TEXT")} THEN ${param(p[name], type)}`).join(" ")} ELSE "${name}" END`;
    const sets = [column("exact", "TEXT"), column("start", "INTEGER"), column("end", "INTEGER"), column("prefix", "TEXT"), column("suffix", "TEXT")];
    const ids = chunk.map((p) => param(p.id, "TEXT")).join(", ");
    await tx.$executeRawUnsafe(`UPDATE "Claim" SET ${sets.join(", ")} WHERE "id" IN (${ids})`, ...args);
  }
}

/** The first revision of a new article, inside the audited transaction that creates it. */
export async function recordFirstRevision(
  ctx: AuditContext,
  article: { id: string; text: string },
  by: string | null,
  origin: "created" | "import",
  sourceUrl: string | null = null,
): Promise<void> {
  await ctx.tx.articleRevision.create({
    data: { id: newId(), articleId: article.id, number: 1, text: article.text, origin, createdById: by, sourceUrl },
  });
}

/**
 * Makes `text` (canonical, different from the current one) the article's next revision, inside the
 * caller's audited transaction: keeps the revision, re-anchors every claim (deleted ones too, so a
 * restored claim is placed), sends reworded claims under way back to review, marks the article as
 * changed after review when any claim had been reviewed, and audits the revision (`article.revised`,
 * with the hashes of both texts and every claim's new place) and each claim that moved, changed or
 * vanished (`claim.reanchored`). The caller updates the article row's other fields and its version.
 */
export async function reviseArticleText(
  ctx: AuditContext,
  article: { id: string; text: string; revision: number },
  text: string,
  by: string | null,
  origin: Exclude<RevisionOrigin, "created">,
  sourceUrl: string | null = null,
): Promise<RevisionOutcome> {
  const { tx, record } = ctx;
  const number = article.revision + 1;
  const claims = await tx.claim.findMany({
    where: { articleId: article.id },
    orderBy: [{ start: "asc" }, { id: "asc" }],
    select: {
      id: true,
      exact: true,
      prefix: true,
      suffix: true,
      start: true,
      end: true,
      status: true,
      verdict: true,
      deletedAt: true,
      anchorStatus: true,
    },
  });
  const ops: DiffOp[] = diffWords(article.text, text);
  const results = reanchorClaims(article.text, text, claims, ops);
  const reanchor = summarise(results);
  const { added, removed } = diffCounts(ops);
  const now = new Date();

  await tx.articleRevision.create({
    data: {
      id: newId(),
      articleId: article.id,
      number,
      text,
      origin,
      createdById: by,
      sourceUrl,
      added,
      removed,
      reanchor: JSON.stringify(reanchor),
    },
  });

  // Every claim is placed in the new revision; claims whose words stayed but moved along (text added
  // above them) are written many to a statement; the ones whose row changes otherwise one by one.
  await tx.claim.updateMany({ where: { articleId: article.id }, data: { anchorRevision: number, anchorStatus: "exact", anchorScore: 1 } });
  let reviewed = false;
  const outcome: RevisionOutcome["claims"] = [];
  const shifted: ClaimPlace[] = [];
  for (const [i, claim] of claims.entries()) {
    const result = results[i] as Reanchored;
    const before: ClaimState = { status: storedStatus(claim.status), verdict: storedVerdict(claim.verdict) };
    const underWay = before.status !== "open" || before.verdict !== null;
    if (claim.deletedAt === null && underWay) reviewed = true;
    const placed = result.status === "orphaned" ? null : result.anchor;
    const reworded = result.status === "fuzzy" || result.status === "orphaned";
    const after = reworded ? claimTransition(before, { type: "reworded" }) : null;
    const status = after?.ok ? after.state.status : before.status;
    const anchorChanged =
      placed !== null &&
      (placed.start !== claim.start || placed.end !== claim.end || placed.exact !== claim.exact || placed.prefix !== claim.prefix || placed.suffix !== claim.suffix);
    if (result.status === "exact") {
      if (anchorChanged) shifted.push({ id: claim.id, exact: placed.exact, start: placed.start, end: placed.end, prefix: placed.prefix, suffix: placed.suffix });
      continue;
    }
    if (result.status === "orphaned" && claim.anchorStatus === "orphaned") {
      // Still gone: nothing new to review or record.
      await tx.claim.update({ where: { id: claim.id }, data: { anchorStatus: "orphaned", anchorScore: 0 } });
      continue;
    }
    await tx.claim.update({
      where: { id: claim.id },
      data: {
        ...(placed && anchorChanged ? { exact: placed.exact, prefix: placed.prefix, suffix: placed.suffix, start: placed.start, end: placed.end } : {}),
        anchorStatus: result.status,
        anchorScore: result.score,
        ...(reworded && underWay ? { rewordedRevision: number, rewordedAt: now } : {}),
        ...(status !== before.status ? { status } : {}),
        ...(before.status === "approved" && status !== "approved" ? { approvedById: null, approvedAt: null } : {}),
        // A change a reviewer should see (their words, their status) makes stale edits of the claim conflict.
        version: { increment: 1 },
      },
    });
    outcome.push({ id: claim.id, status: result.status, score: result.score });
    await record({
      action: "claim.reanchored",
      entityType: "claim",
      entityId: claim.id,
      articleId: article.id,
      before: { exact: claim.exact, start: claim.start, end: claim.end, status: before.status },
      after: {
        revision: number,
        exact: placed?.exact ?? claim.exact,
        start: placed?.start ?? claim.start,
        end: placed?.end ?? claim.end,
        anchor: result.status,
        score: result.score,
        status,
      },
    });
  }

  await placeAgain(tx, shifted);

  await tx.article.update({
    where: { id: article.id },
    data: { text, revision: number, ...(reviewed ? { changedAfterReviewAt: now } : {}) },
  });
  await record({
    action: "article.revised",
    entityType: "article",
    entityId: article.id,
    articleId: article.id,
    before: { revision: article.revision, textSha256: sha256(article.text) },
    after: {
      revision: number,
      origin,
      sourceUrl,
      textSha256: sha256(text),
      added,
      removed,
      reanchor,
      // Where every claim is now: [id, status, start, end].
      anchors: claims.map((c, i) => {
        const r = results[i] as Reanchored;
        return r.status === "orphaned" ? [c.id, r.status, c.start, c.end] : [c.id, r.status, r.anchor.start, r.anchor.end];
      }),
    },
  });
  return { revision: number, reanchor, claims: outcome };
}

function revisionView(row: {
  number: number;
  createdAt: Date;
  createdBy: { id: string; name: string } | null;
  origin: string;
  sourceUrl: string | null;
  added: number;
  removed: number;
  reanchor: string | null;
}): RevisionView {
  return {
    number: row.number,
    createdAt: row.createdAt.toISOString(),
    by: row.createdBy,
    origin: storedOrigin(row.origin),
    sourceUrl: row.sourceUrl,
    added: row.added,
    removed: row.removed,
    reanchor: storedSummary(row.reanchor),
  };
}

/** An article's revisions, newest first. */
export async function listRevisions(actor: Actor, articleId: string): Promise<RevisionView[]> {
  assertCan(actor, "article.read");
  const article = await db().article.findUnique({ where: { id: articleId }, select: { id: true } });
  if (!article) throw notFound("The article");
  const rows = await db().articleRevision.findMany({
    where: { articleId },
    orderBy: { number: "desc" },
    select: {
      number: true,
      createdAt: true,
      createdBy: { select: { id: true, name: true } },
      origin: true,
      sourceUrl: true,
      added: true,
      removed: true,
      reanchor: true,
    },
  });
  return rows.map(revisionView);
}

export interface RevisionDiff {
  from: number;
  to: number;
  added: number;
  removed: number;
  /** The word-level diff: equal, deleted and inserted stretches in order (offsets in UTF-16 units). */
  ops: DiffOp[];
}

/** The word diff between two revisions of an article (`from` defaults to the revision before `to`). */
export async function revisionDiff(actor: Actor, articleId: string, to: number, from?: number): Promise<RevisionDiff> {
  assertCan(actor, "article.read");
  const base = from ?? to - 1;
  if (!Number.isInteger(to) || to < 1 || !Number.isInteger(base) || base < 1) {
    throw new AppError("validation_failed", "Revisions are numbered from 1.", { from: "Give two revisions of the article." });
  }
  const rows = await db().articleRevision.findMany({
    where: { articleId, number: { in: [base, to] } },
    select: { number: true, text: true },
  });
  const older = rows.find((r) => r.number === base);
  const newer = rows.find((r) => r.number === to);
  if (!newer || !older) {
    const article = await db().article.findUnique({ where: { id: articleId }, select: { id: true } });
    throw notFound(article ? `Revision ${newer ? base : to} of the article` : "The article");
  }
  const ops = diffWords(older.text, newer.text);
  return { from: base, to, ...diffCounts(ops), ops };
}

export interface TouchedClaim {
  id: string;
  /** The claim's words after the revision (its last words, when they are gone). */
  exact: string;
  status: "moved" | "fuzzy" | "orphaned";
  score: number;
}

/** The claims a revision moved, changed or removed, from its `claim.reanchored` events, in text order. */
export async function claimsTouchedBy(actor: Actor, articleId: string, revision: number): Promise<TouchedClaim[]> {
  assertCan(actor, "article.read");
  const events = await db().auditEvent.findMany({
    where: { articleId, action: "claim.reanchored" },
    orderBy: { seq: "asc" },
    select: { entityId: true, after: true },
  });
  const touched: (TouchedClaim & { start: number })[] = [];
  for (const event of events) {
    const after = JSON.parse(event.after ?? "null") as { revision?: unknown; exact?: unknown; anchor?: unknown; score?: unknown; start?: unknown } | null;
    if (after?.revision !== revision || (after.anchor !== "moved" && after.anchor !== "fuzzy" && after.anchor !== "orphaned")) continue;
    touched.push({
      id: event.entityId,
      exact: typeof after.exact === "string" ? after.exact : "",
      status: after.anchor,
      score: typeof after.score === "number" ? after.score : 0,
      start: typeof after.start === "number" ? after.start : 0,
    });
  }
  return touched.sort((a, b) => a.start - b.start).map(({ start: _s, ...claim }) => claim);
}
