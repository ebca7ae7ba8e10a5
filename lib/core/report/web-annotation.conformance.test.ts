// Runs the W3C Web Annotation Working Group's own MUST assertions (../shared/conformance, never copied
// into the project) against every annotation we export, and tests the runner itself on the suite's
// correct and incorrect samples, so a runner that accepts everything cannot pass.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv, { type ValidateFunction } from "ajv-draft-04";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import type { Audience, Report } from "./report-data";
import { revisedReport, sampleReport } from "./fixtures";
import { toAnnotationCollection } from "./web-annotation";

const SUITE = path.resolve(process.cwd(), "..", "shared", "conformance", "w3c-web-annotation-tests");
if (!existsSync(path.join(SUITE, "annotations", "annotationMusts.test"))) {
  throw new Error(
    `The W3C Web Annotation test suite is missing at ${SUITE}. The conformance tests read it from ` +
      "../shared/conformance/ beside the project (see that folder's README); they do not skip without it.",
  );
}

type Json = Record<string, unknown>;

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, "utf8"));
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();
}

function makeAjv(withFormats: boolean): Ajv {
  // The suite's schemas carry their own keywords (assertionType, expectedResult, errorMessage...).
  const ajv = new Ajv({ allErrors: true, strict: false, logger: false, validateFormats: withFormats });
  if (withFormats) addFormats(ajv);
  for (const file of jsonFiles(path.join(SUITE, "definitions"))) {
    ajv.addSchema(readJson(path.join(SUITE, "definitions", file)) as Json);
  }
  return ajv;
}

interface Assertion {
  file: string;
  expected: "valid" | "invalid";
  errorMessage: string;
  validate: ValidateFunction;
}

function loadMusts(ajv: Ajv): Assertion[] {
  const list = readJson(path.join(SUITE, "annotations", "annotationMusts.test")) as { assertions: string[] };
  return list.assertions.map((file) => {
    const schema = readJson(path.join(SUITE, file)) as Json;
    const expected = schema.expectedResult;
    if (expected !== "valid" && expected !== "invalid") throw new Error(`${file}: no expectedResult`);
    if (schema.assertionType !== "must") throw new Error(`${file}: not a MUST assertion`);
    return { file, expected, errorMessage: String(schema.errorMessage), validate: ajv.compile(schema) };
  });
}

const ajv = makeAjv(true);
const MUSTS = loadMusts(ajv);

/** The MUST assertions an annotation does not meet, with the suite's messages. */
function violations(annotation: unknown, musts: Assertion[] = MUSTS): string[] {
  return musts
    .filter((a) => ((a.validate(annotation) ? "valid" : "invalid") as string) !== a.expected)
    .map((a) => `${a.file}: ${a.errorMessage}`);
}

/** Annotations in a sample: itself, or the embedded items of a collection or page (which inherit its @context). */
function annotationsIn(doc: unknown): Json[] {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return [];
  const d = doc as Json;
  const inherit = (items: unknown): Json[] =>
    (Array.isArray(items) ? items : []).map((item) => ({ "@context": d["@context"], ...(item as Json) }));
  if (d.type === "AnnotationCollection") {
    const first = d.first;
    return typeof first === "object" && first !== null ? inherit((first as Json).items) : [];
  }
  if (d.type === "AnnotationPage") return inherit(d.items);
  return [d];
}

function exported(audience: Audience): { label: string; annotation: Json }[] {
  const report: Report = { ...sampleReport, meta: { ...sampleReport.meta, audience } };
  return report.articles.flatMap((article) => {
    const collection = toAnnotationCollection(report, article);
    return ((collection.first as Json).items as Json[]).map((annotation) => ({
      label: `${audience} ${article.article.id} ${String(annotation.id)}`,
      annotation: JSON.parse(JSON.stringify(annotation)) as Json,
    }));
  });
}

const ALL_EXPORTED = [...exported("internal"), ...exported("public")];

