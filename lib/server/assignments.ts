// Data access for assignments and queues. Editors hand out articles or chosen claims to reviewers,
// change due times and take assignments back; everyone reads their own queue and editors everyone's.
// Every change is audited in its transaction; the rules (who may edit, what a queue shows) are
// lib/core/assignment's.
import {
  assignmentScope,
  buildQueue,
  workDone,
  mayEdit,
  queueCount,
  type EditTarget,
  type QueueAssignment,
  type QueueItem,
} from "@/lib/core/assignment";
import { can, isRole } from "@/lib/core/roles";
import { AssignmentCreateSchema } from "@/lib/validation/assignment";
import { assertCan, type Actor } from "./actor";
import { audited } from "./audit";
import { db, type Tx } from "./db";
import { AppError, forbidden, notFound } from "./errors";
import { newId } from "./ids";
import { parseInput } from "./parse-input";
import { waitingMentions, type QueueMention } from "./comments";

export interface AssignmentView {
  id: string;
  articleId: string;
  /** null: the whole article. */
  claimId: string | null;
  reviewer: { id: string; name: string };
  due: string | null;
  assignedBy: { id: string; name: string };
  createdAt: string;
}

const include = {
  user: { select: { id: true, name: true } },
  assignedBy: { select: { id: true, name: true } },
};

type AssignmentRow = {
  id: string;
  articleId: string;
  claimId: string | null;
  due: Date | null;
  createdAt: Date;
  user: { id: string; name: string };
  assignedBy: { id: string; name: string };
};

function assignmentView(row: AssignmentRow): AssignmentView {
  return {
    id: row.id,
    articleId: row.articleId,
    claimId: row.claimId,
    reviewer: row.user,
    due: row.due?.toISOString() ?? null,
    assignedBy: row.assignedBy,
    createdAt: row.createdAt.toISOString(),
  };
}

/** What the audit trail records of an assignment: whose, of what, due when (the reviewer's name for the history). */
function snapshot(row: AssignmentRow) {
  return { reviewerId: row.user.id, reviewer: row.user.name, claimId: row.claimId, due: row.due?.toISOString() ?? null };
}

const ORDER = [{ createdAt: "asc" as const }, { id: "asc" as const }];

/** The article's assignments, oldest first. */
export async function listAssignments(actor: Actor, articleId: string): Promise<AssignmentView[]> {
  assertCan(actor, "article.read");
  const article = await db().article.findUnique({ where: { id: articleId }, select: { id: true } });
  if (!article) throw notFound("The article");
  const rows = await db().assignment.findMany({ where: { articleId }, include, orderBy: ORDER });
  return rows.map(assignmentView);
}

