import { beforeEach, describe, expect, it } from "vitest";
import { describeSpan } from "./anchoring";
import {
  type ImportedAnnotation,
  MAX_IMPORT_ANNOTATIONS,
  MAX_IMPORT_CONTEXT,
  MAX_IMPORT_QUOTE,
  parseAnnotationImport,
  planImport,
  toVerdictId,
} from "./annotation-import";
import { SAMPLE_TEXT, sampleArticle, sampleReport } from "./report/fixtures";
import { PROJECT_NAMESPACE, toAnnotationCollection } from "./report/web-annotation";
import { codePointLength, sliceCp } from "./text";

const PAGE = "https://news.example.org/kazakhstan/2022/01/08/putin-tokayev";

/** Code-point span of `quote` in SAMPLE_TEXT. */
function spanOf(quote: string): { start: number; end: number } {
  const index = SAMPLE_TEXT.indexOf(quote);
  if (index < 0) throw new Error(`not in the sample: ${quote}`);
  const start = codePointLength(SAMPLE_TEXT.slice(0, index));
  return { start, end: start + codePointLength(quote) };
}

// Hypothesis's export file, in the shape its client writes (export_date, annotations[] with
// target[].selector[] holding RangeSelector, TextPositionSelector and TextQuoteSelector). Positions
// count characters of the web page, whose text starts with a headline our article text lacks.
const HEADLINE_SHIFT = 66;
function hypothesisSelectors(quote: string, exact = quote) {
  const span = spanOf(quote);
  const anchor = describeSpan(SAMPLE_TEXT, span.start, span.end);
  return [
    {
      type: "RangeSelector",
      endOffset: 120,
      startOffset: 45,
      endContainer: "/main[1]/article[1]/p[2]",
      startContainer: "/main[1]/article[1]/p[2]",
    },
    { type: "TextPositionSelector", start: span.start + HEADLINE_SHIFT, end: span.end + HEADLINE_SHIFT },
    { type: "TextQuoteSelector", exact, prefix: anchor.prefix, suffix: anchor.suffix },
  ];
}

function hypothesisAnnotation(id: string, rest: Record<string, unknown>) {
  return {
    id,
    created: "2026-11-18T14:02:11.123456+00:00",
    updated: "2026-11-18T14:02:11.123456+00:00",
    user: "acct:carol@hypothes.is",
    uri: PAGE,
    text: "",
    tags: [],
    group: "__world__",
    permissions: { read: ["group:__world__"], admin: ["acct:carol@hypothes.is"], update: ["acct:carol@hypothes.is"], delete: ["acct:carol@hypothes.is"] },
    target: [{ source: PAGE, selector: [] }],
    document: { title: ["Putin and Tokayev discuss efforts to “restore order” in Kazakhstan"] },
    links: { html: `https://hypothes.is/a/${id}`, incontext: `https://hyp.is/${id}/news.example.org/`, json: `https://hypothes.is/api/annotations/${id}` },
    user_info: { display_name: "Carol Checker" },
    flagged: false,
    hidden: false,
    ...rest,
  };
}

const HYPOTHESIS_EXPORT = {
  export_date: "2026-11-25T09:00:00.000Z",
  export_userid: "acct:carol@hypothes.is",
  client_version: "1.1500.0",
  annotations: [
    hypothesisAnnotation("hA", {
      text: "CSTO said about 2,500. See [the CSTO release](https://en.odkb-csto.org/news/).",
      tags: ["Mostly true", "csto"],
      target: [{ source: PAGE, selector: hypothesisSelectors("reportedly sent a force of about 2,500 soldiers") }],
    }),
    hypothesisAnnotation("hB", {
      text: "Same readout.",
      tags: ["true"],
      target: [{ source: PAGE, selector: hypothesisSelectors("on Saturday exchanged views") }],
    }),
    // Copied from a page that uses straight quotes: placed fuzzily.
    hypothesisAnnotation("hC", {
      text: "Official wording.",
      tags: [],
      target: [
        {
          source: PAGE,
          selector: hypothesisSelectors("the situation in Kazakhstan is “stabilising”", 'the situation in Kazakhstan is "stabilising"'),
        },
      ],
    }),
    // A page note: no selectors at all.
    hypothesisAnnotation("hD", { text: "Good piece overall.", target: [{ source: PAGE }] }),
    // A reply to hA.
    hypothesisAnnotation("hE", { text: "Agreed.", references: ["hA"], target: [{ source: PAGE }] }),
    // A highlight from a different version of the page: nowhere in our text.
    hypothesisAnnotation("hF", {
      text: "",
      tags: ["False"],
      target: [
        {
          source: PAGE,
          selector: [
            { type: "TextPositionSelector", start: 10, end: 52 },
            { type: "TextQuoteSelector", exact: "The central bank raised rates by two points", prefix: "", suffix: "" },
          ],
        },
      ],
    }),
  ],
};

