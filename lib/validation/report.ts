// Inputs for report exports: which format, for whom, which page size, which articles.
import { z } from "zod";
import { id, isoDate } from "./common";

export const REPORT_FORMATS = ["pdf", "html", "md", "csv", "json", "claimreview", "w3c"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
/** Formats a multi-article report can be exported as (W3C collections are per article). */
export const MULTI_REPORT_FORMATS = ["pdf", "html", "md", "csv", "json", "claimreview"] as const;

export const reportFormat = z.enum(REPORT_FORMATS, { error: `format is one of ${REPORT_FORMATS.join(", ")}.` });
export const multiReportFormat = z.enum(MULTI_REPORT_FORMATS, { error: `format is one of ${MULTI_REPORT_FORMATS.join(", ")}.` });

/** The most articles one report covers: a bound on what any viewer can make the server render. */
export const MAX_REPORT_ARTICLES = 200;

const reportOptions = {
  audience: z.enum(["internal", "public"], { error: "audience is internal or public." }).default("internal"),
  pageSize: z.enum(["a4", "letter"], { error: "pageSize is a4 or letter." }).default("a4"),
};

/** Article ids in a query: comma-separated, repeated (a form with one checkbox per article), or both. */
export const articleIdList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => [value].flat().join(",").split(",").map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(id).min(1, "Name at least one article.").max(MAX_REPORT_ARTICLES, `At most ${MAX_REPORT_ARTICLES} articles at once.`));

const selection = {
  articles: articleIdList.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
};

const chosen = (q: { articles?: string[]; from?: string; to?: string }) => Boolean(q.articles || q.from || q.to);
const CHOOSE = { message: "Choose articles, or a date range (from, to).", path: ["articles"] };

/**
 * ClaimReview is what a desk publishes to search engines and fact-check aggregators: it is always made
 * for the public audience (no notes, no emails; in independent review, approved claims only).
 */
export function exportAudience(format: ReportFormat, audience: "internal" | "public"): "internal" | "public" {
  return format === "claimreview" ? "public" : audience;
}
const withExportAudience = <T extends { format: ReportFormat; audience: "internal" | "public" }>(q: T): T => ({ ...q, audience: exportAudience(q.format, q.audience) });

export const ArticleReportQuerySchema = z.strictObject({ format: reportFormat, ...reportOptions }).transform(withExportAudience);

export const MultiReportQuerySchema = z.strictObject({ format: multiReportFormat, ...selection, ...reportOptions }).refine(chosen, CHOOSE).transform(withExportAudience);

/** The CLI's selection: the same rules, with the format checked by the caller (w3c for one article). */
export const ReportSelectionSchema = z.strictObject({ ...selection, ...reportOptions }).refine(chosen, CHOOSE);

/** The report page (`/articles/{id}/report?audience=`). */
export const ReportPageQuerySchema = z.object({ audience: reportOptions.audience });
