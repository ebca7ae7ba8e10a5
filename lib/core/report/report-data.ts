// The one shape every review report and export is rendered from: plain data about an article, its
// revisions, its claims in text order (those whose words are gone from the current text last), their
// sources, who gave each verdict, corrections, the reviewers' agreement (internal reports in independent
// review), and the audit log's state when the report was made.
// lib/server/reports.ts assembles it from the database; the formatters in this folder (JSON, CSV,
// Markdown, HTML, PDF, ClaimReview, W3C Web Annotation) only read it, so each format is a pure function
// tested without a server.

import type { ClaimStatus, SourceStance, VerdictId } from "../claim";
import { summaryText, type AnchorStatus, type ReanchorSummary } from "../reanchor";
import { formatTime, personText } from "./report-text";

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

/**
 * Where a claim stands in the article's latest revision (lib/core/reanchor): exact (in its place), moved
 * (the same words elsewhere), fuzzy (its words changed; `score` says how alike, 0..1) or orphaned (its
 * words are gone). `revision` is the revision it was last placed in, or looked for (orphaned).
 */
export interface ReportAnchor {
  status: AnchorStatus;
  revision: number;
  score: number;
}

export interface ReportClaim {
  id: string;
  /**
   * 1-based position in text order; claims whose words are gone from the current text (orphaned) come
   * after all placed ones.
   */
  number: number;
  exact: string;
  prefix: string;
  suffix: string;
  /**
   * Code-point offsets into the article's canonical text. Stale for an orphaned claim: they point into
   * the older revision its words were last found in, so nothing may be placed by them.
   */
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
  anchor: ReportAnchor;
  /**
   * Set when a revision changed or removed the claim's words after it had been reviewed, until a verdict
   * is given again: its verdict, if any, was given on an earlier wording.
   */
  reworded: { revision: number; at: string } | null;
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
  /** The number of the latest revision, the one `text` is (1: the text the article was added with). */
  revision: number;
  /** When the text last changed while claims of it had been reviewed; null if it never did. */
  changedAfterReviewAt: string | null;
}

export type ReportRevisionOrigin = "created" | "edit" | "recheck" | "import";

/** One text the article has had. */
export interface ReportRevision {
  number: number;
  /** ISO-8601 time */
  createdAt: string;
  /** Who made it; null for the server's scheduled re-check. */
  by: ReportPerson | null;
  origin: ReportRevisionOrigin;
  /** Where a re-check or an import read it from. */
  sourceUrl: string | null;
  /** Words added and removed against the revision before. */
  added: number;
  removed: number;
  /** How the claims were re-anchored to it; null for the first revision. */
  reanchor: ReanchorSummary | null;
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
  /** Every text the article has had, oldest first. */
  revisions: ReportRevision[];
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

// Revisions and the claims' places in the current text.

const ORIGIN_LABELS: Readonly<Record<ReportRevisionOrigin, string>> = {
  created: "added",
  edit: "edited",
  recheck: "re-check of the web page",
  import: "imported",
};

/** How a revision came about, in a few words: "added", "edited", "re-check of the web page", "imported". */
export function revisionOriginText(origin: ReportRevisionOrigin): string {
  return ORIGIN_LABELS[origin] ?? origin;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What a revision did to the claims: "claims: 1 moved, 2 changed, 1 gone"; null without claims. */
function reanchorText(summary: ReanchorSummary): string | null {
  const changes = summaryText(summary);
  if (changes) return `claims: ${changes}`;
  return summary.exact > 0 ? "claims: all in place" : null;
}

/**
 * One revision as a line of plain text (each format escapes it, and adds the source URL as a link):
 * "Revision 3 · 2 December 2026, 10:00 UTC · re-check of the web page by the server · 12 words added,
 * 4 removed · claims: 1 moved, 2 changed, 1 gone".
 */
export function revisionLineText(revision: ReportRevision, audience: Audience, time: (iso: string) => string = formatTime): string {
  const by = revision.by ? ` by ${personText(revision.by, audience)}` : revision.origin === "recheck" ? " by the server" : "";
  const parts = [`Revision ${revision.number}`, time(revision.createdAt), `${revisionOriginText(revision.origin)}${by}`];
  if (revision.number > 1 || revision.added > 0 || revision.removed > 0) {
    parts.push(`${count(revision.added, "word", "words")} added, ${revision.removed} removed`);
  }
  const claims = revision.reanchor ? reanchorText(revision.reanchor) : null;
  if (claims) parts.push(claims);
  return parts.join(" · ");
}

/** Whether the report lists the article's revisions: only when its text has changed at least once. */
export function showsRevisions(report: Pick<ArticleReport, "revisions">): boolean {
  return report.revisions.length > 1;
}

/** The note near an article's header when its text changed after claims in it had been reviewed. */
export function changedAfterReviewText(at: string, time: (iso: string) => string = formatTime): { heading: string; detail: string } {
  return {
    heading: `Changed after review on ${time(at)}`,
    detail: "The article's text changed after claims in it had been reviewed; each claim the change touched says so below.",
  };
}

/** Whether the claim's words are in the article's current text (every status but orphaned). */
export function isPlaced(claim: Pick<ReportClaim, "anchor">): boolean {
  return claim.anchor.status !== "orphaned";
}

/** The claims whose words are in the current text, and those whose words are gone, each in the order given. */
export function byPlace<C extends Pick<ReportClaim, "anchor">>(claims: readonly C[]): { placed: C[]; gone: C[] } {
  return { placed: claims.filter(isPlaced), gone: claims.filter((c) => !isPlaced(c)) };
}

/** How alike a fuzzy match is, as a whole percentage below 100: "87%". */
function alikeText(score: number): string {
  const p = Math.round(Math.min(Math.max(score, 0), 1) * 100);
  return `${Math.min(p, 99)}%`;
}

/** Where the claim's words are in the current text, when that is news: null for a claim in its place. */
export function claimAnchorText(claim: Pick<ReportClaim, "anchor">): string | null {
  const { status, revision } = claim.anchor;
  switch (status) {
    case "moved":
      return `Its words moved in revision ${revision}.`;
    case "fuzzy":
      return `Its words changed in revision ${revision} (${alikeText(claim.anchor.score)} alike).`;
    case "orphaned":
      return `Its words are gone from the article's current text (revision ${revision}).`;
    default:
      return null;
  }
}

/** Said of a claim reviewed on an earlier wording of its quote, until it is reviewed again; null otherwise. */
export function claimRewordedText(claim: Pick<ReportClaim, "reworded" | "verdict">): string | null {
  if (!claim.reworded) return null;
  return claim.verdict !== null
    ? `The verdict was given on an earlier wording, before revision ${claim.reworded.revision}.`
    : `It was reviewed on an earlier wording, before revision ${claim.reworded.revision}.`;
}

/** The heading of the claims listed apart because their words are gone from the current text. */
export const GONE_CLAIMS_HEADING = "Claims whose text is gone";

/** What that list means, under its heading. */
export const GONE_CLAIMS_TEXT =
  "The words of these claims are no longer in the article's current text, so they are not marked in it. Each keeps the quote it was marked on.";
