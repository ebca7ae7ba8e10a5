// The review report as Markdown (CommonMark + GFM tables): the same content as the HTML/PDF report (the
// article's revisions, each claim's place in the current text, claims whose words are gone apart), for
// pasting into wikis, tickets and emails. A report over several articles starts with a summary table
// (each article and the total), then one section per article.
//
// All text written by people (titles, quotes, rationales, names, notes) is escaped, so a rationale that
// contains `<img onerror=…>`, `[text](javascript:…)` or `# heading` shows as those characters instead of
// becoming markup. Links are only made for http(s) URLs, percent-encoded into `<…>` form; anything else
// is shown as text.

import {
  GONE_CLAIMS_HEADING,
  GONE_CLAIMS_TEXT,
  agreementFiguresText,
  agreementFindingText,
  changedAfterReviewText,
  claimAnchorText,
  claimRewordedText,
  byPlace,
  revisionLineText,
  showsRevisions,
  type ArticleReport,
  type Audience,
  type Report,
  type ReportClaim,
  type ReportPerson,
  type ReportSource,
} from "./report-data";
import { summarize, summarizeAll, type ReportSummary } from "./summary";
import { getVerdict, stanceLabel, statusLabel, verdictLabel } from "../claim";
import { toUri } from "./json";

export function toMarkdown(report: Report): string {
  const { audience, generatedAt, integrity } = report.meta;
  const out: string[] = [];
  const several = report.articles.length !== 1;
  const only = report.articles[0];
  out.push(
    several || !only ? `# Fact-check report: ${report.articles.length} articles` : `# Fact-check report: ${inline(only.article.title)}`,
    "",
    `Generated ${time(generatedAt)}. ${audience === "internal" ? "Internal report: includes internal notes and reviewers' email addresses." : "Public report."}`,
    "",
  );

  if (several) {
    out.push("## Summary", "");
    summaryTable(out, report);
  }

  for (const article of report.articles) articleSection(out, article, audience);

  out.push(
    "## Integrity",
    "",
    `This report was made from the desk's audit log at ${integrity.events} events; the hash of the latest event (head) is \`${code(integrity.head)}\`. ` +
      "Anyone with the log can recompute the chain and compare.",
    "",
  );
  return out.join("\n");
}

function summaryTable(out: string[], report: Report): void {
  const total = summarizeAll(report);
  // Only verdicts that occur somewhere, so the table stays narrow; the row order is the scale's.
  const shown = total.byVerdict.map((row, i) => ({ row, i })).filter(({ row }) => row.count > 0);
  const header = ["Article", "Claims", "Still open", ...shown.map(({ row }) => inline(row.label))];
  out.push(`| ${header.join(" | ")} |`, `|${header.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`);
  const line = (name: string, s: ReportSummary) =>
    `| ${[name, String(s.total), String(s.open), ...shown.map(({ i }) => String(s.byVerdict[i]?.count ?? 0))].join(" | ")} |`;
  for (const article of report.articles) out.push(line(inline(article.article.title), summarize(article)));
  out.push(line("**Total**", total), "");
}

