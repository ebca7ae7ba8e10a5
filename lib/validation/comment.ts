// Inputs of a claim's discussion: a new comment, and an edit of one's own comment.
import { z } from "zod";
import { MAX_COMMENT_CHARS } from "@/lib/core/comment";
import { requiredText } from "./common";

const body = requiredText("The comment", MAX_COMMENT_CHARS);

/** `POST /api/v1/claims/{id}/comments` and the discussion's form: plain text; "@name" mentions a colleague. */
export const CommentInputSchema = z.strictObject({ body });
export type CommentInput = z.input<typeof CommentInputSchema>;

/** `PATCH /api/v1/comments/{id}`: the new words; with `version`, an edit of an older version is refused (409). */
export const CommentEditSchema = z.strictObject({
  body,
  version: z.number({ error: "version is the comment's version you edited." }).int().min(1).optional(),
});
export type CommentEdit = z.input<typeof CommentEditSchema>;