describe("parseAnnotationImport: Hypothesis export", () => {
  let parsed: ReturnType<typeof parseAnnotationImport>;
  beforeEach(() => {
    parsed = parseAnnotationImport(JSON.parse(JSON.stringify(HYPOTHESIS_EXPORT)));
  });

  it("reads the annotations with quotes and reports the rest", () => {
    expect(parsed.format).toBe("hypothesis");
    expect(parsed.items.map((i) => i.sourceId)).toEqual(["hA", "hB", "hC", "hF"]);
    expect(parsed.skipped).toEqual([
      { index: 3, reason: "a page note with no quoted text" },
      { index: 4, reason: "a reply to another annotation, not a quote" },
    ]);
  });

  it("turns text into the rationale (links kept there) and verdict tags into the verdict", () => {
    const [a, b, c] = parsed.items;
    expect(a).toMatchObject({
      exact: "reportedly sent a force of about 2,500 soldiers",
      verdict: "mostly_true",
      rationale: "CSTO said about 2,500. See [the CSTO release](https://en.odkb-csto.org/news/).",
      sources: [],
      creator: "Carol Checker",
      created: "2026-11-18T14:02:11.123456+00:00",
    });
    expect(a?.statement).toBeUndefined();
    expect(b?.verdict).toBe("true");
    expect(c?.verdict).toBeUndefined();
    expect(parsed.warnings).toEqual([{ index: 0, message: 'tag "csto" is not a verdict and was left out' }]);
  });

  it("places by quote (the page's positions do not fit), fuzzily, or not at all", () => {
    const plan = planImport(SAMPLE_TEXT, parsed.items);
    expect(plan.counts).toEqual({ exact: 2, fuzzy: 1, unplaced: 1 });
    expect(plan.placed.map((p) => [p.sourceId, p.method])).toEqual([
      ["hA", "quote"],
      ["hB", "quote"],
      ["hC", "fuzzy"],
    ]);
    expect(plan.placed[0]).toMatchObject(spanOf("reportedly sent a force of about 2,500 soldiers"));
    expect(plan.unplaced).toEqual([{ item: parsed.items[3], reason: "quote not found, even approximately" }]);
  });

  it("re-describes a fuzzy placement from the article's own text", () => {
    const plan = planImport(SAMPLE_TEXT, parsed.items);
    const fuzzy = plan.placed.find((p) => p.method === "fuzzy");
    const span = spanOf("the situation in Kazakhstan is “stabilising”");
    expect(fuzzy).toMatchObject({ ...describeSpan(SAMPLE_TEXT, span.start, span.end), rationale: "Official wording." });
    expect(fuzzy?.exact).toBe("the situation in Kazakhstan is “stabilising”");
  });

  it("accepts an API search result (rows) and a bare array of Hypothesis annotations", () => {
    const rows = parseAnnotationImport({ total: 1, rows: [HYPOTHESIS_EXPORT.annotations[1]] });
    expect(rows).toMatchObject({ format: "hypothesis", skipped: [] });
    expect(rows.items).toHaveLength(1);
    const array = parseAnnotationImport(HYPOTHESIS_EXPORT.annotations.slice(0, 2));
    expect(array.format).toBe("hypothesis");
    expect(array.items).toHaveLength(2);
  });

  it("reports conflicting verdict tags and keeps the first", () => {
    const conflicting = parseAnnotationImport({
      annotations: [{ ...HYPOTHESIS_EXPORT.annotations[1], tags: ["false", "Half true"] }],
    });
    expect(conflicting.items[0]?.verdict).toBe("false");
    expect(conflicting.warnings).toEqual([{ index: 0, message: 'a second verdict tag "Half true" was ignored; kept false' }]);
  });
});

