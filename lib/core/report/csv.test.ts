// Tests for the CSV export: RFC 4180 round trip, inert formula cells, audiences.

import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CSV_BOM, CSV_COLUMNS, csvCell, inertCell, toCsv } from "./csv";
import { GONE_QUOTE, revisedReport, sampleReport } from "./fixtures";
import type { Report } from "./report-data";

const publicReport: Report = { ...sampleReport, meta: { ...sampleReport.meta, audience: "public" } };

function rows(csv: string): string[][] {
  const parsed: string[][] = parse(csv, { bom: true, relax_column_count: false });
  return parsed;
}

function records(csv: string): Record<string, string>[] {
  return parse<Record<string, string>>(csv, { bom: true, columns: true });
}

describe("toCsv", () => {
  it("starts with a BOM, ends records with CRLF and has a header and one row per claim", () => {
    const csv = toCsv(sampleReport);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const [header, ...body] = rows(csv);
    expect(header).toEqual(CSV_COLUMNS.map((c) => c.name));
    expect(body).toHaveLength(4);
    expect(body.every((r) => r.length === header?.length)).toBe(true);
  });

  it("parses back to the report's values", () => {
    const recs = records(toCsv(sampleReport));
    const first = recs[0];
    expect(first).toMatchObject({
      article_id: "a-sample",
      claim_number: "1",
      quote: "on Saturday exchanged views",
      verdict: "true",
      verdict_label: "True",
      status: "Verdict given",
      note: "Checked with the desk in Almaty.",
      source_count: "1",
      source_urls: "http://kremlin.ru/events/president/news/67551",
      reviewer: "Bob Reviewer",
      reviewer_email: "bob@example.com",
      verdict_at: "2026-11-20T11:00:00.000Z",
      created_at: "2026-11-20T10:00:00.000Z",
    });
    const claim1 = sampleReport.articles[0]?.claims[0];
    expect(first?.start).toBe(String(claim1?.start));
    expect(first?.end).toBe(String(claim1?.end));
    expect(recs[1]?.source_urls?.split("\n")).toEqual(["https://en.odkb-csto.org/news/", "https://www.example.com/analysis?a=1&b=2"]);
    expect(recs[2]).toMatchObject({ verdict: "", verdict_label: "", reviewer: "", verdict_at: "", status: "In review" });
    expect(recs[3]).toMatchObject({ article_id: "a-bare", article_url: "", verdict_label: "Misleading" });
    expect(recs[1]?.rationale).toBe(sampleReport.articles[0]?.claims[1]?.rationale);
  });

  it("round-trips multi-line, quoted and non-Latin text", () => {
    const article = sampleReport.articles[0];
    const claim = article?.claims[0];
    if (!article || !claim) throw new Error("fixture");
    const rationale = 'Line one, with "quotes".\r\nLine two\n\nLine four — Дети 😀';
    const report: Report = { ...sampleReport, articles: [{ ...article, claims: [{ ...claim, rationale }] }] };
    expect(records(toCsv(report))[0]?.rationale).toBe(rationale);
  });

  it("makes formula cells inert", () => {
    const csv = toCsv(sampleReport);
    expect(records(csv)[1]?.source_titles?.split("\n")).toEqual([
      "CSTO peacekeeping forces begin deployment",
      `'=HYPERLINK("http://evil.example")`,
    ]);
    for (const row of rows(csv)) {
      for (const cell of row) expect(cell).not.toMatch(/^(?:[\t\r]|\s*[=+\-@])/);
    }
    const article = sampleReport.articles[0];
    const claim = article?.claims[0];
    if (!article || !claim) throw new Error("fixture");
    const evil: Report = {
      ...sampleReport,
      articles: [{ ...article, claims: [{ ...claim, statement: "=cmd|' /C calc'!A0", rationale: "+1", exact: "-2", note: "@x" }] }],
    };
    expect(records(toCsv(evil))[0]).toMatchObject({ statement: "'=cmd|' /C calc'!A0", rationale: "'+1", quote: "'-2", note: "'@x" });
    expect(inertCell("=1+1")).toBe("'=1+1");
    expect(inertCell("+Analysis")).toBe("'+Analysis");
    expect(inertCell("-Figures vary")).toBe("'-Figures vary");
    expect(inertCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(inertCell("\tx")).toBe("'\tx");
    expect(inertCell("\rx")).toBe("'\rx");
    expect(inertCell("  =cmd")).toBe("'  =cmd");
    expect(inertCell("\u00a0=cmd")).toBe("'\u00a0=cmd");
    expect(inertCell("\uFF1Dcmd")).toBe("'\uFF1Dcmd");
    expect(inertCell("a = b")).toBe("a = b");
    expect(inertCell("2,500")).toBe("2,500");
  });

  it("never lets a cell start a formula or break the row structure (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const parsed = rows(`${csvCell(text)}\r\n`);
        expect(parsed).toHaveLength(1);
        const cell = parsed[0]?.[0] ?? "";
        expect(cell).not.toMatch(/^(?:[\t\r]|\s*[=+\-@])/);
        expect(cell === text || cell === `'${text}`).toBe(true);
      }),
    );
  });

  it("leaves the note and email columns out of the public report, and every email", () => {
    const csv = toCsv(publicReport);
    const [header] = rows(csv);
    expect(header).not.toContain("note");
    expect(header).not.toContain("reviewer_email");
    expect(header).toContain("reviewer");
    expect(csv).not.toMatch(/@example\.com/);
    expect(csv).not.toContain("Almaty");
    expect(records(csv)[0]?.reviewer).toBe("Bob Reviewer");
  });

  it("puts each source on one line of a list cell, a line break inside an item becoming one space", () => {
    const article = sampleReport.articles[0];
    const claim = article?.claims[1];
    if (!article || !claim) throw new Error("fixture");
    const [s1, s2] = claim.sources;
    if (!s1 || !s2) throw new Error("fixture");
    const sources = [
      { ...s1, title: "First\r\nline", url: "https://a.example/\n" },
      { ...s2, title: "Second\n\n\nline\rend", url: "https://b.example/" },
    ];
    const report: Report = { ...sampleReport, articles: [{ ...article, claims: [{ ...claim, sources }] }] };
    const rec = records(toCsv(report))[0];
    expect(rec?.source_titles).toBe("First line\nSecond line end");
    expect(rec?.source_urls).toBe("https://a.example/ \nhttps://b.example/");
  });

  it("leaves the reviewer cells empty when the verdict's author is unknown", () => {
    const article = sampleReport.articles[0];
    const claim = article?.claims[0];
    if (!article || !claim) throw new Error("fixture");
    const report: Report = {
      ...sampleReport,
      articles: [{ ...article, claims: [{ ...claim, verdictBy: { person: null, at: "2026-11-20T11:00:00.000Z" } }] }],
    };
    expect(records(toCsv(report))[0]).toMatchObject({
      reviewer: "",
      reviewer_email: "",
      verdict_at: "2026-11-20T11:00:00.000Z",
      verdict: "true",
      verdict_label: "True",
    });
  });

  it("appends where each claim stands in the current text, and whether it was reviewed on an earlier wording", () => {
    const [header] = rows(toCsv(sampleReport));
    expect(header?.slice(-5)).toEqual(["anchor_status", "anchor_revision", "anchor_score", "reworded_revision", "reworded_at"]);
    expect(header?.slice(0, -5)).toEqual(CSV_COLUMNS.slice(0, -5).map((c) => c.name));
    expect(header?.indexOf("updated_at")).toBe((header?.length ?? 0) - 6);
    expect(records(toCsv(sampleReport))[0]).toMatchObject({ anchor_status: "exact", anchor_revision: "1", anchor_score: "1", reworded_revision: "", reworded_at: "" });

    for (const audience of ["internal", "public"] as const) {
      const recs = records(toCsv(revisedReport(audience)));
      expect(recs.map((r) => [r.claim_number, r.anchor_status, r.anchor_revision, r.anchor_score, r.reworded_revision, r.reworded_at])).toEqual([
        ["1", "fuzzy", "3", "0.87", "3", "2026-12-02T10:00:00.000Z"],
        ["2", "moved", "3", "1", "", ""],
        ["3", "exact", "3", "1", "", ""],
        ["4", "orphaned", "3", "0", "", ""],
      ]);
    }
  });

  it("lists the claim whose words are gone last, without its stale offsets", () => {
    const report = revisedReport("public");
    const recs = records(toCsv(report));
    const claims = report.articles[0]!.claims;
    expect(recs[3]).toMatchObject({ claim_number: "4", quote: GONE_QUOTE, start: "", end: "" });
    expect(recs.slice(0, 3).map((r) => [r.start, r.end])).toEqual(claims.slice(0, 3).map((c) => [String(c.start), String(c.end)]));
    expect(toCsv(report)).not.toMatch(/@example\.com/);
  });

  it("writes 1,000 claims with 3,000 sources, one row per claim", () => {
    const report = bigReport();
    const csv = toCsv(report);
    expect(rows(csv)).toHaveLength(1001);
  });
});

function bigReport(): Report {
  const article = sampleReport.articles[0];
  const claim = article?.claims[1];
  if (!article || !claim) throw new Error("fixture");
  const claims = Array.from({ length: 1000 }, (_, i) => ({
    ...claim,
    id: `c${i}`,
    number: i + 1,
    sources: Array.from({ length: 3 }, (_, j) => ({ ...claim.sources[0]!, id: `s${i}-${j}` })),
  }));
  return { ...sampleReport, articles: [{ ...article, claims }] };
}
