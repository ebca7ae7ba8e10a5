// Turns an imported web page or file into an article: a title, what the page says about who wrote and
// published it and when, and the text as the app's canonical plain text (lib/core/text.ts), in which
// every annotation is anchored. Since claims are quoted from this text, its paragraphs must be the
// article's own: menus, cookie banners, share buttons, related links and footers must not get in.
//
// Web pages go through Mozilla's Readability (the engine of Firefox's Reader View) on a jsdom document
// that runs no scripts and loads nothing. Readability's own plain text joins paragraphs without breaks,
// so the text is made here by walking the HTML it keeps: block elements become paragraphs, <br> a line
// break. Metadata is read before Readability runs, because it strips the document as it works.
// Parsing a large page takes seconds of CPU, and jsdom's time grows with the square of how deeply a
// page nests, so pages over 200 KB or nested deeper than a news page ever is are extracted on a worker
// thread (lib/server/worker-thread.ts), which is stopped after 20 s.
//
// Files: HTML as a page; plain text with its first short line as the title; Markdown through the small
// converter in lib/core/markdown-text.ts; Word (.docx) through mammoth's HTML and the same paragraph walk.
//
// Refusals: "not_an_article" (too little text, a page of links, an empty file, or a page too large or
// complex to parse in time), "unsupported_media_type" (another kind of file, or a .docx that is not
// one), "payload_too_large" (a file over 5 MB, or a .docx that unpacks to more than 50 MB).
import { Worker } from "node:worker_threads";
import { Readability } from "@mozilla/readability";
import { JSDOM, VirtualConsole } from "jsdom";
import JSZip from "jszip";
import mammoth from "mammoth";
import { isHttpUrl } from "@/lib/core/http-url";
import { parseMarkdown } from "@/lib/core/markdown-text";
import { canonicalizeText, codePointLength, trimOf } from "@/lib/core/text";
import { AppError, type ErrorCode } from "./errors";
import { decodePageBytes } from "./web-fetch";
import { askWorker, startWorkerBeside } from "./worker-thread";

export interface ExtractedArticle {
  title: string;
  byline: string | null;
  publisher: string | null;
  /** YYYY-MM-DD, as the page states it. */
  publishedOn: string | null;
  /** The page's canonical http(s) URL, else the URL it was fetched from, else null. */
  url: string | null;
  /** Canonical plain text: paragraphs separated by one blank line. */
  text: string;
  /** The language the page declares (a BCP 47 tag such as "en-GB"), or null. */
  language: string | null;
}

/** Fewer characters than this is a teaser, a login wall or a page of links, not an article. */
export const MIN_ARTICLE_CHARS = 200;
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** HTML longer than this (in UTF-16 units) is parsed on a worker thread. */
export const WORKER_THRESHOLD_CHARS = 200 * 1024;
/** So is HTML nested deeper than this (news pages nest a few dozen levels). */
export const WORKER_THRESHOLD_DEPTH = 400;
const WORKER_TIME_LIMIT_MS = 20_000;
/** A .docx unpacks to at most this much XML, so a zip bomb cannot exhaust memory inside mammoth. */
const MAX_DOCX_UNPACKED_BYTES = 50 * 1024 * 1024;

const noArticleText = () => new AppError("not_an_article", "No article text was found on this page.");

// ---------------------------------------------------------------------------------------------------
// Web pages

export interface ExtractOptions {
  /** Time the worker thread gets for one page before the page is refused (default 20 s). */
  timeLimitMs?: number;
}

/**
 * Extracts the article from a page's HTML. Large pages, and pages nested deeply enough to make jsdom's
 * parsing slow (its cost grows with the square of the depth), are parsed off the event loop, within a
 * time limit.
 */
export async function extractArticleFromHtml(html: string, pageUrl?: string, options: ExtractOptions = {}): Promise<ExtractedArticle> {
  if (html.length <= WORKER_THRESHOLD_CHARS && nestingEstimate(html) <= WORKER_THRESHOLD_DEPTH) return extractArticleHere(html, pageUrl);
  return extractOffThread(html, pageUrl, options.timeLimitMs ?? WORKER_TIME_LIMIT_MS);
}

