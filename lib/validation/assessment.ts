// Inputs for independent review: a reviewer's own assessment of a claim, and the agreement query.
import { z } from "zod";
import { VERDICT_IDS } from "@/lib/core/claim";
import { id, text } from "./common";
import { articleIdList } from "./report";

export const MAX_ASSESSMENT_SOURCES = 100;

/** A reviewer's assessment: their verdict, why, and which of the claim's sources they relied on. */
export const AssessmentInputSchema = z.strictObject({
  verdict: z.enum(VERDICT_IDS, { error: "Choose a verdict." }),
  rationale: text("The rationale", 20_000).trim(),
  sourceIds: z
    .array(id, { error: "sourceIds is a list of the claim's source ids." })
    .max(MAX_ASSESSMENT_SOURCES)
    .transform((ids) => [...new Set(ids)])
    .default([]),
});
export type AssessmentInput = z.input<typeof AssessmentInputSchema>;

/** `GET /api/v1/agreement?articles=ID,ID`. */
export const AgreementQuerySchema = z.object({ articles: articleIdList });
