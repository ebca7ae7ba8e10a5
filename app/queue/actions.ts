"use server";
// Server actions of the queue page: a mention marked as read leaves the queue. The same function as
// POST /api/v1/comments/{id}/read.
import { revalidatePath } from "next/cache";
import { recordId, runAction } from "@/lib/server/action";
import { markMentionRead } from "@/lib/server/comments";

export async function markMentionReadAction(commentId: unknown) {
  const result = await runAction("article.read", (actor) => markMentionRead(actor, recordId(commentId, "The comment")));
  revalidatePath("/queue");
  return result;
}
