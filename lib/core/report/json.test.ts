// Tests for the versioned JSON export: schema validity for both audiences, nothing private in public.

import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import schema from "./factcheck-report-2.schema.json";
import {
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
import { REPORT_JSON_FORMAT, toReportJson, toUri, withoutPrivateKeys } from "./json";
import type { ArticleReport, Report, ReportAuditEvent } from "./report-data";
import { CLAIM_STATUSES, SOURCE_STANCES, VERDICT_IDS } from "../claim";
import { ANCHOR_STATUSES } from "../reanchor";

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);

function expectValid(value: unknown): void {
  const ok = validate(value);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const HASH = "cd".repeat(32);

function event(seq: number, before: unknown, after: unknown): ReportAuditEvent {
  return {
    seq,
    at: "2026-11-21T09:30:00.000Z",
    actor: { id: "u-editor", name: "Eddie Editor", email: "editor@example.com" },
    action: "claim.updated",
    entity: { type: "claim", id: "c2" },
    before,
    after,
    hash: HASH,
  };
}

const withEvents: ArticleReport = {
  ...sampleArticle,
  events: [
    event(41, null, { id: "c2", note: "Internal: awaiting the ministry's figure.", verdict: "true" }),
    event(42, { verdict: "true", reviewer: { name: "Bob", email: "bob@example.com" } }, { verdict: "mostly_true", notes: ["x"] }),
  ],
};

function report(audience: "internal" | "public", articles: ArticleReport[] = [withEvents, bareArticle]): Report {
  return { meta: { ...sampleReport.meta, audience }, articles };
}

/** Every key at any depth. */
function keys(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) keys(v, out);
  else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      keys(v, out);
    }
  }
  return out;
}