describe("parseAnnotationImport: W3C annotations from another tool", () => {
  const quote = "Tokayev also expressed gratitude";
  const foreign = {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    id: "urn:uuid:6b1e4a0c-1d2e-4c55-9a7e-3f0c2b5d8e11",
    type: "Annotation",
    motivation: "commenting",
    creator: { type: "Person", nickname: "dan" },
    created: "2026-10-01T08:00:00Z",
    // A term of the same name as ours, but not in our context: not ours.
    statement: "ignore me",
    body: [
      { type: "TextualBody", value: "Gratitude to whom exactly?", format: "text/plain", purpose: "commenting" },
      { type: "TextualBody", value: "mostly-false", purpose: "tagging" },
      { type: "TextualBody", value: "kremlin", purpose: "tagging" },
      { type: "SpecificResource", source: "https://www.kremlin.ru/events/president/news/67551", purpose: "linking" },
      { type: "SpecificResource", source: "ftp://files.example.org/readout.txt", purpose: "linking" },
      "mailto:desk@example.org",
    ],
    target: { source: PAGE, selector: { type: "TextQuoteSelector", exact: quote } },
  };

  it("reads a single annotation with only a TextQuoteSelector", () => {
    const parsed = parseAnnotationImport(foreign);
    expect(parsed.format).toBe("w3c");
    expect(parsed.skipped).toEqual([]);
    expect(parsed.items).toEqual([
      {
        sourceId: foreign.id,
        exact: quote,
        prefix: "",
        suffix: "",
        verdict: "mostly_false",
        rationale: "Gratitude to whom exactly?",
        creator: "dan",
        created: "2026-10-01T08:00:00Z",
        sources: [
          {
            url: "https://www.kremlin.ru/events/president/news/67551",
            title: "",
            publisher: "",
            quote: "",
            stance: "context",
            archivedUrl: null,
            accessedOn: null,
          },
        ],
      } satisfies ImportedAnnotation,
    ]);
    expect(parsed.warnings).toEqual([
      { index: 0, message: 'tag "kremlin" is not a verdict and was left out' },
      { index: 0, message: "source ftp://files.example.org/readout.txt is not an http(s) link and was left out" },
      { index: 0, message: "body mailto:desk@example.org is not an http(s) link and was left out" },
    ]);
    const plan = planImport(SAMPLE_TEXT, parsed.items);
    expect(plan.counts).toEqual({ exact: 1, fuzzy: 0, unplaced: 0 });
    expect(plan.placed[0]).toMatchObject({ ...spanOf(quote), method: "quote" });
  });

  it("reads our terms when spelled as full IRIs, whatever the context", () => {
    const parsed = parseAnnotationImport({ ...foreign, [`${PROJECT_NAMESPACE}statement`]: "Tokayev thanked the CSTO" });
    expect(parsed.items[0]?.statement).toBe("Tokayev thanked the CSTO");
  });

  it("reads bodyValue as the rationale, and an array of annotations", () => {
    const parsed = parseAnnotationImport([
      { ...foreign, body: undefined, bodyValue: "Short comment" },
      { ...foreign, id: "urn:x:2", body: { type: "TextualBody", value: "Needs context", purpose: "classifying" } },
    ]);
    expect(parsed.items.map((i) => [i.rationale, i.verdict])).toEqual([
      ["Short comment", undefined],
      [undefined, "needs_context"],
    ]);
  });

  it("reads an AnnotationPage and a collection with items directly under it", () => {
    const page = parseAnnotationImport({ "@context": "http://www.w3.org/ns/anno.jsonld", type: "AnnotationPage", items: [foreign] });
    expect(page.items).toHaveLength(1);
    const collection = parseAnnotationImport({ type: "AnnotationCollection", items: [foreign, foreign] });
    expect(collection.items).toHaveLength(2);
  });

  it("skips what cannot become a claim, with a reason", () => {
    const parsed = parseAnnotationImport([
      { ...foreign, target: PAGE },
      { ...foreign, target: { source: PAGE, selector: { type: "TextPositionSelector", start: 5, end: 9 } } },
      { ...foreign, target: { source: PAGE, selector: { type: "FragmentSelector", value: "page=2" } } },
      { ...foreign, target: { source: PAGE, selector: { type: "TextQuoteSelector", exact: "" } } },
      { type: "Annotation", body: "https://example.org/x" },
      "not an object",
      foreign,
    ]);
    expect(parsed.items).toHaveLength(1);
    expect(parsed.skipped.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(parsed.skipped[1]?.reason).toMatch(/only a position/);
    expect(parsed.skipped[5]?.reason).toBe("not a JSON object");
  });
});

describe("parseAnnotationImport: our own export", () => {
  it("reads a collection whose pages are not embedded as a reported skip", () => {
    const parsed = parseAnnotationImport({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      id: "http://example.org/collection1",
      type: "AnnotationCollection",
      total: 42023,
      first: "http://example.org/page1",
    });
    expect(parsed.items).toEqual([]);
    expect(parsed.skipped).toEqual([{ index: -1, reason: "the collection's annotations are not embedded (first page: http://example.org/page1)" }]);
    expect(parsed.warnings).toEqual([{ index: -1, message: "the collection has 42023 annotations; only the 0 embedded here were read" }]);
  });

  it("reports a non-web source and a non-web archive instead of dropping them silently", () => {
    const collection = JSON.parse(JSON.stringify(toAnnotationCollection(sampleReport, sampleArticle))) as {
      first: { items: { body: Record<string, unknown>[] }[] };
    };
    const first = collection.first.items[0];
    const source = first?.body.find((b) => b.purpose === "linking");
    if (!source) throw new Error("fixture has a source");
    source.state = { type: "TimeState", cached: "file:///archive/67551.html", sourceDate: "2022-01-08T00:00:00Z" };
    const parsed = parseAnnotationImport(collection);
    expect(parsed.items[0]?.sources[0]).toMatchObject({ archivedUrl: null, accessedOn: "2022-01-08" });
    expect(parsed.warnings).toEqual([{ index: 0, message: "archived copy file:///archive/67551.html is not an http(s) link and was left out" }]);
  });

  it("fuzzy placement into a lightly edited copy keeps every other field", () => {
    const edited = SAMPLE_TEXT.replace("about 2,500 soldiers", "about 2,500 troops");
    const parsed = parseAnnotationImport(JSON.parse(JSON.stringify(toAnnotationCollection(sampleReport, sampleArticle))));
    const plan = planImport(edited, parsed.items);
    expect(plan.counts).toEqual({ exact: 2, fuzzy: 1, unplaced: 0 });
    const moved = plan.placed[1];
    expect(moved?.method).toBe("fuzzy");
    expect(moved && sliceCp(edited, moved.start, moved.end)).toBe("reportedly sent a force of about 2,500 troops");
    expect(moved?.exact).toBe("reportedly sent a force of about 2,500 troops");
    expect(moved).toMatchObject({ verdict: "mostly_true", statement: "reportedly 2,500", sources: parsed.items[1]?.sources });
  });
});

describe("parseAnnotationImport: bad input is reported, never thrown", () => {
  const bad: unknown[] = [null, undefined, 42, "text", true, {}, { annotations: "nope" }, { type: "Annotation" }, { hello: "world" }];
  it.each(bad.map((input) => ({ input })))("$input", ({ input }) => {
    const parsed = parseAnnotationImport(input);
    expect(parsed.items).toEqual([]);
    expect(parsed.skipped.length).toBeGreaterThan(0);
  });

  it("an empty list holds nothing to import and is refused whole", () => {
    for (const [input, format] of [[[], "w3c"], [{ annotations: [] }, "hypothesis"]] as const) {
      const parsed = parseAnnotationImport(input);
      expect([parsed.format, parsed.items, parsed.skipped, parsed.warnings]).toEqual([format, [], [], []]);
      expect(parsed.refusal).toMatch(/no annotations/);
    }
  });
});

describe("parseAnnotationImport: files that are not annotations, or too large, are refused whole", () => {
  // 100,000 levels of [[[…]]]: JSON.parse reads it; nothing here may recurse into it.
  const deep = JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`) as unknown;
  const notAnnotations: Array<[string, unknown]> = [
    ["null", null],
    ["0", 0],
    ["{}", {}],
    ["[{}]", [{}]],
    ["[1, 2, 3]", [1, 2, 3]],
    ["a Hypothesis export of empty objects", { annotations: [{}, {}] }],
    ["a 100,000-deep nested array", deep],
    ["a collection of nested arrays", { type: "AnnotationCollection", items: [deep] }],
  ];
  it.each(notAnnotations)("%s", (_, input) => {
    const parsed = parseAnnotationImport(input);
    expect(parsed.items).toEqual([]);
    expect(parsed.refusal).toMatch(/^The file holds no annotations \(.+\)\.$/);
  });

  it("a file with one real annotation among junk is not refused", () => {
    const parsed = parseAnnotationImport([{}, 7, { type: "Annotation", target: { selector: { type: "TextQuoteSelector", exact: "Kremlin" } } }]);
    expect(parsed.refusal).toBeUndefined();
    expect(parsed.items).toHaveLength(1);
    expect(parsed.skipped.map((s) => s.reason)).toEqual(["not an Annotation", "not a JSON object"]);
  });

  it("deeply nested values inside an annotation give a short warning, not a stack overflow", () => {
    const parsed = parseAnnotationImport({
      "@context": ["http://www.w3.org/ns/anno.jsonld", { fc: PROJECT_NAMESPACE }],
      type: "Annotation",
      claimStatus: deep,
      body: [{ type: deep }, { source: "https://example.org/s", stance: deep }],
      target: { selector: [{ type: "TextQuoteSelector", exact: "Kremlin", prefix: deep }] },
    });
    expect(parsed.items).toHaveLength(1);
    expect(parsed.warnings.map((w) => w.message)).toEqual([
      'a body of type a list was not understood and was left out',
      'stance a list is not one we know; "context" was used',
      "status a list is not one we know and was left out",
    ]);
  });

  it(`refuses more than ${MAX_IMPORT_ANNOTATIONS} annotations, saying how many it holds`, () => {
    const one = { type: "Annotation", target: { selector: { type: "TextQuoteSelector", exact: "Kremlin" } } };
    expect(parseAnnotationImport(Array.from({ length: MAX_IMPORT_ANNOTATIONS }, () => one)).refusal).toBeUndefined();
    const parsed = parseAnnotationImport({ annotations: Array.from({ length: MAX_IMPORT_ANNOTATIONS + 1 }, () => ({ ...one, uri: PAGE })) });
    expect(parsed.refusal).toBe("The file holds 5,001 annotations; at most 5,000 can be imported at once. Split it into smaller files.");
    expect(parsed.items).toEqual([]);
  });

  it("skips a quote or context longer than a hand-made claim's, with the reason and the start of the quote", () => {
    const quote = (exact: string, prefix = "", suffix = "") => ({ type: "Annotation", target: { selector: { type: "TextQuoteSelector", exact, prefix, suffix } } });
    const parsed = parseAnnotationImport([
      quote("x".repeat(MAX_IMPORT_QUOTE + 1)),
      quote("Kremlin", "p".repeat(MAX_IMPORT_CONTEXT + 1)),
      quote("Kremlin", "", "s".repeat(MAX_IMPORT_CONTEXT + 1)),
      quote("y".repeat(MAX_IMPORT_QUOTE), "p".repeat(MAX_IMPORT_CONTEXT), "s".repeat(MAX_IMPORT_CONTEXT)),
    ]);
    expect(parsed.items).toHaveLength(1);
    expect(parsed.skipped).toEqual([
      { index: 0, reason: "the quote is 5,001 characters long; at most 5,000 can be imported", exact: `${"x".repeat(200)}…` },
      { index: 1, reason: "the text before the quote (prefix) is 501 characters long; at most 500 can be imported", exact: "Kremlin" },
      { index: 2, reason: "the text after the quote (suffix) is 501 characters long; at most 500 can be imported", exact: "Kremlin" },
    ]);
  });

  it("cuts long values from the file short in warnings", () => {
    const parsed = parseAnnotationImport({ annotations: [{ uri: PAGE, tags: ["t".repeat(100_000)], target: [{ selector: [{ type: "TextQuoteSelector", exact: "Kremlin" }] }] }] });
    expect(parsed.warnings[0]?.message).toBe(`tag "${"t".repeat(200)}…" is not a verdict and was left out`);
  });

  it("odd values inside an annotation are reported", () => {
    const parsed = parseAnnotationImport({
      type: "Annotation",
      body: [42, { type: "Choice", items: [] }, { type: "TextualBody", purpose: "commenting" }],
      target: {
        selector: [
          { type: "TextQuoteSelector", exact: "on Saturday exchanged views" },
          { type: "TextPositionSelector", start: 50, end: 10 },
        ],
      },
    });
    expect(parsed.items).toHaveLength(1);
    expect(parsed.items[0]?.start).toBeUndefined();
    expect(parsed.warnings.map((w) => w.message)).toEqual([
      "a TextPositionSelector with invalid offsets was ignored",
      "a body that is not an object or a link was ignored",
      'a body of type "Choice" was not understood and was left out',
      "a TextualBody without a text value was ignored",
    ]);
  });
});

describe("toVerdictId", () => {
  it("accepts ids and labels in common spellings", () => {
    expect(["true", "Mostly true", "mostly-true", "MOSTLY_TRUE", "Not a factual claim", "not_a_claim", " Half true "].map(toVerdictId)).toEqual([
      "true",
      "mostly_true",
      "mostly_true",
      "mostly_true",
      "not_a_claim",
      "not_a_claim",
      "half_true",
    ]);
    expect(toVerdictId("pants on fire")).toBeUndefined();
  });
});
