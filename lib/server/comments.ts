// Data access for a claim's discussion: plain-text comments, "@name" mentions and the mentions that
// wait in someone's queue. Reviewers and editors comment; everyone edits and deletes their own comments,
// editors delete anyone's. Every change is audited in its transaction. Who reads whose comments follows
// blind review (lib/core/review's visibleComments); what a mention is, lib/core/comment's rules.
import { commentSegments, findMentions, mentionedIds, mentionsWaiting, type CommentSegment, type Mentionable } from "@/lib/core/comment";
import { reviewViewer, visibleComments } from "@/lib/core/review";
import { can } from "@/lib/core/roles";
import { CommentEditSchema, CommentInputSchema } from "@/lib/validation/comment";
import { assertCan, type Actor } from "./actor";
import { audited } from "./audit";
import { db, type Tx } from "./db";
import { AppError, forbidden, notFound } from "./errors";
import { newId } from "./ids";
import { parseInput } from "./parse-input";

export interface CommentView {
  id: string;
  claimId: string;
  author: { id: string; name: string };
  /** The words as written: plain text. */
  body: string;
  /** Who the comment mentions. */
  mentions: { id: string; name: string }[];
  /** The body cut into text, links (http(s) only) and mentions, for display. */
  segments: CommentSegment[];
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Changed since it was posted. */
  edited: boolean;
}

const include = {
  author: { select: { id: true, name: true } },
  mentions: { select: { user: { select: { id: true, name: true, email: true } } } },
};

type CommentRow = {
  id: string;
  claimId: string;
  authorId: string;
  body: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  author: { id: string; name: string };
  mentions: { user: Mentionable }[];
};

function commentView(row: CommentRow): CommentView {
  const mentioned = row.mentions.map((m) => m.user).sort((a, b) => a.name.localeCompare(b.name));
  return {
    id: row.id,
    claimId: row.claimId,
    author: row.author,
    body: row.body,
    mentions: mentioned.map(({ id, name }) => ({ id, name })),
    segments: commentSegments(row.body, findMentions(row.body, mentioned)),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    edited: row.version > 1,
  };
}

/** What the audit trail records of a comment. */
function snapshot(row: CommentRow, mentionIds: readonly string[]) {
  return { claimId: row.claimId, authorId: row.authorId, author: row.author.name, body: row.body, mentionIds: [...mentionIds].sort(), version: row.version };
}

/** Whom a body mentions: active colleagues named with "@", never the author themself. */
async function mentionsIn(tx: Tx, body: string, authorId: string): Promise<string[]> {
  if (!body.includes("@")) return [];
  const people = await tx.user.findMany({ where: { disabledAt: null }, select: { id: true, name: true, email: true } });
  return mentionedIds(body, people).filter((id) => id !== authorId);
}

/** The claim (live) with what decides who reads its comments. */
async function claimForComments(tx: Tx, claimId: string) {
  const claim = await tx.claim.findUnique({
    where: { id: claimId },
    select: { id: true, articleId: true, deletedAt: true, status: true, article: { select: { blind: true } }, assessments: { select: { reviewerId: true } } },
  });
  if (!claim || claim.deletedAt) throw notFound("The claim");
  return claim;
}

type ClaimForComments = Awaited<ReturnType<typeof claimForComments>>;

function reader(actor: Pick<Actor, "id" | "role">, claim: ClaimForComments) {
  return {
    viewer: reviewViewer(actor),
    settings: claim.article,
    claim: { settled: claim.status === "approved", assessors: claim.assessments.map((a) => a.reviewerId) },
  };
}

