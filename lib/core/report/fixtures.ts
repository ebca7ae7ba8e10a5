// A realistic report for the formatters' tests: the demo article with claims of several verdicts, a
// correction (a change of an approved verdict, with its reason), sources in Russian, a rationale that
// looks like markup, and a second article with no URL or publisher (so formats must leave those out
// rather than invent them). A third, revised article (revisedArticle) has three revisions, the last a
// re-check by the server, and a claim of each kind the re-anchoring gives: in place, moved, changed
// (reviewed on its earlier wording) and gone from the current text.
// Built without the code under test (no canonicalizeText, no describeSpan), so that the tests' expected
// values do not move with a bug in it, and so that loading the fixture runs none of it.
import type { ArticleReport, Audience, Report, ReportAgreement, ReportClaim, ReportCorrection, ReportPerson, ReportRevision } from "./report-data";

/** Already canonical (one blank line between paragraphs, no trailing spaces); text.test checks it. */
export const SAMPLE_TEXT =
  "Kazakhstan President Kassym-Jomart Tokayev and his Russian counterpart Vladimir Putin on Saturday exchanged views on measures taken “to restore order” in the Central Asian state amid ongoing unrest.\n\n" +
    "Kremlin said in a statement that Tokayev also expressed gratitude to “Kazakhstan’s partners from the Collective Security Treaty Organisation (CSTO) and especially the Russian Federation for the assistance being rendered.” Russian-led alliance CSTO had deployed reportedly sent a force of about 2,500 soldiers to Kazakhstan after the authoritarian leader of the Central Asian state requested assistance.\n\n" +
    "Tokayev told Putin that the situation in Kazakhstan is “stabilising” after the protests over the double-fold increase in fuel prices turned into violent riots across the nation. Дети 😀 ok.";

const alice: ReportPerson = { id: "u-alice", name: "Alice Reviewer", email: "alice@example.com" };
const bob: ReportPerson = { id: "u-bob", name: "Bob Reviewer", email: "bob@example.com" };
const editor: ReportPerson = { id: "u-editor", name: "Eddie Editor", email: "editor@example.com" };

/** A quote's W3C selectors: code-point position and up to 32 code points of context either side. */
function anchorOf(text: string, exact: string) {
  const points = [...text];
  const quote = [...exact];
  const start = points.findIndex((_, i) => points.slice(i, i + quote.length).join("") === exact);
  if (start < 0) throw new Error(`fixture quote not in text: ${exact}`);
  const end = start + quote.length;
  return { exact, prefix: points.slice(Math.max(0, start - 32), start).join(""), suffix: points.slice(end, end + 32).join(""), start, end };
}

function claim(number: number, exact: string, rest: Partial<ReportClaim>): ReportClaim {
  const anchor = anchorOf(SAMPLE_TEXT, exact);
  return {
    id: `c${number}`,
    number,
    ...anchor,
    statement: exact,
    status: "open",
    verdict: null,
    rationale: "",
    note: "",
    author: alice,
    verdictBy: null,
    createdAt: "2026-11-20T10:00:00.000Z",
    updatedAt: "2026-11-20T10:00:00.000Z",
    sources: [],
    corrections: [],
    anchor: { status: "exact", revision: 1, score: 1 },
    reworded: null,
    ...rest,
  };
}

/** The first revision of an article added by `by` at `at`. */
function firstRevision(by: ReportPerson, at: string): ReportRevision {
  return { number: 1, createdAt: at, by, origin: "created", sourceUrl: null, added: 0, removed: 0, reanchor: null };
}