/** The same as extractArticleFromHtml, on this thread (the worker's entry calls this). */
export function extractArticleHere(html: string, pageUrl?: string): ExtractedArticle {
  try {
    return extractWithReadability(html, pageUrl);
  } catch (error) {
    // jsdom recurses over ancestors: a page nested some ten thousand levels deep exhausts the stack.
    if (error instanceof RangeError) throw tooComplex();
    throw error;
  }
}

const VOID_ELEMENTS = new Set("area base br col embed hr img input link meta param source track wbr".split(" "));

/**
 * An upper estimate of how deeply a page's elements nest, from its tags alone, in one pass: start
 * tags of non-void elements go down a level, end tags up. Unclosed <p>s and <li>s only make it higher.
 */
export function nestingEstimate(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (let at = html.indexOf("<"); at >= 0; at = html.indexOf("<", at + 1)) {
    if (html[at + 1] === "/") depth = Math.max(0, depth - 1);
    else if (/[a-z]/i.test(html[at + 1] ?? "") && !VOID_ELEMENTS.has(tagNameAt(html, at + 1))) deepest = Math.max(deepest, ++depth);
  }
  return deepest;
}

function tagNameAt(html: string, start: number): string {
  let end = start;
  while (end < html.length && end - start < 10 && /[a-z\d]/i.test(html[end] ?? "")) end++;
  return html.slice(start, end).toLowerCase();
}

function extractWithReadability(html: string, pageUrl: string | undefined): ExtractedArticle {
  const baseUrl = pageUrl !== undefined && isHttpUrl(pageUrl) ? pageUrl : undefined;
  const dom = new JSDOM(html, { url: baseUrl, virtualConsole: new VirtualConsole() });
  try {
    const document = dom.window.document;
    const metadata = readPageMetadata(document, baseUrl);
    removeAdvertising(document);
    const parsed = new Readability(document, { serializer: (node: Node) => node }).parse();
    const content = parsed?.content;
    if (!parsed || !content || mostlyLinks(content)) throw noArticleText();
    const publisher = metadata.publisher ?? cleanLine(parsed.siteName);
    const title = stripSiteName(firstOf(parsed.title, metadata.ogTitle, document.title) ?? "", publisher);
    const byline = cleanByline(parsed.byline) ?? metadata.byline;
    const text = textWithoutHeadline(paragraphsOf(content), title, byline);
    if (codePointLength(text) < MIN_ARTICLE_CHARS) throw noArticleText();
    return {
      title: title || "Untitled article",
      byline,
      publisher,
      publishedOn: metadata.publishedOn ?? normaliseDate(parsed.publishedTime),
      url: metadata.url,
      text,
      language: metadata.language,
    };
  } finally {
    dom.window.close();
  }
}

interface PageMetadata {
  ogTitle: string | null;
  byline: string | null;
  publisher: string | null;
  publishedOn: string | null;
  url: string | null;
  language: string | null;
}

function readPageMetadata(document: Document, baseUrl: string | undefined): PageMetadata {
  const meta = metaTags(document);
  const articles = jsonLdArticles(document);
  const canonical = document.querySelector("link[rel~='canonical' i]")?.getAttribute("href");
  return {
    ogTitle: cleanLine(meta.get("og:title")),
    byline: firstOf(...articles.map((article) => namesOf(article.author)), microdataAuthor(document), cleanByline(meta.get("author"))),
    publisher: firstOf(cleanLine(meta.get("og:site_name")), ...articles.map((article) => namesOf(article.publisher)), cleanLine(meta.get("application-name"))),
    publishedOn: firstDate([
      meta.get("article:published_time"),
      ...articles.map((article) => (typeof article.datePublished === "string" ? article.datePublished : undefined)),
      meta.get("datepublished"),
      meta.get("date"),
      meta.get("pubdate"),
      meta.get("dc.date.issued"),
      meta.get("parsely-pub-date"),
      timeInArticle(document),
    ]),
    url: firstUrl([canonical, meta.get("og:url")], baseUrl) ?? baseUrl ?? null,
    language: languageTag(document.documentElement.getAttribute("lang")) ?? languageTag(meta.get("content-language")),
  };
}

