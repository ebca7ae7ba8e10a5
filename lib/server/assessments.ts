// Data access for independent review: each reviewer's own assessment of a claim, what each person may
// see of the others' (blind review, lib/core/review), the agreement between reviewers
// (lib/core/agreement), and the article's review settings' effect on the audit trail's readers.
// A submitted assessment may complete the claim's assessments, which moves its status (lib/core/claim);
// both are audited in the same transaction.
import { verdictAgreement, type VerdictAgreement } from "@/lib/core/agreement";
import { claimSnapshot, claimTransition, storedVerdict, type VerdictId } from "@/lib/core/claim";
import { assessmentsComplete, reviewViewer, seesOthersAssessments, seesOthersComments, visibleAssessments } from "@/lib/core/review";
import { AssessmentInputSchema } from "@/lib/validation/assessment";
import { assertCan, type Actor } from "./actor";
import { assertMayEdit } from "./assignments";
import { audited, type AuditEventView } from "./audit";
import { claimInclude, claimView } from "./claims";
import { db, type Tx } from "./db";
import { AppError, notFound } from "./errors";
import { newId } from "./ids";
import { parseInput } from "./parse-input";

export interface AssessmentView {
  id: string;
  claimId: string;
  reviewer: { id: string; name: string };
  verdict: VerdictId;
  rationale: string;
  sourceIds: string[];
  version: number;
  submittedAt: string;
  updatedAt: string;
}

const include = {
  reviewer: { select: { id: true, name: true } },
  sources: { select: { sourceId: true }, orderBy: { sourceId: "asc" as const } },
};

type AssessmentRow = {
  id: string;
  claimId: string;
  reviewerId: string;
  verdict: string;
  rationale: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  reviewer: { id: string; name: string };
  sources: { sourceId: string }[];
};

