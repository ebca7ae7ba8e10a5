// The review report as one self-contained HTML document: inline styles (with print CSS), the verdict
// chart as inline SVG, the article's revisions, its text with numbered claim highlights, every claim
// with its sources and its place in the current text (claims whose words are gone listed apart, never
// highlighted by their stale offsets), corrections and an integrity footer. The page makes no outside
// request and runs no script: a CSP meta tag forbids everything but inline styles, and the only script
// element is the ClaimReview JSON-LD data block. Every piece of user text goes through escapeHtml; only
// http(s) URLs become links (html-links.ts).

import { paragraphs, makeOffsetMap } from "../text";
import { segmentText, type Span } from "../segments";
import { VERDICTS, isVerdictId, stanceLabel, statusLabel } from "../claim";
import { verdictChartSvg, verdictFill } from "./chart";
import { jsonForScriptTag, toClaimReviews } from "./claim-review";
import {
  GONE_CLAIMS_HEADING,
  GONE_CLAIMS_TEXT,
  agreementFiguresText,
  agreementFindingText,
  changedAfterReviewText,
  claimAnchorText,
  claimRewordedText,
  byPlace,
  isPlaced,
  revisionLineText,
  showsRevisions,
  type ArticleReport,
  type Audience,
  type Report,
  type ReportClaim,
  type ReportSource,
} from "./report-data";
import {
  claimsInTextOrder,
  formatDay,
  formatTime,
  personText,
  verdictText,
  visibleNote,
  claimMarkers,
  escapeHtml,
} from "./report-text";
import { link, toolbarHref, urlLink } from "./html-links";
import { summarize, summarizeAll, type ReportSummary } from "./summary";

export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";

// ---------------------------------------------------------------------------------------------------
// HTML

export { escapeHtml };

const SANS = `system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif`;
const SERIF = `Charter, "Bitstream Charter", "Sitka Text", Cambria, "Iowan Old Style", Georgia, "DejaVu Serif", serif`;