/** Every <meta>'s content by its name, property, itemprop or http-equiv, lower case; the first wins. */
function metaTags(document: Document): Map<string, string> {
  const tags = new Map<string, string>();
  for (const element of document.querySelectorAll("meta[content]")) {
    const content = element.getAttribute("content") ?? "";
    for (const attribute of ["name", "property", "itemprop", "http-equiv"]) {
      const key = element.getAttribute(attribute)?.trim().toLowerCase();
      if (key && !tags.has(key)) tags.set(key, content);
    }
  }
  return tags;
}

type JsonObject = Record<string, unknown>;

const ARTICLE_TYPES = new Set([
  "Article",
  "NewsArticle",
  "ReportageNewsArticle",
  "AnalysisNewsArticle",
  "BackgroundNewsArticle",
  "OpinionNewsArticle",
  "ReviewNewsArticle",
  "BlogPosting",
  "Report",
]);

/** The schema.org articles in the page's JSON-LD blocks, whether a block is one object, an array or a @graph. */
function jsonLdArticles(document: Document): JsonObject[] {
  const found: JsonObject[] = [];
  for (const script of document.querySelectorAll("script[type='application/ld+json' i]")) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? "");
    } catch {
      continue;
    }
    const queue: unknown[] = [data];
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      if (Array.isArray(item)) queue.push(...(item as unknown[]));
      else if (isObject(item)) {
        if (Array.isArray(item["@graph"])) queue.push(...(item["@graph"] as unknown[]));
        if (typesOf(item).some((type) => ARTICLE_TYPES.has(type))) found.push(item);
      }
    }
  }
  return found;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typesOf(item: JsonObject): string[] {
  const type = item["@type"];
  const types = Array.isArray(type) ? (type as unknown[]) : [type];
  return types.filter((t): t is string => typeof t === "string").map((t) => t.replace("https://schema.org/", "").replace("http://schema.org/", ""));
}

/** "A", {name: "A"} or a list of either, as "A, B"; null when there is no name. */
function namesOf(value: unknown): string | null {
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  const names = items
    .map((item) => (typeof item === "string" ? item : isObject(item) && typeof item.name === "string" ? item.name : ""))
    .map((name) => cleanLine(name))
    .filter((name): name is string => name !== null);
  return names.length > 0 ? names.join(", ") : null;
}

/** The author marked up with schema.org microdata: an itemprop=author element, or the name inside it. */
function microdataAuthor(document: Document): string | null {
  const author = document.querySelector("[itemprop~='author' i]");
  const name = author?.querySelector("[itemprop~='name' i]") ?? author;
  return cleanByline(name?.getAttribute("content") ?? name?.textContent);
}

/** A publication date marked up in the article itself (microdata, or a <time> inside <article>). */
function timeInArticle(document: Document): string | undefined {
  const marked = document.querySelector("[itemprop~='datePublished' i]");
  const element = marked ?? document.querySelector("article time[datetime], main time[datetime], time[pubdate][datetime]");
  return element?.getAttribute("datetime") ?? element?.getAttribute("content") ?? undefined;
}

function firstDate(candidates: ReadonlyArray<string | null | undefined>): string | null {
  for (const candidate of candidates) {
    const date = normaliseDate(candidate);
    if (date) return date;
  }
  return null;
}

function firstUrl(candidates: ReadonlyArray<string | null | undefined>, baseUrl: string | undefined): string | null {
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate.trim(), baseUrl).href;
      if (isHttpUrl(url)) return url;
    } catch {
      // A relative URL without a page URL to resolve it against, or no URL at all: try the next.
    }
  }
  return null;
}

const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z\d]{1,8})*$/i;

function languageTag(value: string | null | undefined): string | null {
  const tag = (value ?? "").trim().replaceAll("_", "-");
  return tag.length <= 35 && LANGUAGE_TAG.test(tag) ? tag : null;
}

