// An article's claims as W3C Web Annotations (JSON-LD): one `AnnotationCollection` per article whose
// first page embeds an `assessing` Annotation per claim. Each annotation targets the article (its own
// URL, or its page in this app) with a quote and a position selector (the quote alone for a claim whose
// words are gone from the current text: its offsets point into an older revision); its bodies carry the verdict and
// rationale, a machine-readable verdict, the sources as linking SpecificResources with their quotes and
// archived copies, and (internal reports only) the desk's note. What the standard vocabulary has no
// term for (statement, status, stance, source title, ...) is named in PROJECT_CONTEXT, so an import
// (lib/core/annotation-import.ts) gets every field back.

import { getVerdict, isVerdictId } from "../claim";
import { isPlaced, type ArticleReport, type Report, type ReportClaim, type ReportPerson, type ReportSource } from "./report-data";
import { toUri } from "./json";
import { trimEndOf } from "../text";

export const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";

/**
 * The project's vocabulary namespace. Stable by design: changing it breaks the import of every
 * annotation exported before, since the importer recognises our terms by it.
 */
export const PROJECT_NAMESPACE = "https://factcheck-desk.example/ns#";

/** Inline JSON-LD context for the terms the Web Annotation vocabulary lacks; each is a real IRI. */
export const PROJECT_CONTEXT = {
  fc: PROJECT_NAMESPACE,
  xsd: "http://www.w3.org/2001/XMLSchema#",
  /** The claim as checked (may differ from the quoted words). */
  statement: "fc:statement",
  /** One of CLAIM_STATUSES (lib/core/claim). */
  claimStatus: "fc:claimStatus",
  /** 1-based position of the claim in the article, in text order. */
  claimNumber: { "@id": "fc:claimNumber", "@type": "xsd:integer" },
  /** The rationale on its own, without the verdict label the assessing body's value starts with. */
  rationale: "fc:rationale",
  /** supports, contradicts or context. */
  stance: "fc:stance",
  sourceTitle: "fc:sourceTitle",
  sourcePublisher: "fc:sourcePublisher",
  accessedOn: { "@id": "fc:accessedOn", "@type": "xsd:date" },
  /** An archived copy of a source whose access date is unknown (a TimeState needs a date). */
  archivedCopy: { "@id": "fc:archivedCopy", "@type": "@id" },
  /** Marks a body that only internal reports carry. */
  internal: { "@id": "fc:internal", "@type": "xsd:boolean" },
} as const;

export const ANNOTATION_CONTEXT = [ANNO_CONTEXT, PROJECT_CONTEXT] as const;

function trimBase(url: string): string {
  return trimEndOf(url, "/");
}

function person(base: string, p: ReportPerson): Record<string, unknown> {
  // Emails stay out of every export: a public report must not carry them, and an internal one has no
  // need to publish them in a format meant for sharing.
  return { id: `${base}/users/${encodeURIComponent(p.id)}`, type: "Person", name: p.name };
}

function sourceBody(source: ReportSource): Record<string, unknown> {
  const body: Record<string, unknown> = {
    type: "SpecificResource",
    purpose: "linking",
    source: toUri(source.url),
  };
  if (source.quote.length > 0) body.selector = { type: "TextQuoteSelector", exact: source.quote };
  if (source.archivedUrl && source.accessedOn) {
    body.state = { type: "TimeState", cached: toUri(source.archivedUrl), sourceDate: `${source.accessedOn}T00:00:00Z` };
  } else if (source.archivedUrl) {
    // A TimeState must say when; without an access date the copy is only linked.
    body.archivedCopy = toUri(source.archivedUrl);
  }
  body.sourceTitle = source.title;
  body.sourcePublisher = source.publisher;
  body.stance = source.stance;
  if (source.accessedOn) body.accessedOn = source.accessedOn;
  return body;
}

function bodies(claim: ReportClaim, internal: boolean): Record<string, unknown>[] {
  const result: Record<string, unknown>[] = [];
  const verdict = claim.verdict !== null && isVerdictId(claim.verdict) ? getVerdict(claim.verdict) : null;
  if (verdict || claim.rationale.length > 0) {
    const value = verdict
      ? claim.rationale.length > 0
        ? `${verdict.label}: ${claim.rationale}`
        : verdict.label
      : claim.rationale;
    result.push({
      type: "TextualBody",
      purpose: "assessing",
      value,
      format: "text/plain",
      rationale: claim.rationale,
    });
  }
  if (verdict) result.push({ type: "TextualBody", purpose: "classifying", value: verdict.id });
  for (const source of claim.sources) result.push(sourceBody(source));
  if (internal && claim.note) {
    result.push({ type: "TextualBody", purpose: "commenting", value: claim.note, format: "text/plain", internal: true });
  }
  return result;
}

/** The IRI an article's annotations target: its own URL, else its page in this app. */
export function articleTargetIri(report: Report, article: ArticleReport): string {
  const base = trimBase(report.meta.publishing.appBaseUrl);
  return article.article.url ? toUri(article.article.url) : `${base}/articles/${encodeURIComponent(article.article.id)}`;
}

/** One claim as a standalone Web Annotation (with its own `@context`). */
export function toAnnotation(report: Report, article: ArticleReport, claim: ReportClaim): Record<string, unknown> {
  const base = trimBase(report.meta.publishing.appBaseUrl);
  const annotation: Record<string, unknown> = {
    "@context": [...ANNOTATION_CONTEXT],
    id: `${base}/api/v1/claims/${encodeURIComponent(claim.id)}`,
    type: "Annotation",
    motivation: "assessing",
    creator: person(base, claim.author),
    created: claim.createdAt,
    modified: claim.updatedAt,
    claimNumber: claim.number,
    statement: claim.statement,
    claimStatus: claim.status,
  };
  const body = bodies(claim, report.meta.audience === "internal");
  if (body.length > 0) annotation.body = body;
  annotation.target = {
    type: "SpecificResource",
    source: articleTargetIri(report, article),
    selector: [
      {
        type: "TextQuoteSelector",
        exact: claim.exact,
        // A quote at either end of the text has no context there; an empty string would say nothing.
        ...(claim.prefix ? { prefix: claim.prefix } : {}),
        ...(claim.suffix ? { suffix: claim.suffix } : {}),
      },
      // An orphaned claim's offsets do not fit the current text; its quote still says what it was.
      ...(isPlaced(claim) ? [{ type: "TextPositionSelector", start: claim.start, end: claim.end }] : []),
    ],
  };
  return annotation;
}

/**
 * The article's claims as an `AnnotationCollection`, every annotation embedded in the first (only)
 * `AnnotationPage`. Ids are under the app's public base URL.
 */
export function toAnnotationCollection(report: Report, article: ArticleReport): Record<string, unknown> {
  const base = trimBase(report.meta.publishing.appBaseUrl);
  const id = `${base}/api/v1/articles/${encodeURIComponent(article.article.id)}/report?format=w3c`;
  const items = article.claims.map((claim) => toAnnotation(report, article, claim));
  return {
    "@context": [...ANNOTATION_CONTEXT],
    id,
    type: "AnnotationCollection",
    label: article.article.title,
    total: items.length,
    first: { id: `${id}&page=0`, type: "AnnotationPage", startIndex: 0, items },
  };
}