function articleSection(out: string[], report: ArticleReport, audience: Audience): void {
  const { article, claims } = report;
  out.push(`## ${inline(article.title)}`, "");
  if (article.changedAfterReviewAt) {
    const { heading, detail } = changedAfterReviewText(article.changedAfterReviewAt, time);
    out.push(`> **${inline(heading)}.** ${inline(detail)}`, "");
  }
  if (article.publisher) out.push(`- **Publisher:** ${inline(article.publisher)}`);
  if (article.publishedOn) out.push(`- **Published:** ${inline(article.publishedOn)}`);
  if (article.url) out.push(`- **URL:** ${autolink(article.url)}`);
  if (report.reviewers.length > 0) {
    out.push(`- **Reviewed by:** ${report.reviewers.map((p) => personText(p, audience)).join(", ")}`);
  }
  if (report.reviewedAt) out.push(`- **Last reviewed:** ${time(report.reviewedAt)}`);
  if (article.revision > 1) out.push(`- **Text:** revision ${article.revision}`);
  out.push("");

  const summary = summarize(report);
  out.push("### Summary", "", `- **Claims:** ${summary.total}, still open: ${summary.open}`);
  for (const row of summary.byVerdict) if (row.count > 0) out.push(`- ${inline(row.label)}: ${row.count}`);
  out.push("");

  // Reviewers' agreement: internal reports of an article in independent review only.
  if (audience === "internal" && report.agreement) {
    const finding = agreementFindingText(report.agreement);
    out.push("### Agreement between reviewers", "", lineStart(agreementFiguresText(report.agreement)), "");
    if (finding) out.push(lineStart(finding), "");
  }

  if (showsRevisions(report)) {
    out.push("### Revisions", "");
    for (const r of report.revisions) {
      out.push(`- ${lineStart(revisionLineText(r, audience, time))}${r.sourceUrl ? ` · from ${autolink(r.sourceUrl)}` : ""}`);
    }
    out.push("");
  }

  // Claims whose words are gone from the current text are listed apart, after the placed ones.
  const { placed, gone } = byPlace(claims);
  out.push("### Claims", "");
  if (claims.length === 0) out.push("No claims were marked in this article.", "");
  else if (placed.length === 0) out.push("No claim's words are in the current text.", "");
  for (const claim of placed) claimSection(out, claim, audience);
  if (gone.length > 0) {
    out.push(`### ${inline(GONE_CLAIMS_HEADING)}`, "", lineStart(GONE_CLAIMS_TEXT), "");
    for (const claim of gone) claimSection(out, claim, audience);
  }

  out.push("### Corrections", "");
  const corrections = claims.flatMap((c) => c.corrections.map((k) => ({ claim: c, k })));
  if (corrections.length === 0) out.push("No approved verdict was corrected.");
  for (const { claim, k } of corrections) {
    const by = k.by ? `, by ${personText(k.by, audience)}` : "";
    const reason = k.reason.trim() ? `: ${inline(k.reason.trim())}` : "";
    out.push(`- Claim ${claim.number}: ${verdictText(k.from)} → ${verdictText(k.to)}${by}, ${time(k.at)} (audit event ${k.seq})${reason}`);
  }
  out.push("");

  out.push("### Audit trail", "");
  const first = report.events[0];
  const last = report.events[report.events.length - 1];
  out.push(
    first && last
      ? `${report.events.length} audit events for this article (seq ${first.seq} to ${last.seq}); the latest has hash \`${code(last.hash)}\`.`
      : "No audit events are recorded for this article.",
    "",
  );
}

function claimSection(out: string[], claim: ReportClaim, audience: Audience): void {
  out.push(`#### Claim ${claim.number}`, "", quoteBlock(claim.exact, ""), "");
  for (const line of [claimAnchorText(claim), claimRewordedText(claim)]) if (line) out.push(`*${lineStart(line)}*`, "");
  if (claim.statement.trim() && claim.statement !== claim.exact) out.push(`- **Statement checked:** ${inline(claim.statement)}`);
  if (claim.verdict === null) {
    out.push("- **Verdict:** No verdict yet");
  } else {
    out.push(`- **Verdict:** ${verdictText(claim.verdict)} — ${inline(getVerdict(claim.verdict).definition)}`);
  }
  out.push(`- **Status:** ${statusLabel(claim.status)}`);
  if (claim.verdictBy) {
    const who = claim.verdictBy.person ? personText(claim.verdictBy.person, audience) : "unknown";
    out.push(`- **Verdict given by:** ${who}, ${time(claim.verdictBy.at)}`);
  }
  out.push("");
  if (claim.rationale.trim()) out.push("**Rationale:**", "", block(claim.rationale), "");
  if (audience === "internal" && claim.note?.trim()) out.push("**Internal note:**", "", block(claim.note), "");

  out.push("**Sources:**", "");
  if (claim.sources.length === 0) out.push("No sources.");
  claim.sources.forEach((s, i) => sourceItem(out, s, i + 1));
  out.push("");
}

