// The report as versioned JSON ("factcheck-report/2"): the article and its revisions, every claim with
// its sources, corrections and place in the current text, reviewers' agreement (internal, independent
// review), and the article's audit events,
// for archiving and for other tools. The shape is described
// by factcheck-report-2.schema.json beside this file and documented in docs/report-json.md; additive
// changes keep the version ("/2"), anything that removes, renames or retypes a field bumps it.
//
// Every field is copied by name, so nothing the database layer adds leaks out by accident. The public
// audience gets no `note` and no email anywhere: people are copied without email, claims without note,
// and audit snapshots (before/after, free-form) lose every key named note(s) or containing "email", at
// any depth.

import type {
  ArticleReport,
  Audience,
  ReportAgreement,
  Report,
  ReportArticle,
  ReportAuditEvent,
  ReportClaim,
  ReportCorrection,
  ReportPerson,
  ReportRevision,
  ReportSource,
} from "./report-data";
import { summarize, type ReportSummary } from "./summary";

export const REPORT_JSON_FORMAT = "factcheck-report/2";

export interface ReportJson {
  format: typeof REPORT_JSON_FORMAT;
  generatedAt: string;
  audience: Audience;
  integrity: { events: number; head: string };
  articles: ReportJsonArticle[];
}

export interface ReportJsonArticle {
  article: ReportArticle;
  /** Every text the article has had, oldest first (added within /2). */
  revisions: ReportRevision[];
  summary: ReportSummary;
  /** Reviewers' agreement: internal reports of an article in independent review; null otherwise. */
  agreement: ReportAgreement | null;
  reviewers: ReportPerson[];
  reviewedAt: string | null;
  claims: ReportClaim[];
  events: ReportAuditEvent[];
}

export function toReportJson(report: Report): ReportJson {
  const { audience, generatedAt, integrity } = report.meta;
  return {
    format: REPORT_JSON_FORMAT,
    generatedAt,
    audience,
    integrity: { events: integrity.events, head: integrity.head },
    articles: report.articles.map((a) => articleJson(a, audience)),
  };
}

function articleJson(report: ArticleReport, audience: Audience): ReportJsonArticle {
  const a = report.article;
  return {
    article: {
      id: a.id,
      title: a.title,
      publisher: a.publisher,
      url: a.url === null ? null : toUri(a.url),
      publishedOn: a.publishedOn,
      text: a.text,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      revision: a.revision,
      changedAfterReviewAt: a.changedAfterReviewAt,
    },
    revisions: report.revisions.map((r) => revisionJson(r, audience)),
    summary: summarize(report),
    agreement: audience === "internal" && report.agreement ? agreementJson(report.agreement) : null,
    reviewers: report.reviewers.map((p) => person(p, audience)),
    reviewedAt: report.reviewedAt,
    claims: report.claims.map((c) => claimJson(c, audience)),
    events: report.events.map((e) => eventJson(e, audience)),
  };
}

function claimJson(c: ReportClaim, audience: Audience): ReportClaim {
  const out: ReportClaim = {
    id: c.id,
    number: c.number,
    exact: c.exact,
    prefix: c.prefix,
    suffix: c.suffix,
    start: c.start,
    end: c.end,
    statement: c.statement,
    status: c.status,
    verdict: c.verdict,
    rationale: c.rationale,
    author: person(c.author, audience),
    verdictBy: c.verdictBy === null ? null : { person: personOrNull(c.verdictBy.person, audience), at: c.verdictBy.at },
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    sources: c.sources.map(sourceJson),
    corrections: c.corrections.map((k) => correctionJson(k, audience)),
    anchor: { status: c.anchor.status, revision: c.anchor.revision, score: c.anchor.score },
    reworded: c.reworded === null ? null : { revision: c.reworded.revision, at: c.reworded.at },
  };
  if (audience === "internal") out.note = c.note ?? "";
  return out;
}