export const sampleArticle: ArticleReport = {
  article: {
    id: "a-sample",
    title: "Putin and Tokayev discuss efforts to “restore order” in Kazakhstan",
    publisher: "Example Wire",
    url: "https://news.example.org/kazakhstan/2022/01/08/putin-tokayev",
    publishedOn: "2022-01-08",
    text: SAMPLE_TEXT,
    createdAt: "2026-11-19T09:00:00.000Z",
    updatedAt: "2026-11-19T09:00:00.000Z",
    revision: 1,
    changedAfterReviewAt: null,
  },
  revisions: [firstRevision(editor, "2026-11-19T09:00:00.000Z")],
  claims: [
    claim(1, "on Saturday exchanged views", {
      statement: "Putin and Tokayev spoke on Saturday",
      status: "verdict_given",
      verdict: "true",
      rationale: "The Kremlin readout is dated Saturday 8 January 2022.",
      note: "Checked with the desk in Almaty.",
      verdictBy: { person: bob, at: "2026-11-20T11:00:00.000Z" },
      sources: [
        {
          id: "s1",
          url: "http://kremlin.ru/events/president/news/67551",
          title: "Телефонный разговор с Президентом Казахстана Касым-Жомартом Токаевым",
          publisher: "Президент России",
          quote: "Состоялся телефонный разговор Владимира Путина с Президентом Республики Казахстан Касым-Жомартом Токаевым.",
          stance: "supports",
          archivedUrl: "https://web.archive.org/web/20220108/http://kremlin.ru/events/president/news/67551",
          accessedOn: "2022-01-08",
        },
      ],
    }),
    claim(2, "reportedly sent a force of about 2,500 soldiers", {
      statement: "reportedly 2,500",
      status: "verdict_given",
      verdict: "mostly_true",
      rationale: "The CSTO said about 2,500 troops; <img src=x onerror=alert(1)> is how a careless page would break.",
      note: "Internal: awaiting the ministry's figure.",
      verdictBy: { person: alice, at: "2026-11-21T09:30:00.000Z" },
      updatedAt: "2026-11-21T09:30:00.000Z",
      sources: [
        {
          id: "s2",
          url: "https://en.odkb-csto.org/news/",
          title: "CSTO peacekeeping forces begin deployment",
          publisher: "CSTO",
          quote: "The total strength of the contingent is about 2,500 people.",
          stance: "supports",
          archivedUrl: null,
          accessedOn: "2022-01-09",
        },
        {
          id: "s3",
          url: "https://www.example.com/analysis?a=1&b=2",
          title: "=HYPERLINK(\"http://evil.example\")",
          publisher: "+Analysis",
          quote: "-Figures vary",
          stance: "context",
          archivedUrl: null,
          accessedOn: null,
        },
      ],
      corrections: [
        {
          from: "true",
          to: "mostly_true",
          reason: "The CSTO revised its count on 10 January: about 2,500 was an estimate, not a confirmed figure.",
          by: editor,
          at: "2026-11-21T09:30:00.000Z",
          seq: 42,
        },
      ],
    }),
    claim(3, "the situation in Kazakhstan is “stabilising”", {
      statement: "Tokayev: the situation is stabilising",
      status: "in_review",
      verdict: null,
    }),
  ],
  agreement: null,
  reviewers: [alice, bob, editor],
  reviewedAt: "2026-11-21T09:30:00.000Z",
  events: [],
};

export const bareArticle: ArticleReport = {
  article: {
    id: "a-bare",
    title: "An article with no URL or publisher",
    publisher: null,
    url: null,
    publishedOn: null,
    text: "The minister said unemployment fell to 4%.",
    createdAt: "2026-11-19T09:00:00.000Z",
    updatedAt: "2026-11-19T09:00:00.000Z",
    revision: 1,
    changedAfterReviewAt: null,
  },
  revisions: [firstRevision(bob, "2026-11-19T09:00:00.000Z")],
  claims: [
    {
      id: "c-bare",
      number: 1,
      ...anchorOf("The minister said unemployment fell to 4%.", "unemployment fell to 4%"),
      statement: "unemployment fell to 4%",
      status: "verdict_given",
      verdict: "misleading",
      rationale: "It fell to 4% only after the definition changed.",
      note: "",
      author: bob,
      verdictBy: { person: bob, at: "2026-11-22T08:00:00.000Z" },
      createdAt: "2026-11-22T07:00:00.000Z",
      updatedAt: "2026-11-22T08:00:00.000Z",
      sources: [],
      corrections: [],
      anchor: { status: "exact", revision: 1, score: 1 },
      reworded: null,
    },
  ],
  agreement: null,
  reviewers: [bob],
  reviewedAt: "2026-11-22T08:00:00.000Z",
  events: [],
};

export const sampleReport: Report = {
  meta: {
    audience: "internal",
    generatedAt: "2026-11-26T12:00:00.000Z",
    integrity: { events: 57, head: "ab".repeat(32) },
    publishing: {
      organizationName: "Example Fact Check Desk",
      organizationUrl: "https://factcheck.example.org",
      factCheckBaseUrl: "https://factcheck.example.org/checks",
      appBaseUrl: "https://desk.example.org",
    },
  },
  articles: [sampleArticle, bareArticle],
};

/** A reason with markup, Markdown, CSV and formula characters and a line break, for escaping tests. */
export const HOSTILE_REASON = `=Ministry said <script>alert("x")</script> & 'revised' *2,500* [then](javascript:alert(1)) | #3 _now_\n- new line`;

/**
 * The sample article alone, with claim 2's corrections replaced: each correction is the fixture's, with
 * the given changes (its reason, usually).
 */
export function sampleWithCorrections(...changes: Array<Partial<ReportCorrection>>): Report {
  const claims = sampleArticle.claims.map((c) => {
    const base = c.corrections[0];
    return base ? { ...c, corrections: changes.map((change, i) => ({ ...base, seq: base.seq + i, ...change })) } : c;
  });
  return { ...sampleReport, articles: [{ ...sampleArticle, claims }] };
}

/** Reviewers' agreement on the sample article in independent review: they differ on claims 1 and 3. */
export const SAMPLE_AGREEMENT: ReportAgreement = {
  claims: 3,
  reviewers: 2,
  percent: 33.3,
  alpha: { nominal: 0.41666, ordinal: null },
  disagreements: [1, 3],
};

/**
 * The sample article in independent review, for the given audience, carrying the agreement figures
 * (the renderers must show them only to the internal audience).
 */