const AD_CLASSES = new Set(
  "ad ads advert adverts advertisement advertising adsbygoogle anzeige werbung pub publicite publicité reklama sponsored".split(" "),
);

/** An element a site marks as an advertisement ("ad-slot", "werbung", "adsbygoogle"…) by class or id. */
function isAdvertising(element: Element): boolean {
  const names = [...element.classList, element.id].map((name) => name.toLowerCase());
  return names.some((name) => AD_CLASSES.has(name) || name.startsWith("ad-") || name.startsWith("ads-") || name.endsWith("-ad") || name.endsWith("-ads"));
}

/**
 * Removes advertising slots before Readability runs. Readability drops most page furniture itself, but
 * an ad slot inside the article body keeps its label ("Advertisement", "Anzeige", "Publicité") as a
 * paragraph of the text.
 */
function removeAdvertising(document: Document): void {
  for (const element of [...document.querySelectorAll("body [class], body [id]")]) {
    if (element.isConnected && isAdvertising(element)) element.remove();
  }
}

/** True when most of the kept text is link text: a home page or a list of headlines. */
function mostlyLinks(content: Node): boolean {
  const total = (content.textContent ?? "").replace(/\s+/g, "").length;
  let linked = 0;
  for (const link of (content as Element).querySelectorAll("a")) linked += (link.textContent ?? "").replace(/\s+/g, "").length;
  return total === 0 || linked / total > 0.5;
}

const SITE_SEPARATORS = [" | ", " - ", " – ", " — ", " · ", " :: ", " » ", " / "];

/** "Headline | Site Name" → "Headline", when the part after the separator is the site's name. */
export function stripSiteName(title: string, siteName: string | null): string {
  const clean = cleanLine(title) ?? "";
  if (!siteName) return clean;
  for (const separator of SITE_SEPARATORS) {
    const suffix = `${separator}${siteName}`;
    if (clean.length > suffix.length && clean.toLowerCase().endsWith(suffix.toLowerCase())) return clean.slice(0, -suffix.length).trim();
  }
  return clean;
}

const BYLINE_PREFIX = /^(?:by|von|par|por|door|di|da|от)\s+/i;
const BYLINE_LABEL = /^(?:author|autor|auteur|автор|بقلم)\s*:\s*/i;

/** A byline without "By " and without the line breaks or runs of spaces a page's markup leaves in it. */
function cleanByline(value: string | null | undefined): string | null {
  const line = cleanLine(value);
  if (!line) return null;
  return cleanLine(line.replace(BYLINE_LABEL, "").replace(BYLINE_PREFIX, ""));
}

/** One line of text with whitespace collapsed, or null when nothing is left. */
function cleanLine(value: string | null | undefined): string | null {
  const line = collapseWhitespace(value ?? "");
  return line === "" ? null : line;
}

function firstOf(...values: Array<string | null | undefined>): string | null {
  for (const value of values) {
    const line = cleanLine(value);
    if (line) return line;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Dates

const ISO_DATE = /^(\d{4})[-/](\d{2})[-/](\d{2})(?![\d/-])/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})(?!\d)/;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
// "Sat, 08 Jan 2022 10:00:00 GMT" (HTTP and RSS dates); other wordings are too ambiguous to trust.
const RFC_DATE = /^(?:[a-z]{3},\s*)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})\b/i;

/**
 * A date as YYYY-MM-DD, from an ISO 8601 date or timestamp (the calendar date as written, i.e. in the
 * publisher's own time zone), YYYYMMDD, or an RFC 2822 date; null for anything else or a date that does
 * not exist. No date is better than a wrong one.
 */
export function normaliseDate(value: string | null | undefined): string | null {
  const text = (value ?? "").trim().slice(0, 64);
  const iso = ISO_DATE.exec(text) ?? COMPACT_DATE.exec(text);
  if (iso) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const rfc = RFC_DATE.exec(text);
  if (rfc) return calendarDate(Number(rfc[3]), MONTHS.indexOf((rfc[2] ?? "").toLowerCase()) + 1, Number(rfc[1]));
  return null;
}

function calendarDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid = year >= 1800 && year <= 2999 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? date.toISOString().slice(0, 10) : null;
}

// ---------------------------------------------------------------------------------------------------
// HTML to paragraphs

const BLOCK_ELEMENTS = new Set([
  ..."address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption figure footer form".split(" "),
  ..."h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p pre section summary table tbody tfoot thead tr ul".split(" "),
]);
const SKIPPED_ELEMENTS = new Set(
  "audio button canvas embed head iframe img input link map meta noscript object picture script select source style svg template textarea title track video".split(" "),
);

const LINE_BREAK = Symbol("line break");
const CELL_BREAK = Symbol("cell break");
type Piece = string | typeof LINE_BREAK | typeof CELL_BREAK;

/** Collects text into paragraphs: inline text and breaks go into the open paragraph until a block ends it. */
class ParagraphCollector {
  readonly paragraphs: string[] = [];
  private pieces: Piece[] = [];
  /** Inside <pre>: whitespace is kept as written. */
  preformatted = 0;
  /** Inside a table cell: the cell's own paragraphs stay on the row's line. */
  private cells = 0;

  add(piece: Piece): void {
    this.pieces.push(piece);
  }

  startCell(): void {
    this.add(CELL_BREAK);
    this.cells++;
  }

  endCell(): void {
    this.cells--;
  }

  /** The start or end of a block element. */
  blockBoundary(): void {
    if (this.cells > 0) this.add(" ");
    else this.endParagraph();
  }

  endParagraph(): void {
    if (this.pieces.length === 0) return;
    const text = this.preformatted > 0 ? preformattedText(this.pieces) : flowingText(this.pieces);
    this.pieces = [];
    if (text !== "") this.paragraphs.push(text);
  }
}

/** The text of `root` as paragraphs, each with its whitespace collapsed and no blank lines at its ends. */
function paragraphsOf(root: Node): string[] {
  const collector = new ParagraphCollector();
  // An explicit stack instead of recursion: a page may nest elements deeper than the call stack goes.
  const stack: Array<{ node: Node; leaving: boolean }> = [{ node: root, leaving: false }];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const { node, leaving } = entry;
    if (node.nodeType === node.TEXT_NODE) {
      collector.add(node.nodeValue ?? "");
      continue;
    }
    if (node.nodeType === node.ELEMENT_NODE) {
      const element = node as Element;
      if (leaving) {
        leaveElement(element, collector);
        continue;
      }
      if (!enterElement(element, collector)) continue;
      if (hasEnd(element)) stack.push({ node, leaving: true });
    }
    for (let child = node.lastChild; child !== null; child = child.previousSibling) stack.push({ node: child, leaving: false });
  }
  collector.endParagraph();
  return collector.paragraphs;
}

function isCell(element: Element): boolean {
  return element.localName === "td" || element.localName === "th";
}

function hasEnd(element: Element): boolean {
  return BLOCK_ELEMENTS.has(element.localName) || isCell(element);
}

/** Handles an element's start; false when its content is to be skipped. */
function enterElement(element: Element, collector: ParagraphCollector): boolean {
  const name = element.localName;
  if (SKIPPED_ELEMENTS.has(name) || element.hasAttribute("hidden")) return false;
  if (name === "br") collector.add(LINE_BREAK);
  else if (isCell(element)) collector.startCell();
  else if (BLOCK_ELEMENTS.has(name)) {
    collector.blockBoundary();
    if (name === "pre") collector.preformatted++;
  }
  return true;
}

function leaveElement(element: Element, collector: ParagraphCollector): void {
  if (isCell(element)) return collector.endCell();
  collector.blockBoundary();
  if (element.localName === "pre") collector.preformatted--;
}

// Soft hyphens and zero-width spaces only guide line breaking; in quoted text they would be invisible
// characters that make a quote typed by hand not match.
const INVISIBLE = /[\u00ad\u200b]/g;

