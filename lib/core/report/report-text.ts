// How reports word things: dates, verdict and status labels, people, safe link targets and claim
// order, shared by the HTML and PDF renderers so both formats say things the same way.
import { getVerdict, isVerdictId } from "../claim";
import type { Audience, ReportClaim, ReportPerson } from "./report-data";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** `YYYY-MM-DD` as "8 January 2022"; anything else is returned unchanged. */
export function formatDay(ymd: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) return ymd;
  return `${Number(m[3])} ${month} ${m[1]}`;
}

/** An ISO-8601 time as "21 November 2026, 09:30 UTC" (UTC, so the report reads the same everywhere). */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ""} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** A verdict as reports word it; an audit trail's old value outside the scale is shown as it is. */
export function verdictText(verdict: string | null): { label: string; definition: string | null } {
  if (verdict === null) return { label: "No verdict yet", definition: null };
  if (isVerdictId(verdict)) {
    const v = getVerdict(verdict);
    return { label: v.label, definition: v.definition };
  }
  return { label: verdict, definition: null };
}


/** A person as shown in a report: the name, with the email only in internal reports. */
export function personText(person: ReportPerson | null, audience: Audience): string {
  if (!person) return "unknown";
  if (audience === "internal" && person.email) return `${person.name} (${person.email})`;
  return person.name;
}

/** The URL normalised for use as a link target when it is http(s), else null (shown as text only). */
export function httpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * The claims in text order (by start offset, then number), and after them, by number, those whose words
 * are gone from the current text: an orphaned claim's offsets point into an older revision.
 */
export function claimsInTextOrder(claims: readonly ReportClaim[]): ReportClaim[] {
  const gone = (c: ReportClaim) => (c.anchor.status === "orphaned" ? 1 : 0);
  return [...claims].sort((a, b) => gone(a) - gone(b) || (gone(a) ? 0 : a.start - b.start) || a.number - b.number);
}

/** The claim's note when the report may show it: internal audience and not blank. */
export function visibleNote(claim: ReportClaim, audience: Audience): string | null {
  if (audience !== "internal") return null;
  const note = claim.note?.trim();
  return note ? note : null;
}

/**
 * Where each claim's number marker goes, as code-point offset → claim numbers: right after the claim's
 * last character, within the paragraph holding it (so a marker never lands in a paragraph break).
 */
export function claimMarkers(
  claims: readonly Pick<ReportClaim, "start" | "end" | "number">[],
  paras: readonly { start: number; end: number }[],
  length: number,
): Map<number, number[]> {
  const markersAt = new Map<number, number[]>();
  for (const c of claims) {
    const end = Math.min(Math.max(c.end, 0), length);
    const start = Math.min(Math.max(c.start, 0), length);
    if (end <= start) continue;
    const last = end - 1;
    let at = end;
    for (const p of paras) {
      if (p.start <= last && last < p.end) at = Math.min(end, p.end);
      else if (p.end <= last) at = p.end;
    }
    const list = markersAt.get(at);
    if (list) list.push(c.number);
    else markersAt.set(at, [c.number]);
  }
  return markersAt;
}

/** Text safe inside HTML or SVG, in element content and quoted attributes alike. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