describe("W3C Web Annotation MUST assertions on our export", () => {
  it("loads every MUST assertion the suite lists", () => {
    expect(MUSTS.length).toBe(54);
  });

  it.each(ALL_EXPORTED)("$label meets every MUST assertion", ({ annotation }) => {
    expect(violations(annotation)).toEqual([]);
  });

  it("checks every assertion against every exported annotation (both audiences, both articles)", () => {
    // 3 + 1 claims per audience.
    expect(ALL_EXPORTED).toHaveLength(8);
    let checks = 0;
    for (const { annotation } of ALL_EXPORTED) {
      for (const a of MUSTS) {
        expect({ file: a.file, result: a.validate(annotation) ? "valid" : "invalid" }).toEqual({ file: a.file, result: a.expected });
        checks++;
      }
    }
    expect(checks).toBe(8 * 54);
  });

  it("an annotation without a position selector (a claim whose words are gone) meets every MUST assertion too", () => {
    for (const audience of ["internal", "public"] as const) {
      const report = revisedReport(audience);
      const collection = JSON.parse(JSON.stringify(toAnnotationCollection(report, report.articles[0]!))) as Json;
      const items = (collection.first as Json).items as Json[];
      expect(items).toHaveLength(4);
      expect(((items[3]?.target as Json).selector as Json[]).map((s) => s.type)).toEqual(["TextQuoteSelector"]);
      for (const annotation of items) expect(violations(annotation)).toEqual([]);
    }
  });

  it("the collection and its page have the shape the model gives them", () => {
    const def = (name: string) => ajv.compile({ $ref: `collections.json#/definitions/${name}` });
    const id = ajv.compile({ $ref: "id.json#/definitions/idValueFound" });
    for (const article of sampleReport.articles) {
      const collection = JSON.parse(JSON.stringify(toAnnotationCollection(sampleReport, article))) as Json;
      for (const name of ["annotationCollectionTypeValueFound", "labelFound", "totalFound", "firstValidIfPresent", "firstRequiredIfTotalMoreThanZero"]) {
        expect({ name, valid: def(name)(collection) }).toEqual({ name, valid: true });
      }
      expect(id(collection)).toBe(true);
      const page = collection.first as Json;
      for (const name of ["annotationPageTypeValueFound", "startIndexFound", "itemsFound"]) {
        expect({ name, valid: def(name)(page) }).toEqual({ name, valid: true });
      }
      expect(id(page)).toBe(true);
    }
  });
});

describe("the runner itself", () => {
  const samples = path.join(SUITE, "tools", "samples");
  const KNOWN_OLD_DRAFT = new Set(["anno11.json", "anno12.json", "anno13.json"]);
  const KNOWN_OLD_DRAFT_IDS = new Set(["http://example.org/anno11", "http://example.org/anno12", "http://example.org/anno13"]);

  it("accepts every correct sample except the three from an earlier draft", () => {
    const files = jsonFiles(path.join(samples, "correct"));
    expect(files.length).toBeGreaterThan(40);
    let annotations = 0;
    for (const file of files) {
      if (KNOWN_OLD_DRAFT.has(file)) continue;
      for (const annotation of annotationsIn(readJson(path.join(samples, "correct", file)))) {
        if (file === "collection1.json" && KNOWN_OLD_DRAFT_IDS.has(String(annotation.id))) continue;
        expect({ file, id: annotation.id, violations: violations(annotation) }).toEqual({ file, id: annotation.id, violations: [] });
        annotations++;
      }
    }
    expect(annotations).toBeGreaterThan(70);
  });

  it("rejects the three earlier-draft samples, as the README says", () => {
    for (const file of KNOWN_OLD_DRAFT) {
      expect(violations(readJson(path.join(samples, "correct", file)))).not.toEqual([]);
    }
    const collection = annotationsIn(readJson(path.join(samples, "correct", "collection1.json")));
    const old = collection.filter((a) => KNOWN_OLD_DRAFT_IDS.has(String(a.id)));
    expect(old).toHaveLength(3);
    for (const annotation of old) expect(violations(annotation)).not.toEqual([]);
  });

  it("rejects every incorrect sample that is JSON", () => {
    let json = 0;
    let notJson = 0;
    for (const file of jsonFiles(path.join(samples, "incorrect"))) {
      let doc: unknown;
      try {
        doc = readJson(path.join(samples, "incorrect", file));
      } catch {
        notJson++;
        continue;
      }
      json++;
      expect({ file, rejected: violations(doc).length > 0 }).toEqual({ file, rejected: true });
    }
    expect(json).toBeGreaterThan(20);
    expect(json + notJson).toBe(jsonFiles(path.join(samples, "incorrect")).length);
  });

  describe("a deliberately broken export fails", () => {
    const good = (): Json => JSON.parse(JSON.stringify(ALL_EXPORTED[0]?.annotation)) as Json;

    it("the unbroken one passes", () => {
      expect(violations(good())).toEqual([]);
    });

    it("an id that is not a URI", () => {
      const anno = { ...good(), id: "claim c1" };
      expect(violations(anno)).toEqual([expect.stringContaining("3.1-annotationIdValidated") as unknown]);
    });

    it("no target", () => {
      const { target: _target, ...anno } = good();
      expect(violations(anno).some((v) => v.includes("3.1-targetKeyFound"))).toBe(true);
    });

    it("a created time that is not a date-time", () => {
      expect(violations({ ...good(), created: "20 November 2026" }).some((v) => v.includes("annotationCreatedValidated"))).toBe(true);
    });

    it("a TimeState whose sourceDate is a bare date", () => {
      const anno = good();
      const bodies = anno.body as Json[];
      const source = bodies.find((b) => b.state !== undefined);
      expect(source).toBeDefined();
      (source?.state as Json).sourceDate = "2022-01-08";
      expect(violations(anno).some((v) => v.includes("timeStateValid"))).toBe(true);
    });

    it("without ajv-formats the bad id would pass: the format checks are what bite", () => {
      const lax = loadMusts(makeAjv(false));
      expect(violations({ ...good(), id: "claim c1" }, lax)).toEqual([]);
    });
  });
});
