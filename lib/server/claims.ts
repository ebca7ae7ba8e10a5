// Data access for claims and their sources. Any reviewer may edit any claim (a desk works together)
// unless the article requires assignment: then only its assigned reviewers and the editors may;
// deleting is for the claim's author or an editor, restoring for an editor. Saves use optimistic
// concurrency: a stale version gets a 409 carrying the current claim.
//
// One insert path (insertClaim, insertSource) and one update path (updateClaim) for every writer: the
// UI's server actions, the REST API, the CLI and the annotation import. What a save does to a claim's
// status, and what the audit trail records of it, are lib/core/claim's rules.
import { anchorQuote, type ClaimAnchor } from "@/lib/core/anchoring";
import type { AnchorStatus } from "@/lib/core/reanchor";
import {
  storedAnchorStatus,
  settlesRewording,
  NEW_CLAIM,
  claimChangeAction,
  claimSnapshot,
  claimTransition,
  storedStance,
  type ClaimEvent,
  type ReviewMode,
  storedStatus,
  storedVerdict,
  type ClaimState,
  type ClaimStatus,
  type SourceStance,
  type VerdictId,
} from "@/lib/core/claim";
import { can, canDeleteClaim } from "@/lib/core/roles";
import { ApproveSchema, ClaimCreateSchema, ClaimFilterSchema, ClaimUpdateSchema, FinalVerdictSchema } from "@/lib/validation/claim";
import { SourceCreateSchema, SourceUpdateSchema, type SourceCreateInput } from "@/lib/validation/source";
import { assertMayEdit } from "./assignments";
import { audited, type AuditContext, type AuditInput } from "./audit";
import { db, type Tx } from "./db";
import { AppError, forbidden, notFound } from "./errors";
import { newId } from "./ids";
import { parseInput } from "./parse-input";
import { assertCan, type Actor } from "./actor";

export interface SourceView {
  id: string;
  url: string;
  title: string;
  publisher: string;
  quote: string;
  stance: SourceStance;
  archivedUrl: string | null;
  accessedOn: string | null;
}

export interface ClaimView {
  id: string;
  articleId: string;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  statement: string | null;
  status: ClaimStatus;
  verdict: VerdictId | null;
  rationale: string;
  note: string;
  author: { id: string; name: string };
  /** Who gave the current verdict (a save, or the final verdict in independent review). */
  verdictBy: { id: string; name: string } | null;
  /** The editor's note on the final verdict (internal). */
  finalNote: string;
  approvedBy: { id: string; name: string } | null;
  approvedAt: string | null;
  /**
   * Where the claim stands in its article's latest revision: how it was placed there (lib/core/reanchor),
   * in which revision, with the fuzzy match's score. An orphaned claim's words are gone; it keeps its
   * last quote and position.
   */
  anchor: { status: AnchorStatus; revision: number; score: number };
  /**
   * Set when a revision changed or removed the claim's words after it was reviewed, until a verdict is
   * given again: its verdict, if any, was given on an earlier wording.
   */
  reworded: { revision: number; at: string } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt?: string | null;
  sources: SourceView[];
}

const person = { select: { id: true, name: true } };
/** What a claim is read with, wherever a ClaimView is made. */
export const claimInclude = {
  author: person,
  verdictBy: person,
  approvedBy: person,
  sources: { orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }] },
};
const include = claimInclude;

type SourceRow = {
  id: string;
  url: string;
  title: string;
  publisher: string;
  quote: string;
  stance: string;
  archivedUrl: string | null;
  accessedOn: string | null;
};

type ClaimRow = {
  id: string;
  articleId: string;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  statement: string | null;
  status: string;
  verdict: string | null;
  rationale: string;
  note: string;
  finalNote: string;
  approvedAt: Date | null;
  anchorStatus: string;
  anchorRevision: number;
  anchorScore: number;
  rewordedRevision: number | null;
  rewordedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  author: { id: string; name: string };
  verdictBy: { id: string; name: string } | null;
  approvedBy: { id: string; name: string } | null;
  sources: SourceRow[];
};

export function sourceView(s: SourceRow): SourceView {
  return {
    id: s.id,
    url: s.url,
    title: s.title,
    publisher: s.publisher,
    quote: s.quote,
    stance: storedStance(s.stance),
    archivedUrl: s.archivedUrl,
    accessedOn: s.accessedOn,
  };
}