function revisionJson(r: ReportRevision, audience: Audience): ReportRevision {
  return {
    number: r.number,
    createdAt: r.createdAt,
    by: personOrNull(r.by, audience),
    origin: r.origin,
    sourceUrl: r.sourceUrl === null ? null : toUri(r.sourceUrl),
    added: r.added,
    removed: r.removed,
    reanchor: r.reanchor === null ? null : { exact: r.reanchor.exact, moved: r.reanchor.moved, fuzzy: r.reanchor.fuzzy, orphaned: r.reanchor.orphaned },
  };
}

function agreementJson(a: ReportAgreement): ReportAgreement {
  return {
    claims: a.claims,
    reviewers: a.reviewers,
    percent: a.percent,
    alpha: { nominal: a.alpha.nominal, ordinal: a.alpha.ordinal },
    disagreements: [...a.disagreements],
  };
}

function sourceJson(s: ReportSource): ReportSource {
  return {
    id: s.id,
    url: toUri(s.url),
    title: s.title,
    publisher: s.publisher,
    quote: s.quote,
    stance: s.stance,
    archivedUrl: s.archivedUrl === null ? null : toUri(s.archivedUrl),
    accessedOn: s.accessedOn,
  };
}

function correctionJson(k: ReportCorrection, audience: Audience): ReportCorrection {
  return { from: k.from, to: k.to, reason: k.reason, by: personOrNull(k.by, audience), at: k.at, seq: k.seq };
}

function eventJson(e: ReportAuditEvent, audience: Audience): ReportAuditEvent {
  return {
    seq: e.seq,
    at: e.at,
    actor: personOrNull(e.actor, audience),
    action: e.action,
    entity: { type: e.entity.type, id: e.entity.id },
    before: audience === "public" ? withoutPrivateKeys(e.before) : (e.before ?? null),
    after: audience === "public" ? withoutPrivateKeys(e.after) : (e.after ?? null),
    hash: e.hash,
  };
}

function person(p: ReportPerson, audience: Audience): ReportPerson {
  return audience === "internal" && p.email !== undefined ? { id: p.id, name: p.name, email: p.email } : { id: p.id, name: p.name };
}

function personOrNull(p: ReportPerson | null, audience: Audience): ReportPerson | null {
  return p === null ? null : person(p, audience);
}

/** Keys the public audience never sees in free-form data: note, notes, and anything mentioning email. */
export function isPrivateKey(key: string): boolean {
  const k = key.toLowerCase();
  return k === "note" || k === "notes" || k.includes("email");
}

/** A copy of JSON-like data without private keys at any depth; undefined becomes null. */
export function withoutPrivateKeys(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((v: unknown) => withoutPrivateKeys(v));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (!isPrivateKey(k) && v !== undefined) out[k] = withoutPrivateKeys(v);
  }
  return out;
}

// Characters RFC 3986 allows after the authority (path, query, fragment) besides %XX escapes.
const NOT_URI_CHAR = /[^A-Za-z0-9\-._~!$&'()*+,;=:@/?%]|%(?![0-9A-Fa-f]{2})/gu;

/**
 * A stored http(s) link as an RFC 3986 URI, so `"format": "uri"` holds. A link that already is one is
 * returned exactly as stored; otherwise its WHATWG serialisation (IDN hosts in punycode) with anything
 * outside the URI grammar percent-encoded as UTF-8. Text that does not parse as a URL is
 * returned unchanged.
 */
export function toUri(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  if (encodeUriText(raw) === raw) return raw;
  const href = url.href;
  const scheme = `${url.protocol}//`;
  if (!href.startsWith(scheme)) return href;
  // An IPv6 host keeps its brackets; WHATWG hosts may hold characters such as `"` that RFC 3986 wants encoded.
  const keep = url.hostname.startsWith("[") ? url.origin : scheme;
  return keep + encodeUriText(href.slice(keep.length));
}

/** Percent-encodes what RFC 3986 does not allow, keeping the first `#` as the fragment's start. */
function encodeUriText(s: string): string {
  const encode = (part: string) => part.replace(NOT_URI_CHAR, (c) => encodeURIComponent(c));
  const hashAt = s.indexOf("#");
  return hashAt < 0 ? encode(s) : `${encode(s.slice(0, hashAt))}#${encode(s.slice(hashAt + 1))}`;
}
