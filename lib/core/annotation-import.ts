// Reads annotations made elsewhere — W3C Web Annotations (ours from lib/core/report/web-annotation.ts,
// or any other tool's) and Hypothesis's export file — into claims to add to an article, then places
// each in the article's text with lib/core/fuzzy-anchor. Nothing is dropped silently: an annotation
// that cannot become a claim is listed in `skipped`, a part of one that cannot be kept (a non-web
// link, a tag that is not a verdict) in `warnings`, and a claim whose quote cannot be placed in
// `unplaced`. Project terms (statement, status, stance, ...) are read only from documents whose
// @context names our namespace, or when spelled out as full IRIs, so another tool's `statement`
// never passes for ours.
//
// Files are bounded (MAX_IMPORT_ANNOTATIONS annotations, quotes and context no longer than a hand-made
// claim's) and read without recursion, so a deeply nested or huge file costs time linear in its size
// and never overflows the stack. A file in which nothing is an annotation at all is refused whole.

import { describeSpan } from "./anchoring";
import { anchorSelectors } from "./fuzzy-anchor";
import { PROJECT_NAMESPACE } from "./report/web-annotation";
import { isHttpUrl } from "./http-url";
import {
  type ClaimStatus,
  isClaimStatus,
  isSourceStance,
  type SourceStance,
  VERDICTS,
  type VerdictId,
} from "./claim";

export interface ImportedSource {
  url: string;
  title: string;
  publisher: string;
  quote: string;
  stance: SourceStance;
  archivedUrl: string | null;
  /** YYYY-MM-DD */
  accessedOn: string | null;
}

export interface ImportedAnnotation {
  /** The annotation's own id in the file it came from. */
  sourceId?: string;
  exact: string;
  prefix: string;
  suffix: string;
  /** Code-point offsets from a TextPositionSelector, when the file had one. */
  start?: number;
  end?: number;
  statement?: string;
  verdict?: VerdictId;
  status?: ClaimStatus;
  rationale?: string;
  /** The internal note: only from our own internal exports. */
  note?: string;
  sources: ImportedSource[];
  /** Who made the annotation and when, as the file says (a name, an account or an IRI). */
  creator?: string;
  created?: string;
}

export type ImportFormat = "w3c" | "hypothesis";

/** At most this many annotations per file; a larger file is refused whole (split it). */
export const MAX_IMPORT_ANNOTATIONS = 5_000;
/** Longest quote (`exact`) imported: the same limit as a claim made by hand. */
export const MAX_IMPORT_QUOTE = 5_000;
/** Longest context (`prefix`, `suffix`) imported: the same limit as a claim made by hand. */
export const MAX_IMPORT_CONTEXT = 500;
/** Text from the file quoted in a reason, a warning or the audit trail is cut to this many characters. */
export const SHOWN_CHARS = 200;

export interface ImportParseResult {
  format: ImportFormat;
  items: ImportedAnnotation[];
  /**
   * Annotations that give no claim; index is the annotation's place in the file (−1: the whole file),
   * exact the start of its quote when it had one.
   */
  skipped: { index: number; reason: string; exact?: string }[];
  /** Parts of imported annotations that were left out, and why. */
  warnings: { index: number; message: string }[];
  /**
   * Set when the file as a whole cannot be imported: nothing in it is an annotation, or it holds more
   * than MAX_IMPORT_ANNOTATIONS. Callers refuse it and write nothing.
   */
  refusal?: string;
}

export type PlacedAnnotation = ImportedAnnotation & { start: number; end: number; method: "position" | "quote" | "fuzzy" };

export interface ImportPlan {
  placed: PlacedAnnotation[];
  unplaced: { item: ImportedAnnotation; reason: string }[];
  /** exact = placed by position or exact quote. */
  counts: { exact: number; fuzzy: number; unplaced: number };
}

type Json = Record<string, unknown>;

