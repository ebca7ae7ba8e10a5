// The HTML report read as a string: what it may load or run (nothing but inline styles and a JSON-LD data
// block), what it shows, and what the public edition leaves out.
import { beforeEach, describe, expect, it } from "vitest";
import { verdictChartData, verdictChartSvg } from "./chart";
import {
  GONE_QUOTE,
  HOSTILE_REASON,
  SAMPLE_AGREEMENT,
  bareArticle,
  revisedArticle,
  revisedReport,
  sampleArticle,
  sampleInIndependentReview,
  sampleReport,
  sampleWithCorrections,
} from "./fixtures";
import { escapeHtml, toReportHtml } from "./html";
import type { Report } from "./report-data";
import { summarize } from "./summary";
import { getVerdict, isVerdictId } from "../claim";

// Rendered in each test rather than once at load, so the mutation run knows which tests render it.
let html = "";
beforeEach(() => {
  html = toReportHtml(sampleReport);
});

/**
 * The escaping the report must apply, computed apart from the code under test: each of the five
 * characters HTML gives meaning to becomes its entity, one character at a time.
 */
const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escaped = (text: string) => [...text].map((c) => ENTITIES[c] ?? c).join("");

/** The start tags of the document (text content is escaped, so `<` only opens real tags). */
function tags(doc: string): string[] {
  return [...doc.matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => m[0]);
}

function attributeValues(doc: string, name: string): string[] {
  return tags(doc).flatMap((tag) => [...tag.matchAll(new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, "gi"))].map(
    (m) => m[2] ?? m[3] ?? m[4] ?? "",
  ));
}

/** The document without its JSON-LD block, i.e. what a reader sees. */
function visible(doc: string): string {
  return doc.replace(/<script\b[\s\S]*?<\/script>/gi, "");
}