export function claimView(row: ClaimRow): ClaimView {
  return {
    id: row.id,
    articleId: row.articleId,
    exact: row.exact,
    prefix: row.prefix,
    suffix: row.suffix,
    start: row.start,
    end: row.end,
    statement: row.statement,
    status: storedStatus(row.status),
    verdict: storedVerdict(row.verdict),
    rationale: row.rationale,
    note: row.note,
    author: row.author,
    verdictBy: row.verdictBy,
    finalNote: row.finalNote,
    approvedBy: row.approvedBy,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    anchor: { status: storedAnchorStatus(row.anchorStatus), revision: row.anchorRevision, score: row.anchorScore },
    reworded: row.rewordedRevision !== null && row.rewordedAt ? { revision: row.rewordedRevision, at: row.rewordedAt.toISOString() } : null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...(row.deletedAt ? { deletedAt: row.deletedAt.toISOString() } : {}),
    sources: row.sources.map(sourceView),
  };
}

/** What the audit trail records of a claim (lib/core/claim's snapshot), from its row. */
function snapshotOf(row: ClaimRow) {
  return claimSnapshot(claimView(row));
}

async function loadClaim(tx: Tx, id: string, opts: { includeDeleted?: boolean } = {}) {
  const row = await tx.claim.findUnique({ where: { id }, include });
  if (!row || (row.deletedAt && !opts.includeDeleted)) throw notFound("The claim");
  return row;
}

export async function listClaims(
  actor: Actor,
  articleId: string,
  filter: unknown = {},
  opts: { includeDeleted?: boolean } = {},
): Promise<ClaimView[]> {
  assertCan(actor, "article.read");
  const f = parseInput(ClaimFilterSchema, filter);
  const article = await db().article.findUnique({ where: { id: articleId }, select: { id: true } });
  if (!article) throw notFound("The article");
  const where = {
    articleId,
    ...(opts.includeDeleted ? {} : { deletedAt: null }),
    ...(f.status ? { status: f.status } : {}),
    ...(f.verdict === "none" ? { verdict: null } : f.verdict ? { verdict: f.verdict } : {}),
  };
  // Three flat queries stitched together: an article can have thousands of claims, more than a
  // database accepts as bound parameters in the IN list that an `include` would generate.
  const [rows, sources] = await Promise.all([
    db().claim.findMany({ where, orderBy: [{ start: "asc" }, { end: "desc" }, { createdAt: "asc" }] }),
    db().source.findMany({ where: { claim: where }, orderBy: include.sources.orderBy }),
  ]);
  const personIds = [...new Set(rows.flatMap((r) => [r.authorId, r.verdictById, r.approvedById].filter((id): id is string => id !== null)))];
  const people = new Map(
    (await db().user.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true } })).map((u) => [u.id, u]),
  );
  const personOf = (id: string | null) => (id === null ? null : (people.get(id) ?? { id, name: "Unknown" }));
  const sourcesByClaim = new Map<string, SourceRow[]>();
  for (const source of sources) {
    const list = sourcesByClaim.get(source.claimId);
    if (list) list.push(source);
    else sourcesByClaim.set(source.claimId, [source]);
  }
  return rows.map((row) =>
    claimView({
      ...row,
      author: personOf(row.authorId)!,
      verdictBy: personOf(row.verdictById),
      approvedBy: personOf(row.approvedById),
      sources: sourcesByClaim.get(row.id) ?? [],
    }),
  );
}

export async function getClaim(actor: Actor, id: string): Promise<ClaimView> {
  assertCan(actor, "article.read");
  return claimView(await loadClaim(db(), id));
}

export async function createClaim(actor: Actor, articleId: string, input: unknown): Promise<ClaimView> {
  assertCan(actor, "claim.write");
  const data = parseInput(ClaimCreateSchema, input);
  return audited(actor.id, async (ctx) => {
    const article = await ctx.tx.article.findUnique({ where: { id: articleId }, select: { id: true, text: true, revision: true } });
    if (!article) throw notFound("The article");
    await assertMayEdit(ctx.tx, actor, articleId, { kind: "new_claim" });
    const anchored = anchorQuote(article.text, data);
    if (!anchored.ok) {
      if (anchored.code === "ambiguous_quote") {
        throw new AppError(
          "ambiguous_quote",
          "The quoted text occurs more than once in the article; send its position or more context (prefix, suffix).",
        );
      }
      throw new AppError("quote_not_found", "The quoted text is not in the article.", { exact: "Not found in the article." });
    }
    return insertClaim(ctx, actor, article, anchored.anchor, { statement: data.statement ?? null });
  });
}

/** A new claim's own fields beside its anchor; a verdict or status (an import) is a first save's. */
export interface NewClaimFields {
  statement: string | null;
  verdict?: VerdictId | null;
  status?: ClaimStatus;
  rationale?: string;
  note?: string;
}