function sourceItem(out: string[], s: ReportSource, n: number): void {
  const stance = stanceLabel(s.stance);
  const parts = [link(s.title || s.url, s.url)];
  if (s.publisher.trim()) parts.push(inline(s.publisher));
  parts.push(stance);
  if (s.accessedOn) parts.push(`accessed ${inline(s.accessedOn)}`);
  if (s.archivedUrl) parts.push(`archived: ${autolink(s.archivedUrl)}`);
  out.push(`${n}. ${parts.join(" · ")}`);
  if (s.quote.trim()) out.push(quoteBlock(s.quote, " ".repeat(`${n}. `.length)));
}

function personText(p: ReportPerson, audience: Audience): string {
  return audience === "internal" && p.email ? `${inline(p.name)} (${inline(p.email)})` : inline(p.name);
}

/** A verdict in the text; the audit trail's old value outside the scale is shown, escaped, as it is. */
function verdictText(id: string | null): string {
  return id === null ? "no verdict" : inline(verdictLabel(id));
}

/** ISO time as "YYYY-MM-DD HH:MM UTC"; text that is not a time is shown escaped. */
function time(iso: string): string {
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? inline(iso) : `${t.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

// Characters that can start markup anywhere in a line (emphasis, code, links, HTML, entities, tables,
// strikethrough, headings' closing #s).
const INLINE_SPECIAL = /[\\`*_[\]<>&|~#]/g;

// Each maximal run of whitespace is matched once and kept unless it holds a line break, so this is linear;
// the former /\s*[\r\n]+\s*/g rescanned a long run of spaces from every start and took quadratic time.
const WHITESPACE_RUN = /\s+/g;
const oneLine = (run: string) => (run.includes("\n") || run.includes("\r") ? " " : run);

/** User text on one line: line breaks become spaces, markup characters are backslash-escaped. */
export function inline(text: string): string {
  return text.replace(WHITESPACE_RUN, oneLine).replace(INLINE_SPECIAL, "\\$&");
}

/** One escaped line that may start a block: list markers, setext underlines and "1." are escaped too. */
function lineStart(line: string): string {
  return inline(line.trim())
    .replace(/^[-+=]/, "\\$&")
    .replace(/^(\d+)([.)])/, "$1\\$2");
}

/** User text as paragraphs: line breaks kept as hard breaks, blank lines separate paragraphs. */
export function block(text: string): string {
  const paragraphs = text
    .trim()
    .split(/\r\n?|\n/)
    .map(lineStart)
    .join("\n")
    .split(/\n{2,}/)
    .filter((p) => p !== "");
  // A backslash before a line break is CommonMark's hard line break.
  return paragraphs.map((p) => p.split("\n").join("\\\n")).join("\n\n");
}

function quoteBlock(text: string, indent: string): string {
  return text
    .split(/\r\n?|\n/)
    .map(lineStart)
    .map((line) => `${indent}> ${line}`.trimEnd())
    .join("\n");
}

/** Hex hashes only ever; anything else is dropped to keep the code span intact. */
function code(hash: string): string {
  return hash.replace(/[^0-9a-fA-F]/g, "");
}

function httpUri(raw: string): string | null {
  const uri = toUri(raw.trim());
  return /^https?:\/\/[^\s<>]+$/i.test(uri) ? uri : null;
}

/** `<https://…>` for an http(s) URL; other text is shown escaped, never as a link. */
function autolink(url: string): string {
  const uri = httpUri(url);
  return uri ? `<${uri}>` : inline(url);
}

/** `[text](<https://…>)` for an http(s) URL; otherwise the text and the URL, both escaped. */
function link(text: string, url: string): string {
  const uri = httpUri(url);
  // Entity references are decoded in link destinations, so & is escaped there (never in autolinks).
  return uri ? `[${inline(text)}](<${uri.replaceAll("&", "\\&")}>)` : `${inline(text)} (${inline(url)})`;
}