function unescapeAttr(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

function publicVersion(report: Report): Report {
  // Notes and emails are left in on purpose: the renderer must leave them out by itself.
  return { ...report, meta: { ...report.meta, audience: "public" } };
}

describe("toReportHtml", () => {
  it("is one document with a restrictive CSP meta tag", () => {
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    expect(csp).toBeDefined();
    const policy = unescapeAttr(csp ?? "");
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("style-src 'unsafe-inline'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).toContain("form-action 'none'");
    expect(policy).not.toMatch(/script-src|https?:|\*/);
  });

  it("has exactly one script element: JSON-LD without '<' inside", () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts).toHaveLength(1);
    expect(html.match(/<script/gi)).toHaveLength(1);
    const [, attrs = "", body = ""] = scripts[0] ?? [];
    expect(attrs.trim()).toBe('type="application/ld+json"');
    expect(body).not.toContain("<");
    const data = JSON.parse(body) as unknown;
    expect(JSON.stringify(data)).toContain("ClaimReview");
  });

  it("loads nothing: links only to http(s) URLs the user gave and to # anchors", () => {
    expect(attributeValues(html, "src")).toEqual([]);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed|base|form|video|audio)\b/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(tags(html).filter((t) => /\son[a-z]+\s*=/i.test(t))).toEqual([]);
    const given = new Set(
      sampleReport.articles.flatMap((a) => [
        a.article.url,
        ...a.claims.flatMap((c) => c.sources.flatMap((s) => [s.url, s.archivedUrl])),
      ]).flatMap((u) => (u ? [new URL(u).href] : [])),
    );
    const hrefs = attributeValues(html, "href").map(unescapeAttr);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) {
      if (href.startsWith("#")) continue;
      expect(given, href).toContain(href);
    }
    for (const url of given) expect(hrefs).toContain(url);
    // Every # anchor points at an element of the page.
    for (const href of hrefs.filter((h) => h.startsWith("#"))) expect(html).toContain(`id="${href.slice(1)}"`);
  });

  it("escapes user text: a markup-like rationale shows as text", () => {
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toContain("<img");
    expect(html).toContain("=HYPERLINK(&quot;http://evil.example&quot;)");
  });

  it("escapes the five characters HTML gives meaning to, in text and attribute values alike", () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;");
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
    expect(escapeHtml("plain text, 2,500 soldiers")).toBe("plain text, 2,500 soldiers");
  });

  it("shows each claim's number, quote, statement, verdict label and definition, and status", () => {
    for (const [i, article] of sampleReport.articles.entries()) {
      for (const claim of article.claims) {
        const section = new RegExp(`<section class="claim" id="a${i + 1}-claim-${claim.number}"[\\s\\S]*?</section>`).exec(html)?.[0];
        expect(section, `claim ${claim.number} of article ${i + 1}`).toBeDefined();
        expect(section).toContain(`<span class="claim-no">${claim.number}</span>`);
        expect(section).toContain(escaped(claim.exact));
        expect(section).toContain(escaped(claim.statement));
        if (claim.verdict && isVerdictId(claim.verdict)) {
          const verdict = getVerdict(claim.verdict);
          expect(section).toContain(escaped(verdict.label));
          expect(section).toContain(escaped(verdict.definition));
        }
      }
    }
    expect(html).toContain("No verdict yet");
    expect(html).toContain("In review");
  });

  it("highlights and numbers every claim in the article text", () => {
    for (const [i, article] of sampleReport.articles.entries()) {
      for (const claim of article.claims) {
        expect(html).toContain(`<a href="#a${i + 1}-claim-${claim.number}" aria-label="Claim ${claim.number}">${claim.number}</a>`);
      }
    }
    expect(html).toContain('<mark class="claim-mark d1" title="Claim 1">on Saturday exchanged views</mark>');
    expect(html).toContain("Дети 😀 ok.");
  });

  it("nests overlapping claims without overlapping marks", () => {
    const text = "Alpha beta gamma delta.";
    const report: Report = {
      ...sampleReport,
      articles: [
        {
          ...bareArticle,
          article: { ...bareArticle.article, text },
          claims: [
            { ...bareArticle.claims[0]!, id: "x1", number: 1, start: 0, end: 16, exact: "Alpha beta gamma" },
            { ...bareArticle.claims[0]!, id: "x2", number: 2, start: 6, end: 22, exact: "beta gamma delta" },
          ],
        },
      ],
    };
    const page = toReportHtml(report);
    expect(page).toContain(
      '<p><mark class="claim-mark d1" title="Claim 1">Alpha </mark><mark class="claim-mark d2" title="Claims 1, 2">beta gamma</mark><sup class="claim-ref"><a href="#claim-1" aria-label="Claim 1">1</a></sup><mark class="claim-mark d1" title="Claim 2"> delta</mark><sup class="claim-ref"><a href="#claim-2" aria-label="Claim 2">2</a></sup>.</p>',
    );
  });

  it("shows the header, the chart, corrections and the integrity footer", () => {
    expect(html).toContain("Example Wire");
    expect(html).toContain("8 January 2022");
    expect(html).toContain("Alice Reviewer (alice@example.com)");
    expect(html).toContain("<svg");
    expect(html).toContain("3 claims marked; 1 still open");
    expect(html).toContain(
      '<tr><td><a href="#a1-claim-2">Claim 2</a></td><td>True</td><td>Mostly true</td><td class="reason">The CSTO revised its count on 10 January: about 2,500 was an estimate, not a confirmed figure.</td><td>Eddie Editor (editor@example.com)</td>',
    );
    expect(html).toContain("<strong>57</strong> events");
    expect(html).toContain(`<code>${"ab".repeat(32)}</code>`);
    expect(html).toMatch(/@media print\{[\s\S]*nav\.toolbar\{display:none\}/);
    expect(html).toContain("@page{size:A4");
  });

  it("lists each correction with its reason in a Reason column, in public reports too", () => {
    const section = (page: string) => /<section aria-label="Corrections">[\s\S]*?<\/section>/.exec(page)?.[0] ?? "";
    const reason = sampleArticle.claims[1]!.corrections[0]!.reason;
    for (const page of [html, toReportHtml(publicVersion(sampleReport))]) {
      const table = section(page);
      expect(table).toContain("<thead><tr><th>Claim</th><th>From</th><th>To</th><th>Reason</th><th>By</th><th>When</th></tr></thead>");
      expect(table).toContain(`<td class="reason">${reason}</td>`);
    }
    // An old correction, recorded before reasons existed, keeps its (empty) cell so the columns line up.
    const old = section(toReportHtml(sampleWithCorrections({ reason: "" })));
    expect(old).toContain('<td>Mostly true</td><td class="reason"></td><td>Eddie Editor (editor@example.com)</td>');
  });

  it("escapes a correction's reason as text", () => {
    const page = toReportHtml(sampleWithCorrections({ reason: HOSTILE_REASON }));
    expect(page).toContain(`<td class="reason">${escaped(HOSTILE_REASON)}</td>`);
    expect(escaped(HOSTILE_REASON)).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;revised&#39;");
    expect(visible(page)).not.toMatch(/<script/i);
    expect(attributeValues(page, "href").some((h) => h.startsWith("javascript"))).toBe(false);
  });

  it("shows reviewers' agreement after the summary in internal reports of an article in independent review only", () => {
    const page = toReportHtml(sampleInIndependentReview("internal"));
    expect(page).toContain(
      '<section aria-label="Agreement between reviewers"><h2>Agreement between reviewers</h2>' +
        "<p>3 claims assessed by two or more of 2 reviewers · agreement 33.3% · Krippendorff&#39;s alpha: nominal 0.42, ordinal not defined</p>" +
        "<p>Reviewers disagree on claims 1, 3.</p></section>",
    );
    expect(page.indexOf('aria-label="Summary"')).toBeLessThan(page.indexOf('aria-label="Agreement between reviewers"'));
    expect(page.indexOf('aria-label="Agreement between reviewers"')).toBeLessThan(page.indexOf('aria-label="Article text"'));
    const agreed = toReportHtml(sampleInIndependentReview("internal", { ...SAMPLE_AGREEMENT, percent: 100, alpha: { nominal: 1, ordinal: 1 }, disagreements: [] }));
    expect(agreed).toContain("agreement 100% · Krippendorff&#39;s alpha: nominal 1.00, ordinal 1.00</p><p>Reviewers agree on every claim they assessed.</p>");
    expect(toReportHtml(sampleInIndependentReview("public"))).not.toContain("Agreement between reviewers");
    expect(toReportHtml(sampleReport)).not.toContain("Agreement between reviewers");
  });

  it("counts a claim's corrections in its facts and says so when no approved verdict was corrected", () => {
    expect(html).toContain("<dt>Corrections</dt><dd>1 correction — see Corrections below</dd>");
    const twice = toReportHtml(sampleWithCorrections({}, { to: "half_true", reason: "The ministry's final count is 1,900." }));
    expect(twice).toContain("<dt>Corrections</dt><dd>2 corrections — see Corrections below</dd>");
    expect(twice).toContain('<td class="reason">The ministry&#39;s final count is 1,900.</td>');
    const none = toReportHtml({ ...sampleReport, articles: [bareArticle] });
    expect(none).toContain('<section aria-label="Corrections"><h2>Corrections</h2><p class="muted">No approved verdict was corrected.</p></section>');
    expect(none).not.toContain("<dt>Corrections</dt>");
    expect(twice).not.toContain("No approved verdict was corrected.");
  });

  it("leaves internal notes and emails out of the public report", () => {
    const page = toReportHtml(publicVersion(sampleReport));
    expect(page).toContain("Alice Reviewer");
    expect(page).not.toContain("Checked with the desk in Almaty");
    expect(page).not.toContain("awaiting the ministry");
    expect(page).not.toContain("Internal note");
    expect(page).not.toContain("@example.com");
    expect(html).toContain("Checked with the desk in Almaty");
  });

  it("invents no URL or publisher for a bare article", () => {
    const page = visible(toReportHtml({ ...sampleReport, articles: [bareArticle] }));
    expect(page).toContain("An article with no URL or publisher");
    expect(page).not.toContain("Publisher");
    expect(page).not.toContain("Published");
    expect(page).not.toMatch(/null|undefined/);
    expect(attributeValues(page, "href").every((h) => h.startsWith("#"))).toBe(true);
  });

  it("links only http(s) URLs and shows others as text", () => {
    const report: Report = {
      ...sampleReport,
      articles: [
        {
          ...bareArticle,
          claims: [
            {
              ...bareArticle.claims[0]!,
              sources: [{ ...sampleArticle.claims[0]!.sources[0]!, url: "javascript:alert(1)", archivedUrl: "data:text/html,x" }],
            },
          ],
        },
      ],
    };
    const page = toReportHtml(report);
    expect(page).toContain("javascript:alert(1)");
    expect(attributeValues(page, "href").every((h) => h.startsWith("#"))).toBe(true);
  });

  it("adds a toolbar of safe links, hidden in print", () => {
    const page = toReportHtml(sampleReport, {
      toolbar: [
        { label: "Download PDF", href: "/articles/a-sample/report.pdf" },
        { label: "Bad", href: "javascript:alert(1)" },
      ],
    });
    expect(page).toContain('<nav class="toolbar" aria-label="Report actions"><a href="/articles/a-sample/report.pdf">Download PDF</a></nav>');
    expect(page).not.toContain("javascript:");
    expect(html).not.toContain("<nav");
  });

  it("links each source's http(s) URL and archived copy with exact markup, and prints other URLs as text", () => {
    const base = sampleArticle.claims[0]!.sources[0]!;
    const withSources = (sources: Array<{ url: string; archivedUrl: string | null }>): Report => ({
      ...sampleReport,
      articles: [
        {
          ...bareArticle,
          claims: [
            {
              ...bareArticle.claims[0]!,
              sources: sources.map((s, i) => ({ ...base, ...s, id: `s${i}`, title: `Title ${i}` })),
            },
          ],
        },
      ],
    });
    const linked = (url: string, text = url) => `<a class="ext shown" href="${url}" rel="noopener noreferrer">${text}</a>`;
    const sourceLinks = (page: string) => [...page.matchAll(/<div class="source-links">([\s\S]*?)<\/div>/g)].map((m) => m[1]);
    const sourceTitles = (page: string) => [...page.matchAll(/<div class="source-title">([\s\S]*?)<\/div>/g)].map((m) => m[1]);

    const page = toReportHtml(
      withSources([
        { url: "https://example.org/a?x=1&y=2", archivedUrl: "http://archive.example.org/a" },
        { url: "javascript:alert(1)", archivedUrl: "data:text/html,<b>x</b>" },
        { url: "//evil.example/x", archivedUrl: "/relative/path" },
        { url: "#fragment", archivedUrl: "?query=1" },
        { url: "http://", archivedUrl: "not a url" },
      ]),
    );
    expect(sourceTitles(page)).toEqual([
      linked("https://example.org/a?x=1&amp;y=2", "Title 0"),
      "Title 1",
      "Title 2",
      "Title 3",
      "Title 4",
    ]);
    expect(sourceLinks(page)).toEqual([
      `<span class="k">Link:</span> ${linked("https://example.org/a?x=1&amp;y=2")}<br><span class="k">Archived:</span> ${linked("http://archive.example.org/a")}`,
      `<span class="k">Link:</span> javascript:alert(1)<br><span class="k">Archived:</span> data:text/html,&lt;b&gt;x&lt;/b&gt;`,
      `<span class="k">Link:</span> //evil.example/x<br><span class="k">Archived:</span> /relative/path`,
      `<span class="k">Link:</span> #fragment<br><span class="k">Archived:</span> ?query=1`,
      `<span class="k">Link:</span> http://<br><span class="k">Archived:</span> not a url`,
    ]);
    // The article's own URL is linked the same way.
    expect(html).toContain(linked("https://news.example.org/kazakhstan/2022/01/08/putin-tokayev"));
  });

  it("keeps toolbar links to same-site paths, fragments, queries and http(s) URLs and drops the rest", () => {
    const hrefs = [
      "/articles/a-sample/report.pdf",
      "#claims",
      "?audience=public",
      "https://desk.example.org/a?x=1&y=2",
      "HTTP://Desk.Example.org",
      "javascript:alert(1)",
      "data:text/html,x",
      "//evil.example/x",
      "articles/relative",
      "evil#",
      "evil?",
      "a/b#c?",
      "http://",
      "not a url",
    ];
    const page = toReportHtml(sampleReport, { toolbar: hrefs.map((href, i) => ({ label: `L${i}`, href })) });
    expect(page).toContain(
      '<nav class="toolbar" aria-label="Report actions">' +
        '<a href="/articles/a-sample/report.pdf">L0</a>' +
        '<a href="#claims">L1</a>' +
        '<a href="?audience=public">L2</a>' +
        '<a href="https://desk.example.org/a?x=1&amp;y=2">L3</a>' +
        '<a href="http://desk.example.org/">L4</a>' +
        "</nav>",
    );
    for (const label of ["L5", "L6", "L7", "L8", "L9", "L10", "L11", "L12", "L13"]) expect(page).not.toContain(`>${label}<`);
  });

  it("leaves the toolbar out when every target is unsafe", () => {
    const page = toReportHtml(sampleReport, { toolbar: [{ label: "Bad", href: "javascript:alert(1)" }] });
    expect(page).not.toContain("<nav");
  });

  it("shows reviewers without emails and no notes in the public report, and with emails in the internal one", () => {
    const page = toReportHtml(publicVersion({ ...sampleReport, articles: [bareArticle] }));
    expect(page).toContain("Bob Reviewer");
    expect(page).not.toContain("bob@example.com");
    const internal = toReportHtml({ ...sampleReport, articles: [bareArticle] });
    expect(internal).toContain("Bob Reviewer (bob@example.com)");
  });
});

