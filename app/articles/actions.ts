"use server";
// Server actions of the article pages. Each one is a thin call into lib/server, the same functions the
// REST API uses, so the UI and the API share one write path, one permission check and one schema.
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/server/action";
import { createArticle, updateArticle } from "@/lib/server/articles";
import {
  addSource,
  createClaim,
  deleteClaim,
  getClaim,
  removeSource,
  restoreClaim,
  updateClaim,
  updateSource,
} from "@/lib/server/claims";
import { claimHistory } from "@/lib/server/history";
import { importAnnotations } from "@/lib/server/annotation-import";

export async function createArticleAction(input: unknown) {
  const result = await runAction("article.write", (actor) => createArticle(actor, input));
  if (result.ok) revalidatePath("/");
  return result;
}

export async function updateArticleAction(id: string, input: unknown) {
  return runAction("article.write", (actor) => updateArticle(actor, id, input));
}

export async function createClaimAction(articleId: string, input: unknown) {
  return runAction("claim.write", (actor) => createClaim(actor, articleId, input));
}

export async function updateClaimAction(id: string, input: unknown) {
  return runAction("claim.write", (actor) => updateClaim(actor, id, input));
}

export async function deleteClaimAction(id: string) {
  return runAction("claim.write", (actor) => deleteClaim(actor, id));
}

export async function restoreClaimAction(id: string) {
  return runAction("claim.restore", (actor) => restoreClaim(actor, id));
}

export async function addSourceAction(claimId: string, input: unknown) {
  return runAction("claim.write", async (actor) => {
    await addSource(actor, claimId, input);
    return getClaim(actor, claimId);
  });
}

export async function updateSourceAction(claimId: string, sourceId: string, input: unknown) {
  return runAction("claim.write", async (actor) => {
    await updateSource(actor, sourceId, input);
    return getClaim(actor, claimId);
  });
}

export async function removeSourceAction(claimId: string, sourceId: string) {
  return runAction("claim.write", async (actor) => {
    await removeSource(actor, sourceId);
    return getClaim(actor, claimId);
  });
}

export async function claimHistoryAction(claimId: string) {
  return runAction("audit.read", (actor) => claimHistory(actor, claimId));
}

export async function refreshClaimAction(claimId: string) {
  return runAction("article.read", (actor) => getClaim(actor, claimId));
}


export async function importAnnotationsAction(articleId: string, json: unknown) {
  return runAction("article.write", (actor) => importAnnotations(actor, articleId, json));
}