function styles(): string {
  const swatches = VERDICTS.map((v) => {
    const { fill, hatched } = verdictFill(v.id);
    const pattern = hatched
      ? `background-image:repeating-linear-gradient(135deg,transparent 0 3px,#333 3px 4px);`
      : "";
    return `.sw-${v.id}{background-color:${fill};${pattern}}`;
  }).join("");
  return `
:root{color-scheme:light}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:#1d1d1f;font:16px/1.55 ${SERIF}}
main,.report-head,.integrity,nav.toolbar{max-width:46rem;margin:0 auto;padding:0 1.25rem}
h1,h2,h3,h4,th,.k,.label,nav.toolbar,.meta,.badge,.claim-no,.report-head,.integrity,figcaption{font-family:${SANS}}
h1{font-size:1.7rem;line-height:1.25;margin:.4rem 0 .8rem;font-weight:700}
h2{font-size:1.2rem;margin:2.2rem 0 .8rem;padding-bottom:.25rem;border-bottom:1px solid #d0d0d0}
h3{font-size:1.02rem;margin:0 0 .5rem;display:flex;align-items:center;gap:.5rem;flex-wrap:wrap}
h4{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:#555;margin:1rem 0 .3rem}
p{margin:.4rem 0}
a{color:#1a4f8b}
code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.85em;word-break:break-all}
nav.toolbar{display:flex;flex-wrap:wrap;gap:.4rem .5rem;padding-top:1rem;font-size:.85rem}
nav.toolbar a{padding:.25rem .6rem;border:1px solid #bbb;border-radius:4px;text-decoration:none;color:#1d1d1f;white-space:nowrap}
.report-head{padding-top:1.5rem;font-size:.85rem;color:#555;display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap;border-bottom:2px solid #1d1d1f;padding-bottom:.5rem}
.report-head strong{color:#1d1d1f}
.audience{text-transform:uppercase;letter-spacing:.05em;font-weight:600}
article.report-article{padding-top:1.5rem}
article.report-article+article.report-article{margin-top:2rem;border-top:2px solid #1d1d1f}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.88rem;margin:0 0 1rem}
dl.meta dt{color:#555}
dl.meta dd{margin:0;overflow-wrap:anywhere}
figure.chart{margin:.5rem 0 1rem}
figure.chart svg{max-width:100%;height:auto}
figcaption{font-size:.88rem;color:#333;margin-top:.3rem}
table{border-collapse:collapse;width:100%;font-size:.85rem;font-family:${SANS}}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tfoot td{font-weight:700;border-top:1px solid #999}
.article-text p{white-space:pre-line;margin:0 0 .9rem}
mark.claim-mark{background:#fff0a6;color:inherit;border-bottom:2px solid #b88a00;padding:0 .05em}
mark.claim-mark.d2{background:#ffd873;border-bottom-style:double;border-bottom-width:3px}
mark.claim-mark.d3{background:#ffbf3f;border-bottom-style:double;border-bottom-width:3px}
sup.claim-ref{font-family:${SANS};font-size:.7em;font-weight:700;line-height:0}
sup.claim-ref a{text-decoration:none;color:#6b4e00;padding:0 .1em}
section.claim{border:1px solid #d6d6d6;border-radius:6px;padding:1rem 1.1rem;margin:0 0 1.1rem;break-inside:avoid;page-break-inside:avoid}
.claim-no{display:inline-block;min-width:1.8rem;padding:.05rem .4rem;border-radius:3px;background:#1d1d1f;color:#fff;text-align:center;font-size:.9rem}
.badge{display:inline-flex;align-items:center;gap:.35rem;font-size:.85rem;font-weight:600;border:1px solid #999;border-radius:3px;padding:.05rem .45rem}
.swatch{display:inline-block;width:.8rem;height:.8rem;border:1px solid #333;background:#fff}
.status{font-size:.82rem;font-weight:400;color:#555}
blockquote{margin:.5rem 0;padding:.1rem 0 .1rem .9rem;border-left:3px solid #b88a00;font-style:italic}
blockquote.source-quote{border-left-color:#aaa;font-size:.93rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .9rem;font-size:.9rem;margin:.6rem 0}
dl.facts dt{font-family:${SANS};color:#555;font-size:.85rem}
dl.facts dd{margin:0}
.definition{color:#444}
.rationale,td.reason{white-space:pre-line}
.note{background:#f4f4f4;border-left:3px solid #777;padding:.3rem .8rem;margin:.8rem 0}
.note p{white-space:pre-line}
ol.sources{padding-left:1.3rem;margin:.3rem 0}
ol.sources li{margin:0 0 .8rem}
.source-title{font-weight:600}
.source-meta,.source-links{font-family:${SANS};font-size:.82rem;color:#444;overflow-wrap:anywhere}
.muted{color:#666;font-style:italic}
.changed-note{font-family:${SANS};font-size:.9rem;background:#fdecea;border:1px solid #b3261e;border-left-width:5px;border-radius:4px;padding:.5rem .8rem;margin:0 0 1rem}
.changed-note strong{color:#8c1d18}
ol.revisions{font-family:${SANS};font-size:.85rem;padding-left:0;list-style:none;margin:.3rem 0}
ol.revisions li{padding:.3rem 0;border-bottom:1px solid #eee;overflow-wrap:anywhere}
.anchor-note{font-family:${SANS};font-size:.88rem;color:#6b4e00;background:#fff8e0;border-left:3px solid #b88a00;padding:.2rem .6rem}
section.claim.gone{border-style:dashed}
footer.integrity{margin-top:2.5rem;padding-top:.6rem;padding-bottom:2rem;border-top:2px solid #1d1d1f;font-size:.82rem;color:#333}
${swatches}
.sw-none{background:#fff}
@page{size:A4;margin:18mm 16mm 20mm}
@media print{
  body{font-size:10.5pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
  main,.report-head,.integrity{max-width:none;padding:0}
  nav.toolbar{display:none}
  a{color:inherit;text-decoration:underline}
  a.ext:not(.shown)::after{content:" <" attr(href) ">";font-size:.8em;word-break:break-all}
  sup.claim-ref a{text-decoration:none}
  h2,h3,h4{break-after:avoid;page-break-after:avoid}
  section.claim,tr,figure.chart{break-inside:avoid;page-break-inside:avoid}
  .overview~article.report-article,article.report-article+article.report-article{break-before:page;page-break-before:always;border-top:none;margin-top:0}
}`;
}

