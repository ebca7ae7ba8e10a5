// The one shape every review report and export is rendered from: plain data about an article, its
// claims in text order, their sources, who gave each verdict, corrections, the reviewers' agreement
// (internal reports in independent review), and the audit log's state when the report was made.
// lib/server/reports.ts assembles it from the database; the formatters in this folder (JSON, CSV,
// Markdown, HTML, PDF, ClaimReview, W3C Web Annotation) only read it, so each format is a pure function
// tested without a server.

import type { ClaimStatus, SourceStance, VerdictId } from "../claim";

/** Who the report is for. "public" leaves out internal notes and reviewers' emails everywhere. */
export type Audience = "internal" | "public";

export interface ReportPerson {
  id: string;
  name: string;
  /** Only in internal reports. */
  email?: string;
}

export interface ReportSource {
  id: string;
  url: string;
  title: string;
  publisher: string;
  quote: string;
  stance: SourceStance;
  archivedUrl: string | null;
  /** YYYY-MM-DD */
  accessedOn: string | null;
}

export interface ReportCorrection {
  /** The verdict before and after a change of an approved verdict, as the audit trail recorded them. */
  from: string | null;
  to: string | null;
  /**
   * Why the approved verdict changed, as the editor gave it (public, like the correction itself); empty
   * for corrections recorded before reasons existed.
   */
  reason: string;
  by: ReportPerson | null;
  /** ISO-8601 time */
  at: string;
  /** The audit event that recorded it. */
  seq: number;
}

export interface ReportClaim {
  id: string;
  /** 1-based position in text order. */
  number: number;
  exact: string;
  prefix: string;
  suffix: string;
  /** Code-point offsets into the article's canonical text. */
  start: number;
  end: number;
  /** The statement as checked; the quote itself when none was given. */
  statement: string;
  status: ClaimStatus;
  verdict: VerdictId | null;
  rationale: string;
  /** Internal reports only; absent (undefined) in public ones. */
  note?: string;
  author: ReportPerson;
  /** Who set the current verdict and when, from the audit trail; null without a verdict. */
  verdictBy: { person: ReportPerson | null; at: string } | null;
  createdAt: string;
  updatedAt: string;
  sources: ReportSource[];
  corrections: ReportCorrection[];
}

export interface ReportAuditEvent {
  seq: number;
  at: string;
  actor: ReportPerson | null;
  action: string;
  entity: { type: string; id: string };
  before: unknown;
  after: unknown;
  hash: string;
}

export interface ReportArticle {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  /** YYYY-MM-DD */
  publishedOn: string | null;
  text: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * How far the independent reviewers agree on verdicts (lib/core/agreement), as the exporting person may
 * see it (blind review).
 */
export interface ReportAgreement {
  /** Claims assessed by at least two reviewers: the claims the figures rest on. */
  claims: number;
  /** Distinct reviewers who assessed at least one of those claims. */
  reviewers: number;
  /** Percentage agreement, 0 to 100 (one decimal); null when no claim counts. */
  percent: number | null;
  /** Krippendorff's alpha, unrounded; null where it is not defined. */
  alpha: { nominal: number | null; ordinal: number | null };
  /** The report's claim numbers (ReportClaim.number) on which reviewers gave different verdicts, in text order. */
  disagreements: number[];
}

export interface ArticleReport {
  article: ReportArticle;
  claims: ReportClaim[];
  /** Internal reports of an article in independent review only; null otherwise (always in public reports). */
  agreement: ReportAgreement | null;
  /** Everyone who marked a claim, gave a verdict or added a source, by name. */
  reviewers: ReportPerson[];
  /** The time of the latest change to a claim or source, or null without claims. */
  reviewedAt: string | null;
  /** The article's own audit events, oldest first (notes removed in public reports). */
  events: ReportAuditEvent[];
}

export interface ReportMeta {
  audience: Audience;
  /** ISO-8601 time the report was made. */
  generatedAt: string;
  /** The desk's whole audit log at that moment: a reader can check the report against it. */
  integrity: { events: number; head: string };
  /** Settings for the published forms (ClaimReview, W3C ids, links back to the app). */
  publishing: PublishingSettings;
}

export interface PublishingSettings {
  /** The fact-checking organisation, the `author` of every ClaimReview. */
  organizationName: string;
  organizationUrl: string | null;
  /** Base URL of published fact-checks; a claim's page is `${factCheckBaseUrl}/${articleId}#claim-${number}`. */
  factCheckBaseUrl: string;
  /** Public base URL of this app, for ids and for targets of articles without a URL of their own. */
  appBaseUrl: string;
}

export interface Report {
  meta: ReportMeta;
  articles: ArticleReport[];
}

// Wording shared by the HTML, Markdown and PDF reports, so all three say the same thing.

/** A percentage as a whole number or with one decimal: "100%", "87.5%". */
function percentText(p: number): string {
  const r = Math.round(p * 10) / 10;
  return `${Number.isInteger(r) ? String(r) : r.toFixed(1)}%`;
}

/** An alpha with two decimals ("0.71", "-0.13"), or "not defined". */
function alphaText(a: number | null): string {
  if (a === null) return "not defined";
  const r = Math.round(a * 100) / 100;
  return (r === 0 ? 0 : r).toFixed(2);
}

/** The figures line of "Agreement between reviewers", as plain text (each format escapes it). */
export function agreementFiguresText(a: ReportAgreement): string {
  if (a.claims === 0) return "No claim has been assessed by two or more reviewers yet, so agreement cannot be measured.";
  const claims = a.claims === 1 ? "1 claim" : `${a.claims} claims`;
  const reviewers = a.reviewers === 1 ? "1 reviewer" : `${a.reviewers} reviewers`;
  const percent = a.percent === null ? "not defined" : percentText(a.percent);
  return `${claims} assessed by two or more of ${reviewers} · agreement ${percent} · Krippendorff's alpha: nominal ${alphaText(a.alpha.nominal)}, ordinal ${alphaText(a.alpha.ordinal)}`;
}

/** Which claims the reviewers disagree on, by the report's claim numbers; null when no claim counts. */
export function agreementFindingText(a: ReportAgreement): string | null {
  if (a.claims === 0) return null;
  const n = a.disagreements;
  if (n.length === 0) return "Reviewers agree on every claim they assessed.";
  return `Reviewers disagree on ${n.length === 1 ? "claim" : "claims"} ${n.join(", ")}.`;
}