/** Pieces of a normal paragraph: whitespace collapsed as a browser does, lines from <br>, cells by tabs. */
function flowingText(pieces: readonly Piece[]): string {
  const lines: string[] = [];
  let cells: string[] = [];
  let cell = "";
  const endCell = () => {
    const text = collapseWhitespace(cell);
    if (text !== "") cells.push(text);
    cell = "";
  };
  for (const piece of pieces) {
    if (piece === LINE_BREAK || piece === CELL_BREAK) {
      endCell();
      if (piece === CELL_BREAK) continue;
      lines.push(cells.join("\t"));
      cells = [];
    } else cell += piece;
  }
  endCell();
  lines.push(cells.join("\t"));
  return trimOf(lines.join("\n"), "\n");
}

function preformattedText(pieces: readonly Piece[]): string {
  const text = pieces.map((piece) => (piece === LINE_BREAK ? "\n" : piece === CELL_BREAK ? "\t" : piece)).join("");
  return trimOf(canonicalizeText(text.replace(INVISIBLE, "")), "\n");
}

/** Whitespace runs (and no-break spaces) as one space, invisible breaking hints removed, trimmed. */
function collapseWhitespace(text: string): string {
  return trimOf(text.replace(INVISIBLE, "").replace(/[\t\n\f\r \u00a0]+/g, " "), " ");
}

/** Canonical text from an HTML fragment, paragraph by paragraph: what a page's text looks like here. */
export function htmlToPlainText(html: string): string {
  return canonicalizeText(paragraphsOf(JSDOM.fragment(html)).join("\n\n"));
}

/**
 * The paragraphs as canonical text, without the lines a page puts above an article that are not its
 * text: a first paragraph that only repeats the title, and the byline ("By Dana Reporter") when the
 * page's metadata named the author, so Readability kept that line in the content.
 */
function textWithoutHeadline(paragraphs: readonly string[], title: string, byline: string | null = null): string {
  let start = 0;
  const isHeading = (line: string) => sameLine(line, title) || (byline !== null && (sameLine(line, byline) || cleanByline(line) === byline));
  while (start < Math.min(2, paragraphs.length) && isHeading(paragraphs[start] ?? "")) start++;
  return canonicalizeText(paragraphs.slice(start).join("\n\n"));
}

function sameLine(a: string, b: string): boolean {
  return collapseWhitespace(a).toLowerCase() === collapseWhitespace(b).toLowerCase();
}

// ---------------------------------------------------------------------------------------------------
// The worker

/** What the worker posts back: the article, the AppError it refused the page with, or a bug's message. */
export type WorkerReply = { article: ExtractedArticle } | { refusal: { code: ErrorCode; message: string } } | { failure: string };

let workerBroken = false;

async function extractOffThread(html: string, pageUrl: string | undefined, timeLimitMs: number): Promise<ExtractedArticle> {
  if (!workerBroken) {
    try {
      return await onWorker(html, pageUrl, timeLimitMs);
    } catch (error) {
      if (error instanceof WorkerRan) throw error.outcome;
      // Say so once, then keep extracting on this thread rather than failing every import.
      workerBroken = true;
      console.warn("article import: the extraction worker could not run; extracting on the main thread", error);
    }
  }
  return extractArticleHere(html, pageUrl);
}

/** Wraps an outcome of a worker that did run, so it is not mistaken for a worker that could not start. */
class WorkerRan extends Error {
  constructor(readonly outcome: Error) {
    super(outcome.message);
  }
}

async function onWorker(html: string, pageUrl: string | undefined, timeLimitMs: number): Promise<ExtractedArticle> {
  const worker = startWorkerBeside(import.meta.url, () => new Worker(new URL("./article-extract.worker.ts", import.meta.url)));
  const reply = await askWorker<WorkerReply>(worker, { html, pageUrl }, "extraction", { ms: timeLimitMs, error: () => new WorkerRan(tooComplex()) }).catch(
    (error: Error & { code?: string }) => {
      throw error.code === "ERR_WORKER_OUT_OF_MEMORY" ? new WorkerRan(tooComplex()) : error;
    },
  );
  if (reply && "article" in reply) return reply.article;
  throw outcomeOf(reply);
}

