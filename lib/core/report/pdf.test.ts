// Reads the rendered PDFs back with pdfjs-dist: the text a reader (or a search index) extracts, the page
// sizes, the page numbers and the link annotations, in A4 and US Letter.
import { beforeAll, describe, expect, it } from "vitest";
import { loadReportFonts } from "@/lib/server/report-fonts";
import {
  GONE_QUOTE,
  HOSTILE_REASON,
  bareArticle,
  revisedArticle,
  revisedReport,
  sampleArticle,
  sampleInIndependentReview,
  sampleReport,
  sampleWithCorrections,
} from "./fixtures";
import { renderReportPdf } from "./pdf";
import type { ReportClaim, Report } from "./report-data";
import { getVerdict, isVerdictId } from "../claim";

interface ReadPage {
  width: number;
  height: number;
  /** The page's text with all whitespace (line ends included) collapsed to single spaces. */
  text: string;
  links: string[];
}

interface ReadPdf {
  pages: ReadPage[];
  text: string;
  info: Record<string, unknown>;
}

async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  // pdfjs takes ownership of the buffer it is given, so hand it a copy.
  const doc = await pdfjs.getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: ReadPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
    const content = await page.getTextContent();
    const text = content.items
      .map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : ""))
      .join("")
      .replace(/\s+/g, " ");
    const annotations = (await page.getAnnotations()) as Array<{ subtype?: string; url?: string }>;
    const links = annotations.filter((a) => a.subtype === "Link" && a.url).map((a) => a.url ?? "");
    pages.push({ width: Math.round(x1 - x0), height: Math.round(y1 - y0), text, links });
  }
  const info = (await doc.getMetadata()).info as Record<string, unknown>;
  await doc.destroy();
  return { pages, text: pages.map((p) => p.text).join(" "), info };
}

