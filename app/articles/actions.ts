"use server";
// Server actions of the article pages. Each one is a thin call into lib/server, the same functions the
// REST API uses, so the UI and the API share one write path, one permission check and one schema.
// Arguments are whatever a client sends: ids are checked here (recordId), bodies by the data function.
import { revalidatePath } from "next/cache";
import { can } from "@/lib/core/roles";
import { recordId, runAction } from "@/lib/server/action";
import { createArticle, updateArticle } from "@/lib/server/articles";
import { recheckArticle } from "@/lib/server/article-import";
import { listAssessments, submitAssessment } from "@/lib/server/assessments";
import { assignReviewers, listAssignments, removeAssignment } from "@/lib/server/assignments";
import {
  addSource,
  approveClaim,
  setFinalVerdict,
  createClaim,
  deleteClaim,
  getClaim,
  listClaims,
  removeSource,
  restoreClaim,
  updateClaim,
  updateSource,
} from "@/lib/server/claims";
import { addComment, deleteComment, editComment, listComments } from "@/lib/server/comments";
import { claimHistory } from "@/lib/server/history";

const ARTICLE = "The article";
const CLAIM = "The claim";
const SOURCE = "The source";
const ASSIGNMENT = "The assignment";
const COMMENT = "The comment";

export async function createArticleAction(input: unknown) {
  const result = await runAction("article.write", (actor) => createArticle(actor, input));
  if (result.ok) revalidatePath("/");
  return result;
}

export async function updateArticleAction(id: string, input: unknown) {
  return runAction("article.write", (actor) => updateArticle(actor, recordId(id, ARTICLE), input));
}

export async function createClaimAction(articleId: string, input: unknown) {
  return runAction("claim.write", (actor) => createClaim(actor, recordId(articleId, ARTICLE), input));
}

export async function updateClaimAction(id: string, input: unknown) {
  return runAction("claim.write", (actor) => updateClaim(actor, recordId(id, CLAIM), input));
}

/** An editor's final verdict in independent review (the claim becomes proposed). */
export async function setFinalVerdictAction(id: string, input: unknown) {
  return runAction("claim.approve", (actor) => setFinalVerdict(actor, recordId(id, CLAIM), input));
}

/** An editor approves the claim's verdict (not their own where the desk has two editors). */
export async function approveClaimAction(id: string, input: unknown) {
  return runAction("claim.approve", (actor) => approveClaim(actor, recordId(id, CLAIM), input));
}

export async function deleteClaimAction(id: string) {
  return runAction("claim.write", (actor) => deleteClaim(actor, recordId(id, CLAIM)));
}

export async function restoreClaimAction(id: string) {
  return runAction("claim.restore", (actor) => restoreClaim(actor, recordId(id, CLAIM)));
}

export async function addSourceAction(claimId: string, input: unknown) {
  return runAction("claim.write", async (actor) => {
    const claim = recordId(claimId, CLAIM);
    await addSource(actor, claim, input);
    return getClaim(actor, claim);
  });
}

export async function updateSourceAction(claimId: string, sourceId: string, input: unknown) {
  return runAction("claim.write", async (actor) => {
    const claim = recordId(claimId, CLAIM);
    await updateSource(actor, recordId(sourceId, SOURCE), input, { claimId: claim });
    return getClaim(actor, claim);
  });
}

export async function removeSourceAction(claimId: string, sourceId: string) {
  return runAction("claim.write", async (actor) => {
    const claim = recordId(claimId, CLAIM);
    await removeSource(actor, recordId(sourceId, SOURCE), { claimId: claim });
    return getClaim(actor, claim);
  });
}

export async function claimHistoryAction(claimId: string) {
  return runAction("audit.read", (actor) => claimHistory(actor, recordId(claimId, CLAIM)));
}


/** Assigns reviewers; answers with the article's assignments as they now are. */
export async function assignReviewersAction(articleId: string, input: unknown) {
  return runAction("assignment.manage", async (actor) => {
    const article = recordId(articleId, ARTICLE);
    await assignReviewers(actor, article, input);
    return listAssignments(actor, article);
  });
}

/** Takes an assignment back; answers with the article's assignments as they now are. */
export async function removeAssignmentAction(articleId: string, assignmentId: string) {
  return runAction("assignment.manage", async (actor) => {
    const article = recordId(articleId, ARTICLE);
    await removeAssignment(actor, recordId(assignmentId, ASSIGNMENT), { articleId: article });
    return listAssignments(actor, article);
  });
}

/** The claim's assessments the actor may see (blind review), and how many are withheld. */
export async function listAssessmentsAction(claimId: string) {
  return runAction("article.read", (actor) => listAssessments(actor, recordId(claimId, CLAIM)));
}

/** Submits or revises the actor's own assessment; answers with the assessments and the claim as they now are. */
export async function submitAssessmentAction(claimId: string, input: unknown) {
  return runAction("claim.write", async (actor) => {
    const claim = recordId(claimId, CLAIM);
    await submitAssessment(actor, claim, input);
    return { assessments: await listAssessments(actor, claim), claim: await getClaim(actor, claim) };
  });
}

/** The claim's discussion as the actor may see it (blind review), and how many comments are withheld. */
export async function listCommentsAction(claimId: string) {
  return runAction("article.read", (actor) => listComments(actor, recordId(claimId, CLAIM)));
}

/** Posts a comment; answers with the discussion as it now is. */
export async function addCommentAction(claimId: string, input: unknown) {
  return runAction("comment.write", async (actor) => {
    const claim = recordId(claimId, CLAIM);
    await addComment(actor, claim, input);
    return listComments(actor, claim);
  });
}

/** Edits one's own comment of this claim; answers with the discussion as it now is. */
export async function editCommentAction(claimId: string, commentId: string, input: unknown) {
  return runAction("comment.write", async (actor) => {
    const claim = recordId(claimId, CLAIM);
    await editComment(actor, recordId(commentId, COMMENT), input, { claimId: claim });
    return listComments(actor, claim);
  });
}

/** Deletes a comment of this claim (one's own; editors any); answers with the discussion as it now is. */
export async function deleteCommentAction(claimId: string, commentId: string) {
  return runAction("comment.write", async (actor) => {
    const claim = recordId(claimId, CLAIM);
    await deleteComment(actor, recordId(commentId, COMMENT), { claimId: claim });
    return listComments(actor, claim);
  });
}

/** The article's claims as the article page lists them (deleted ones too, for those who restore): after a live change. */
export async function articleClaimsAction(articleId: string) {
  return runAction("article.read", (actor) => listClaims(actor, recordId(articleId, ARTICLE), {}, { includeDeleted: can(actor.role, "claim.restore") }));
}

export async function recheckArticleAction(id: string) {
  const result = await runAction("article.write", (actor) => recheckArticle(actor, recordId(id, ARTICLE)));
  if (result.ok && result.data.changed) revalidatePath(`/articles/${id}`);
  return result;
}