/** Who can be assigned: active users whose role reviews claims, by name. */
export async function listAssignableUsers(actor: Actor): Promise<{ id: string; name: string; role: string }[]> {
  assertCan(actor, "assignment.manage");
  const users = await db().user.findMany({ where: { disabledAt: null }, select: { id: true, name: true, role: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
  return users.filter((u) => isRole(u.role) && can(u.role, "claim.write"));
}

/**
 * Assigns each reviewer the whole article, or each of the chosen claims. Assigning what someone already
 * holds changes only its due time (audited as such) or nothing. Returns the assignments the request
 * names, in the order of reviewers, then claims.
 */
export async function assignReviewers(actor: Actor, articleId: string, input: unknown): Promise<AssignmentView[]> {
  assertCan(actor, "assignment.manage");
  const data = parseInput(AssignmentCreateSchema, input);
  return audited(actor.id, async ({ tx, record }) => {
    const article = await tx.article.findUnique({ where: { id: articleId }, select: { id: true } });
    if (!article) throw notFound("The article");
    const users = await tx.user.findMany({ where: { id: { in: data.userIds } }, select: { id: true, name: true, role: true, disabledAt: true } });
    for (const userId of data.userIds) {
      const user = users.find((u) => u.id === userId);
      if (!user) throw new AppError("validation_failed", "A chosen reviewer does not exist.", { userIds: `No user has the id ${userId}.` });
      if (user.disabledAt) throw new AppError("validation_failed", `${user.name}'s account is disabled.`, { userIds: `${user.name}'s account is disabled.` });
      if (!isRole(user.role) || !can(user.role, "claim.write")) {
        throw new AppError("validation_failed", `${user.name} is a viewer and cannot review claims.`, { userIds: `${user.name} is a viewer and cannot review claims.` });
      }
    }
    const claimIds: (string | null)[] = data.claimIds?.length ? data.claimIds : [null];
    if (data.claimIds?.length) {
      const found = await tx.claim.findMany({ where: { id: { in: data.claimIds }, articleId, deletedAt: null }, select: { id: true } });
      const known = new Set(found.map((c) => c.id));
      const missing = data.claimIds.filter((id) => !known.has(id));
      if (missing.length) {
        throw new AppError("validation_failed", "Some chosen claims are not claims of this article.", { claimIds: `Not claims of this article: ${missing.join(", ")}.` });
      }
    }
    const result: AssignmentView[] = [];
    for (const userId of data.userIds) {
      for (const claimId of claimIds) {
        const scope = assignmentScope(claimId);
        const current = await tx.assignment.findUnique({ where: { userId_articleId_scope: { userId, articleId, scope } }, include });
        if (!current) {
          const row = await tx.assignment.create({
            data: { id: newId(), articleId, claimId, scope, userId, assignedById: actor.id, due: data.due },
            include,
          });
          await record({ action: "assignment.created", entityType: "assignment", entityId: row.id, articleId, after: snapshot(row) });
          result.push(assignmentView(row));
        } else if ((current.due?.getTime() ?? null) !== (data.due?.getTime() ?? null)) {
          const row = await tx.assignment.update({ where: { id: current.id }, data: { due: data.due }, include });
          await record({ action: "assignment.updated", entityType: "assignment", entityId: row.id, articleId, before: snapshot(current), after: snapshot(row) });
          result.push(assignmentView(row));
        } else {
          result.push(assignmentView(current));
        }
      }
    }
    return result;
  });
}

/** `articleId`, when given, is the article the caller names (the article page): another article's assignment is then not found. */
export async function removeAssignment(actor: Actor, id: string, opts: { articleId?: string } = {}): Promise<void> {
  assertCan(actor, "assignment.manage");
  await audited(actor.id, async ({ tx, record }) => {
    const current = await tx.assignment.findUnique({ where: { id }, include });
    if (!current || (opts.articleId !== undefined && current.articleId !== opts.articleId)) throw notFound("The assignment");
    await tx.assignment.delete({ where: { id } });
    await record({ action: "assignment.removed", entityType: "assignment", entityId: id, articleId: current.articleId, before: snapshot(current), after: null });
  });
}

/**
 * Refuses an edit of the article's claims by a reviewer it is not assigned to, when the article
 * requires assignment (lib/core/assignment's mayEdit), inside the writer's transaction.
 */
export async function assertMayEdit(tx: Tx, actor: Actor, articleId: string, target: EditTarget): Promise<void> {
  const managesAssignments = can(actor.role, "assignment.manage");
  const article = await tx.article.findUnique({ where: { id: articleId }, select: { requireAssignment: true } });
  if (!article || managesAssignments || !article.requireAssignment) return;
  const assignments = await tx.assignment.findMany({ where: { articleId, userId: actor.id }, select: { claimId: true } });
  if (!mayEdit({ requireAssignment: article.requireAssignment, managesAssignments, assignments }, target)) {
    throw new AppError(
      "not_assigned",
      target.kind === "new_claim"
        ? "Only reviewers assigned to this article can mark claims in it."
        : "Only reviewers assigned to this claim can edit it.",
    );
  }
}

/** What the article page needs to show the right controls: may the actor mark claims, and edit which. */
export async function editRightsOn(actor: Actor, articleId: string): Promise<{ canMark: boolean; editableClaims: string[] | null }> {
  if (!can(actor.role, "claim.write")) return { canMark: false, editableClaims: [] };
  const article = await db().article.findUnique({ where: { id: articleId }, select: { requireAssignment: true } });
  if (!article || !article.requireAssignment || can(actor.role, "assignment.manage")) return { canMark: true, editableClaims: null };
  const assignments = await db().assignment.findMany({ where: { articleId, userId: actor.id }, select: { claimId: true } });
  const rights = { requireAssignment: true, managesAssignments: false, assignments };
  if (mayEdit(rights, { kind: "new_claim" })) return { canMark: true, editableClaims: null };
  return { canMark: false, editableClaims: assignments.flatMap((a) => (a.claimId ? [a.claimId] : [])) };
}

// Queues.

/** A queue item, and what the reviewer's work on its claims is: an assessment of their own (independent review) or the verdict. */
export type QueueEntry = QueueItem & { work: "assessment" | "verdict" };

/** A reviewer's assignments and their progress: a row group of the editors' desk overview. */
export interface DeskQueue {
  user: { id: string; name: string };
  items: QueueEntry[];
  /** Claims waiting, plus whole articles with nothing marked yet. */
  waiting: number;
  overdue: number;
}

/** One person's queue: their assignments, and the comments that mention them and wait for them. */
export interface Queue extends DeskQueue {
  mentions: QueueMention[];
  /** What waits for them (the header's figure): claims, unmarked whole articles and mentions. */
  waiting: number;
}

/** Queues of the given users (all users with assignments when none are given). */
async function queuesOf(userIds: string[] | null, now: Date): Promise<DeskQueue[]> {
  const assignments = await db().assignment.findMany({
    where: userIds ? { userId: { in: userIds } } : {},
    include: { ...include, article: { select: { id: true, title: true, independentReview: true } } },
    orderBy: ORDER,
  });
  const users = userIds
    ? await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })
    : [...new Map(assignments.map((a) => [a.user.id, a.user])).values()];
  const articleIds = [...new Set(assignments.map((a) => a.articleId))];
  const claims = await db().claim.findMany({
    where: { articleId: { in: articleIds }, deletedAt: null },
    select: {
      id: true,
      articleId: true,
      exact: true,
      statement: true,
      verdict: true,
      rewordedAt: true,
      assessments: { select: { reviewerId: true, updatedAt: true } },
    },
    orderBy: [{ start: "asc" }, { end: "desc" }, { createdAt: "asc" }],
  });
  const articles = new Map(assignments.map((a) => [a.article.id, { id: a.article.id, title: a.article.title }]));
  const independent = new Set(assignments.filter((a) => a.article.independentReview).map((a) => a.articleId));
  return users
    .map((user) => {
      const own: QueueAssignment[] = assignments.filter((a) => a.userId === user.id);
      const queueClaims = claims.map((c) => ({
        id: c.id,
        articleId: c.articleId,
        text: c.statement ?? c.exact,
        done: workDone(user.id, {
          independentReview: independent.has(c.articleId),
          hasVerdict: c.verdict !== null,
          assessments: c.assessments.map((a) => ({ reviewerId: a.reviewerId, at: a.updatedAt })),
          rewordedAt: c.rewordedAt,
        }),
      }));
      const items = buildQueue(own, articles, queueClaims, now).map((item) => ({ ...item, work: independent.has(item.article.id) ? ("assessment" as const) : ("verdict" as const) }));
      return { user, items, waiting: queueCount(items), overdue: items.filter((i) => i.overdue).length };
    })
    .sort((a, b) => a.user.name.localeCompare(b.user.name));
}

/** A user's queue: one's own, or (editors) anyone's. */
export async function getQueue(actor: Actor, userId?: string, now = new Date()): Promise<Queue> {
  assertCan(actor, "article.read");
  if (userId !== undefined && userId !== actor.id) {
    if (!can(actor.role, "assignment.manage")) throw forbidden("Only editors can see other people's queues.");
  }
  const user = userId === undefined || userId === actor.id ? actor : await db().user.findUnique({ where: { id: userId }, select: { id: true, role: true } });
  if (!user) throw notFound("The user");
  // Someone whose stored role is unknown reads nothing, so no mention waits for them.
  const [[queue], mentions] = await Promise.all([queuesOf([user.id], now), isRole(user.role) ? waitingMentions({ id: user.id, role: user.role }) : []]);
  return { ...queue!, mentions, waiting: queue!.waiting + mentions.length };
}

/** Every reviewer's queue that holds an assignment, by name: the editors' overview of the desk. */
export async function deskQueues(actor: Actor, now = new Date()): Promise<DeskQueue[]> {
  assertCan(actor, "assignment.manage");
  return queuesOf(null, now);
}

/** The header's figure: what waits in the actor's queue (0 without assignments or mentions). */
export async function queueWaiting(actor: Actor): Promise<number> {
  const [assignments, mentions] = await Promise.all([
    db().assignment.count({ where: { userId: actor.id } }),
    db().commentMention.count({ where: { userId: actor.id, seenAt: null } }),
  ]);
  if (assignments + mentions === 0) return 0;
  return (await getQueue(actor)).waiting;
}