function isObject(x: unknown): x is Json {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function asArray(x: unknown): unknown[] {
  if (x === undefined || x === null) return [];
  return Array.isArray(x) ? x : [x];
}

/** The start of a string from the file, for messages: never the whole of a 5 MB value. */
export function clip(s: string, max = SHOWN_CHARS): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** A value from the file for a message: short strings quoted, anything else named by its kind. */
function shown(x: unknown): string {
  if (typeof x === "string") return JSON.stringify(clip(x));
  if (Array.isArray(x)) return "a list";
  if (isObject(x)) return "an object";
  return String(x);
}

function str(x: unknown): string | undefined {
  return typeof x === "string" ? x : undefined;
}


function hasType(x: Json, type: string): boolean {
  return asArray(x.type).includes(type) || asArray(x["@type"]).includes(type);
}

const VERDICT_KEYS = new Map<string, VerdictId>();
for (const v of VERDICTS) {
  VERDICT_KEYS.set(verdictKey(v.id), v.id);
  VERDICT_KEYS.set(verdictKey(v.label), v.id);
}

function verdictKey(s: string): string {
  return s.trim().toLowerCase().replace(/[\s_-]+/g, "_");
}

/** A verdict id or label in any common spelling ("mostly_true", "Mostly true", "mostly-true"). */
export function toVerdictId(s: string): VerdictId | undefined {
  return VERDICT_KEYS.get(verdictKey(s));
}

/** True when a JSON-LD @context (string, object or array) brings in our project context. */
function namesProjectContext(context: unknown): boolean {
  return asArray(context).some((c) => isObject(c) && Object.values(c).includes(PROJECT_NAMESPACE));
}

/** Reads one project term: compact or `fc:` when our context is in force, the full IRI always. */
function projectTerm(x: Json, name: string, ours: boolean): unknown {
  const full = x[`${PROJECT_NAMESPACE}${name}`];
  if (full !== undefined) return isObject(full) && "@value" in full ? full["@value"] : full;
  if (!ours) return undefined;
  return x[name] ?? x[`fc:${name}`];
}

function creatorName(creator: unknown): string | undefined {
  const first = asArray(creator)[0];
  if (typeof first === "string") return first;
  if (isObject(first)) return str(first.name) ?? str(first.nickname) ?? str(first.id);
  return undefined;
}

interface QuoteParts {
  exact: string;
  prefix: string;
  suffix: string;
  start?: number;
  end?: number;
}

/** The quote and position from a list of selectors, or why there is none. */
function readSelectors(selectors: unknown, warn: (m: string) => void): QuoteParts | string {
  let quote: { exact: string; prefix: string; suffix: string } | undefined;
  let position: { start: number; end: number } | undefined;
  for (const selector of asArray(selectors)) {
    if (!isObject(selector)) continue;
    if (hasType(selector, "TextQuoteSelector") && quote === undefined) {
      const exact = str(selector.exact);
      if (exact !== undefined && exact.length > 0) {
        quote = { exact, prefix: str(selector.prefix) ?? "", suffix: str(selector.suffix) ?? "" };
      }
    } else if (hasType(selector, "TextPositionSelector") && position === undefined) {
      const { start, end } = selector;
      if (typeof start === "number" && typeof end === "number" && Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end) {
        position = { start, end };
      } else {
        warn("a TextPositionSelector with invalid offsets was ignored");
      }
    }
  }
  if (!quote) {
    return position
      ? "only a position, no TextQuoteSelector: the quote is needed to check where it belongs"
      : "no TextQuoteSelector in its target";
  }
  return { ...quote, ...(position ?? {}) };
}

/** The first target that carries a quote; the others are reported. */
function readTargets(targets: unknown, warn: (m: string) => void): QuoteParts | string {
  let result: QuoteParts | string = "no target with selectors";
  let found = 0;
  for (const target of asArray(targets)) {
    if (!isObject(target)) continue;
    const parts = readSelectors(target.selector, warn);
    if (typeof parts === "string") {
      if (found === 0) result = parts;
      continue;
    }
    found++;
    if (found === 1) result = parts;
  }
  if (found > 1) warn(`${found} targets carry quotes; only the first was imported`);
  return result;
}

function readSource(body: Json, ours: boolean, warn: (m: string) => void): ImportedSource | null {
  const rawSource = body.source;
  const url = typeof rawSource === "string" ? rawSource : isObject(rawSource) ? str(rawSource.id) : str(body.id);
  if (url === undefined) {
    warn("a linking body without a URL was ignored");
    return null;
  }
  if (!isHttpUrl(url)) {
    warn(`source ${clip(url)} is not an http(s) link and was left out`);
    return null;
  }
  let quote = "";
  for (const selector of asArray(body.selector)) {
    if (isObject(selector) && hasType(selector, "TextQuoteSelector") && typeof selector.exact === "string") {
      quote = selector.exact;
      break;
    }
  }
  let archivedUrl: string | null = null;
  let stateDate: string | null = null;
  for (const state of asArray(body.state)) {
    if (!isObject(state) || !hasType(state, "TimeState")) continue;
    const cached = asArray(state.cached).find((c): c is string => typeof c === "string");
    if (cached !== undefined) {
      if (isHttpUrl(cached)) archivedUrl = cached;
      else warn(`archived copy ${clip(cached)} is not an http(s) link and was left out`);
    }
    const date = asArray(state.sourceDate).find((d): d is string => typeof d === "string");
    if (date && /^\d{4}-\d{2}-\d{2}/.test(date)) stateDate = date.slice(0, 10);
    break;
  }
  const archivedCopy = str(projectTerm(body, "archivedCopy", ours));
  if (archivedUrl === null && archivedCopy !== undefined) {
    if (isHttpUrl(archivedCopy)) archivedUrl = archivedCopy;
    else warn(`archived copy ${clip(archivedCopy)} is not an http(s) link and was left out`);
  }
  const accessed = str(projectTerm(body, "accessedOn", ours));
  const accessedOn = accessed !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(accessed) ? accessed : stateDate;
  const rawStance = projectTerm(body, "stance", ours);
  let stance: SourceStance = "context";
  if (isSourceStance(rawStance)) stance = rawStance;
  else if (rawStance !== undefined) warn(`stance ${shown(rawStance)} is not one we know; "context" was used`);
  const sourceObject = isObject(rawSource) ? rawSource : {};
  return {
    url,
    title: str(projectTerm(body, "sourceTitle", ours)) ?? str(sourceObject.title) ?? str(sourceObject.name) ?? "",
    publisher: str(projectTerm(body, "sourcePublisher", ours)) ?? "",
    quote,
    stance,
    archivedUrl,
    accessedOn,
  };
}

const NOT_AN_ANNOTATION = "not an Annotation";
const NOT_AN_OBJECT = "not a JSON object";

/** Why a quote or its context is too long to import, if it is. */
function tooLong(item: ImportedAnnotation): string | null {
  const count = (n: number) => n.toLocaleString("en-US");
  if (item.exact.length > MAX_IMPORT_QUOTE) {
    return `the quote is ${count(item.exact.length)} characters long; at most ${count(MAX_IMPORT_QUOTE)} can be imported`;
  }
  for (const [name, value] of [["prefix", item.prefix], ["suffix", item.suffix]] as const) {
    if (value.length > MAX_IMPORT_CONTEXT) {
      return `the text ${name === "prefix" ? "before" : "after"} the quote (${name}) is ${count(value.length)} characters long; at most ${count(MAX_IMPORT_CONTEXT)} can be imported`;
    }
  }
  return null;
}

function readW3cAnnotation(anno: Json, inheritedOurs: boolean, warn: (m: string) => void): ImportedAnnotation | string {
  if (!hasType(anno, "Annotation") && anno.target === undefined) return NOT_AN_ANNOTATION;
  const ours = inheritedOurs || namesProjectContext(anno["@context"]);
  const parts = readTargets(anno.target, warn);
  if (typeof parts === "string") return parts;

  let verdict: VerdictId | undefined;
  const setVerdict = (v: VerdictId) => {
    if (verdict === undefined) verdict = v;
    else if (verdict !== v) warn(`a second verdict (${v}) was ignored; kept ${verdict}`);
  };
  let assessing: string | undefined;
  const texts: string[] = [];
  const notes: string[] = [];
  const sources: ImportedSource[] = [];

  const bodies = [...asArray(anno.body), ...asArray(anno.bodyValue).map((value) => ({ type: "TextualBody", value }))];
  for (const body of bodies) {
    if (typeof body === "string") {
      if (isHttpUrl(body)) sources.push({ url: body, title: "", publisher: "", quote: "", stance: "context", archivedUrl: null, accessedOn: null });
      else warn(`body ${clip(body)} is not an http(s) link and was left out`);
      continue;
    }
    if (!isObject(body)) {
      warn("a body that is not an object or a link was ignored");
      continue;
    }
    const purposes = asArray(body.purpose);
    const isTextual = hasType(body, "TextualBody") || (body.value !== undefined && body.source === undefined);
    if (isTextual) {
      const value = str(body.value);
      if (value === undefined) {
        warn("a TextualBody without a text value was ignored");
        continue;
      }
      if (purposes.includes("classifying") || purposes.includes("tagging")) {
        const id = toVerdictId(value);
        if (id) setVerdict(id);
        else warn(`${purposes.includes("tagging") ? "tag" : "classification"} "${clip(value)}" is not a verdict and was left out`);
      } else if (purposes.includes("assessing") && assessing === undefined) {
        assessing = str(projectTerm(body, "rationale", ours)) ?? value;
      } else if (projectTerm(body, "internal", ours) === true) {
        notes.push(value);
      } else {
        texts.push(value);
      }
      continue;
    }
    if (body.source !== undefined || (str(body.id) !== undefined && body.value === undefined)) {
      const source = readSource(body, ours, warn);
      if (source) sources.push(source);
      continue;
    }
    warn(`a body of type ${shown(body.type ?? null)} was not understood and was left out`);
  }

  const rationaleParts = [...(assessing !== undefined ? [assessing] : []), ...texts];
  const statement = str(projectTerm(anno, "statement", ours));
  const status = projectTerm(anno, "claimStatus", ours);
  if (status !== undefined && !isClaimStatus(status)) warn(`status ${shown(status)} is not one we know and was left out`);
  const item: ImportedAnnotation = { ...parts, sources };
  const id = str(anno.id);
  if (id !== undefined) item.sourceId = id;
  if (statement !== undefined) item.statement = statement;
  if (verdict !== undefined) item.verdict = verdict;
  if (isClaimStatus(status)) item.status = status;
  if (rationaleParts.length > 0) item.rationale = rationaleParts.join("\n\n");
  if (notes.length > 0) item.note = notes.join("\n\n");
  const creator = creatorName(anno.creator);
  if (creator !== undefined) item.creator = creator;
  const created = str(anno.created);
  if (created !== undefined) item.created = created;
  return item;
}

function readHypothesisAnnotation(anno: Json, warn: (m: string) => void): ImportedAnnotation | string {
  if (anno.target === undefined && anno.uri === undefined && anno.user === undefined) return NOT_AN_ANNOTATION;
  if (asArray(anno.references).length > 0) return "a reply to another annotation, not a quote";
  const parts = readTargets(anno.target, warn);
  if (typeof parts === "string") return parts === "no TextQuoteSelector in its target" || parts === "no target with selectors" ? "a page note with no quoted text" : parts;

  let verdict: VerdictId | undefined;
  for (const tag of asArray(anno.tags)) {
    if (typeof tag !== "string") continue;
    const id = toVerdictId(tag);
    if (id === undefined) warn(`tag "${clip(tag)}" is not a verdict and was left out`);
    else if (verdict === undefined) verdict = id;
    else if (verdict !== id) warn(`a second verdict tag "${clip(tag)}" was ignored; kept ${verdict}`);
  }
  // Links in the text stay in the rationale: a Hypothesis note has no reliable way to tell a source
  // from any other link, and a source without title or stance would only look complete.
  const text = str(anno.text) ?? "";
  const item: ImportedAnnotation = { ...parts, sources: [] };
  const id = str(anno.id);
  if (id !== undefined) item.sourceId = id;
  if (verdict !== undefined) item.verdict = verdict;
  if (text.length > 0) item.rationale = text;
  const userInfo = isObject(anno.user_info) ? str(anno.user_info.display_name) : undefined;
  const creator = userInfo ?? str(anno.user);
  if (creator !== undefined) item.creator = creator;
  const created = str(anno.created);
  if (created !== undefined) item.created = created;
  return item;
}

function looksLikeHypothesis(x: unknown): boolean {
  return isObject(x) && x.type === undefined && x["@context"] === undefined && (typeof x.user === "string" || typeof x.uri === "string");
}

/**
 * Reads an import file: a W3C AnnotationCollection (`first.items` or `items`), an AnnotationPage, an
 * array of W3C annotations, a single annotation, or a Hypothesis export (`{ annotations: [...] }`, or
 * an API search result `{ rows: [...] }`). Never throws on bad input: it is reported in `skipped`.
 */
export function parseAnnotationImport(json: unknown): ImportParseResult {
  const skipped: ImportParseResult["skipped"] = [];
  const warnings: ImportParseResult["warnings"] = [];
  const items: ImportedAnnotation[] = [];

  let format: ImportFormat = "w3c";
  let list: unknown[] = [];
  let inheritedOurs = false;
  if (isObject(json) && (Array.isArray(json.annotations) || Array.isArray(json.rows)) && !hasType(json, "Annotation")) {
    format = "hypothesis";
    list = Array.isArray(json.annotations) ? json.annotations : asArray(json.rows);
  } else if (Array.isArray(json)) {
    format = json.length > 0 && json.every(looksLikeHypothesis) ? "hypothesis" : "w3c";
    list = json;
  } else if (isObject(json) && (hasType(json, "AnnotationCollection") || hasType(json, "AnnotationPage"))) {
    inheritedOurs = namesProjectContext(json["@context"]);
    const first = json.first;
    if (isObject(first)) list = asArray(first.items);
    else if (Array.isArray(json.items)) list = json.items;
    else if (typeof first === "string") {
      skipped.push({ index: -1, reason: `the collection's annotations are not embedded (first page: ${clip(first)})` });
    }
    if (typeof json.total === "number" && json.total > list.length) {
      warnings.push({ index: -1, message: `the collection has ${json.total} annotations; only the ${list.length} embedded here were read` });
    }
  } else if (isObject(json) && (hasType(json, "Annotation") || json.target !== undefined)) {
    format = looksLikeHypothesis(json) ? "hypothesis" : "w3c";
    list = [json];
  } else {
    skipped.push({
      index: -1,
      reason: "not an annotation, a list of annotations, an AnnotationCollection or a Hypothesis export",
    });
  }

  if (list.length > MAX_IMPORT_ANNOTATIONS) {
    const count = (n: number) => n.toLocaleString("en-US");
    return {
      format,
      items: [],
      skipped,
      warnings,
      refusal: `The file holds ${count(list.length)} annotations; at most ${count(MAX_IMPORT_ANNOTATIONS)} can be imported at once. Split it into smaller files.`,
    };
  }

  // Entries are read one level deep at a time (no recursion into the values), so nesting depth costs
  // nothing; an annotation's fields are only ever looked at by name.
  let annotations = 0;
  list.forEach((entry, index) => {
    const warn = (message: string) => warnings.push({ index, message });
    if (!isObject(entry)) {
      skipped.push({ index, reason: NOT_AN_OBJECT });
      return;
    }
    const result = format === "hypothesis" ? readHypothesisAnnotation(entry, warn) : readW3cAnnotation(entry, inheritedOurs, warn);
    if (result !== NOT_AN_ANNOTATION) annotations++;
    if (typeof result === "string") {
      skipped.push({ index, reason: result });
      return;
    }
    const long = tooLong(result);
    if (long) skipped.push({ index, reason: long, exact: clip(result.exact) });
    else items.push(result);
  });
  const result: ImportParseResult = { format, items, skipped, warnings };
  if (annotations === 0) {
    const why = skipped[0]?.reason ?? "expected a W3C collection or array, or a Hypothesis export";
    result.refusal = `The file holds no annotations (${why}).`;
  }
  return result;
}

/**
 * Places imported annotations in an article's canonical text. Every placed claim gets its quote and
 * context re-described from the text itself, so a fuzzy placement stores what the article says.
 */
export function planImport(text: string, items: ImportedAnnotation[]): ImportPlan {
  const placed: PlacedAnnotation[] = [];
  const unplaced: ImportPlan["unplaced"] = [];
  const counts = { exact: 0, fuzzy: 0, unplaced: 0 };
  for (const item of items) {
    const anchor = anchorSelectors(text, item);
    if (!anchor.ok) {
      unplaced.push({ item, reason: anchor.reason });
      counts.unplaced++;
      continue;
    }
    const span = describeSpan(text, anchor.start, anchor.end);
    placed.push({ ...item, ...span, method: anchor.method });
    if (anchor.method === "fuzzy") counts.fuzzy++;
    else counts.exact++;
  }
  return { placed, unplaced, counts };
}