describe("toReportHtml: a revised article", () => {
  /** A top-level section of the page: up to the next one (claims' own sections are labelled by their heading). */
  const section = (page: string, label: string) => {
    const start = page.indexOf(`<section aria-label="${label}">`);
    if (start < 0) return "";
    const next = page.indexOf('<section aria-label="', start + 1);
    return page.slice(start, next < 0 ? page.indexOf("</article>", start) : next);
  };
  const claimSection = (page: string, n: number) => new RegExp(`<section class="claim[^"]*" id="claim-${n}"[\\s\\S]*?</section>`).exec(page)?.[0] ?? "";
  let page = "";
  beforeEach(() => {
    page = toReportHtml(revisedReport("internal"));
  });

  it("lists every revision, oldest first, between the summary and the article text", () => {
    const revisions = section(page, "Revisions");
    const url = revisedArticle.article.url!;
    expect(revisions).toBe(
      '<section aria-label="Revisions"><h2>Revisions</h2><ol class="revisions">' +
        "<li>Revision 1 · 19 November 2026, 09:00 UTC · added by Eddie Editor (editor@example.com)</li>" +
        "<li>Revision 2 · 25 November 2026, 08:15 UTC · edited by Eddie Editor (editor@example.com) · 5 words added, 1 removed · claims: all in place</li>" +
        "<li>Revision 3 · 2 December 2026, 10:00 UTC · re-check of the web page by the server · 12 words added, 4 removed · claims: 1 moved, 1 changed, 1 gone" +
        ` · from <a class="ext shown" href="${url}" rel="noopener noreferrer">${url}</a></li></ol></section>\n`,
    );
    expect(page.indexOf('aria-label="Summary"')).toBeLessThan(page.indexOf('aria-label="Revisions"'));
    expect(page.indexOf('aria-label="Revisions"')).toBeLessThan(page.indexOf('aria-label="Article text"'));
    expect(page).toContain("<dt>Text</dt><dd>Revision 3</dd>");
  });

  it("says near the header that the text changed after review, and when", () => {
    expect(page).toContain(
      '<h1>Alliance to send troops to Kazakhstan</h1>\n<p class="changed-note" role="note"><strong>Changed after review on 2 December 2026, 10:00 UTC.</strong> ' +
        "The article&#39;s text changed after claims in it had been reviewed; each claim the change touched says so below.</p>",
    );
    expect(html).not.toContain("Changed after review");
  });

  it("lists no revisions and no revision number for an article whose text never changed", () => {
    expect(html).not.toContain('aria-label="Revisions"');
    expect(html).not.toContain("<dt>Text</dt>");
    expect(html).not.toContain('class="anchor-note"');
    expect(html).not.toContain("Claims whose text is gone");
  });

  it("says under each claim whose words moved or changed what happened, and that a verdict was given on an earlier wording", () => {
    expect(claimSection(page, 1)).toContain(
      "<blockquote class=\"quote\">“about 3,000 soldiers would be deployed”</blockquote>\n" +
        '<p class="anchor-note">Its words changed in revision 3 (87% alike).</p>\n' +
        '<p class="anchor-note">The verdict was given on an earlier wording, before revision 3.</p>',
    );
    expect(claimSection(page, 2)).toContain('<p class="anchor-note">Its words moved in revision 3.</p>');
    expect(claimSection(page, 2)).not.toContain("earlier wording");
    expect(claimSection(page, 3)).not.toContain("anchor-note");
  });

  it("lists the claim whose words are gone apart, after the placed ones, and never marks it in the text", () => {
    const claims = section(page, "Claims");
    const gone = section(page, "Claims whose text is gone");
    for (const n of [1, 2, 3]) expect(claims).toContain(`id="claim-${n}"`);
    expect(claims).not.toContain("claim-4");
    expect(gone).toContain("<h2>Claims whose text is gone</h2><p>The words of these claims are no longer in the article&#39;s current text");
    expect(gone).toContain('<section class="claim gone" id="claim-4" aria-labelledby="claim-4-h">');
    expect(gone).toContain(`“${GONE_QUOTE}”`);
    expect(gone).toContain('<p class="anchor-note">Its words are gone from the article&#39;s current text (revision 3).</p>');
    expect(page.indexOf('aria-label="Claims"')).toBeLessThan(page.indexOf('aria-label="Claims whose text is gone"'));
    expect(page.indexOf('aria-label="Claims whose text is gone"')).toBeLessThan(page.indexOf('aria-label="Corrections"'));

    // Its stale offsets (0 to the quote's length) would cover the first words of the current text.
    const text = section(page, "Article text");
    expect(text).toContain("<p>Updated on 2 December: the ministry corrected its figures.</p>");
    expect(text).not.toContain('title="Claim 4"');
    expect(text).not.toContain("#claim-4");
    expect(text.match(/<mark /g)).toHaveLength(3);
    for (const n of [1, 2, 3]) expect(text).toContain(`<a href="#claim-${n}" aria-label="Claim ${n}">${n}</a>`);
  });

  it("keeps revision authors' emails out of the public report", () => {
    const open = toReportHtml(revisedReport("public"));
    expect(section(open, "Revisions")).toContain("<li>Revision 2 · 25 November 2026, 08:15 UTC · edited by Eddie Editor · 5 words added");
    expect(open).not.toContain("@example.com");
    expect(open).not.toContain("recheck the new figure");
  });

  it("escapes people's names in revisions, and links only http(s) source URLs", () => {
    const [first, second, third] = revisedArticle.revisions;
    const report: Report = {
      ...revisedReport("public"),
      articles: [
        {
          ...revisedArticle,
          revisions: [first!, { ...second!, by: { id: "u-x", name: `<img src=x onerror=alert(1)> "Eve"` } }, { ...third!, sourceUrl: "javascript:alert(1)" }],
        },
      ],
    };
    const revisions = section(toReportHtml(report), "Revisions");
    expect(revisions).toContain(`edited by ${escaped(`<img src=x onerror=alert(1)> "Eve"`)} ·`);
    expect(revisions).not.toContain("<img");
    expect(revisions).toContain(" · from javascript:alert(1)</li>");
    expect(attributeValues(revisions, "href")).toEqual([]);
  });
});

