// Claim counts for a report's summary: per verdict in scale order, plus how many are still open. Every
// report format (Markdown, HTML, PDF, JSON) shows the same numbers, so they are counted once, here.

import type { ArticleReport, Report, ReportClaim } from "./report-data";
import { VERDICTS, type ClaimStatus, type VerdictId } from "../claim";

export const NO_VERDICT_LABEL = "No verdict yet";

export interface VerdictCount {
  /** A verdict id, or null for claims without a verdict. */
  verdict: VerdictId | null;
  label: string;
  count: number;
}

export interface ReportSummary {
  total: number;
  /** Claims still open: every status but "verdict_given" and "approved" (open, in review, assessed, proposed). */
  open: number;
  /**
   * One row per verdict on the scale (zero counts included, so tables line up across articles), then
   * "No verdict yet".
   */
  byVerdict: VerdictCount[];
}

export function summarize(article: ArticleReport): ReportSummary {
  return count([article.claims]);
}

/** The total over every article of a report. */
export function summarizeAll(report: Report): ReportSummary {
  return count(report.articles.map((a) => a.claims));
}

/** A claim counts as open unless its status is one of these. */
const DONE: ReadonlySet<ClaimStatus> = new Set<ClaimStatus>(["verdict_given", "approved"]);

function count(claimLists: readonly (readonly ReportClaim[])[]): ReportSummary {
  const byId = new Map<VerdictId, number>();
  let total = 0;
  let open = 0;
  let unrated = 0;
  for (const claims of claimLists) {
    for (const claim of claims) {
      total++;
      if (!DONE.has(claim.status)) open++;
      if (claim.verdict === null) unrated++;
      else byId.set(claim.verdict, (byId.get(claim.verdict) ?? 0) + 1);
    }
  }
  const byVerdict: VerdictCount[] = VERDICTS.map((v) => ({ verdict: v.id, label: v.label, count: byId.get(v.id) ?? 0 }));
  byVerdict.push({ verdict: null, label: NO_VERDICT_LABEL, count: unrated });
  return { total, open, byVerdict };
}