/** Whitespace collapsed, as in extracted text (a quote may wrap across lines). */
function flat(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

const fonts = loadReportFonts();
const allClaims = sampleReport.articles.flatMap((a) => a.claims);

function publicVersion(report: Report): Report {
  // Notes and emails are left in on purpose: the renderer must leave them out by itself.
  return { ...report, meta: { ...report.meta, audience: "public" } };
}

function manyClaims(count: number): Report {
  const sentence = (i: number) => `Sentence ${i} reports that ${i * 3} thousand people attended the rally in the square.`;
  const text = Array.from({ length: count }, (_, i) => sentence(i)).join(" ");
  const template = sampleArticle.claims[1];
  if (!template) throw new Error("fixture lacks claim 2");
  let offset = 0;
  const claims: ReportClaim[] = Array.from({ length: count }, (_, i) => {
    const s = sentence(i);
    const claim: ReportClaim = {
      ...template,
      id: `many-${i}`,
      number: i + 1,
      start: offset,
      end: offset + s.length,
      exact: s,
      statement: s,
      corrections: [],
    };
    offset += s.length + 1;
    return claim;
  });
  return {
    ...sampleReport,
    articles: [{ ...sampleArticle, article: { ...sampleArticle.article, text }, claims }],
  };
}

describe("renderReportPdf", () => {
  let a4: ReadPdf;
  let letter: ReadPdf;
  let a4Bytes: Uint8Array;

  beforeAll(async () => {
    a4Bytes = await renderReportPdf(sampleReport, { pageSize: "A4", fonts });
    a4 = await readPdf(a4Bytes);
    letter = await readPdf(await renderReportPdf(sampleReport, { pageSize: "Letter", fonts }));
  });

  it("is a PDF in A4 and US Letter page sizes", () => {
    expect(new TextDecoder().decode(a4Bytes.slice(0, 5))).toBe("%PDF-");
    expect(a4.pages.length).toBeGreaterThan(1);
    for (const page of a4.pages) expect([page.width, page.height]).toEqual([595, 842]);
    for (const page of letter.pages) expect([page.width, page.height]).toEqual([612, 792]);
  });

  it("gives the same bytes for the same report and fonts", async () => {
    const again = await renderReportPdf(sampleReport, { pageSize: "A4", fonts });
    expect(Buffer.from(again).equals(Buffer.from(a4Bytes))).toBe(true);
  });

  it("numbers every page as 'Page N of M'", () => {
    for (const pdf of [a4, letter]) {
      const total = pdf.pages.length;
      pdf.pages.forEach((page, i) => expect(page.text).toContain(`Page ${i + 1} of ${total}`));
    }
  });

  it("holds every claim's quote, statement, verdict label and definition", () => {
    for (const pdf of [a4, letter]) {
      for (const claim of allClaims) {
        expect(pdf.text).toContain(flat(claim.exact));
        expect(pdf.text).toContain(flat(claim.statement));
        if (claim.verdict && isVerdictId(claim.verdict)) {
          const verdict = getVerdict(claim.verdict);
          expect(pdf.text).toContain(verdict.label);
          expect(pdf.text).toContain(flat(verdict.definition));
        }
      }
      expect(pdf.text).toContain("No verdict yet");
      expect(pdf.text).toContain("In review");
    }
  });

  it("keeps Cyrillic text, shows markup-like text literally and replaces characters the font lacks", () => {
    expect(a4.text).toContain("Телефонный разговор с Президентом Казахстана Касым-Жомартом Токаевым");
    expect(a4.text).toContain("Дети");
    expect(a4.text).toContain("<img src=x onerror=alert(1)>");
    expect(a4.text).not.toContain("😀");
  });

  it("shows the header, summary, corrections and integrity footer", () => {
    const text = a4.text;
    expect(text).toContain("Putin and Tokayev discuss efforts to “restore order” in Kazakhstan");
    expect(text).toContain("Example Wire");
    expect(text).toContain("8 January 2022");
    expect(text).toContain("Alice Reviewer (alice@example.com)");
    expect(text).toContain("3 claims marked; 1 still open");
    expect(text).toMatch(/Claim 2 True Mostly true Eddie Editor/);
    expect(text).toContain("ab".repeat(32));
    expect(text).toMatch(/audit log held 57 events/);
  });

  it("gives each correction's reason under its row, and counts a claim's corrections", () => {
    const reason = sampleArticle.claims[1]!.corrections[0]!.reason;
    expect(a4.text).toContain(`Claim 2 True Mostly true Eddie Editor (editor@example.com) 21 November 2026, 09:30 UTC Reason: ${reason}`);
    expect(letter.text).toContain(`Reason: ${reason}`);
    expect(a4.text).toContain("Corrections 1 correction, listed under Corrections");
    expect(a4.text).not.toContain("verdict change");
  });

  it("shows a long or markup-like reason whole and as text, in public reports too", async () => {
    const long = `${"The ministry published a revised figure after the count was checked against regional reports. ".repeat(6)}End.`;
    const report = publicVersion(sampleWithCorrections({ reason: HOSTILE_REASON }, { reason: long }, { reason: "" }));
    const pdf = await readPdf(await renderReportPdf(report, { pageSize: "A4", fonts }));
    expect(pdf.text).toContain(`Reason: ${flat(HOSTILE_REASON)}`);
    expect(pdf.text).toContain(`Reason: ${flat(long)}`);
    expect(pdf.text.match(/Reason: /g)).toHaveLength(2);
    expect(pdf.text).toContain("Corrections 3 corrections, listed under Corrections");
  });

  it("shows reviewers' agreement after the summary in internal reports of an article in independent review only", async () => {
    const internal = await readPdf(await renderReportPdf(sampleInIndependentReview("internal"), { pageSize: "A4", fonts }));
    expect(internal.text).toContain(
      "Agreement between reviewers 3 claims assessed by two or more of 2 reviewers · agreement 33.3% · Krippendorff's alpha: nominal 0.42, ordinal not defined Reviewers disagree on claims 1, 3.",
    );
    expect(internal.text.indexOf("3 claims marked; 1 still open")).toBeLessThan(internal.text.indexOf("Agreement between reviewers"));
    const open = await readPdf(await renderReportPdf(sampleInIndependentReview("public"), { pageSize: "A4", fonts }));
    expect(open.text).not.toContain("Agreement between reviewers");
    expect(open.text).not.toContain("Krippendorff");
    expect(a4.text).not.toContain("Agreement between reviewers");
  });

  it("says so when no approved verdict was corrected", async () => {
    const pdf = await readPdf(await renderReportPdf({ ...sampleReport, articles: [bareArticle] }, { pageSize: "A4", fonts }));
    expect(pdf.text).toContain("Corrections No approved verdict was corrected.");
    expect(a4.text.match(/No approved verdict was corrected\./g)).toHaveLength(1);
  });

  it("keeps links clickable as URI link annotations", () => {
    for (const pdf of [a4, letter]) {
      const links = new Set(pdf.pages.flatMap((p) => p.links));
      expect(links).toContain(sampleArticle.article.url);
      for (const source of allClaims.flatMap((c) => c.sources)) {
        expect(links).toContain(new URL(source.url).href);
        if (source.archivedUrl) expect(links).toContain(source.archivedUrl);
      }
    }
  });

  it("sets the document's title, author and creation date", () => {
    expect(a4.info.Title).toBe("Review report: 2 articles");
    expect(a4.info.Author).toBe("Example Fact Check Desk");
    expect(String(a4.info.CreationDate)).toContain("20261126120000");
  });

  it("leaves internal notes and emails out of the public report", async () => {
    const pdf = await readPdf(await renderReportPdf(publicVersion(sampleReport), { pageSize: "A4", fonts }));
    expect(pdf.text).toContain("Alice Reviewer");
    expect(pdf.text).not.toContain("Checked with the desk in Almaty");
    expect(pdf.text).not.toContain("awaiting the ministry");
    expect(pdf.text).not.toContain("Internal note");
    expect(pdf.text).not.toMatch(/@example\.com/);
    expect(pdf.text).toContain("Public report");
  });

  it("invents nothing for an article without URL or publisher", async () => {
    const report: Report = { ...sampleReport, articles: [bareArticle] };
    const pdf = await readPdf(await renderReportPdf(report, { pageSize: "Letter", fonts }));
    expect(pdf.text).toContain("An article with no URL or publisher");
    expect(pdf.text).not.toContain("Publisher");
    expect(pdf.text).not.toContain("Published");
    expect(pdf.text).not.toMatch(/null|undefined/);
    expect(pdf.pages.flatMap((p) => p.links)).toEqual([]);
  });

  it("spreads 300 claims over many numbered pages", async () => {
    const report = manyClaims(300);
    const pdf = await readPdf(await renderReportPdf(report, { pageSize: "A4", fonts }));
    expect(pdf.pages.length).toBeGreaterThan(20);
    pdf.pages.forEach((page, i) => expect(page.text).toContain(`Page ${i + 1} of ${pdf.pages.length}`));
    expect(pdf.text).toContain(flat(report.articles[0]?.claims[299]?.exact ?? "missing"));
    expect(pdf.pages.flatMap((p) => p.links).length).toBeGreaterThanOrEqual(600);
  });
});

describe("renderReportPdf: a revised article", () => {
  let internal: ReadPdf;
  let open: ReadPdf;

  beforeAll(async () => {
    internal = await readPdf(await renderReportPdf(revisedReport("internal"), { pageSize: "A4", fonts }));
    open = await readPdf(await renderReportPdf(revisedReport("public"), { pageSize: "Letter", fonts }));
  });

  it("says under the title that the text changed after review, and gives the current revision", () => {
    expect(internal.text).toContain(
      "Alliance to send troops to Kazakhstan Changed after review on 2 December 2026, 10:00 UTC. The article's text changed after claims in it had been reviewed; each claim the change touched says so below. Publisher Example Wire",
    );
    expect(internal.text).toContain("Text Revision 3");
  });

  it("lists every revision, oldest first, between the summary and the article text, with the page it was read from", () => {
    const url = revisedArticle.article.url!;
    expect(internal.text).toContain(
      "Revisions " +
        "Revision 1 · 19 November 2026, 09:00 UTC · added by Eddie Editor (editor@example.com) " +
        "Revision 2 · 25 November 2026, 08:15 UTC · edited by Eddie Editor (editor@example.com) · 5 words added, 1 removed · claims: all in place " +
        `Revision 3 · 2 December 2026, 10:00 UTC · re-check of the web page by the server · 12 words added, 4 removed · claims: 1 moved, 1 changed, 1 gone · from ${url} ` +
        "Article text",
    );
    expect(internal.text.indexOf("4 claims marked; 2 still open")).toBeLessThan(internal.text.indexOf("Revisions Revision 1"));
    expect(internal.pages.flatMap((p) => p.links)).toContain(url);
  });

  it("says under each claim whose words moved or changed what happened, and that a verdict was given on an earlier wording", () => {
    expect(internal.text).toContain(
      "“about 3,000 soldiers would be deployed” Its words changed in revision 3 (87% alike). The verdict was given on an earlier wording, before revision 3. Statement",
    );
    expect(internal.text).toContain("“the troops would leave within days” Its words moved in revision 3. Verdict True");
    expect(internal.text).toContain("“Ministers met on Friday” Verdict True");
  });

  it("lists the claim whose words are gone apart, after the placed ones, with no marker in the article text", () => {
    const text = internal.text;
    const heading = text.indexOf("Claims whose text is gone The words of these claims are no longer in the article's current text");
    expect(heading).toBeGreaterThan(text.indexOf("“Ministers met on Friday”"));
    expect(heading).toBeLessThan(text.indexOf(`“${GONE_QUOTE}” Its words are gone from the article's current text (revision 3).`));
    expect(heading).toBeLessThan(text.lastIndexOf("Corrections No approved verdict was corrected."));
    expect(text.indexOf(GONE_QUOTE)).toBeGreaterThan(heading);
    const articleText = text.slice(text.indexOf("Article text"), text.indexOf("Claims 1 "));
    expect(articleText).toContain("Updated on 2 December: the ministry corrected its figures.");
    expect(articleText).toMatch(/\[1\][\s\S]*\[2\][\s\S]*\[3\]/);
    expect(articleText).not.toContain("[4]");
  });

  it("keeps revision authors' emails out of the public report", () => {
    expect(open.text).toContain("Revision 2 · 25 November 2026, 08:15 UTC · edited by Eddie Editor · 5 words added");
    expect(open.text).not.toMatch(/@example\.com/);
    expect(open.text).toContain("Claims whose text is gone");
  });

  it("lists no revisions for an article whose text never changed", async () => {
    const pdf = await readPdf(await renderReportPdf({ ...sampleReport, articles: [sampleArticle] }, { pageSize: "A4", fonts }));
    expect(pdf.text).not.toContain("Revision");
    expect(pdf.text).not.toContain("Changed after review");
    expect(pdf.text).not.toContain("Claims whose text is gone");
  });
});