function outcomeOf(reply: Exclude<WorkerReply, { article: ExtractedArticle }>): WorkerRan {
  if ("refusal" in reply) return new WorkerRan(new AppError(reply.refusal.code, reply.refusal.message));
  return new WorkerRan(new Error(`article extraction failed: ${reply.failure}`));
}

function tooComplex(): AppError {
  return new AppError("not_an_article", "This page is too large or complex to read as an article.");
}

// ---------------------------------------------------------------------------------------------------
// Files

type FileKind = "html" | "text" | "markdown" | "docx";

const KIND_BY_EXTENSION: Record<string, FileKind> = { html: "html", htm: "html", xhtml: "html", txt: "text", md: "markdown", markdown: "markdown", docx: "docx" };
const KIND_BY_MEDIA_TYPE: Record<string, FileKind> = {
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/plain": "text",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
};

/** Extracts the article from an uploaded file, recognised by its extension, else by its media type. */
export async function extractArticleFromFile(fileName: string, bytes: Uint8Array, mimeType?: string): Promise<ExtractedArticle> {
  if (bytes.length > MAX_FILE_BYTES) throw new AppError("payload_too_large", "The file is larger than 5 MB.");
  const kind = fileKindOf(fileName, mimeType);
  const fallbackTitle = baseName(fileName);
  if (kind === "html") return extractArticleFromHtml(decodePageBytes(bytes, { sniffHtml: true }).text);
  if (kind === "docx") return articleFromDocx(bytes, fallbackTitle);
  const text = decodePageBytes(bytes, { sniffHtml: false }).text;
  return kind === "markdown" ? articleFromMarkdown(text, fallbackTitle) : articleFromPlainText(text, fallbackTitle, null);
}

/** The article in a fetched page (lib/server/web-fetch.ts's result): HTML through Readability, plain text as is. */
export function extractArticleFromPage(page: { url: string; contentType: string; body: string }): Promise<ExtractedArticle> {
  if (page.contentType === "text/plain") return Promise.resolve(articleFromPlainText(page.body, titleFromUrl(page.url), page.url));
  return extractArticleFromHtml(page.body, page.url);
}

function fileKindOf(fileName: string, mimeType: string | undefined): FileKind {
  const dot = fileName.lastIndexOf(".");
  const extension = dot >= 0 ? fileName.slice(dot + 1).toLowerCase() : "";
  const mediaType = (mimeType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const kind = KIND_BY_EXTENSION[extension] ?? KIND_BY_MEDIA_TYPE[mediaType];
  if (!kind) throw new AppError("unsupported_media_type", "Import takes HTML, plain text, Markdown or Word (.docx) files.");
  return kind;
}

/** "reports/Kazakhstan timeline.docx" → "Kazakhstan timeline". */
function baseName(fileName: string): string {
  const name = fileName.slice(Math.max(fileName.lastIndexOf("/"), fileName.lastIndexOf("\\")) + 1);
  const dot = name.lastIndexOf(".");
  return cleanLine(dot > 0 ? name.slice(0, dot) : name) ?? "Untitled article";
}

function titleFromUrl(url: string): string {
  try {
    const { pathname, hostname } = new URL(url);
    return baseName(decodeURIComponent(pathname)) === "Untitled article" ? hostname : baseName(decodeURIComponent(pathname));
  } catch {
    return "Untitled article";
  }
}

function emptyFile(): AppError {
  return new AppError("not_an_article", "The file contains no text.");
}

function fileArticle(fields: Partial<ExtractedArticle> & { title: string; text: string }): ExtractedArticle {
  if (fields.text === "") throw emptyFile();
  return { byline: null, publisher: null, publishedOn: null, url: null, language: null, ...fields };
}

// ---------------------------------------------------------------------------------------------------
// Plain text

const MAX_TITLE_CHARS = 200;

/** The first line is the title when it is short and more text follows it; else the file's name is. */
function articleFromPlainText(raw: string, fallbackTitle: string, url: string | null): ExtractedArticle {
  const text = canonicalizeText(raw);
  const lineEnd = text.indexOf("\n");
  const firstLine = (lineEnd < 0 ? text : text.slice(0, lineEnd)).trim();
  const rest = lineEnd < 0 ? "" : canonicalizeText(text.slice(lineEnd + 1));
  if (rest !== "" && codePointLength(firstLine) < MAX_TITLE_CHARS) return fileArticle({ title: firstLine, text: rest, url });
  return fileArticle({ title: fallbackTitle, text, url });
}

// ---------------------------------------------------------------------------------------------------
// Word

const DC = "http://purl.org/dc/elements/1.1/";

async function articleFromDocx(bytes: Uint8Array, fallbackTitle: string): Promise<ExtractedArticle> {
  const zip = await openDocx(bytes);
  await checkUnpackedSize(zip);
  const properties = await coreProperties(zip);
  const { value: html } = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes) },
    { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: "" })), externalFileAccess: false },
  );
  const fragment = JSDOM.fragment(html);
  const heading = cleanLine(fragment.querySelector("h1, h2, h3, h4, h5, h6")?.textContent);
  const title = properties.title ?? heading ?? fallbackTitle;
  // The file's dates (dcterms:created, modified) say when the file was written or saved, which is not
  // when the article was published: a wrong date would mislead, so a Word import has none.
  return fileArticle({ title, byline: properties.creator, language: languageTag(properties.language), text: textWithoutHeadline(paragraphsOf(fragment), title) });
}

