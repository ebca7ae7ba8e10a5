import { describe, expect, it } from "vitest";
import { parseAnnotationImport, planImport } from "../annotation-import";
import { bareArticle, GONE_QUOTE, REVISED_TEXT, revisedArticle, SAMPLE_TEXT, sampleArticle, sampleReport } from "./fixtures";
import type { ArticleReport, Audience, Report, ReportClaim } from "./report-data";
import { ANNO_CONTEXT, PROJECT_CONTEXT, PROJECT_NAMESPACE, toAnnotationCollection } from "./web-annotation";

type Json = Record<string, unknown>;

function reportFor(audience: Audience, publishing: Partial<Report["meta"]["publishing"]> = {}): Report {
  return {
    ...sampleReport,
    meta: { ...sampleReport.meta, audience, publishing: { ...sampleReport.meta.publishing, ...publishing } },
  };
}

/** The export as a consumer sees it: plain JSON. */
function exportJson(report: Report, article: ArticleReport): Json {
  return JSON.parse(JSON.stringify(toAnnotationCollection(report, article))) as Json;
}

function itemsOf(collection: Json): Json[] {
  return (collection.first as Json).items as Json[];
}

function bodiesOf(annotation: Json): Json[] {
  return (annotation.body as Json[] | undefined) ?? [];
}

function byPurpose(annotation: Json, purpose: string): Json[] {
  return bodiesOf(annotation).filter((b) => b.purpose === purpose);
}

/** Every value in a JSON tree, with its path. */
function leaves(x: unknown, at = "$"): { path: string; value: unknown }[] {
  if (Array.isArray(x)) return x.flatMap((v, i) => leaves(v, `${at}[${i}]`));
  if (typeof x === "object" && x !== null) return Object.entries(x).flatMap(([k, v]) => leaves(v, `${at}.${k}`));
  return [{ path: at, value: x }];
}

