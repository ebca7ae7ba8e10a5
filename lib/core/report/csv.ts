// The report as a spreadsheet: one row per claim, across all of the report's articles, in text order.
//
// Encoding: UTF-8 with a byte-order mark (U+FEFF) as the first character, so Excel opens Cyrillic and
// other non-Latin text correctly; parsers should strip it (csv-parse: `bom: true`). RFC 4180 otherwise:
// comma separator, CRLF after every record (the header too), a cell quoted with `"` when it holds a
// comma, quote, CR or LF, quotes doubled inside. Line breaks inside a cell (a rationale) are kept as
// they are, inside the quotes.
//
// Formula injection (OWASP "CSV Injection"): a cell whose first character is = + - @ tab or CR, or whose
// first non-whitespace character is = + - @ (spreadsheets skip leading blanks), or the full-width forms
// of those, gets a single quote `'` prepended so spreadsheets show it as text. That changes the cell's
// text for other readers: the leading `'` is the price of opening safely.
//
// Audience: the internal report has the `note` and `reviewer_email` columns; the public one leaves both
// columns out entirely.
//
// Revisions: `anchor_status` says where each claim stands in the article's current text; a claim whose
// words are gone from it (orphaned) comes after the placed ones, with `start` and `end` left empty (its
// stored offsets point into an older revision).

import { isPlaced, type Audience, type ArticleReport, type Report, type ReportClaim } from "./report-data";
import { statusLabel, verdictLabel } from "../claim";

export interface CsvColumn {
  name: string;
  description: string;
  /** Only in internal reports. */
  internalOnly?: true;
  value(claim: ReportClaim, article: ArticleReport): string | number | null;
}

/** Lists (source URLs, titles) are joined with a line break: one item per line in a spreadsheet cell. */
export const LIST_SEPARATOR = "\n";

/** Each item is made inert on its own too, so no line of a list cell starts a formula. */
function lines(items: readonly string[]): string {
  return items.map((item) => inertCell(item.replace(/[\r\n]+/g, " "))).join(LIST_SEPARATOR);
}

export const CSV_COLUMNS: readonly CsvColumn[] = [
  { name: "article_id", description: "The article's id in the desk.", value: (_c, a) => a.article.id },
  { name: "article_title", description: "The article's title.", value: (_c, a) => a.article.title },
  { name: "article_url", description: "The article's own URL; empty when unknown.", value: (_c, a) => a.article.url },
  { name: "claim_number", description: "1-based position of the claim in text order.", value: (c) => c.number },
  { name: "quote", description: "The quoted passage, exactly as in the article.", value: (c) => c.exact },
  {
    name: "start",
    description: "Code-point offset where the quote starts in the article's canonical text; empty when its words are gone from it.",
    value: (c) => (isPlaced(c) ? c.start : null),
  },
  { name: "end", description: "Code-point offset just after the quote; empty when its words are gone.", value: (c) => (isPlaced(c) ? c.end : null) },
  { name: "statement", description: "The statement as checked.", value: (c) => c.statement },
  { name: "verdict", description: "Verdict id (lib/core/claim); empty without a verdict.", value: (c) => c.verdict },
  {
    name: "verdict_label",
    description: "The verdict's label; empty without a verdict.",
    value: (c) => (c.verdict === null ? null : verdictLabel(c.verdict)),
  },
  {
    name: "status",
    description: "Open, In review, Assessed, Verdict given, Proposed or Approved.",
    value: (c) => statusLabel(c.status),
  },
  { name: "rationale", description: "Why the verdict was given; may span several lines.", value: (c) => c.rationale },
  { name: "note", description: "Internal note (internal reports only).", internalOnly: true, value: (c) => c.note ?? null },
  { name: "source_count", description: "How many sources the claim cites.", value: (c) => c.sources.length },
  {
    name: "source_urls",
    description: "The sources' URLs, one per line, in the order they were added.",
    value: (c) => lines(c.sources.map((s) => s.url)),
  },
  {
    name: "source_titles",
    description: "The sources' titles, one per line, in the same order as source_urls.",
    value: (c) => lines(c.sources.map((s) => s.title)),
  },
  { name: "reviewer", description: "Name of who gave the current verdict.", value: (c) => c.verdictBy?.person?.name ?? null },
  {
    name: "reviewer_email",
    description: "Email of who gave the current verdict (internal reports only).",
    internalOnly: true,
    value: (c) => c.verdictBy?.person?.email ?? null,
  },
  { name: "verdict_at", description: "When the current verdict was given (ISO 8601).", value: (c) => c.verdictBy?.at ?? null },
  { name: "created_at", description: "When the claim was marked (ISO 8601).", value: (c) => c.createdAt },
  { name: "updated_at", description: "When the claim last changed (ISO 8601).", value: (c) => c.updatedAt },
  {
    name: "anchor_status",
    description: "Where the claim stands in the article's current text: exact (in its place), moved, fuzzy (its words changed) or orphaned (its words are gone).",
    value: (c) => c.anchor.status,
  },
  { name: "anchor_revision", description: "The revision the claim was last placed in (orphaned: looked for in).", value: (c) => c.anchor.revision },
  {
    name: "anchor_score",
    description: "How alike the words found are to the claim's, 0 to 1 (below 1 only when fuzzy; 0 when orphaned).",
    value: (c) => c.anchor.score,
  },
  {
    name: "reworded_revision",
    description: "The revision that changed or removed the claim's words after it was reviewed (its verdict was given on an earlier wording); empty otherwise.",
    value: (c) => c.reworded?.revision ?? null,
  },
  { name: "reworded_at", description: "When that revision was made (ISO 8601); empty otherwise.", value: (c) => c.reworded?.at ?? null },
];

export const CSV_BOM = "\uFEFF";
const EOL = "\r\n";

/** The columns a report for this audience has. */
export function csvColumns(audience: Audience): readonly CsvColumn[] {
  return audience === "internal" ? CSV_COLUMNS : CSV_COLUMNS.filter((c) => !c.internalOnly);
}

export function toCsv(report: Report): string {
  const columns = csvColumns(report.meta.audience);
  const lines: string[] = [columns.map((c) => csvCell(c.name)).join(",")];
  for (const article of report.articles) {
    for (const claim of article.claims) {
      lines.push(columns.map((c) => csvCell(c.value(claim, article))).join(","));
    }
  }
  return CSV_BOM + lines.join(EOL) + EOL;
}

// = + - @ (and their full-width forms), possibly after leading whitespace; or a leading tab or CR.
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/** The cell's text made inert for spreadsheets: `'` prepended when it could start a formula. */
export function inertCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One RFC 4180 field: inert, then quoted when needed. null is an empty cell. */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  const text = inertCell(String(value));
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