describe("verdictChartSvg", () => {
  let summary: ReturnType<typeof summarize>;
  beforeEach(() => {
    summary = summarize(sampleArticle);
  });

  it("is an accessible SVG with labels and counts as text", () => {
    const svg = verdictChartSvg(summary, { idPrefix: "t" });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" role="img"/);
    expect(svg).toContain('<title id="t-title">Claims per verdict</title>');
    expect(svg).toContain('<desc id="t-desc">3 claims. True: 1; Mostly true: 1; No verdict yet: 1. 1 still open.</desc>');
    for (const label of ["True", "Mostly true", "No verdict yet"]) expect(svg).toContain(`>${label}</text>`);
    expect(svg).not.toMatch(/href|<script|<image/);
  });

  it("gives each shown verdict a distinct look and the same geometry as the PDF draws", () => {
    const data = verdictChartData(summarize(bareArticle));
    expect(data.bars.map((b) => b.label)).toEqual(["Misleading"]);
    expect(data.bars[0]?.hatch.length).toBeGreaterThan(0);
    const looks = verdictChartData({
      total: 9,
      open: 0,
      byVerdict: ["true", "mostly_true", "half_true", "mostly_false", "false", "misleading", "needs_context", "unverifiable", null].map(
        (verdict) => ({ verdict, label: String(verdict), count: 1 }),
      ),
    }).bars.map((b) => `${b.fill}/${b.hatch.length > 0}`);
    expect(new Set(looks).size).toBe(looks.length);
    for (const bar of data.bars) {
      for (const line of bar.hatch) {
        for (const [x, y] of [[line.x1, line.y1], [line.x2, line.y2]] as const) {
          expect(x).toBeGreaterThanOrEqual(bar.x - 0.01);
          expect(x).toBeLessThanOrEqual(bar.x + bar.width + 0.01);
          expect(y).toBeGreaterThanOrEqual(bar.y - 0.01);
          expect(y).toBeLessThanOrEqual(bar.y + bar.height + 0.01);
        }
      }
    }
  });
});
