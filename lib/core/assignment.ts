// Assignments: an editor hands a reviewer a whole article or chosen claims of it, maybe with a due
// time. This module holds the rules that read them: who may edit the claims of an article that
// requires assignment, and what a reviewer's queue shows (what is theirs, what is done, what waits,
// what is overdue). Pure: the data-access layer reads the rows and asks here.

/** The scope key of an assignment: the claim's id, or this for the whole article. */
export const WHOLE_ARTICLE = "article";

export function assignmentScope(claimId: string | null): string {
  return claimId ?? WHOLE_ARTICLE;
}

/** What an edit is about: a new claim in the article, or one of its claims. */
export type EditTarget = { kind: "new_claim" } | { kind: "claim"; claimId: string };

export interface EditRights {
  /** The article's setting: only assigned reviewers edit its claims. */
  requireAssignment: boolean;
  /** Editors and admins hand out the work and are never bound by it. */
  managesAssignments: boolean;
  /** The actor's own assignments on this article. */
  assignments: readonly { claimId: string | null }[];
}

/**
 * Whether the actor may edit (the claim-writing permission given). Without the article's setting,
 * everyone who writes claims may. With it, a whole-article assignment covers every claim and new
 * ones; an assignment of a claim covers that claim only, so marking new claims needs the article.
 */
export function mayEdit(rights: EditRights, target: EditTarget): boolean {
  if (!rights.requireAssignment || rights.managesAssignments) return true;
  return rights.assignments.some((a) => a.claimId === null || (target.kind === "claim" && a.claimId === target.claimId));
}

/**
 * A due time from the API or a form: a date (YYYY-MM-DD) means the end of that day, UTC; a time
 * without a zone is UTC, as every time this app shows. Null for text that is not a real moment.
 */
export function parseDue(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, sec, ms, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  // A calendar date that does not exist (2026-02-30) is refused, not rolled over into the next month.
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  if (h === undefined) return new Date(Date.UTC(year, month - 1, day, 23, 59, 59, 999));
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(sec ?? "0");
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offset = 0;
  if (zone && zone !== "Z") {
    const [oh, om] = zone.slice(1).split(":").map(Number) as [number, number];
    if (oh > 23 || om > 59) return null;
    offset = (zone.startsWith("-") ? -1 : 1) * (oh * 60 + om);
  }
  const millis = Number((ms ?? "0").padEnd(3, "0"));
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000);
}

// The queue.

export interface QueueAssignment {
  id: string;
  articleId: string;
  claimId: string | null;
  due: Date | null;
  createdAt: Date;
  assignedBy: { id: string; name: string };
}

export interface QueueClaim {
  id: string;
  articleId: string;
  /** The claim's statement, else its quote: what the queue shows of it. */
  text: string;
  /** Whether the reviewer's work on it is done (`workDone`). */
  done: boolean;
}

/** The part of a claim the queue reads to tell whether a reviewer's work on it is done. */
export interface WorkState {
  independentReview: boolean;
  hasVerdict: boolean;
  /** Who assessed it, and when they last submitted or revised that assessment. */
  assessments: readonly { reviewerId: string; at: Date }[];
  /** When a revision of the article changed the claim's words after it was reviewed (null: it did not). */
  rewordedAt: Date | null;
}

/**
 * Whether a reviewer's work on a claim is done: in independent review, once they have submitted their
 * own assessment of it (whatever the others did); otherwise once the claim has a verdict. Work done on
 * an earlier wording of a reworded claim is to be done again: an assessment revised since, or a verdict
 * given again (which clears the rewording).
 */
export function workDone(reviewerId: string, claim: WorkState): boolean {
  const { rewordedAt } = claim;
  if (claim.independentReview) {
    return claim.assessments.some((a) => a.reviewerId === reviewerId && (rewordedAt === null || a.at > rewordedAt));
  }
  return claim.hasVerdict && rewordedAt === null;
}

export interface QueueItem {
  article: { id: string; title: string };
  /** The whole article, or only the claims listed in the assignments. */
  scope: "article" | "claims";
  assignments: { id: string; claimId: string | null; due: string | null; createdAt: string; assignedBy: { id: string; name: string } }[];
  /** The earliest due time of the item's assignments. */
  due: string | null;
  /** Work waits: a claim in scope is not done, or a whole article has no claims marked yet. */
  pending: boolean;
  /** Due in the past with work still pending. */
  overdue: boolean;
  total: number;
  done: number;
  /** The claims in scope whose work is not done, in the order given (text order). */
  waiting: { id: string; text: string }[];
}

/**
 * One reviewer's queue from their assignments and the live claims of those articles (in text order):
 * one item per article. Items with work waiting come first, the earliest due first (no due time
 * last), then finished items; ties keep the newest assignment first.
 */
export function buildQueue(
  assignments: readonly QueueAssignment[],
  articles: ReadonlyMap<string, { id: string; title: string }>,
  claims: readonly QueueClaim[],
  now: Date,
): QueueItem[] {
  const byArticle = new Map<string, QueueAssignment[]>();
  for (const a of assignments) {
    const list = byArticle.get(a.articleId);
    if (list) list.push(a);
    else byArticle.set(a.articleId, [a]);
  }
  const items: (QueueItem & { latest: number })[] = [];
  for (const [articleId, own] of byArticle) {
    const article = articles.get(articleId);
    if (!article) continue;
    const whole = own.some((a) => a.claimId === null);
    const chosen = new Set(own.map((a) => a.claimId));
    const inScope = claims.filter((c) => c.articleId === articleId && (whole || chosen.has(c.id)));
    const waiting = inScope.filter((c) => !c.done).map((c) => ({ id: c.id, text: c.text }));
    const dues = own.flatMap((a) => (a.due ? [a.due.getTime()] : []));
    const due = dues.length ? Math.min(...dues) : null;
    const pending = waiting.length > 0 || (whole && inScope.length === 0);
    items.push({
      article,
      scope: whole ? "article" : "claims",
      assignments: own.map((a) => ({
        id: a.id,
        claimId: a.claimId,
        due: a.due?.toISOString() ?? null,
        createdAt: a.createdAt.toISOString(),
        assignedBy: a.assignedBy,
      })),
      due: due === null ? null : new Date(due).toISOString(),
      pending,
      overdue: pending && due !== null && due < now.getTime(),
      total: inScope.length,
      done: inScope.length - waiting.length,
      waiting,
      latest: Math.max(...own.map((a) => a.createdAt.getTime())),
    });
  }
  items.sort(
    (a, b) =>
      Number(b.pending) - Number(a.pending) ||
      (a.due ?? "\uffff").localeCompare(b.due ?? "\uffff") ||
      b.latest - a.latest,
  );
  return items.map(({ latest: _latest, ...item }) => item);
}

/** What the header's queue link counts: claims waiting for the reviewer, plus articles with nothing marked yet. */
export function queueCount(items: readonly QueueItem[]): number {
  return items.reduce((sum, item) => sum + (item.waiting.length || Number(item.pending)), 0);
}