describe("toAnnotationCollection: shape", () => {
  const collection = exportJson(reportFor("internal"), sampleArticle);
  const items = itemsOf(collection);

  it("is an AnnotationCollection with its annotations embedded in the first page", () => {
    expect(collection["@context"]).toEqual([ANNO_CONTEXT, PROJECT_CONTEXT]);
    expect(collection.id).toBe("https://desk.example.org/api/v1/articles/a-sample/report?format=w3c");
    expect(collection.type).toBe("AnnotationCollection");
    expect(collection.label).toBe(sampleArticle.article.title);
    expect(collection.total).toBe(3);
    expect(collection.first).toMatchObject({ type: "AnnotationPage", startIndex: 0 });
    expect(items).toHaveLength(3);
  });

  it("gives each annotation its own context, IRI id, motivation, creator and times", () => {
    sampleArticle.claims.forEach((claim, i) => {
      const annotation = items[i];
      expect(annotation).toMatchObject({
        "@context": [ANNO_CONTEXT, PROJECT_CONTEXT],
        id: `https://desk.example.org/api/v1/claims/${claim.id}`,
        type: "Annotation",
        motivation: "assessing",
        creator: { id: `https://desk.example.org/users/${claim.author.id}`, type: "Person", name: claim.author.name },
        created: claim.createdAt,
        modified: claim.updatedAt,
        statement: claim.statement,
        claimStatus: claim.status,
        claimNumber: claim.number,
      });
    });
  });

  it("targets the article's URL with a quote and a position selector", () => {
    const claim = sampleArticle.claims[1] as ReportClaim;
    expect(items[1]?.target).toEqual({
      type: "SpecificResource",
      source: sampleArticle.article.url,
      selector: [
        { type: "TextQuoteSelector", exact: claim.exact, prefix: claim.prefix, suffix: claim.suffix },
        { type: "TextPositionSelector", start: claim.start, end: claim.end },
      ],
    });
  });

  it("carries the verdict for people (assessing) and for machines (classifying)", () => {
    const first = items[0] as Json;
    expect(byPurpose(first, "assessing")).toEqual([
      {
        type: "TextualBody",
        purpose: "assessing",
        value: "True: The Kremlin readout is dated Saturday 8 January 2022.",
        format: "text/plain",
        rationale: "The Kremlin readout is dated Saturday 8 January 2022.",
      },
    ]);
    expect(byPurpose(first, "classifying")).toEqual([{ type: "TextualBody", purpose: "classifying", value: "true" }]);
    expect(byPurpose(items[1] as Json, "classifying")).toEqual([
      { type: "TextualBody", purpose: "classifying", value: "mostly_true" },
    ]);
  });

  it("gives a claim without a verdict no classifying body, and keeps its rationale if any", () => {
    expect(byPurpose(items[2] as Json, "classifying")).toEqual([]);
    expect(byPurpose(items[2] as Json, "assessing")).toEqual([]);
    const withRationale: ArticleReport = {
      ...sampleArticle,
      claims: [{ ...(sampleArticle.claims[2] as ReportClaim), rationale: "Waiting for the ministry." }],
    };
    const [annotation] = itemsOf(exportJson(reportFor("public"), withRationale));
    expect(byPurpose(annotation as Json, "classifying")).toEqual([]);
    expect(byPurpose(annotation as Json, "assessing")).toEqual([
      { type: "TextualBody", purpose: "assessing", value: "Waiting for the ministry.", format: "text/plain", rationale: "Waiting for the ministry." },
    ]);
  });

  it("links each source with its quote, archived copy and project terms", () => {
    expect(byPurpose(items[0] as Json, "linking")).toEqual([
      {
        type: "SpecificResource",
        purpose: "linking",
        source: "http://kremlin.ru/events/president/news/67551",
        selector: {
          type: "TextQuoteSelector",
          exact: "Состоялся телефонный разговор Владимира Путина с Президентом Республики Казахстан Касым-Жомартом Токаевым.",
        },
        state: {
          type: "TimeState",
          cached: "https://web.archive.org/web/20220108/http://kremlin.ru/events/president/news/67551",
          sourceDate: "2022-01-08T00:00:00Z",
        },
        sourceTitle: "Телефонный разговор с Президентом Казахстана Касым-Жомартом Токаевым",
        sourcePublisher: "Президент России",
        stance: "supports",
        accessedOn: "2022-01-08",
      },
    ]);
    const [csto, analysis] = byPurpose(items[1] as Json, "linking");
    expect(csto).not.toHaveProperty("state");
    expect(csto).toMatchObject({ accessedOn: "2022-01-09", stance: "supports" });
    expect(analysis).toMatchObject({ source: "https://www.example.com/analysis?a=1&b=2", stance: "context" });
    expect(analysis).not.toHaveProperty("accessedOn");
  });

  it("links an archived copy without an access date without a TimeState (which needs a date)", () => {
    const claim = sampleArticle.claims[0] as ReportClaim;
    const article: ArticleReport = {
      ...sampleArticle,
      claims: [{ ...claim, sources: claim.sources.map((s) => ({ ...s, accessedOn: null })) }],
    };
    const [source] = byPurpose(itemsOf(exportJson(reportFor("public"), article))[0] as Json, "linking");
    expect(source).not.toHaveProperty("state");
    expect(source?.archivedCopy).toBe(claim.sources[0]?.archivedUrl);
  });

  it("writes non-ASCII links as URIs", () => {
    const claim = sampleArticle.claims[0] as ReportClaim;
    const article: ArticleReport = {
      ...sampleArticle,
      article: { ...sampleArticle.article, url: "https://пример.рф/новости/1" },
      claims: [{ ...claim, sources: [{ ...(claim.sources[0] as ReportClaim["sources"][number]), url: "https://ru.wikipedia.org/wiki/Казахстан" }] }],
    };
    const [annotation] = itemsOf(exportJson(reportFor("public"), article));
    expect((annotation?.target as Json).source).toBe("https://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/1");
    expect(byPurpose(annotation as Json, "linking")[0]?.source).toBe(
      "https://ru.wikipedia.org/wiki/%D0%9A%D0%B0%D0%B7%D0%B0%D1%85%D1%81%D1%82%D0%B0%D0%BD",
    );
  });

  it("maps every project term to an IRI in the project namespace", () => {
    for (const [term, definition] of Object.entries(PROJECT_CONTEXT)) {
      if (term === "fc" || term === "xsd") continue;
      const id = typeof definition === "string" ? definition : definition["@id"];
      expect(id).toMatch(/^fc:[a-zA-Z]+$/);
    }
    expect(PROJECT_CONTEXT.fc).toBe(PROJECT_NAMESPACE);
    expect(() => new URL(PROJECT_NAMESPACE)).not.toThrow();
  });
});

describe("toAnnotationCollection: audiences", () => {
  const internal = exportJson(reportFor("internal"), sampleArticle);
  const publicReport: Report = {
    ...reportFor("public"),
    // A public report is assembled without notes; the export must not rely on that alone.
  };
  const publicExport = exportJson(publicReport, sampleArticle);

  it("puts the internal note only in internal reports, marked internal", () => {
    expect(byPurpose(itemsOf(internal)[0] as Json, "commenting")).toEqual([
      { type: "TextualBody", purpose: "commenting", value: "Checked with the desk in Almaty.", format: "text/plain", internal: true },
    ]);
    for (const annotation of itemsOf(publicExport)) expect(byPurpose(annotation, "commenting")).toEqual([]);
    const text = JSON.stringify(publicExport);
    expect(text).not.toContain("Almaty");
    expect(text).not.toContain("awaiting the ministry");
  });

  it("carries no email in either audience", () => {
    for (const collection of [internal, publicExport]) {
      expect(JSON.stringify(collection)).not.toMatch(/@example\.com|mbox|email/);
    }
  });
});