export function sampleInIndependentReview(audience: Audience, agreement: ReportAgreement = SAMPLE_AGREEMENT): Report {
  return { ...sampleReport, meta: { ...sampleReport.meta, audience }, articles: [{ ...sampleArticle, agreement }] };
}

// ---------------------------------------------------------------------------------------------------
// A revised article

/** The revised article's current text (revision 3), canonical. */
export const REVISED_TEXT =
  "Updated on 2 December: the ministry corrected its figures.\n\n" +
  "The alliance said about 3,000 soldiers would be deployed to the region.\n\n" +
  "Officials said the troops would leave within days. Ministers met on Friday in Astana.";

/** The orphaned claim's quote: in revision 1, gone from the current text. */
export const GONE_QUOTE = "More than 4,200 people have been detained";

const REVISED_URL = "https://news.example.org/kazakhstan/2022/01/07/alliance-troops";

function revisedClaim(number: number, exact: string, rest: Partial<ReportClaim>): ReportClaim {
  return {
    id: `r${number}`,
    number,
    ...(rest.anchor?.status === "orphaned" ? { exact, prefix: "", suffix: "", start: 0, end: 0 } : anchorOf(REVISED_TEXT, exact)),
    statement: exact,
    status: "open",
    verdict: null,
    rationale: "",
    note: "",
    author: alice,
    verdictBy: null,
    createdAt: "2026-11-20T10:00:00.000Z",
    updatedAt: "2026-12-02T10:00:00.000Z",
    sources: [],
    corrections: [],
    anchor: { status: "exact", revision: 3, score: 1 },
    reworded: null,
    ...rest,
  };
}

/**
 * An article whose text changed twice: an edit by the editor, then the server's re-check of its page.
 * Claim 1's figure changed (fuzzy, 87% alike; its verdict was given on the earlier wording), claim 2's
 * sentence moved, claim 3 stayed in place, and claim 4's words are gone: its offsets are the stale ones
 * of revision 1 (0 to the quote's length), which in the current text would cover other words.
 */
export const revisedArticle: ArticleReport = {
  article: {
    id: "a-revised",
    title: "Alliance to send troops to Kazakhstan",
    publisher: "Example Wire",
    url: REVISED_URL,
    publishedOn: "2022-01-07",
    text: REVISED_TEXT,
    createdAt: "2026-11-19T09:00:00.000Z",
    updatedAt: "2026-12-02T10:00:00.000Z",
    revision: 3,
    changedAfterReviewAt: "2026-12-02T10:00:00.000Z",
  },
  revisions: [
    firstRevision(editor, "2026-11-19T09:00:00.000Z"),
    {
      number: 2,
      createdAt: "2026-11-25T08:15:00.000Z",
      by: editor,
      origin: "edit",
      sourceUrl: null,
      added: 5,
      removed: 1,
      reanchor: { exact: 4, moved: 0, fuzzy: 0, orphaned: 0 },
    },
    {
      number: 3,
      createdAt: "2026-12-02T10:00:00.000Z",
      by: null,
      origin: "recheck",
      sourceUrl: REVISED_URL,
      added: 12,
      removed: 4,
      reanchor: { exact: 1, moved: 1, fuzzy: 1, orphaned: 1 },
    },
  ],
  claims: [
    revisedClaim(1, "about 3,000 soldiers would be deployed", {
      statement: "The alliance is sending about 2,500 soldiers",
      status: "in_review",
      verdict: "mostly_true",
      rationale: "The CSTO said about 2,500 troops.",
      note: "Internal: recheck the new figure.",
      verdictBy: { person: bob, at: "2026-11-21T09:30:00.000Z" },
      anchor: { status: "fuzzy", revision: 3, score: 0.87 },
      reworded: { revision: 3, at: "2026-12-02T10:00:00.000Z" },
    }),
    revisedClaim(2, "the troops would leave within days", {
      status: "verdict_given",
      verdict: "true",
      rationale: "The ministry said so on 7 January.",
      verdictBy: { person: bob, at: "2026-11-21T09:40:00.000Z" },
      anchor: { status: "moved", revision: 3, score: 1 },
    }),
    revisedClaim(3, "Ministers met on Friday", {
      status: "verdict_given",
      verdict: "true",
      rationale: "The meeting is on the ministry's calendar.",
      verdictBy: { person: bob, at: "2026-11-21T09:50:00.000Z" },
    }),
    revisedClaim(4, GONE_QUOTE, {
      suffix: ", the interior ministry said.",
      start: 0,
      end: [...GONE_QUOTE].length,
      anchor: { status: "orphaned", revision: 3, score: 0 },
    }),
  ],
  agreement: null,
  reviewers: [alice, bob, editor],
  reviewedAt: "2026-11-21T09:50:00.000Z",
  events: [],
};

/** The revised article alone, for the given audience. */
export function revisedReport(audience: Audience = "internal"): Report {
  return { ...sampleReport, meta: { ...sampleReport.meta, audience }, articles: [revisedArticle] };
}
