// Tests for the Markdown report: content, escaping of people's text, audiences, several articles.

import { beforeEach, describe, expect, it } from "vitest";
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
import { block, inline, toMarkdown } from "./markdown";
import type { Report } from "./report-data";
import { getVerdict } from "../claim";

const single: Report = { ...sampleReport, articles: [sampleArticle] };
const publicReport: Report = { ...sampleReport, meta: { ...sampleReport.meta, audience: "public" } };

describe("toMarkdown", () => {
  let md: string;
  beforeEach(() => {
    md = toMarkdown(single);
  });

  it("has the header, summary and every claim in text order with its verdict", () => {
    expect(md).toMatch(/^# Fact-check report: Putin and Tokayev/);
    expect(md).toContain("- **Publisher:** Example Wire");
    expect(md).toContain("- **Published:** 2022-01-08");
    expect(md).toContain("- **URL:** <https://news.example.org/kazakhstan/2022/01/08/putin-tokayev>");
    expect(md).toContain("- **Reviewed by:** Alice Reviewer (alice@example.com), Bob Reviewer (bob@example.com)");
    expect(md).toContain("- **Last reviewed:** 2026-11-21 09:30 UTC");
    expect(md).toContain("- **Claims:** 3, still open: 1");
    expect(md).toContain("- No verdict yet: 1");
    const positions = [1, 2, 3].map((n) => md.indexOf(`#### Claim ${n}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const claim of sampleArticle.claims) {
      expect(md).toContain(`> ${inline(claim.exact)}`);
      if (claim.verdict) {
        const v = getVerdict(claim.verdict);
        expect(md).toContain(`- **Verdict:** ${v.label} — ${v.definition}`);
      }
    }
    expect(md).toContain("- **Verdict:** No verdict yet");
    expect(md).toContain("- **Status:** In review");
    expect(md).toContain("- **Verdict given by:** Bob Reviewer (bob@example.com), 2026-11-20 11:00 UTC");
  });

  it("lists sources with title, publisher, stance, quote, links and access date", () => {
    expect(md).toContain(
      "1. [Телефонный разговор с Президентом Казахстана Касым-Жомартом Токаевым](<http://kremlin.ru/events/president/news/67551>) · Президент России · Supports · accessed 2022-01-08 · archived: <https://web.archive.org/web/20220108/http://kremlin.ru/events/president/news/67551>",
    );
    expect(md).toContain("   > Состоялся телефонный разговор");
    expect(md).toContain('2. [=HYPERLINK("http://evil.example")](<https://www.example.com/analysis?a=1\\&b=2>) · +Analysis · Context');
    expect(md).toContain("   > \\-Figures vary");
  });

  it("shows reviewers' agreement after the summary in internal reports of an article in independent review only", () => {
    const text = toMarkdown(sampleInIndependentReview("internal"));
    expect(text).toContain(
      "- No verdict yet: 1\n\n### Agreement between reviewers\n\n" +
        "3 claims assessed by two or more of 2 reviewers · agreement 33.3% · Krippendorff's alpha: nominal 0.42, ordinal not defined\n\n" +
        "Reviewers disagree on claims 1, 3.\n\n### Claims\n",
    );
    const one = toMarkdown(sampleInIndependentReview("internal", { ...SAMPLE_AGREEMENT, claims: 1, percent: 0, disagreements: [2] }));
    expect(one).toContain("1 claim assessed by two or more of 2 reviewers · agreement 0% ·");
    expect(one).toContain("Reviewers disagree on claim 2.");
    const none = toMarkdown(sampleInIndependentReview("internal", { claims: 0, reviewers: 0, percent: null, alpha: { nominal: null, ordinal: null }, disagreements: [] }));
    expect(none).toContain("No claim has been assessed by two or more reviewers yet, so agreement cannot be measured.");
    expect(none).not.toContain("Reviewers agree");
    expect(toMarkdown(sampleInIndependentReview("public"))).not.toContain("Agreement between reviewers");
    expect(toMarkdown(sampleReport)).not.toContain("Agreement between reviewers");
  });

  it("shows corrections and the integrity footer", () => {
    expect(md).toContain(
      "- Claim 2: True → Mostly true, by Eddie Editor (editor@example.com), 2026-11-21 09:30 UTC (audit event 42): " +
        "The CSTO revised its count on 10 January: about 2,500 was an estimate, not a confirmed figure.\n",
    );
    expect(md).toContain("## Integrity");
    expect(md).toContain(`57 events`);
    expect(md).toContain(`\`${"ab".repeat(32)}\``);
    expect(md).toContain("No audit events are recorded for this article.");
  });

  it("gives a correction's reason after a colon, in public reports too, and nothing after an empty one", () => {
    const reason = sampleArticle.claims[1]!.corrections[0]!.reason;
    const pub = toMarkdown({ ...single, meta: { ...single.meta, audience: "public" } });
    expect(pub).toContain(`- Claim 2: True → Mostly true, by Eddie Editor, 2026-11-21 09:30 UTC (audit event 42): ${reason}\n`);
    const old = toMarkdown(sampleWithCorrections({ reason: "" }, { reason: "  \n " }));
    expect(old).toContain("(audit event 42)\n- Claim 2: True → Mostly true, by Eddie Editor (editor@example.com), 2026-11-21 09:30 UTC (audit event 43)\n");
    expect(old).not.toMatch(/\(audit event 4[23]\):/);
  });

  it("escapes a correction's reason as one line of text", () => {
    const text = toMarkdown(sampleWithCorrections({ reason: HOSTILE_REASON }));
    const line = text.split("\n").find((l) => l.startsWith("- Claim 2: "));
    expect(line).toBe(
      "- Claim 2: True → Mostly true, by Eddie Editor (editor@example.com), 2026-11-21 09:30 UTC (audit event 42): " +
        "=Ministry said \\<script\\>alert(\"x\")\\</script\\> \\& 'revised' \\*2,500\\* \\[then\\](javascript:alert(1)) \\| \\#3 \\_now\\_ - new line",
    );
    expect(line).toBe(`- Claim 2: True → Mostly true, by Eddie Editor (editor@example.com), 2026-11-21 09:30 UTC (audit event 42): ${inline(HOSTILE_REASON)}`);
  });

  it("shows a correction to no verdict, or to a value outside the scale, as escaped text", () => {
    const text = toMarkdown(sampleWithCorrections({ to: null, reason: "Withdrawn." }, { from: "<b>legacy_*</b>", reason: "Old data." }));
    expect(text).toContain("- Claim 2: True → no verdict, by Eddie Editor (editor@example.com), 2026-11-21 09:30 UTC (audit event 42): Withdrawn.");
    expect(text).toContain("- Claim 2: \\<b\\>legacy\\_\\*\\</b\\> → Mostly true, by");
    expect(text).not.toContain("→ null");
  });

  it("says so when no approved verdict was corrected", () => {
    const text = toMarkdown({ ...sampleReport, articles: [bareArticle] });
    expect(text).toContain("### Corrections\n\nNo approved verdict was corrected.\n");
    expect(md).not.toContain("No approved verdict was corrected.");
  });

  it("escapes a rationale that looks like HTML or links", () => {
    expect(md).not.toMatch(/(?<!\\)<img/);
    expect(md).toContain("\\<img src=x onerror=alert(1)\\>");
    expect(block("[click](javascript:alert(1)) *bold* `code` _u_\n# heading\n- item\n1. one\n    indented\n===")).toBe(
      "\\[click\\](javascript:alert(1)) \\*bold\\* \\`code\\` \\_u\\_\\\n\\# heading\\\n\\- item\\\n1\\. one\\\nindented\\\n\\===",
    );
    expect(inline("a | b\nc &amp; <b>")).toBe("a \\| b c \\&amp; \\<b\\>");
    expect(block("one\n\n\ntwo")).toBe("one\n\ntwo");
  });

  it("puts text on one line the same way as before: a whitespace run with a line break becomes one space", () => {
    expect(inline("a  \n\t b")).toBe("a b");
    expect(inline("a \t b")).toBe("a \t b");
    expect(inline("\r\nlead and trail \n")).toBe(" lead and trail ");
    expect(inline("a\u00a0\n\u2003b")).toBe("a b");
  });

  // A rationale of 150,000 spaces once took over a minute to render: /\s*[\r\n]+\s*/g rescanned the run from
  // every start. The right text must come back (a quadratic version runs past the test's time limit).
  it("handles long runs of spaces, tabs and line breaks in one-line text", () => {
    const spaces = " ".repeat(150_000);
    expect(inline(`a${spaces}b`)).toBe(`a${spaces}b`);
    expect(inline(`a${"\t".repeat(150_000)}\nb`)).toBe("a b");
    expect(inline(`a${" \n\r\t".repeat(40_000)}b${spaces}`)).toBe(`a b${spaces}`);
    expect(block(`one${spaces}\n${spaces}two`)).toBe("one\\\ntwo");
  });

  it("never links anything but http(s)", () => {
    const article = sampleArticle;
    const claim = article.claims[0]!;
    const evil = { ...claim.sources[0]!, url: "javascript:alert(1)", archivedUrl: "data:text/html,<b>" };
    const report: Report = { ...single, articles: [{ ...article, claims: [{ ...claim, sources: [evil] }] }] };
    const text = toMarkdown(report);
    expect(text).not.toMatch(/\]\(<javascript|<javascript|<data:/);
    expect(text).toContain("(javascript:alert(1))");
  });

  it("keeps internal notes internal and leaves out emails in public", () => {
    expect(md).toContain("**Internal note:**");
    expect(md).toContain("Checked with the desk in Almaty.");
    const pub = toMarkdown(publicReport);
    expect(pub).not.toContain("Internal note");
    expect(pub).not.toContain("Almaty");
    expect(pub).not.toMatch(/@example\.com/);
    expect(pub).toContain("- **Reviewed by:** Alice Reviewer, Bob Reviewer, Eddie Editor");
  });

  it("summarises several articles and their total first, then each article", () => {
    const multi = toMarkdown(sampleReport);
    expect(multi).toMatch(/^# Fact-check report: 2 articles/);
    const table = multi.slice(multi.indexOf("## Summary"), multi.indexOf("## Putin"));
    expect(table).toContain("| Article | Claims | Still open | True | Mostly true | Misleading | No verdict yet |");
    expect(table).toContain("| An article with no URL or publisher | 1 | 0 | 0 | 0 | 1 | 0 |");
    expect(table).toContain("| **Total** | 4 | 1 | 1 | 1 | 1 | 1 |");
    const bare = multi.slice(multi.indexOf("## An article with no URL"));
    expect(bare).not.toContain("**Publisher:**");
    expect(bare).not.toContain("**URL:**");
    expect(multi.indexOf("## Putin")).toBeLessThan(multi.indexOf("## An article with no URL"));
  });

  it("renders all of 1,000 claims with 3,000 sources", () => {
    const claim = sampleArticle.claims[1]!;
    const claims = Array.from({ length: 1000 }, (_, i) => ({
      ...claim,
      number: i + 1,
      sources: [0, 1, 2].map((j) => ({ ...claim.sources[0]!, id: `s${i}-${j}` })),
    }));
    const text = toMarkdown({ ...single, articles: [{ ...sampleArticle, claims }] });
    expect(text).toContain("#### Claim 1000\n");
  });
});

describe("toMarkdown: a revised article", () => {
  let md: string;
  beforeEach(() => {
    md = toMarkdown(revisedReport("internal"));
  });
  const url = revisedArticle.article.url!;

  it("says under the title that the text changed after review, and gives the current revision", () => {
    expect(md).toContain(
      "## Alliance to send troops to Kazakhstan\n\n> **Changed after review on 2026-12-02 10:00 UTC.** " +
        "The article's text changed after claims in it had been reviewed; each claim the change touched says so below.\n\n- **Publisher:** Example Wire",
    );
    expect(md).toContain("- **Text:** revision 3\n");
    expect(toMarkdown(single)).not.toContain("Changed after review");
    expect(toMarkdown(single)).not.toContain("**Text:**");
  });

  it("lists every revision, oldest first, before the claims", () => {
    expect(md).toContain(
      "### Revisions\n\n" +
        "- Revision 1 · 2026-11-19 09:00 UTC · added by Eddie Editor (editor@example.com)\n" +
        "- Revision 2 · 2026-11-25 08:15 UTC · edited by Eddie Editor (editor@example.com) · 5 words added, 1 removed · claims: all in place\n" +
        "- Revision 3 · 2026-12-02 10:00 UTC · re-check of the web page by the server · 12 words added, 4 removed · claims: 1 moved, 1 changed, 1 gone" +
        ` · from <${url}>\n\n### Claims\n`,
    );
    expect(toMarkdown(single)).not.toContain("### Revisions");
  });

  it("says under each claim what became of its words, and that a verdict was given on an earlier wording", () => {
    expect(md).toContain(
      "#### Claim 1\n\n> about 3,000 soldiers would be deployed\n\n*Its words changed in revision 3 (87% alike).*\n\n*The verdict was given on an earlier wording, before revision 3.*\n\n- **Statement checked:**",
    );
    expect(md).toContain("#### Claim 2\n\n> the troops would leave within days\n\n*Its words moved in revision 3.*\n\n- **Verdict:** True");
    expect(md).toContain("#### Claim 3\n\n> Ministers met on Friday\n\n- **Verdict:** True");
  });

  it("lists the claim whose words are gone under its own heading, after the placed claims", () => {
    const gone = md.indexOf("### Claims whose text is gone\n");
    expect(gone).toBeGreaterThan(md.indexOf("#### Claim 3\n"));
    expect(gone).toBeLessThan(md.indexOf("#### Claim 4\n"));
    expect(gone).toBeLessThan(md.indexOf("### Corrections"));
    expect(md.slice(gone)).toContain(
      `#### Claim 4\n\n> ${GONE_QUOTE}\n\n*Its words are gone from the article's current text (revision 3).*\n\n- **Verdict:** No verdict yet`,
    );
    expect(md.slice(0, gone)).not.toContain(GONE_QUOTE);
  });

  it("leaves revision authors' emails out of the public report, and escapes their names", () => {
    const pub = toMarkdown(revisedReport("public"));
    expect(pub).toContain("- Revision 2 · 2026-11-25 08:15 UTC · edited by Eddie Editor · 5 words added, 1 removed");
    expect(pub).not.toMatch(/@example\.com/);
    const [first, second, third] = revisedArticle.revisions;
    const hostile = toMarkdown({
      ...revisedReport("public"),
      articles: [{ ...revisedArticle, revisions: [first!, { ...second!, by: { id: "x", name: "*Eve* <b>[x](javascript:1)</b>" } }, { ...third!, sourceUrl: "javascript:alert(1)" }] }],
    });
    expect(hostile).toContain("edited by \\*Eve\\* \\<b\\>\\[x\\](javascript:1)\\</b\\> ·");
    expect(hostile).toContain(" · from javascript:alert(1)\n");
    expect(hostile).not.toContain("<javascript");
  });
});
