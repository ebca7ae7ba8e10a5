// Which URLs in an HTML report become links: http(s) only, escaped; anything else (javascript:, data:)
// is shown as text or dropped. Kept apart so the mutation run can hold these few lines to account.
import { escapeHtml, httpUrl } from "./report-text";

/** A link when the URL is http(s), else the URL as plain text. */
export function link(url: string | null | undefined, text: string, cls = "ext"): string {
  const href = httpUrl(url);
  if (!href) return escapeHtml(text);
  return `<a class="${cls}" href="${escapeHtml(href)}" rel="noopener noreferrer">${escapeHtml(text)}</a>`;
}

/** A URL printed in full (and linked when http(s)); print CSS does not repeat it. */
export function urlLink(url: string): string {
  return link(url, url, "ext shown");
}

/** Toolbar targets: same-site paths, fragments and http(s) URLs; anything else (javascript:, data:) is dropped. */
export function toolbarHref(href: string): string | null {
  if (/^\/(?!\/)/.test(href) || href.startsWith("#") || href.startsWith("?")) return href;
  return httpUrl(href);
}