describe("toAnnotationCollection: the bare article", () => {
  const collection = exportJson(reportFor("public"), bareArticle);
  const [annotation] = itemsOf(collection);

  it("targets the article's page in this app under the public base URL", () => {
    expect((annotation?.target as Json).source).toBe("https://desk.example.org/articles/a-bare");
    const trailing = exportJson(reportFor("public", { appBaseUrl: "https://desk.example.org/" }), bareArticle);
    expect(trailing.id).toBe("https://desk.example.org/api/v1/articles/a-bare/report?format=w3c");
    expect((itemsOf(trailing)[0]?.target as Json).source).toBe("https://desk.example.org/articles/a-bare");
  });

  it("invents nothing: no nulls, no empty strings, no publisher or date", () => {
    for (const { path, value } of leaves(collection)) {
      expect({ path, value }).not.toEqual({ path, value: null });
      expect({ path, value }).not.toEqual({ path, value: "" });
    }
    // Outside the @context (which defines every term whether used or not).
    const text = JSON.stringify(collection, (key, value: unknown) => (key === "@context" ? undefined : value));
    expect(text).not.toMatch(/"(publisher|sourcePublisher|publishedOn|sourceDate|stance|linking)"/);
    expect(bodiesOf(annotation as Json).map((b) => b.purpose)).toEqual(["assessing", "classifying"]);
  });
});

describe("round trip: export, import, place in the same text", () => {
  function claimFields(c: ReportClaim, audience: Audience) {
    return {
      exact: c.exact,
      prefix: c.prefix,
      suffix: c.suffix,
      start: c.start,
      end: c.end,
      statement: c.statement,
      status: c.status,
      verdict: c.verdict,
      rationale: c.rationale,
      note: audience === "internal" ? (c.note ?? "") : "",
      sources: c.sources.map(({ id: _id, ...rest }) => rest),
    };
  }

  for (const audience of ["internal", "public"] as const) {
    for (const article of [sampleArticle, bareArticle]) {
      it(`${audience} ${article.article.id}: same spans, statements, verdicts, rationales and sources`, () => {
        const parsed = parseAnnotationImport(exportJson(reportFor(audience), article));
        expect(parsed.format).toBe("w3c");
        expect(parsed.skipped).toEqual([]);
        expect(parsed.warnings).toEqual([]);
        const plan = planImport(article.article.text, parsed.items);
        expect(plan.counts).toEqual({ exact: article.claims.length, fuzzy: 0, unplaced: 0 });
        expect(plan.placed.map((p) => p.method)).toEqual(article.claims.map(() => "position"));
        const back = plan.placed.map((p) => ({
          exact: p.exact,
          prefix: p.prefix,
          suffix: p.suffix,
          start: p.start,
          end: p.end,
          statement: p.statement,
          status: p.status,
          verdict: p.verdict ?? null,
          rationale: p.rationale ?? "",
          note: p.note ?? "",
          sources: p.sources,
        }));
        expect(back).toEqual(article.claims.map((c) => claimFields(c, audience)));
        expect(plan.placed.map((p) => p.sourceId)).toEqual(
          article.claims.map((c) => `https://desk.example.org/api/v1/claims/${c.id}`),
        );
      });
    }
  }

  it("into an article whose text gained a first paragraph, placing by quote", () => {
    const text = `Editor's note: this story was updated.\n\n${SAMPLE_TEXT}`;
    const parsed = parseAnnotationImport(exportJson(reportFor("internal"), sampleArticle));
    const plan = planImport(text, parsed.items);
    expect(plan.counts).toEqual({ exact: 3, fuzzy: 0, unplaced: 0 });
    expect(plan.placed.map((p) => p.method)).toEqual(["quote", "quote", "quote"]);
    const shift = [..."Editor's note: this story was updated.\n\n"].length;
    expect(plan.placed.map((p) => p.start)).toEqual(sampleArticle.claims.map((c) => c.start + shift));
  });
});

describe("toAnnotationCollection: a revised article", () => {
  const items = itemsOf(exportJson(reportFor("public"), revisedArticle));

  it("gives a claim whose words are gone its quote but no position: its offsets do not fit the current text", () => {
    const gone = items[3] as Json;
    expect(gone.claimNumber).toBe(4);
    expect((gone.target as Json).selector).toEqual([{ type: "TextQuoteSelector", exact: GONE_QUOTE, suffix: ", the interior ministry said." }]);
    expect(JSON.stringify(gone)).not.toContain("TextPositionSelector");
  });

  it("keeps the position of claims that moved or changed, at their place in the current text", () => {
    for (const [i, claim] of revisedArticle.claims.slice(0, 3).entries()) {
      const selectors = (items[i]?.target as Json).selector as Json[];
      expect(selectors[1]).toEqual({ type: "TextPositionSelector", start: claim.start, end: claim.end });
      expect([...REVISED_TEXT].slice(claim.start, claim.end).join("")).toBe(claim.exact);
    }
  });

  it("imports back into the current text: the placed claims by position, the gone one left unplaced", () => {
    const parsed = parseAnnotationImport(exportJson(reportFor("internal"), revisedArticle));
    expect(parsed.skipped).toEqual([]);
    expect(parsed.warnings).toEqual([]);
    const plan = planImport(REVISED_TEXT, parsed.items);
    expect(plan.counts).toEqual({ exact: 3, fuzzy: 0, unplaced: 1 });
    expect(plan.placed.map((p) => [p.method, p.start, p.end])).toEqual(revisedArticle.claims.slice(0, 3).map((c) => ["position", c.start, c.end]));
  });
});