/**
 * The one way a claim is inserted, inside the caller's audited transaction: its status follows from
 * lib/core/claim's rules, and its `claim.created` event records its snapshot.
 */
export async function insertClaim(
  ctx: AuditContext,
  actor: Actor,
  article: { id: string; revision: number },
  anchor: ClaimAnchor,
  fields: NewClaimFields,
): Promise<ClaimView> {
  const articleId = article.id;
  // An import brings verdicts as they were given elsewhere: a save's rules, whatever the article's review.
  const { state } = transitionOrRefuse(NEW_CLAIM, { type: "saved", verdict: fields.verdict, status: fields.status }, { independentReview: false });
  const row = await ctx.tx.claim.create({
    data: {
      id: newId(),
      articleId,
      exact: anchor.exact,
      prefix: anchor.prefix,
      suffix: anchor.suffix,
      start: anchor.start,
      end: anchor.end,
      statement: fields.statement ? fields.statement : null,
      status: state.status,
      verdict: state.verdict,
      rationale: fields.rationale ?? "",
      note: fields.note ?? "",
      authorId: actor.id,
      verdictById: state.verdict ? actor.id : null,
      anchorRevision: article.revision,
    },
    include,
  });
  await ctx.record({ action: "claim.created", entityType: "claim", entityId: row.id, articleId, after: snapshotOf(row) });
  return claimView(row);
}

/** The claim after an event, by lib/core/claim's rules, or the refusal as the API's error. */
function transitionOrRefuse(current: ClaimState, event: ClaimEvent, mode?: ReviewMode) {
  const next = claimTransition(current, event, mode);
  if (next.ok) return next;
  switch (next.code) {
    case "reason_required":
      throw new AppError("reason_required", next.message, { reason: "Give the reason for the correction." });
    case "not_approvable":
      throw new AppError("not_approvable", next.message);
    case "verdict_required":
      throw new AppError("validation_failed", next.message, { status: "Give a verdict first." });
    default:
      throw new AppError("validation_failed", next.message, { [next.field]: next.message });
  }
}

/** The claim's row for a write: live, at the version the writer saw (else 409 with the current claim). */
async function claimAtVersion(tx: Tx, id: string, version: number) {
  const current = await loadClaim(tx, id);
  if (current.version !== version) {
    throw new AppError("conflict", "Someone else changed this claim since you opened it.", undefined, { current: claimView(current) });
  }
  return current;
}

async function reviewModeOf(tx: Tx, articleId: string): Promise<ReviewMode> {
  const article = await tx.article.findUnique({ where: { id: articleId }, select: { independentReview: true } });
  return { independentReview: article?.independentReview ?? false };
}

/**
 * The row's columns a status change sets besides the status: leaving "approved" clears the approval;
 * reaching a decision again clears a rewording.
 */
function statusColumns(before: ClaimView, after: ClaimStatus) {
  return {
    ...(before.status === "approved" && after !== "approved" ? { approvedById: null, approvedAt: null } : {}),
    // A verdict given again after the claim's words changed is given on the new wording.
    ...(before.reworded && after !== before.status && settlesRewording(after) ? { rewordedRevision: null, rewordedAt: null } : {}),
  };
}

/** A change of a claim's own fields, audited with its snapshot before and after; a correction's event also records why. */
async function recordClaimChange(
  record: AuditContext["record"],
  action: AuditInput["action"],
  before: ClaimView,
  row: ClaimRow & { articleId: string },
  correction?: { reason: string | undefined },
) {
  const after = snapshotOf(row);
  await record({
    action,
    entityType: "claim",
    entityId: row.id,
    articleId: row.articleId,
    before: claimSnapshot(before),
    after: correction ? { ...after, reason: correction.reason ?? "" } : after,
  });
}