describe("toReportJson", () => {
  it("validates against the schema for both audiences", () => {
    expectValid(toReportJson(report("internal")));
    expectValid(toReportJson(report("public")));
    expectValid(toReportJson({ ...sampleReport, articles: [] }));
  });

  it("has the documented top-level shape and everything in the internal report", () => {
    const json = toReportJson(report("internal"));
    expect(json.format).toBe(REPORT_JSON_FORMAT);
    expect(json).toMatchObject({ generatedAt: sampleReport.meta.generatedAt, audience: "internal", integrity: sampleReport.meta.integrity });
    expect(json.articles.map((a) => a.article.id)).toEqual(["a-sample", "a-bare"]);
    const [first, bare] = json.articles;
    expect(first?.claims).toHaveLength(3);
    expect(first?.claims[1]?.note).toBe("Internal: awaiting the ministry's figure.");
    expect(first?.claims[1]?.corrections).toEqual([
      {
        from: "true",
        to: "mostly_true",
        reason: "The CSTO revised its count on 10 January: about 2,500 was an estimate, not a confirmed figure.",
        by: { id: "u-editor", name: "Eddie Editor", email: "editor@example.com" },
        at: "2026-11-21T09:30:00.000Z",
        seq: 42,
      },
    ]);
    expect(first?.claims[1]?.sources.map((s) => s.id)).toEqual(["s2", "s3"]);
    expect(first?.summary.total).toBe(3);
    expect(first?.events).toHaveLength(2);
    expect(first?.events[0]?.actor?.email).toBe("editor@example.com");
    expect(first?.reviewers.map((p) => p.email)).toEqual(["alice@example.com", "bob@example.com", "editor@example.com"]);
    expect(bare?.article).toMatchObject({ url: null, publisher: null, publishedOn: null });
  });

  it("leaves every note and email out of the public report", () => {
    const json = toReportJson(report("public"));
    const text = JSON.stringify(json);
    expect(text).not.toMatch(/@example\.com/);
    expect(text).not.toContain("Almaty");
    expect(text).not.toContain("awaiting the ministry");
    expect(keys(json).filter((k) => /^notes?$|email/i.test(k))).toEqual([]);
    expect(json.articles[0]?.events[1]?.before).toEqual({ verdict: "true", reviewer: { name: "Bob" } });
  });

  it("never lets a note or email through in public, whatever the audit snapshots hold (property)", () => {
    const marker = fc.string({ minLength: 1, maxLength: 12 }).map((s) => `SECRET<${s}>`);
    const privateKey = fc.constantFrom("note", "Note", "notes", "email", "Email", "reviewerEmail", "email_address");
    const leaf = fc.oneof(marker, fc.emailAddress());
    const snapshot = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.constant(null),
        fc.integer(),
        fc.string().filter((s) => !s.includes("SECRET") && !s.includes("@")),
        fc.array(tie("node"), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom("id", "verdict", "title", "data"), tie("node"), { maxKeys: 3 }),
        fc.tuple(privateKey, leaf, tie("node")).map(([k, v, rest]) => ({ [k]: v, rest })),
      ),
    })).node;
    fc.assert(
      fc.property(fc.array(fc.tuple(snapshot, snapshot), { maxLength: 5 }), fc.emailAddress(), (pairs, actorEmail) => {
        const events = pairs.map(([before, after], i) => ({
          ...event(i + 1, before, after),
          actor: { id: "u", name: "Someone", email: actorEmail },
        }));
        const json = toReportJson(report("public", [{ ...withEvents, events }]));
        const text = JSON.stringify(json);
        expect(text).not.toContain("SECRET");
        expect(text).not.toContain("@");
        expect(keys(json).filter((k) => /^notes?$|email/i.test(k))).toEqual([]);
        expectValid(json);
      }),
      { numRuns: 200 },
    );
  });

  it("publishes each correction's reason unchanged, in public reports too, and the schema requires it", () => {
    const input = sampleWithCorrections({ reason: HOSTILE_REASON }, { reason: "" });
    for (const audience of ["internal", "public"] as const) {
      const json = toReportJson({ ...input, meta: { ...input.meta, audience } });
      expectValid(json);
      expect(json.articles[0]?.claims[1]?.corrections.map((k) => k.reason)).toEqual([HOSTILE_REASON, ""]);
      expect(json.articles[0]?.claims[1]?.corrections[0]?.by).toEqual(
        audience === "internal" ? { id: "u-editor", name: "Eddie Editor", email: "editor@example.com" } : { id: "u-editor", name: "Eddie Editor" },
      );
    }
    expect(schema.$defs.correction.required).toContain("reason");
    const json = toReportJson(sampleWithCorrections({}));
    const { reason: _dropped, ...withoutReason } = json.articles[0]!.claims[1]!.corrections[0]!;
    expect(validate({ ...json, articles: [{ ...json.articles[0]!, claims: [{ ...json.articles[0]!.claims[1]!, corrections: [withoutReason] }] }] })).toBe(false);
    expect(validate({ ...json, articles: [{ ...json.articles[0]!, claims: [{ ...json.articles[0]!.claims[1]!, corrections: [{ ...withoutReason, reason: 1 }] }] }] })).toBe(false);
  });

  it("carries reviewers' agreement in internal reports of an article in independent review, and null otherwise", () => {
    const internal = toReportJson(sampleInIndependentReview("internal"));
    expectValid(internal);
    expect(internal.articles[0]?.agreement).toEqual({
      claims: 3,
      reviewers: 2,
      percent: 33.3,
      alpha: { nominal: SAMPLE_AGREEMENT.alpha.nominal, ordinal: null },
      disagreements: [1, 3],
    });
    // The renderer leaves it out of a public report even if the data held it.
    const open = toReportJson(sampleInIndependentReview("public"));
    expectValid(open);
    expect(open.articles[0]?.agreement).toBeNull();
    // Not in independent review: null, present as a key.
    const plain = toReportJson(report("internal"));
    expect(plain.articles.map((a) => a.agreement)).toEqual([null, null]);
    // A /2 file made before the field existed still validates; a malformed one does not.
    const { agreement: _dropped, ...older } = internal.articles[0]!;
    expectValid({ ...internal, articles: [older] });
    expect(validate({ ...internal, articles: [{ ...internal.articles[0]!, agreement: { ...SAMPLE_AGREEMENT, disagreements: ["c1"] } }] })).toBe(false);
    expect(validate({ ...internal, articles: [{ ...internal.articles[0]!, agreement: { ...SAMPLE_AGREEMENT, extra: 1 } }] })).toBe(false);
  });

  it("carries the article's revisions, and each claim's place in the current text, valid against the schema", () => {
    for (const audience of ["internal", "public"] as const) expectValid(toReportJson(revisedReport(audience)));
    const json = toReportJson(revisedReport("internal"));
    const [article] = json.articles;
    expect(article?.article).toMatchObject({ revision: 3, changedAfterReviewAt: "2026-12-02T10:00:00.000Z" });
    expect(article?.revisions).toEqual([
      {
        number: 1,
        createdAt: "2026-11-19T09:00:00.000Z",
        by: { id: "u-editor", name: "Eddie Editor", email: "editor@example.com" },
        origin: "created",
        sourceUrl: null,
        added: 0,
        removed: 0,
        reanchor: null,
      },
      {
        number: 2,
        createdAt: "2026-11-25T08:15:00.000Z",
        by: { id: "u-editor", name: "Eddie Editor", email: "editor@example.com" },
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
        sourceUrl: revisedArticle.article.url,
        added: 12,
        removed: 4,
        reanchor: { exact: 1, moved: 1, fuzzy: 1, orphaned: 1 },
      },
    ]);
    expect(article?.claims.map((c) => [c.number, c.anchor, c.reworded])).toEqual([
      [1, { status: "fuzzy", revision: 3, score: 0.87 }, { revision: 3, at: "2026-12-02T10:00:00.000Z" }],
      [2, { status: "moved", revision: 3, score: 1 }, null],
      [3, { status: "exact", revision: 3, score: 1 }, null],
      [4, { status: "orphaned", revision: 3, score: 0 }, null],
    ]);
    // The public report names revision authors without their email.
    const open = toReportJson(revisedReport("public"));
    expect(open.articles[0]?.revisions[1]?.by).toEqual({ id: "u-editor", name: "Eddie Editor" });
    expect(JSON.stringify(open)).not.toMatch(/@example\.com/);
  });

  it("always writes the new keys, which the schema describes but does not require of files made before them", () => {
    const json = toReportJson(report("internal"));
    for (const a of json.articles) {
      expect(Object.keys(a)).toContain("revisions");
      expect(Object.keys(a.article)).toEqual(expect.arrayContaining(["revision", "changedAfterReviewAt"]));
      for (const c of a.claims) expect(Object.keys(c)).toEqual(expect.arrayContaining(["anchor", "reworded"]));
    }
    expect(json.articles[0]?.article).toMatchObject({ revision: 1, changedAfterReviewAt: null });
    expect(json.articles[0]?.claims[0]).toMatchObject({ anchor: { status: "exact", revision: 1, score: 1 }, reworded: null });
    // New objects list every key as required.
    expect(schema.$defs.revision.required).toEqual(["number", "createdAt", "by", "origin", "sourceUrl", "added", "removed", "reanchor"]);
    expect(schema.$defs.claim.properties.anchor.required).toEqual(["status", "revision", "score"]);
    // A /2 file made before them still validates.
    const revised = toReportJson(revisedReport("public"));
    const a = revised.articles[0]!;
    const { revisions: _r, ...olderArticle } = a;
    const { revision: _n, changedAfterReviewAt: _c, ...olderHead } = a.article;
    const olderClaims = a.claims.map(({ anchor: _a, reworded: _w, ...rest }) => rest);
    expectValid({ ...revised, articles: [{ ...olderArticle, article: olderHead, claims: olderClaims }] });
  });

  it("refuses malformed revisions and anchors", () => {
    const json = toReportJson(revisedReport("public"));
    const a = json.articles[0]!;
    const withArticle = (changes: Record<string, unknown>) => ({ ...json, articles: [{ ...a, ...changes }] });
    const revision = a.revisions[2]!;
    const claim = a.claims[3]!;
    expect(validate(withArticle({ revisions: [{ ...revision, origin: "rewrite" }] }))).toBe(false);
    expect(validate(withArticle({ revisions: [{ ...revision, added: -1 }] }))).toBe(false);
    expect(validate(withArticle({ revisions: [{ ...revision, reanchor: { exact: 1 } }] }))).toBe(false);
    expect(validate(withArticle({ revisions: [{ ...revision, extra: 1 }] }))).toBe(false);
    expect(validate(withArticle({ article: { ...a.article, revision: 0 } }))).toBe(false);
    expect(validate(withArticle({ claims: [{ ...claim, anchor: { ...claim.anchor, status: "lost" } }] }))).toBe(false);
    expect(validate(withArticle({ claims: [{ ...claim, anchor: { ...claim.anchor, score: 1.5 } }] }))).toBe(false);
    expect(validate(withArticle({ claims: [{ ...claim, reworded: { revision: 3 } }] }))).toBe(false);
    expect(validate(withArticle({}))).toBe(true);
  });

  it("does not change the report it reads", () => {
    const input = report("public");
    const before = JSON.stringify(input);
    toReportJson(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(withoutPrivateKeys(undefined)).toBeNull();
  });

  it("keeps the schema's enums in step with lib/core/claim", () => {
    expect(schema.$defs.verdictId.enum).toEqual([...VERDICT_IDS]);
    expect(schema.$defs.claim.properties.status.enum).toEqual([...CLAIM_STATUSES]);
    expect(schema.$defs.source.properties.stance.enum).toEqual([...SOURCE_STANCES]);
    expect(schema.$defs.claim.properties.anchor.properties.status.enum).toEqual([...ANCHOR_STATUSES]);
  });

  it("writes stored links as URIs the schema accepts, non-ASCII ones included", () => {
    const uri = ajv.compile({ type: "string", format: "uri" });
    expect(toUri("https://ru.wikipedia.org/wiki/Казахстан")).toBe(
      "https://ru.wikipedia.org/wiki/%D0%9A%D0%B0%D0%B7%D0%B0%D1%85%D1%81%D1%82%D0%B0%D0%BD",
    );
    expect(uri(toUri("https://пример.рф/a b?q=|x#frag#2"))).toBe(true);
    expect(toUri("https://www.example.com/analysis?a=1&b=2")).toBe("https://www.example.com/analysis?a=1&b=2");
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string({ unit: "grapheme" }), (url, tail) => {
        // Stored links were validated with new URL(); text that does not parse is outside toUri's promise.
        fc.pre(URL.canParse(url + tail));
        expect(uri(toUri(url + tail))).toBe(true);
      }),
      { numRuns: 1000 },
    );
    expect(uri(toUri('http://a.aa"'))).toBe(true);
    expect(toUri("not a url")).toBe("not a url");
    expect(toUri("http://[::1]:8080/a b")).toBe("http://[::1]:8080/a%20b");
  });

  it("keeps all of 1,000 claims, 3,000 sources and 10,000 events", () => {
    const claim = sampleArticle.claims[1]!;
    const claims = Array.from({ length: 1000 }, (_, i) => ({
      ...claim,
      id: `c${i}`,
      number: i + 1,
      sources: [0, 1, 2].map((j) => ({ ...claim.sources[0]!, id: `s${i}-${j}` })),
    }));
    const events = Array.from({ length: 10_000 }, (_, i) => event(i + 1, { note: "n", verdict: "true" }, { email: "x@y.z", nested: [{ note: 1 }] }));
    const big = report("public", [{ ...sampleArticle, claims, events }]);
    const json = toReportJson(big);
    expect(json.articles[0]?.events).toHaveLength(10_000);
  });
});