async function openDocx(bytes: Uint8Array): Promise<JSZip> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    if (zip.file("word/document.xml")) return zip;
  } catch {
    // Not a zip archive at all.
  }
  throw notADocx();
}

function notADocx(): AppError {
  return new AppError("unsupported_media_type", "The file is not a Word (.docx) document.");
}

/** Refuses a .docx whose XML parts unpack to more than MAX_DOCX_UNPACKED_BYTES, counting as it unpacks. */
async function checkUnpackedSize(zip: JSZip): Promise<void> {
  let total = 0;
  for (const entry of zip.file(/\.(?:xml|rels)$/i)) {
    total += await unpackedSize(entry, MAX_DOCX_UNPACKED_BYTES - total);
    if (total > MAX_DOCX_UNPACKED_BYTES) throw new AppError("payload_too_large", "The Word document unpacks to more than 50 MB of text and markup.");
  }
}

/** The entry's unpacked size, or a number over `limit` as soon as unpacking passes it (and stops there). */
function unpackedSize(entry: JSZip.JSZipObject, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const stream = entry.nodeStream("nodebuffer");
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stream.pause();
        resolve(size);
      }
    });
    stream.on("end", () => resolve(size));
    stream.on("error", () => reject(notADocx()));
  });
}

async function coreProperties(zip: JSZip): Promise<{ title: string | null; creator: string | null; language: string | null }> {
  const xml = await zip.file("docProps/core.xml")?.async("string");
  if (!xml) return { title: null, creator: null, language: null };
  const { window } = new JSDOM("");
  try {
    const document = new window.DOMParser().parseFromString(xml, "application/xml");
    const field = (name: string) => cleanLine(document.getElementsByTagNameNS(DC, name)[0]?.textContent);
    return { title: field("title"), creator: field("creator"), language: field("language") };
  } finally {
    window.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// Markdown

function articleFromMarkdown(source: string, fallbackTitle: string): ExtractedArticle {
  // Only line endings are normalised first: trailing spaces are Markdown's hard line breaks.
  const { fields, blocks } = parseMarkdown(source.normalize("NFC").replace(/\r\n?/g, "\n"));
  const firstH1 = blocks.find((block) => block.heading === 1);
  const title = cleanLine(fields.get("title")) ?? (firstH1 ? cleanLine(firstH1.text) : null) ?? fallbackTitle;
  const kept = blocks.filter((block) => !(block === firstH1 && sameLine(block.text, title)));
  return fileArticle({
    title,
    byline: cleanByline(fields.get("author") ?? fields.get("authors")),
    publishedOn: normaliseDate(fields.get("date") ?? fields.get("published")),
    text: canonicalizeText(kept.map((block) => block.text).join("\n\n")),
  });
}