export async function updateClaim(actor: Actor, id: string, input: unknown): Promise<ClaimView> {
  assertCan(actor, "claim.write");
  const data = parseInput(ClaimUpdateSchema, input);
  return audited(actor.id, async ({ tx, record }) => {
    const found = await loadClaim(tx, id);
    await assertMayEdit(tx, actor, found.articleId, { kind: "claim", claimId: id });
    const mode = await reviewModeOf(tx, found.articleId);
    if (mode.independentReview && data.verdict !== undefined && data.verdict !== found.verdict && !can(actor.role, "claim.approve")) {
      throw forbidden("In independent review each reviewer records their own assessment; an editor sets the claim's verdict.");
    }
    const current = await claimAtVersion(tx, id, data.version);
    const before = claimView(current);
    const next = transitionOrRefuse(before, { type: "saved", verdict: data.verdict, status: data.status, reason: data.reason }, mode);
    const changes: Partial<Pick<ClaimView, "statement" | "status" | "verdict" | "rationale" | "note">> = { ...next.state };
    if (data.statement !== undefined) changes.statement = data.statement ? data.statement : null;
    if (data.rationale !== undefined) changes.rationale = data.rationale;
    if (data.note !== undefined) changes.note = data.note;
    const changed = (Object.keys(changes) as (keyof typeof changes)[]).filter((k) => changes[k] !== before[k]);
    if (changed.length === 0) return before;
    const row = await tx.claim.update({
      where: { id },
      data: {
        ...changes,
        ...(changed.includes("verdict") ? { verdictById: next.state.verdict ? actor.id : null } : {}),
        ...statusColumns(before, next.state.status),
        version: { increment: 1 },
      },
      include,
    });
    await recordClaimChange(record, claimChangeAction(changed, next.correction), before, row, next.correction ? { reason: data.reason } : undefined);
    return claimView(row);
  });
}

/**
 * An editor's final verdict on a claim in independent review, with a note on the decision: the claim
 * is "proposed", to be approved. Changing an approved verdict is a correction and needs a reason.
 */
export async function setFinalVerdict(actor: Actor, id: string, input: unknown): Promise<ClaimView> {
  assertCan(actor, "claim.approve");
  const data = parseInput(FinalVerdictSchema, input);
  return audited(actor.id, async ({ tx, record }) => {
    const found = await loadClaim(tx, id);
    const mode = await reviewModeOf(tx, found.articleId);
    if (!mode.independentReview) {
      throw new AppError("not_in_independent_review", "This article is not in independent review: give the claim's verdict instead.");
    }
    const current = await claimAtVersion(tx, id, data.version);
    const before = claimView(current);
    if (before.status === "proposed" && before.verdict === data.verdict && before.finalNote === data.note && before.verdictBy?.id === actor.id) return before;
    const next = transitionOrRefuse(before, { type: "final", verdict: data.verdict, reason: data.reason }, mode);
    const row = await tx.claim.update({
      where: { id },
      data: {
        status: next.state.status,
        verdict: next.state.verdict,
        finalNote: data.note,
        verdictById: actor.id,
        ...statusColumns(before, next.state.status),
        version: { increment: 1 },
      },
      include,
    });
    await recordClaimChange(record, next.correction ? "claim.corrected" : "claim.final_proposed", before, row, next.correction ? { reason: data.reason } : undefined);
    return claimView(row);
  });
}

/** Whether the desk has two or more active editors (admins count): then nobody approves their own verdict. */
export async function secondApproverRequired(tx: Tx = db()): Promise<boolean> {
  return (await tx.user.count({ where: { role: { in: ["editor", "admin"] }, disabledAt: null } })) >= 2;
}

/**
 * An editor approves a claim's verdict: a proposed final verdict, or a verdict given outside independent
 * review. Where the desk has two or more editors (admins count), the approver is not the one who gave it.
 */
export async function approveClaim(actor: Actor, id: string, input: unknown): Promise<ClaimView> {
  assertCan(actor, "claim.approve");
  const data = parseInput(ApproveSchema, input);
  return audited(actor.id, async ({ tx, record }) => {
    const current = await claimAtVersion(tx, id, data.version);
    const before = claimView(current);
    // Approval reads only the status (lib/core/claim), not the article's review mode.
    const next = transitionOrRefuse(before, { type: "approved" });
    if (before.verdictBy?.id === actor.id && (await secondApproverRequired(tx))) {
      throw new AppError("self_approval", "Another editor must approve this verdict: you gave it.");
    }
    const row = await tx.claim.update({
      where: { id },
      data: { status: next.state.status, approvedById: actor.id, approvedAt: new Date(), version: { increment: 1 } },
      include,
    });
    await recordClaimChange(record, "claim.approved", before, row);
    return claimView(row);
  });
}

export async function deleteClaim(actor: Actor, id: string): Promise<void> {
  assertCan(actor, "claim.write");
  await audited(actor.id, async ({ tx, record }) => {
    const current = await loadClaim(tx, id);
    if (!canDeleteClaim(actor.role, actor.id, current.author.id)) {
      throw forbidden("Only the claim's author or an editor can delete it.");
    }
    await assertMayEdit(tx, actor, current.articleId, { kind: "claim", claimId: id });
    const row = await tx.claim.update({
      where: { id },
      data: { deletedAt: new Date(), deletedById: actor.id, version: { increment: 1 } },
      include,
    });
    await record({
      action: "claim.deleted",
      entityType: "claim",
      entityId: id,
      articleId: row.articleId,
      before: snapshotOf(current),
      after: null,
    });
  });
}