function metaRow(label: string, valueHtml: string): string {
  return `<dt>${escapeHtml(label)}</dt><dd>${valueHtml}</dd>`;
}

function badge(verdict: string | null): string {
  const known = verdict !== null && isVerdictId(verdict);
  const cls = known ? `sw-${verdict}` : "sw-none";
  return `<span class="badge"><span class="swatch ${cls}" aria-hidden="true"></span>${escapeHtml(verdictText(verdict).label)}</span>`;
}

interface ArticleIds {
  claim(number: number): string;
  chart: string;
}

function idsFor(index: number, many: boolean): ArticleIds {
  const prefix = many ? `a${index + 1}-` : "";
  return { claim: (n) => `${prefix}claim-${n}`, chart: `${prefix}chart` };
}

function summaryFigure(summary: ReportSummary, idPrefix: string, caption: string): string {
  return `<figure class="chart">${verdictChartSvg(summary, { idPrefix })}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}

function openCaption(summary: ReportSummary): string {
  if (summary.total === 0) return "No claims have been marked.";
  const claims = summary.total === 1 ? "1 claim" : `${summary.total} claims`;
  const open = summary.open === 0 ? "none is still open" : `${summary.open} still open`;
  return `${claims} marked; ${open}.`;
}

/** The article text, paragraph by paragraph, with a <mark> per overlapping-claims segment and a number after each claim. */
function articleTextHtml(report: ArticleReport, ids: ArticleIds): string {
  const text = report.article.text;
  const map = makeOffsetMap(text);
  const paras = paragraphs(text);
  // A claim whose words are gone has offsets into an older revision: it is not marked here.
  const claims = claimsInTextOrder(report.claims).filter(isPlaced);
  const spans: Span[] = claims.map((c) => ({ id: c.id, start: c.start, end: c.end }));
  const numberById = new Map(claims.map((c) => [c.id, c.number]));
  const segments = segmentText(map.length, spans, paras.map((p) => p.start));

  const markersAt = claimMarkers(claims, paras, map.length);

  const out: string[] = [];
  let k = 0;
  for (const p of paras) {
    const parts: string[] = [];
    while (k < segments.length) {
      const seg = segments[k];
      if (!seg || seg.start >= p.end) break;
      const from = Math.max(seg.start, p.start);
      const to = Math.min(seg.end, p.end);
      if (from < to) {
        const piece = escapeHtml(text.slice(map.toUtf16(from), map.toUtf16(to)));
        if (seg.ids.length === 0) parts.push(piece);
        else {
          const numbers = seg.ids.map((id) => numberById.get(id) ?? 0);
          const depth = Math.min(seg.ids.length, 3);
          const title = `${numbers.length === 1 ? "Claim" : "Claims"} ${numbers.join(", ")}`;
          parts.push(`<mark class="claim-mark d${depth}" title="${escapeHtml(title)}">${piece}</mark>`);
        }
        for (const n of markersAt.get(to) ?? []) {
          parts.push(`<sup class="claim-ref"><a href="#${ids.claim(n)}" aria-label="Claim ${n}">${n}</a></sup>`);
        }
        markersAt.delete(to);
      }
      if (seg.end > p.end) break;
      k++;
    }
    out.push(`<p>${parts.join("")}</p>`);
  }
  return `<div class="article-text">${out.join("\n")}</div>`;
}

function sourceHtml(source: ReportSource): string {
  const title = source.title.trim() || source.url;
  const meta: string[] = [];
  if (source.publisher.trim()) meta.push(escapeHtml(source.publisher));
  meta.push(`<span class="k">Stance:</span> ${escapeHtml(stanceLabel(source.stance))}`);
  if (source.accessedOn) meta.push(`<span class="k">Accessed</span> ${escapeHtml(formatDay(source.accessedOn))}`);
  const links = [`<span class="k">Link:</span> ${urlLink(source.url)}`];
  if (source.archivedUrl) links.push(`<span class="k">Archived:</span> ${urlLink(source.archivedUrl)}`);
  // The URL is printed below, so print CSS does not repeat it after the title.
  return `<li><div class="source-title">${link(source.url, title, "ext shown")}</div>
<div class="source-meta">${meta.join(" · ")}</div>
${source.quote.trim() ? `<blockquote class="source-quote">${escapeHtml(source.quote)}</blockquote>` : ""}
<div class="source-links">${links.join("<br>")}</div></li>`;
}

function claimHtml(claim: ReportClaim, audience: Audience, ids: ArticleIds): string {
  const verdict = verdictText(claim.verdict);
  const id = ids.claim(claim.number);
  const facts: string[] = [];
  facts.push(
    metaRow(
      "Verdict",
      `<strong>${escapeHtml(verdict.label)}</strong>${verdict.definition ? ` <span class="definition">— ${escapeHtml(verdict.definition)}</span>` : ""}`,
    ),
  );
  facts.push(metaRow("Status", escapeHtml(statusLabel(claim.status))));
  if (claim.verdictBy) {
    facts.push(
      metaRow("Verdict by", `${escapeHtml(personText(claim.verdictBy.person, audience))}, ${escapeHtml(formatTime(claim.verdictBy.at))}`),
    );
  }
  facts.push(metaRow("Marked by", `${escapeHtml(personText(claim.author, audience))}, ${escapeHtml(formatTime(claim.createdAt))}`));
  if (claim.corrections.length > 0) {
    const n = claim.corrections.length;
    facts.push(metaRow("Corrections", `${n} ${n === 1 ? "correction" : "corrections"} — see Corrections below`));
  }

  const note = visibleNote(claim, audience);
  const placeNotes = [claimAnchorText(claim), claimRewordedText(claim)].flatMap((line) =>
    line ? [`<p class="anchor-note">${escapeHtml(line)}</p>`] : [],
  );
  const statement =
    claim.statement.trim() && claim.statement.trim() !== claim.exact.trim()
      ? `<p><span class="k">Statement checked:</span> ${escapeHtml(claim.statement)}</p>`
      : "";
  const sources =
    claim.sources.length > 0
      ? `<ol class="sources">${claim.sources.map(sourceHtml).join("\n")}</ol>`
      : `<p class="muted">No sources recorded.</p>`;
  return `<section class="claim${isPlaced(claim) ? "" : " gone"}" id="${id}" aria-labelledby="${id}-h">
<h3 id="${id}-h"><span class="claim-no">${claim.number}</span> ${badge(claim.verdict)} <span class="status">${escapeHtml(statusLabel(claim.status))}</span></h3>
<blockquote class="quote">“${escapeHtml(claim.exact)}”</blockquote>
${placeNotes.join("\n")}${placeNotes.length > 0 ? "\n" : ""}${statement}
<dl class="facts">${facts.join("")}</dl>
<h4>Rationale</h4>
${claim.rationale.trim() ? `<p class="rationale">${escapeHtml(claim.rationale)}</p>` : `<p class="muted">No rationale recorded.</p>`}
${note ? `<div class="note"><h4>Internal note</h4><p>${escapeHtml(note)}</p></div>` : ""}
<h4>Sources${claim.sources.length > 0 ? ` (${claim.sources.length})` : ""}</h4>
${sources}
</section>`;
}

function correctionsHtml(report: ArticleReport, audience: Audience, ids: ArticleIds): string {
  const rows = claimsInTextOrder(report.claims).flatMap((claim) =>
    [...claim.corrections]
      .sort((a, b) => a.seq - b.seq)
      .map(
        (c) => `<tr><td><a href="#${ids.claim(claim.number)}">Claim ${claim.number}</a></td><td>${escapeHtml(verdictText(c.from).label)}</td><td>${escapeHtml(verdictText(c.to).label)}</td><td class="reason">${escapeHtml(c.reason)}</td><td>${escapeHtml(personText(c.by, audience))}</td><td>${escapeHtml(formatTime(c.at))}</td></tr>`,
      ),
  );
  if (rows.length === 0) return `<p class="muted">No approved verdict was corrected.</p>`;
  return `<table><thead><tr><th>Claim</th><th>From</th><th>To</th><th>Reason</th><th>By</th><th>When</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** Reviewers' agreement: internal reports of an article in independent review only. */
function agreementHtml(report: ArticleReport, audience: Audience): string {
  const a = report.agreement;
  if (audience !== "internal" || !a) return "";
  const finding = agreementFindingText(a);
  return `<section aria-label="Agreement between reviewers"><h2>Agreement between reviewers</h2><p>${escapeHtml(agreementFiguresText(a))}</p>${finding ? `<p>${escapeHtml(finding)}</p>` : ""}</section>\n`;
}

/** The article's revisions, oldest first: only when its text has changed. */
function revisionsHtml(report: ArticleReport, audience: Audience): string {
  if (!showsRevisions(report)) return "";
  const items = report.revisions.map((r) => {
    const from = r.sourceUrl ? ` · from ${urlLink(r.sourceUrl)}` : "";
    return `<li>${escapeHtml(revisionLineText(r, audience))}${from}</li>`;
  });
  return `<section aria-label="Revisions"><h2>Revisions</h2><ol class="revisions">${items.join("")}</ol></section>\n`;
}

/** The visible note when the text changed after claims in it had been reviewed. */
function changedAfterReviewHtml(report: ArticleReport): string {
  const at = report.article.changedAfterReviewAt;
  if (!at) return "";
  const { heading, detail } = changedAfterReviewText(at);
  return `<p class="changed-note" role="note"><strong>${escapeHtml(heading)}.</strong> ${escapeHtml(detail)}</p>\n`;
}

function articleHtml(report: ArticleReport, audience: Audience, index: number, many: boolean): string {
  const { article } = report;
  const ids = idsFor(index, many);
  const summary = summarize(report);
  const meta: string[] = [];
  if (article.publisher) meta.push(metaRow("Publisher", escapeHtml(article.publisher)));
  if (article.publishedOn) meta.push(metaRow("Published", escapeHtml(formatDay(article.publishedOn))));
  if (article.url) meta.push(metaRow("Source", urlLink(article.url)));
  meta.push(
    metaRow(
      "Reviewed by",
      report.reviewers.length > 0 ? report.reviewers.map((p) => escapeHtml(personText(p, audience))).join(", ") : "—",
    ),
  );
  if (report.reviewedAt) meta.push(metaRow("Last reviewed", escapeHtml(formatTime(report.reviewedAt))));
  if (article.revision > 1) meta.push(metaRow("Text", `Revision ${article.revision}`));

  const { placed, gone } = byPlace(claimsInTextOrder(report.claims));
  const noneHere =
    gone.length > 0
      ? `<p class="muted">No claim's words are in the current text.</p>`
      : `<p class="muted">No claims have been marked in this article.</p>`;
  const goneSection =
    gone.length > 0
      ? `<section aria-label="${escapeHtml(GONE_CLAIMS_HEADING)}"><h2>${escapeHtml(GONE_CLAIMS_HEADING)}</h2><p>${escapeHtml(GONE_CLAIMS_TEXT)}</p>${gone.map((c) => claimHtml(c, audience, ids)).join("\n")}</section>\n`
      : "";
  return `<article class="report-article" id="${many ? `article-${index + 1}` : "article"}">
<h1>${escapeHtml(article.title)}</h1>
${changedAfterReviewHtml(report)}<dl class="meta">${meta.join("")}</dl>
<section aria-label="Summary"><h2>Summary</h2>${summaryFigure(summary, ids.chart, openCaption(summary))}</section>
${agreementHtml(report, audience)}${revisionsHtml(report, audience)}<section aria-label="Article text"><h2>Article text</h2>${articleTextHtml(report, ids)}</section>
<section aria-label="Claims"><h2>Claims</h2>${placed.length > 0 ? placed.map((c) => claimHtml(c, audience, ids)).join("\n") : noneHere}</section>
${goneSection}<section aria-label="Corrections"><h2>Corrections</h2>${correctionsHtml(report, audience, ids)}</section>
</article>`;
}

function overviewHtml(report: Report): string {
  const total = summarizeAll(report);
  const columns = total.byVerdict.filter((v) => v.count > 0);
  const head = `<tr><th>Article</th><th class="num">Claims</th><th class="num">Open</th>${columns.map((c) => `<th class="num">${escapeHtml(c.label)}</th>`).join("")}</tr>`;
  const row = (s: ReportSummary) => {
    const counts = new Map(s.byVerdict.map((v) => [v.verdict, v.count]));
    return `<td class="num">${s.total}</td><td class="num">${s.open}</td>${columns.map((c) => `<td class="num">${counts.get(c.verdict) ?? 0}</td>`).join("")}`;
  };
  const body = report.articles
    .map((a, i) => `<tr><td><a href="#article-${i + 1}">${escapeHtml(a.article.title)}</a></td>${row(summarize(a))}</tr>`)
    .join("");
  return `<section class="overview" aria-label="Overview"><h1>Review report: ${report.articles.length} articles</h1>
${summaryFigure(total, "total-chart", openCaption(total))}
<table><thead>${head}</thead><tbody>${body}</tbody><tfoot><tr><td>Total</td>${row(total)}</tr></tfoot></table></section>`;
}

/** The complete report page. `toolbar` adds a navigation bar (hidden in print) for the app's own view. */
export function toReportHtml(report: Report, opts: { toolbar?: Array<{ label: string; href: string }> } = {}): string {
  const { meta } = report;
  const audience = meta.audience;
  const org = meta.publishing.organizationName;
  const many = report.articles.length > 1;
  const first = report.articles[0];
  const title = many || !first ? `Review report — ${report.articles.length} articles` : `Review report — ${first.article.title}`;

  const toolbarLinks = (opts.toolbar ?? []).flatMap((item) => {
    const href = toolbarHref(item.href);
    return href ? [`<a href="${escapeHtml(href)}">${escapeHtml(item.label)}</a>`] : [];
  });
  const toolbar = toolbarLinks.length > 0 ? `<nav class="toolbar" aria-label="Report actions">${toolbarLinks.join("")}</nav>` : "";

  const audienceText = audience === "internal" ? "Internal report — contains reviewers' notes and emails" : "Public report";
  const articles = report.articles.map((a, i) => articleHtml(a, audience, i, many)).join("\n");

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${styles()}</style>
<script type="application/ld+json">${jsonForScriptTag(toClaimReviews(report))}</script>
</head>
<body>
${toolbar}
<header class="report-head"><span><strong>${escapeHtml(org)}</strong> · Fact-check review report</span><span class="audience">${escapeHtml(audienceText)}</span></header>
<main>
${many ? overviewHtml(report) : ""}
${articles}
</main>
<footer class="integrity">
<p>Report made ${escapeHtml(formatTime(meta.generatedAt))} by ${escapeHtml(org)} (${escapeHtml(audience)} edition).</p>
<p>Integrity: the audit log held <strong>${meta.integrity.events}</strong> events when this report was made; the audit chain's head hash was <code>${escapeHtml(meta.integrity.head)}</code>. Recompute the chain from the log to check that nothing recorded before this report has changed since.</p>
</footer>
</body>
</html>
`;
}