function assessmentView(row: AssessmentRow): AssessmentView {
  return {
    id: row.id,
    claimId: row.claimId,
    reviewer: row.reviewer,
    verdict: storedVerdict(row.verdict)!,
    rationale: row.rationale,
    sourceIds: row.sources.map((s) => s.sourceId),
    version: row.version,
    submittedAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit trail records of an assessment. */
function snapshot(a: AssessmentView) {
  return { claimId: a.claimId, reviewerId: a.reviewer.id, reviewer: a.reviewer.name, verdict: a.verdict, rationale: a.rationale, sourceIds: a.sourceIds, version: a.version };
}

/** A claim's verdict is settled, for who sees its assessments, once approved. */
const settledOf = (claim: { status: string }) => ({ settled: claim.status === "approved" });


/** Who is assigned to the claim: to the whole article, or to the claim itself. */
async function assignedTo(tx: Tx, articleId: string, claimId: string): Promise<string[]> {
  const rows = await tx.assignment.findMany({ where: { articleId, OR: [{ claimId: null }, { claimId }] }, select: { userId: true } });
  return [...new Set(rows.map((r) => r.userId))];
}

const claimWithArticle = { ...claimInclude, article: { select: { independentReview: true, blind: true } } };

/**
 * Submits or revises the actor's own assessment of a claim in an article under independent review.
 * The same assessment again changes nothing. When the claim's assessments become complete (or stop
 * being complete: a reviewer assigned since), its status follows, with its own event.
 */
export async function submitAssessment(actor: Actor, claimId: string, input: unknown): Promise<AssessmentView> {
  assertCan(actor, "claim.write");
  const data = parseInput(AssessmentInputSchema, input);
  return audited(actor.id, async ({ tx, record }) => {
    const claim = await tx.claim.findUnique({ where: { id: claimId }, include: claimWithArticle });
    if (!claim || claim.deletedAt) throw notFound("The claim");
    if (!claim.article.independentReview) {
      throw new AppError("not_in_independent_review", "This article is not in independent review: give the claim's verdict instead.");
    }
    await assertMayEdit(tx, actor, claim.articleId, { kind: "claim", claimId });
    const known = new Set(claim.sources.map((s) => s.id));
    const foreign = data.sourceIds.filter((id) => !known.has(id));
    if (foreign.length) {
      throw new AppError("validation_failed", "An assessment can rely only on the claim's own sources.", { sourceIds: `Not sources of this claim: ${foreign.join(", ")}.` });
    }
    const sourceIds = [...data.sourceIds].sort();
    const current = await tx.assessment.findUnique({ where: { claimId_reviewerId: { claimId, reviewerId: actor.id } }, include });
    let saved: AssessmentView;
    if (!current) {
      const row = await tx.assessment.create({
        data: { id: newId(), claimId, reviewerId: actor.id, verdict: data.verdict, rationale: data.rationale, sources: { create: sourceIds.map((sourceId) => ({ sourceId })) } },
        include,
      });
      saved = assessmentView(row);
      await record({ action: "assessment.submitted", entityType: "assessment", entityId: row.id, articleId: claim.articleId, after: snapshot(saved) });
    } else {
      const before = assessmentView(current);
      if (before.verdict === data.verdict && before.rationale === data.rationale && before.sourceIds.join() === sourceIds.join()) return before;
      const row = await tx.assessment.update({
        where: { id: current.id },
        data: { verdict: data.verdict, rationale: data.rationale, version: { increment: 1 }, sources: { deleteMany: {}, create: sourceIds.map((sourceId) => ({ sourceId })) } },
        include,
      });
      saved = assessmentView(row);
      await record({ action: "assessment.revised", entityType: "assessment", entityId: row.id, articleId: claim.articleId, before: snapshot(before), after: snapshot(saved) });
    }
    const assessors = (await tx.assessment.findMany({ where: { claimId }, select: { reviewerId: true } })).map((a) => a.reviewerId);
    const complete = assessmentsComplete(assessors, await assignedTo(tx, claim.articleId, claimId));
    const was = claimView(claim);
    const next = claimTransition(was, { type: "assessed", complete });
    if (next.ok && next.state.status !== was.status) {
      const row = await tx.claim.update({ where: { id: claimId }, data: { status: next.state.status, version: { increment: 1 } }, include: claimWithArticle });
      await record({ action: "claim.status_changed", entityType: "claim", entityId: claimId, articleId: claim.articleId, before: claimSnapshot(was), after: claimSnapshot(claimView(row)) });
    }
    return saved;
  });
}

/** A claim's assessments as the actor may see them (blind review), oldest first, and how many are withheld. */
export async function listAssessments(actor: Actor, claimId: string): Promise<{ items: AssessmentView[]; hidden: number }> {
  assertCan(actor, "article.read");
  const claim = await db().claim.findUnique({ where: { id: claimId }, select: { deletedAt: true, status: true, article: { select: { blind: true } } } });
  if (!claim || claim.deletedAt) throw notFound("The claim");
  const rows = await db().assessment.findMany({ where: { claimId }, include, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const all = rows.map((row) => ({ ...assessmentView(row), reviewerId: row.reviewerId }));
  const { items, hidden } = visibleAssessments(reviewViewer(actor), claim.article, settledOf(claim), all);
  return { items: items.map(({ reviewerId: _r, ...view }) => view), hidden };
}

export type AgreementView = VerdictAgreement;

/**
 * How far reviewers agree across the chosen articles' live claims, over the assessments the actor sees:
 * a reviewer in blind review counts only the claims they have assessed themselves.
 */
export async function agreement(actor: Actor, articleIds: readonly string[]): Promise<AgreementView> {
  assertCan(actor, "article.read");
  const articles = await db().article.findMany({ where: { id: { in: [...articleIds] } }, select: { id: true, blind: true } });
  if (articles.length !== new Set(articleIds).size) throw notFound("An article");
  const blind = new Map(articles.map((a) => [a.id, a.blind]));
  const claims = await db().claim.findMany({
    where: { articleId: { in: [...articleIds] }, deletedAt: null },
    select: { id: true, articleId: true, status: true, assessments: { select: { reviewerId: true, verdict: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
    orderBy: [{ articleId: "asc" }, { start: "asc" }, { end: "desc" }, { createdAt: "asc" }],
  });
  const viewer = reviewViewer(actor);
  const order = new Map(articleIds.map((id, i) => [id, i]));
  const units = claims
    .sort((a, b) => order.get(a.articleId)! - order.get(b.articleId)!)
    .flatMap((claim) => {
      const { items, hidden } = visibleAssessments(viewer, { blind: blind.get(claim.articleId)! }, settledOf(claim), claim.assessments);
      // A claim of which the actor may see only part tells them nothing to compare: left out whole.
      if (hidden > 0) return [];
      return [{ claimId: claim.id, assessments: items.map((a) => ({ reviewerId: a.reviewerId, verdict: storedVerdict(a.verdict)! })) }];
    });
  return verdictAgreement(units);
}

/**
 * The audit events the actor may read: an assessment's events are withheld where the assessment
 * itself is, a comment's where the comment is (blind review, viewers before approval). Returns the
 * events and how many were withheld.
 */
export async function withoutHiddenEvents(actor: Actor, events: AuditEventView[]): Promise<{ items: AuditEventView[]; hidden: number }> {
  const viewer = reviewViewer(actor);
  const guarded = (e: AuditEventView) => e.entity.type === "assessment" || e.entity.type === "comment";
  if (viewer.adjudicates || !events.some(guarded)) return { items: events, hidden: 0 };
  const snapshotOf = (e: AuditEventView) => (e.after ?? e.before) as { claimId?: unknown; reviewerId?: unknown; authorId?: unknown } | null;
  const claimIds = [...new Set(events.filter(guarded).map((e) => snapshotOf(e)?.claimId).filter((id): id is string => typeof id === "string"))];
  const claims = await db().claim.findMany({
    where: { id: { in: claimIds } },
    select: { id: true, status: true, article: { select: { blind: true } }, assessments: { select: { reviewerId: true } } },
  });
  const sees = new Map(
    claims.map((c) => {
      const state = { ...settledOf(c), assessors: c.assessments.map((a) => a.reviewerId) };
      return [c.id, { assessments: seesOthersAssessments(viewer, c.article, state), comments: seesOthersComments(viewer, c.article, state) }];
    }),
  );
  const items = events.filter((e) => {
    if (!guarded(e)) return true;
    const snap = snapshotOf(e);
    const own = e.entity.type === "assessment" ? snap?.reviewerId : snap?.authorId;
    if (own === actor.id) return true;
    const rights = typeof snap?.claimId === "string" ? sees.get(snap.claimId) : undefined;
    return e.entity.type === "assessment" ? rights?.assessments === true : rights?.comments === true;
  });
  return { items, hidden: events.length - items.length };
}