export async function restoreClaim(actor: Actor, id: string): Promise<ClaimView> {
  assertCan(actor, "claim.restore");
  return audited(actor.id, async ({ tx, record }) => {
    const current = await loadClaim(tx, id, { includeDeleted: true });
    if (!current.deletedAt) return claimView(current);
    const row = await tx.claim.update({
      where: { id },
      data: { deletedAt: null, deletedById: null, version: { increment: 1 } },
      include,
    });
    await record({
      action: "claim.restored",
      entityType: "claim",
      entityId: id,
      articleId: row.articleId,
      before: null,
      after: snapshotOf(row),
    });
    return claimView(row);
  });
}

function sourceSnapshot(s: SourceRow & { claimId: string }) {
  return { claimId: s.claimId, ...sourceView(s) };
}

export async function addSource(actor: Actor, claimId: string, input: unknown): Promise<SourceView> {
  assertCan(actor, "claim.write");
  const data = parseInput(SourceCreateSchema, input);
  return audited(actor.id, async (ctx) => {
    const claim = await loadClaim(ctx.tx, claimId);
    await assertMayEdit(ctx.tx, actor, claim.articleId, { kind: "claim", claimId });
    return insertSource(ctx, { id: claim.id, articleId: claim.articleId }, data);
  });
}

/** The one way a source is added to a claim, inside the caller's audited transaction, with its `source.added` event. */
export async function insertSource(ctx: AuditContext, claim: { id: string; articleId: string }, data: SourceCreateInput): Promise<SourceView> {
  const row = await ctx.tx.source.create({ data: { id: newId(), claimId: claim.id, ...data } });
  await ctx.record({
    action: "source.added",
    entityType: "source",
    entityId: row.id,
    articleId: claim.articleId,
    after: sourceSnapshot(row),
  });
  return sourceView(row);
}

/**
 * A source of a claim that is not deleted. `claimId`, when given, is the claim the caller names (the UI's
 * claim panel): a source of any other claim is then not found, so a swapped id changes nothing. The
 * actor must be allowed to edit its claim (an article that requires assignment).
 */
async function loadEditableSource(tx: Tx, actor: Actor, id: string, claimId?: string) {
  const row = await tx.source.findUnique({ where: { id }, include: { claim: { select: { articleId: true, deletedAt: true } } } });
  if (!row || row.claim.deletedAt || (claimId !== undefined && row.claimId !== claimId)) throw notFound("The source");
  await assertMayEdit(tx, actor, row.claim.articleId, { kind: "claim", claimId: row.claimId });
  return row;
}

export async function updateSource(actor: Actor, id: string, input: unknown, opts: { claimId?: string } = {}): Promise<SourceView> {
  assertCan(actor, "claim.write");
  const data = parseInput(SourceUpdateSchema, input);
  return audited(actor.id, async ({ tx, record }) => {
    const current = await loadEditableSource(tx, actor, id, opts.claimId);
    const changes = Object.fromEntries(
      Object.entries(data).filter(([k, v]) => v !== undefined && current[k as keyof SourceRow] !== v),
    );
    if (Object.keys(changes).length === 0) return sourceView(current);
    const row = await tx.source.update({ where: { id }, data: changes });
    await record({
      action: "source.updated",
      entityType: "source",
      entityId: id,
      articleId: current.claim.articleId,
      before: sourceSnapshot(current),
      after: sourceSnapshot(row),
    });
    return sourceView(row);
  });
}

export async function removeSource(actor: Actor, id: string, opts: { claimId?: string } = {}): Promise<void> {
  assertCan(actor, "claim.write");
  await audited(actor.id, async ({ tx, record }) => {
    const current = await loadEditableSource(tx, actor, id, opts.claimId);
    await tx.source.delete({ where: { id } });
    await record({
      action: "source.removed",
      entityType: "source",
      entityId: id,
      articleId: current.claim.articleId,
      before: sourceSnapshot(current),
      after: null,
    });
  });
}

/** The claim whose sources these are, for routes that answer with the whole claim. */
export async function claimIdOfSource(id: string): Promise<string> {
  const row = await db().source.findUnique({ where: { id }, select: { claimId: true } });
  if (!row) throw notFound("The source");
  return row.claimId;
}
