// schema.org ClaimReview markup (JSON-LD) for publishing fact-checks: one ClaimReview per claim that has
// a verdict, across all the report's articles. Only properties whose value is known are written: an
// article without URL, publisher or date gets a Claim without appearance, author or datePublished, never
// a made-up one. ClaimReview carries no notes or emails, so both audiences get the same markup.

import type { ArticleReport, Report, ReportClaim } from "./report-data";
import { BEST_RATING, WORST_RATING, getVerdict, isVerdictId } from "../claim";
import { toUri } from "./json";
import { trimEndOf } from "../text";

export interface ClaimReviewRating {
  "@type": "Rating";
  alternateName: string;
  ratingValue?: number;
  bestRating?: number;
  worstRating?: number;
}

export interface ClaimReviewItem {
  "@type": "Claim";
  appearance?: { "@type": "CreativeWork"; url: string };
  author?: { "@type": "Organization"; name: string };
  datePublished?: string;
}

export interface ClaimReview {
  "@context": "https://schema.org";
  "@type": "ClaimReview";
  url: string;
  claimReviewed: string;
  author: { "@type": "Organization"; name: string; url?: string };
  datePublished?: string;
  reviewRating: ClaimReviewRating;
  itemReviewed: ClaimReviewItem;
}

export function toClaimReviews(report: Report): ClaimReview[] {
  const out: ClaimReview[] = [];
  for (const article of report.articles) {
    for (const claim of article.claims) {
      if (claim.verdict !== null) out.push(claimReview(report, article, claim, claim.verdict));
    }
  }
  return out;
}

/** The ClaimReview array as indented JSON, safe to place inside a `<script>` element as it is. */
export function toClaimReviewJsonLd(report: Report): string {
  return jsonForScriptTag(toClaimReviews(report), 2);
}

function claimReview(report: Report, article: ArticleReport, claim: ReportClaim, verdictId: string): ClaimReview {
  const { publishing } = report.meta;
  const author: ClaimReview["author"] = { "@type": "Organization", name: publishing.organizationName };
  if (publishing.organizationUrl) author.url = toUri(publishing.organizationUrl);

  const review: ClaimReview = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    url: claimPageUrl(publishing.factCheckBaseUrl, article.article.id, claim.number),
    claimReviewed: claim.statement.trim() || claim.exact,
    author,
    reviewRating: rating(verdictId),
    itemReviewed: item(article),
  };
  const date = claim.verdictBy ? isoDate(claim.verdictBy.at) : null;
  if (date) review.datePublished = date;
  return review;
}

/** The published fact-check page of a claim: `${base}/${articleId}#claim-${number}`. */
export function claimPageUrl(base: string, articleId: string, claimNumber: number): string {
  return `${trimEndOf(base, "/")}/${encodeURIComponent(articleId)}#claim-${claimNumber}`;
}

function rating(verdictId: string): ClaimReviewRating {
  if (!isVerdictId(verdictId)) return { "@type": "Rating", alternateName: verdictId };
  const verdict = getVerdict(verdictId);
  if (verdict.rating === null) return { "@type": "Rating", alternateName: verdict.label };
  return {
    "@type": "Rating",
    alternateName: verdict.label,
    ratingValue: verdict.rating,
    bestRating: BEST_RATING,
    worstRating: WORST_RATING,
  };
}

function item({ article }: ArticleReport): ClaimReviewItem {
  const claim: ClaimReviewItem = { "@type": "Claim" };
  if (article.url) claim.appearance = { "@type": "CreativeWork", url: toUri(article.url) };
  if (article.publisher?.trim()) claim.author = { "@type": "Organization", name: article.publisher.trim() };
  if (article.publishedOn) claim.datePublished = article.publishedOn;
  return claim;
}

/** The calendar date (YYYY-MM-DD, UTC) of an ISO time, or null when it is not a time. */
function isoDate(at: string): string | null {
  const time = new Date(at);
  return Number.isNaN(time.getTime()) ? null : time.toISOString().slice(0, 10);
}

// Characters that could end a <script> element or an HTML comment, or end a JavaScript string in old
// engines (U+2028/2029), written as JSON \u escapes: the JSON value is unchanged.
const SCRIPT_UNSAFE = /[<>&\u2028\u2029]/g;

/**
 * JSON for embedding inside `<script type="application/ld+json">`: `<`, `>`, `&`, U+2028 and U+2029 are
 * written as \u escapes, so no value can close the element or open a comment. Throws TypeError for values
 * JSON cannot represent (undefined, functions).
 */
export function jsonForScriptTag(value: unknown, indent?: number): string {
  const json = JSON.stringify(value, null, indent) as string | undefined;
  if (json === undefined) throw new TypeError("jsonForScriptTag: value has no JSON representation");
  return json.replace(SCRIPT_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
