// Inputs for assignments: the article page's "Assign" form, the REST API and the queue's query.
import { z } from "zod";
import { parseDue } from "@/lib/core/assignment";
import { id, safeString } from "./common";

export const MAX_ASSIGNEES = 50;
export const MAX_ASSIGNED_CLAIMS = 500;

export const DUE_MESSAGE = "Use a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM, UTC unless a zone is given).";

/** An optional due time: empty or null means none; a date is the end of that day, UTC. */
export const optionalDue = z
  .union([z.literal(""), safeString().trim().max(40, DUE_MESSAGE)])
  .nullish()
  .transform((value, ctx) => {
    if (!value) return null;
    const due = parseDue(value);
    if (!due) {
      ctx.addIssue({ code: "custom", message: DUE_MESSAGE });
      return z.NEVER;
    }
    return due;
  });

/** Assign reviewers to an article, or to chosen claims of it (`claimIds`), with an optional due time. */
export const AssignmentCreateSchema = z.strictObject({
  userIds: z
    .array(id, { error: "Choose at least one reviewer." })
    .min(1, "Choose at least one reviewer.")
    .max(MAX_ASSIGNEES, `Assign at most ${MAX_ASSIGNEES} reviewers at once.`)
    .transform((ids) => [...new Set(ids)]),
  claimIds: z
    .array(id, { error: "claimIds is a list of claim ids." })
    .max(MAX_ASSIGNED_CLAIMS, `Assign at most ${MAX_ASSIGNED_CLAIMS} claims at once.`)
    .transform((ids) => [...new Set(ids)])
    .optional(),
  due: optionalDue,
});
export type AssignmentCreateInput = z.input<typeof AssignmentCreateSchema>;

/** `GET /api/v1/queue?user=ID`: an editor reads someone else's queue. */
export const QueueQuerySchema = z.object({ user: id.optional() });
