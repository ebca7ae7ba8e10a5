// Inputs for claims: marking a span (UI and API) and editing a claim's statement, status, verdict,
// rationale and note. The verdict ids come from the one scale in lib/core/claim.
import { z } from "zod";
import { CLAIM_STATUSES, VERDICT_IDS, VERDICT_REQUIRED } from "@/lib/core/claim";
import { id, safeString, text } from "./common";
import { INT4_MAX, queryInt } from "./query";

export const ClaimCreateSchema = z.strictObject({
  exact: safeString().min(1, "Select the text of the claim.").max(5000, "A claim can quote at most 5,000 characters."),
  prefix: safeString().max(500).optional(),
  suffix: safeString().max(500).optional(),
  start: z.number().int().min(0).optional(),
  end: z.number().int().min(1).optional(),
  statement: text("The statement", 1000).trim().nullish(),
});
export type ClaimCreateInput = z.infer<typeof ClaimCreateSchema>;

export const ClaimUpdateSchema = z
  .strictObject({
    version: z.number({ error: "version is required (the claim's version you edited)." }).int().min(1),
    statement: text("The statement", 1000).trim().nullish(),
    status: z.enum(CLAIM_STATUSES).optional(),
    verdict: z.enum(VERDICT_IDS).nullish(),
    rationale: text("The rationale", 20_000).optional(),
    note: text("The internal note", 20_000).optional(),
    /** Why an approved verdict changes: required then, and published with the correction. */
    reason: text("The reason", 2000).trim().optional(),
  })
  // The one rule a single input can break on its own; claimTransition (lib/core/claim) applies it to the claim.
  .refine((value) => !(value.status === "verdict_given" && value.verdict === null), {
    message: VERDICT_REQUIRED,
    path: ["status"],
  });
export type ClaimUpdateInput = z.infer<typeof ClaimUpdateSchema>;

/** `PUT /claims/{id}/final`: an editor's final verdict in independent review, with a note on the decision. */
export const FinalVerdictSchema = z.strictObject({
  version: z.number({ error: "version is required (the claim's version you decided on)." }).int().min(1),
  verdict: z.enum(VERDICT_IDS, { error: "Choose the final verdict." }),
  note: text("The note", 20_000).trim().default(""),
  reason: text("The reason", 2000).trim().optional(),
});
export type FinalVerdictInput = z.input<typeof FinalVerdictSchema>;

/** `POST /claims/{id}/approve`. */
export const ApproveSchema = z.strictObject({
  version: z.number({ error: "version is required (the claim's version you approve)." }).int().min(1),
});

export const ClaimFilterSchema = z.object({
  verdict: z.union([z.enum(VERDICT_IDS), z.literal("none")]).optional(),
  status: z.enum(CLAIM_STATUSES).optional(),
});

/** An article's claims in text order, filtered; the cursor is the position where the next page starts. */
export const ClaimListQuerySchema = ClaimFilterSchema.extend({
  limit: queryInt(1, 1000).default(200),
  cursor: queryInt(0, INT4_MAX).default(0),
});

/** The article page's own query: the open claim and the list's filters. */
export const ArticleViewQuerySchema = ClaimFilterSchema.extend({ claim: id.optional() });