/** A claim's comments as the actor may see them (blind review), oldest first, and how many are withheld. */
export async function listComments(actor: Actor, claimId: string): Promise<{ items: CommentView[]; hidden: number }> {
  assertCan(actor, "article.read");
  const claim = await claimForComments(db(), claimId);
  const rows = await db().comment.findMany({ where: { claimId, deletedAt: null }, include, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const { viewer, settings, claim: state } = reader(actor, claim);
  const { items, hidden } = visibleComments(viewer, settings, state, rows);
  return { items: items.map(commentView), hidden };
}

/** Posts a comment on a claim; the colleagues it mentions find it in their queue. */
export async function addComment(actor: Actor, claimId: string, input: unknown): Promise<CommentView> {
  assertCan(actor, "comment.write");
  const data = parseInput(CommentInputSchema, input);
  return audited(actor.id, async ({ tx, record }) => {
    const claim = await claimForComments(tx, claimId);
    const mentionIds = await mentionsIn(tx, data.body, actor.id);
    const row = await tx.comment.create({
      data: { id: newId(), claimId, authorId: actor.id, body: data.body, mentions: { create: mentionIds.map((userId) => ({ userId })) } },
      include,
    });
    await record({ action: "comment.added", entityType: "comment", entityId: row.id, articleId: claim.articleId, after: snapshot(row, mentionIds) });
    return commentView(row);
  });
}

/** `claimId`, when given, is the claim the caller names (the claim panel): another claim's comment is then not found. */
type CommentOpts = { claimId?: string };

/**
 * A live comment the actor may see, with its claim: one they may not see is not found (blind review
 * does not tell a reviewer that a hidden comment exists).
 */
async function visibleComment(tx: Tx, actor: Actor, id: string, opts: CommentOpts) {
  const row = await tx.comment.findUnique({ where: { id }, include });
  if (!row || row.deletedAt || (opts.claimId !== undefined && row.claimId !== opts.claimId)) throw notFound("The comment");
  let claim: ClaimForComments;
  try {
    claim = await claimForComments(tx, row.claimId);
  } catch {
    throw notFound("The comment");
  }
  const { viewer, settings, claim: state } = reader(actor, claim);
  if (visibleComments(viewer, settings, state, [row]).hidden > 0) throw notFound("The comment");
  return { row, claim };
}

/** Changes the words of one's own comment; with `version`, a stale edit is refused (409 with the current comment). */
export async function editComment(actor: Actor, id: string, input: unknown, opts: CommentOpts = {}): Promise<CommentView> {
  assertCan(actor, "comment.write");
  const data = parseInput(CommentEditSchema, input);
  return audited(actor.id, async ({ tx, record }) => {
    const { row: current, claim } = await visibleComment(tx, actor, id, opts);
    if (current.authorId !== actor.id) throw forbidden("You can edit only your own comments.");
    if (data.version !== undefined && data.version !== current.version) {
      throw new AppError("conflict", "This comment changed since you opened it.", undefined, { current: commentView(current) });
    }
    if (current.body === data.body) return commentView(current);
    const was = current.mentions.map((m) => m.user.id);
    const now = await mentionsIn(tx, data.body, actor.id);
    // A colleague still mentioned keeps their mention as it was (read or not); one no longer named loses it.
    await tx.commentMention.deleteMany({ where: { commentId: id, userId: { notIn: now } } });
    const row = await tx.comment.update({
      where: { id },
      data: {
        body: data.body,
        version: { increment: 1 },
        mentions: { create: now.filter((userId) => !was.includes(userId)).map((userId) => ({ userId })) },
      },
      include,
    });
    await record({ action: "comment.edited", entityType: "comment", entityId: id, articleId: claim.articleId, before: snapshot(current, was), after: snapshot(row, now) });
    return commentView(row);
  });
}

/** Removes a comment from the thread: one's own, or (editors) anyone's. The audit trail keeps its words. */
export async function deleteComment(actor: Actor, id: string, opts: CommentOpts = {}): Promise<void> {
  assertCan(actor, "comment.write");
  await audited(actor.id, async ({ tx, record }) => {
    const { row, claim } = await visibleComment(tx, actor, id, opts);
    if (row.authorId !== actor.id && !can(actor.role, "comment.moderate")) throw forbidden("You can delete only your own comments.");
    await tx.comment.update({ where: { id }, data: { deletedAt: new Date(), deletedById: actor.id } });
    await record({ action: "comment.deleted", entityType: "comment", entityId: id, articleId: claim.articleId, before: snapshot(row, row.mentions.map((m) => m.user.id)), after: null });
  });
}

/**
 * Takes a mention of the actor out of their queue. A personal reading mark, not a change to the desk's
 * record, so not audited; marking it again changes nothing.
 */
export async function markMentionRead(actor: Actor, commentId: string): Promise<void> {
  assertCan(actor, "article.read");
  const mention = await db().commentMention.findUnique({ where: { commentId_userId: { commentId, userId: actor.id } }, select: { seenAt: true } });
  if (!mention) throw notFound("A mention of you in that comment");
  if (mention.seenAt === null) await db().commentMention.update({ where: { commentId_userId: { commentId, userId: actor.id } }, data: { seenAt: new Date() } });
}

export interface QueueMention {
  commentId: string;
  claimId: string;
  article: { id: string; title: string };
  /** The claim's statement, else its quote. */
  claim: string;
  by: { id: string; name: string };
  at: string;
  /** The comment's words. */
  body: string;
}

/**
 * The mentions waiting for a user (lib/core/comment's mentionsWaiting), newest first: of live comments
 * on live claims, which the user may read (blind review), not marked read and not answered since.
 */
export async function waitingMentions(user: Pick<Actor, "id" | "role">): Promise<QueueMention[]> {
  const rows = await db().commentMention.findMany({
    where: { userId: user.id, seenAt: null, comment: { deletedAt: null, claim: { deletedAt: null } } },
    select: {
      seenAt: true,
      comment: {
        select: {
          id: true,
          authorId: true,
          body: true,
          createdAt: true,
          author: { select: { id: true, name: true } },
          claim: {
            select: {
              id: true,
              exact: true,
              statement: true,
              status: true,
              article: { select: { id: true, title: true, blind: true } },
              assessments: { select: { reviewerId: true } },
            },
          },
        },
      },
    },
  });
  if (rows.length === 0) return [];
  const claimIds = [...new Set(rows.map((r) => r.comment.claim.id))];
  const replies = await db().comment.findMany({ where: { authorId: user.id, claimId: { in: claimIds }, deletedAt: null }, select: { claimId: true, createdAt: true } });
  const viewer = reviewViewer(user);
  const mentions = rows
    .filter(({ comment }) => {
      const { claim } = comment;
      const state = { settled: claim.status === "approved", assessors: claim.assessments.map((a) => a.reviewerId) };
      return visibleComments(viewer, claim.article, state, [comment]).hidden === 0;
    })
    .map(({ comment, seenAt }) => ({ comment, seenAt, claimId: comment.claim.id, at: comment.createdAt }));
  return mentionsWaiting(mentions, replies.map((r) => ({ claimId: r.claimId, at: r.createdAt }))).map(({ comment }) => ({
    commentId: comment.id,
    claimId: comment.claim.id,
    article: { id: comment.claim.article.id, title: comment.claim.article.title },
    claim: comment.claim.statement ?? comment.claim.exact,
    by: comment.author,
    at: comment.createdAt.toISOString(),
    body: comment.body,
  }));
}
