// The review report as a PDF, made with pdf-lib alone so a server without a browser can produce it.
// Fonts come in as bytes (lib/server/report-fonts loads DejaVu), are embedded as subsets, and any
// character they lack is drawn as a visible placeholder instead of failing. A small layout engine
// measures words with cached glyph advances, wraps them into lines, breaks pages, and keeps link
// rectangles so every http(s) URL becomes a clickable link annotation. Page numbers ("Page N of M")
// are drawn once all pages exist. The layout mirrors the HTML report: header, summary chart, revisions,
// article text with numbered claim markers (none for claims whose words are gone), claims with sources
// and their place in the current text, the claims whose words are gone apart, corrections, integrity
// footer.

import * as fontkitModule from "@pdf-lib/fontkit";
import {
  PDFDocument,
  PDFHexString,
  PageSizes,
  rgb,
  type PDFFont,
  type PDFPage,
  type RGB,
} from "pdf-lib";
import { paragraphs, makeOffsetMap } from "../text";
import { stanceLabel, statusLabel } from "../claim";
import { segmentText, type Span } from "../segments";
import { verdictChartData, verdictFill } from "./chart";
import {
  claimsInTextOrder,
  formatDay,
  formatTime,
  httpUrl,
  personText,
  verdictText,
  visibleNote,
  claimMarkers,
} from "./report-text";
import {
  GONE_CLAIMS_HEADING,
  GONE_CLAIMS_TEXT,
  agreementFiguresText,
  agreementFindingText,
  changedAfterReviewText,
  claimAnchorText,
  claimRewordedText,
  byPlace,
  isPlaced,
  revisionLineText,
  showsRevisions,
  type ArticleReport,
  type Audience,
  type Report,
  type ReportClaim,
  type ReportSource,
} from "./report-data";
import { summarize, summarizeAll, type ReportSummary } from "./summary";

export interface ReportFonts {
  regular: Uint8Array;
  bold: Uint8Array;
  italic?: Uint8Array;
  serif?: Uint8Array;
}

export interface PdfOptions {
  pageSize: "A4" | "Letter";
  fonts: ReportFonts;
}

type Fontkit = Parameters<PDFDocument["registerFontkit"]>[0];
type FontkitFont = ReturnType<Fontkit["create"]>;
type FontkitGlyph = ReturnType<FontkitFont["glyphForCodePoint"]>;
// The package ships UMD and ES builds; under Node's CJS interop the API sits on `default`.
const baseFontkit: Fontkit =
  (fontkitModule as unknown as { default?: Fontkit }).default ?? fontkitModule;

/**
 * fontkit with layout reduced to one cached glyph per code point. pdf-lib only reads the glyph ids of
 * a layout (it draws with the font's advance widths, never the shaped positions), and full OpenType
 * shaping of DejaVu's large GSUB/GPOS tables was most of the render time of a big report. For the
 * Latin, Cyrillic and Greek text this font is used for, NFC text needs no substitution; leaving out
 * ligatures also keeps the extracted text letter for letter.
 */
const plainFontkit: Fontkit = {
  create(data: Uint8Array, postscriptName?: string): FontkitFont {
    const font = baseFontkit.create(data, postscriptName);
    const glyphs = new Map<number, FontkitGlyph>();
    const layout = (text: string) => {
      const run: FontkitGlyph[] = [];
      for (const ch of text) {
        const cp = ch.codePointAt(0) ?? 0;
        let glyph = glyphs.get(cp);
        if (!glyph) {
          glyph = font.glyphForCodePoint(cp);
          glyphs.set(cp, glyph);
        }
        run.push(glyph);
      }
      return { glyphs: run, positions: [] };
    };
    font.layout = layout as unknown as FontkitFont["layout"];
    return font;
  },
};

const INK = rgb(0.11, 0.11, 0.12);
const MUTED = rgb(0.36, 0.36, 0.38);
const LINK = rgb(0.1, 0.31, 0.55);
const RULE = rgb(0.78, 0.78, 0.8);
const NOTE_BG = rgb(0.95, 0.95, 0.95);
const QUOTE_BAR = rgb(0.72, 0.54, 0);
const ANCHOR_INK = rgb(0.42, 0.31, 0);
const ANCHOR_BG = rgb(1, 0.97, 0.88);
const ALERT_INK = rgb(0.55, 0.11, 0.09);
const ALERT_BG = rgb(0.99, 0.93, 0.92);
const SHADES = [rgb(1, 0.94, 0.65), rgb(1, 0.85, 0.45), rgb(1, 0.75, 0.25)];
const MARKER = rgb(0.45, 0.32, 0);

function hex(color: string): RGB {
  const n = Number.parseInt(color.replace(/^#/, ""), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

// ---------------------------------------------------------------------------------------------------
// Fonts: measuring and safe text

class Face {
  private readonly widths = new Map<number, number>();
  private readonly covered: Set<number>;
  private readonly placeholder: string;

  constructor(readonly font: PDFFont) {
    this.covered = new Set(font.getCharacterSet());
    this.placeholder = this.covered.has(0xfffd) ? "\uFFFD" : "?";
  }

  /** The text with control characters made spaces and characters the font lacks replaced by a placeholder. */
  safe(text: string): string {
    let out = "";
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0x3f;
      if (cp === 0x0a) out += "\n";
      else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) out += " ";
      else if (cp === 0xfe0f || cp === 0x200d) continue;
      else out += this.covered.has(cp) ? ch : this.placeholder;
    }
    return out;
  }

  /** Width at `size` of text already passed through safe(); advances are cached per code point. */
  width(text: string, size: number): number {
    let units = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      let w = this.widths.get(cp);
      if (w === undefined) {
        w = this.font.widthOfTextAtSize(ch, 1);
        this.widths.set(cp, w);
      }
      units += w;
    }
    return units * size;
  }
}

interface Fonts {
  sans: Face;
  bold: Face;
  italic: Face;
  serif: Face;
}

// ---------------------------------------------------------------------------------------------------
// Layout engine

interface Run {
  text: string;
  face: Face;
  size: number;
  color?: RGB;
  link?: string | null;
  shade?: RGB;
  /** Baseline shift up, for superscript claim numbers. */
  rise?: number;
}

interface Piece {
  text: string;
  run: Run;
  width: number;
  space: boolean;
}

interface ParagraphOptions {
  /** Left indent from the content box. */
  indent?: number;
  /** Line height as a multiple of the largest font size. */
  leading?: number;
  /** Fill behind every line (e.g. internal notes). */
  background?: RGB;
  /** A vertical bar left of the lines (quotes). */
  bar?: RGB;
  /** Space kept after the paragraph. */
  after?: number;
  /** Width available, from the indent; defaults to the rest of the content box. */
  width?: number;
  /** Lines laid out but not yet drawn: used to measure a table cell. */
  measureOnly?: boolean;
}

interface Line {
  pieces: Piece[];
  width: number;
  size: number;
}

function wrap(runs: readonly Run[], maxWidth: number): Line[] {
  // Words may span several runs (a highlighted span ending mid-word, a claim marker): they stay whole.
  type Token = { kind: "word"; pieces: Piece[]; width: number } | { kind: "space"; piece: Piece } | { kind: "newline" };
  const tokens: Token[] = [];
  let word: Piece[] = [];
  let wordWidth = 0;
  const flush = () => {
    if (word.length > 0) tokens.push({ kind: "word", pieces: word, width: wordWidth });
    word = [];
    wordWidth = 0;
  };
  for (const run of runs) {
    for (const chunk of run.text.split(/(\n| +)/)) {
      if (chunk === "") continue;
      if (chunk === "\n") {
        flush();
        tokens.push({ kind: "newline" });
      } else if (chunk.startsWith(" ")) {
        flush();
        tokens.push({ kind: "space", piece: { text: chunk, run, width: run.face.width(chunk, run.size), space: true } });
      } else {
        const w = run.face.width(chunk, run.size);
        word.push({ text: chunk, run, width: w, space: false });
        wordWidth += w;
      }
    }
  }
  flush();

  const lines: Line[] = [];
  let current: Piece[] = [];
  let width = 0;
  const endLine = () => {
    while (current.length > 0 && current[current.length - 1]?.space) {
      width -= current.pop()?.width ?? 0;
    }
    const size = Math.max(0, ...current.map((p) => p.run.size));
    lines.push({ pieces: current, width, size });
    current = [];
    width = 0;
  };
  for (const token of tokens) {
    if (token.kind === "newline") {
      endLine();
    } else if (token.kind === "space") {
      if (current.length > 0) {
        current.push(token.piece);
        width += token.piece.width;
      }
    } else if (width + token.width <= maxWidth) {
      current.push(...token.pieces);
      width += token.width;
    } else {
      if (current.length > 0) endLine();
      if (token.width <= maxWidth) {
        current.push(...token.pieces);
        width += token.width;
      } else {
        // Longer than a line (URLs, hashes): break it between characters.
        for (const piece of token.pieces) {
          let part = "";
          let partWidth = 0;
          for (const ch of piece.text) {
            const w = piece.run.face.width(ch, piece.run.size);
            if (width + partWidth + w > maxWidth && (current.length > 0 || part !== "")) {
              if (part) current.push({ text: part, run: piece.run, width: partWidth, space: false });
              width += partWidth;
              endLine();
              part = "";
              partWidth = 0;
            }
            part += ch;
            partWidth += w;
          }
          if (part) {
            current.push({ text: part, run: piece.run, width: partWidth, space: false });
            width += partWidth;
          }
        }
      }
    }
  }
  if (current.length > 0 || lines.length === 0) endLine();
  return lines;
}

/** Adjacent pieces of one run on a line, drawn with one text operation. */
function mergePieces(pieces: readonly Piece[]): Array<{ text: string; run: Run; width: number }> {
  const merged: Array<{ text: string; run: Run; width: number }> = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    if (last && last.run === piece.run) {
      last.text += piece.text;
      last.width += piece.width;
    } else merged.push({ text: piece.text, run: piece.run, width: piece.width });
  }
  return merged;
}

/** Stands in for the page while a block is only measured. */
const MEASURING_PAGE = {
  drawText: () => undefined,
  drawRectangle: () => undefined,
  drawLine: () => undefined,
} as unknown as PDFPage;

class Writer {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  /** Baseline cursor: the top of the next thing to draw, in PDF points from the bottom. */
  y = 0;
  readonly width: number;
  readonly height: number;
  readonly left = 56;
  readonly right: number;
  readonly top: number;
  readonly bottom = 64;

  constructor(
    readonly doc: PDFDocument,
    size: [number, number],
    readonly fonts: Fonts,
  ) {
    [this.width, this.height] = size;
    this.right = this.width - 56;
    this.top = this.height - 54;
    this.newPage();
  }

  get contentWidth(): number {
    return this.right - this.left;
  }

  newPage(): void {
    this.page = this.doc.addPage([this.width, this.height]);
    this.pages.push(this.page);
    this.y = this.top;
  }

  get atTop(): boolean {
    return !this.measuring && this.y >= this.top;
  }

  /** Starts a new page unless `h` points still fit. */
  ensure(h: number): void {
    if (this.y - h < this.bottom && !this.atTop && !this.measuring) this.newPage();
  }

  private measuring = false;

  /** The height `draw` would take on an endless page, drawing nothing. */
  measure(draw: () => void): number {
    const { page, y } = this;
    const start = 1e9;
    this.measuring = true;
    this.page = MEASURING_PAGE;
    this.y = start;
    try {
      draw();
      return start - this.y;
    } finally {
      this.measuring = false;
      this.page = page;
      this.y = y;
    }
  }

  /** Draws a block whole on the next page when it does not fit here but fits on a page of its own. */
  keepTogether(draw: () => void): void {
    if (this.measuring) {
      draw();
      return;
    }
    const h = this.measure(draw);
    if (h <= this.top - this.bottom) this.ensure(h);
    draw();
  }

  gap(h: number): void {
    if (!this.atTop) this.y -= h;
  }

  text(face: Face, raw: string, size: number, color: RGB = INK): Run {
    return { text: face.safe(raw), face, size, color };
  }

  link(face: Face, raw: string, url: string, size: number): Run {
    return { text: face.safe(raw), face, size, color: LINK, link: httpUrl(url) };
  }

  lineHeight(size: number, leading = 1.4): number {
    return size * leading;
  }

  paragraph(runs: readonly Run[], opts: ParagraphOptions = {}): Line[] {
    const indent = opts.indent ?? 0;
    const maxWidth = opts.width ?? this.contentWidth - indent;
    const lines = wrap(runs, maxWidth);
    if (opts.measureOnly) return lines;
    for (const line of lines) {
      const lh = this.lineHeight(line.size || (runs[0]?.size ?? 10), opts.leading);
      this.ensure(lh);
      this.drawLine(line, this.left + indent, this.y, lh, opts);
      this.y -= lh;
    }
    this.y -= opts.after ?? 0;
    return lines;
  }

  /** Draws one wrapped line whose box top is `top` and height `lh`. */
  drawLine(line: Line, x0: number, top: number, lh: number, opts: Pick<ParagraphOptions, "background" | "bar" | "width"> = {}): void {
    const size = line.size || 10;
    const baseline = top - (lh + size * 0.7) / 2;
    if (opts.background) {
      this.page.drawRectangle({ x: x0 - 8, y: top - lh, width: (opts.width ?? this.right - x0) + 16, height: lh, color: opts.background });
    }
    if (opts.bar) {
      this.page.drawRectangle({ x: x0 - 9, y: top - lh, width: 2, height: lh, color: opts.bar });
    }
    let x = x0;
    const merged = mergePieces(line.pieces);
    for (const piece of merged) {
      if (piece.run.shade) {
        this.page.drawRectangle({ x, y: baseline - size * 0.28, width: piece.width, height: size * 1.18, color: piece.run.shade });
      }
      x += piece.width;
    }
    x = x0;
    let linkStart = 0;
    let linkUrl: string | null = null;
    const closeLink = (end: number) => {
      if (linkUrl) this.addLink(linkUrl, linkStart, baseline - size * 0.3, end, baseline + size * 0.9);
      linkUrl = null;
    };
    for (const piece of merged) {
      const url = piece.run.link ?? null;
      if (url !== linkUrl) {
        closeLink(x);
        if (url) {
          linkUrl = url;
          linkStart = x;
        }
      }
      if (piece.text.trim() !== "") {
        this.page.drawText(piece.text, { x, y: baseline + (piece.run.rise ?? 0), size: piece.run.size, font: piece.run.face.font, color: piece.run.color ?? INK });
      }
      if (piece.run.link) {
        this.page.drawLine({
          start: { x, y: baseline - 1.2 },
          end: { x: x + piece.width, y: baseline - 1.2 },
          thickness: 0.4,
          color: LINK,
        });
      }
      x += piece.width;
    }
    closeLink(x);
  }

  addLink(url: string, x1: number, y1: number, x2: number, y2: number): void {
    if (this.measuring) return;
    // URL.href is ASCII (percent-encoded, punycode host); a hex string needs no escaping of ( ) or \.
    if (!/^[\x20-\x7e]+$/.test(url)) return;
    const uri = PDFHexString.of(Array.from(url, (c) => c.charCodeAt(0).toString(16).padStart(2, "0")).join(""));
    const annot = this.doc.context.obj({
      Type: "Annot",
      Subtype: "Link",
      Rect: [x1, y1, x2, y2],
      Border: [0, 0, 0],
      A: { Type: "Action", S: "URI", URI: uri },
    });
    this.page.node.addAnnot(this.doc.context.register(annot));
  }

  rule(thickness = 0.5, color: RGB = RULE, after = 8): void {
    this.page.drawLine({ start: { x: this.left, y: this.y }, end: { x: this.right, y: this.y }, thickness, color });
    this.y -= after;
  }

  /** A section heading kept with at least `keep` points of what follows. */
  heading(title: string, size = 13, keep = 60): void {
    this.gap(size * 1.1);
    this.ensure(size * 1.6 + keep);
    this.paragraph([this.text(this.fonts.bold, title, size)], { leading: 1.3 });
    this.y -= 2;
    this.rule(0.6, RULE, 8);
  }

  /** A small upper-case label heading inside a block. */
  label(title: string, indent = 0, keep = 30): void {
    this.gap(4);
    this.ensure(14 + keep);
    this.paragraph([this.text(this.fonts.bold, title.toUpperCase(), 7.5, MUTED)], { indent, leading: 1.5, after: 1 });
  }

  /** Label/value rows: a grey label column and a wrapped value. */
  fact(label: string, runs: readonly Run[], labelWidth = 78, indent = 0): void {
    const size = runs[0]?.size ?? 9.5;
    const lines = wrap(runs, this.contentWidth - indent - labelWidth);
    const lh = this.lineHeight(size, 1.35);
    lines.forEach((line, i) => {
      this.ensure(lh);
      if (i === 0) {
        const labelLine = wrap([this.text(this.fonts.sans, label, 8.5, MUTED)], labelWidth - 6)[0];
        if (labelLine) this.drawLine({ ...labelLine, size }, this.left + indent, this.y, lh);
      }
      this.drawLine(line, this.left + indent + labelWidth, this.y, lh);
      this.y -= lh;
    });
    this.y -= 1.5;
  }

  /**
   * A table row: each cell wrapped in its column; the row moves to the next page whole. `rule: false`
   * leaves out the rule under it, for a row that goes on below (a correction's reason).
   */
  tableRow(
    cells: ReadonlyArray<readonly Run[]>,
    widths: readonly number[],
    opts: { header?: boolean; alignRight?: readonly boolean[]; rule?: boolean } = {},
  ): void {
    const pad = 4;
    const wrapped = cells.map((runs, i) => wrap(runs, (widths[i] ?? 60) - pad * 2));
    const size = cells[0]?.[0]?.size ?? 9;
    const lh = this.lineHeight(size, 1.35);
    const rows = Math.max(1, ...wrapped.map((l) => l.length));
    const h = rows * lh + pad * 2;
    this.ensure(h);
    if (opts.header) {
      this.page.drawRectangle({ x: this.left, y: this.y - h, width: this.contentWidth, height: h, color: rgb(0.94, 0.94, 0.95) });
    }
    let x = this.left;
    wrapped.forEach((lines, i) => {
      const w = widths[i] ?? 60;
      lines.forEach((line, j) => {
        const lx = opts.alignRight?.[i] ? x + w - pad - line.width : x + pad;
        this.drawLine(line, lx, this.y - pad - j * lh, lh);
      });
      x += w;
    });
    this.y -= h;
    if (opts.rule === false) return;
    this.page.drawLine({ start: { x: this.left, y: this.y }, end: { x: this.right, y: this.y }, thickness: opts.header ? 0.8 : 0.4, color: opts.header ? MUTED : RULE });
  }
}

// ---------------------------------------------------------------------------------------------------
// Report sections

interface Ctx {
  w: Writer;
  f: Fonts;
  audience: Audience;
  report: Report;
}

const BODY = 9.5;

function drawChart(ctx: Ctx, summary: ReportSummary): void {
  const { w, f } = ctx;
  const data = verdictChartData(summary, { width: Math.min(420, w.contentWidth), labelWidth: 120, rowHeight: 17, fontSize: 8.5 });
  w.ensure(data.height + 24);
  const x0 = w.left;
  const top = w.y - 2;
  const y = (cy: number) => top - cy;
  if (data.bars.length === 0) {
    w.paragraph([w.text(f.italic, "No claims have been marked.", BODY, MUTED)]);
    return;
  }
  for (const bar of data.bars) {
    const label = f.sans.safe(bar.label);
    const lw = f.sans.width(label, data.fontSize);
    w.page.drawText(label, { x: x0 + bar.labelX - lw, y: y(bar.textY), size: data.fontSize, font: f.sans.font, color: INK });
    if (bar.width > 0) {
      w.page.drawRectangle({
        x: x0 + bar.x,
        y: y(bar.y + bar.height),
        width: bar.width,
        height: bar.height,
        color: hex(bar.fill),
        borderColor: hex(bar.stroke),
        borderWidth: 0.6,
      });
      for (const line of bar.hatch) {
        w.page.drawLine({ start: { x: x0 + line.x1, y: y(line.y1) }, end: { x: x0 + line.x2, y: y(line.y2) }, thickness: 0.6, color: hex(bar.stroke) });
      }
    }
    w.page.drawText(String(bar.count), { x: x0 + bar.countX, y: y(bar.textY), size: data.fontSize, font: f.bold.font, color: INK });
  }
  w.page.drawLine({ start: { x: x0 + data.axis.x1, y: y(data.axis.y1) }, end: { x: x0 + data.axis.x2, y: y(data.axis.y2) }, thickness: 0.8, color: MUTED });
  w.y = top - data.height - 8;
}

function openLine(summary: ReportSummary): string {
  if (summary.total === 0) return "No claims have been marked.";
  const claims = summary.total === 1 ? "1 claim" : `${summary.total} claims`;
  const open = summary.open === 0 ? "none is still open" : `${summary.open} still open`;
  return `${claims} marked; ${open}.`;
}

function articleText(ctx: Ctx, report: ArticleReport): void {
  const { w, f } = ctx;
  const text = report.article.text;
  const map = makeOffsetMap(text);
  const paras = paragraphs(text);
  // A claim whose words are gone has offsets into an older revision: it is not marked here.
  const claims = claimsInTextOrder(report.claims).filter(isPlaced);
  const spans: Span[] = claims.map((c) => ({ id: c.id, start: c.start, end: c.end }));
  const segments = segmentText(map.length, spans, paras.map((p) => p.start));
  const size = 10.5;

  const markersAt = claimMarkers(claims, paras, map.length);

  let k = 0;
  for (const p of paras) {
    const runs: Run[] = [];
    while (k < segments.length) {
      const seg = segments[k];
      if (!seg || seg.start >= p.end) break;
      const from = Math.max(seg.start, p.start);
      const to = Math.min(seg.end, p.end);
      if (from < to) {
        const run = w.text(f.serif, text.slice(map.toUtf16(from), map.toUtf16(to)), size);
        if (seg.ids.length > 0) run.shade = SHADES[Math.min(seg.ids.length, SHADES.length) - 1];
        runs.push(run);
        const numbers = markersAt.get(to);
        if (numbers) runs.push({ ...w.text(f.bold, `[${numbers.join("][")}]`, 7, MARKER), rise: 3 });
        markersAt.delete(to);
      }
      if (seg.end > p.end) break;
      k++;
    }
    w.paragraph(runs, { leading: 1.5, after: 6 });
  }
}

function sourceBlock(ctx: Ctx, source: ReportSource, index: number): void {
  const { w, f } = ctx;
  const indent = 16;
  w.ensure(50);
  const top = w.y;
  const title = source.title.trim() || source.url;
  w.paragraph([httpUrl(source.url) ? w.link(f.bold, title, source.url, BODY) : w.text(f.bold, title, BODY)], { indent, leading: 1.35 });
  const lh = BODY * 1.35;
  w.page.drawText(`${index}.`, { x: w.left + 2, y: top - (lh + BODY * 0.7) / 2, size: BODY, font: f.bold.font, color: INK });
  const meta: Run[] = [];
  if (source.publisher.trim()) meta.push(w.text(f.sans, `${source.publisher} · `, 8.5, MUTED));
  meta.push(w.text(f.sans, `Stance: ${stanceLabel(source.stance)}`, 8.5, MUTED));
  if (source.accessedOn) meta.push(w.text(f.sans, ` · Accessed ${formatDay(source.accessedOn)}`, 8.5, MUTED));
  w.paragraph(meta, { indent, leading: 1.4 });
  if (source.quote.trim()) {
    w.y -= 2;
    w.paragraph([w.text(f.italic, source.quote, 9)], { indent: indent + 10, bar: RULE, leading: 1.4, after: 2 });
  }
  const urlRun = (u: string) => (httpUrl(u) ? w.link(f.sans, u, u, 8.5) : w.text(f.sans, u, 8.5));
  w.paragraph([w.text(f.sans, "Link: ", 8.5, MUTED), urlRun(source.url)], { indent, leading: 1.4 });
  if (source.archivedUrl) w.paragraph([w.text(f.sans, "Archived: ", 8.5, MUTED), urlRun(source.archivedUrl)], { indent, leading: 1.4 });
  w.y -= 6;
}

function claimBlock(ctx: Ctx, claim: ReportClaim): void {
  ctx.w.gap(6);
  ctx.w.keepTogether(() => drawClaim(ctx, claim));
}

function drawClaim(ctx: Ctx, claim: ReportClaim): void {
  const { w, f, audience } = ctx;
  const verdict = verdictText(claim.verdict);
  w.ensure(110);

  // Heading row: number box, verdict swatch and label, status.
  const h = 18;
  const top = w.y;
  const numText = String(claim.number);
  const numWidth = Math.max(20, f.bold.width(numText, 10) + 10);
  w.page.drawRectangle({ x: w.left, y: top - h, width: numWidth, height: h, color: INK });
  w.page.drawText(numText, { x: w.left + (numWidth - f.bold.width(numText, 10)) / 2, y: top - h + 5.5, size: 10, font: f.bold.font, color: rgb(1, 1, 1) });
  let x = w.left + numWidth + 10;
  const { fill, hatched } = verdictFill(claim.verdict);
  w.page.drawRectangle({ x, y: top - h + 4, width: 10, height: 10, color: hex(fill), borderColor: INK, borderWidth: 0.6 });
  if (hatched) {
    for (const line of [[0, 5, 5, 0], [0, 10, 10, 0], [5, 10, 10, 5]] as const) {
      w.page.drawLine({ start: { x: x + line[0], y: top - h + 4 + line[1] }, end: { x: x + line[2], y: top - h + 4 + line[3] }, thickness: 0.6, color: INK });
    }
  }
  x += 15;
  const label = f.bold.safe(verdict.label);
  w.page.drawText(label, { x, y: top - h + 5.5, size: 11, font: f.bold.font, color: INK });
  x += f.bold.width(label, 11) + 10;
  w.page.drawText(f.sans.safe(statusLabel(claim.status)), { x, y: top - h + 5.5, size: 8.5, font: f.sans.font, color: MUTED });
  w.y = top - h - 8;

  w.paragraph([w.text(f.italic, `“${claim.exact}”`, 10)], { indent: 9, bar: QUOTE_BAR, leading: 1.45, after: 6 });
  const placeNotes = [claimAnchorText(claim), claimRewordedText(claim)].filter((line): line is string => line !== null);
  for (const line of placeNotes) {
    w.paragraph([w.text(f.sans, line, BODY, ANCHOR_INK)], { indent: 8, background: ANCHOR_BG, leading: 1.5, width: w.contentWidth - 16 });
  }
  if (placeNotes.length > 0) w.y -= 5;
  if (claim.statement.trim() && claim.statement.trim() !== claim.exact.trim()) {
    w.fact("Statement", [w.text(f.sans, claim.statement, BODY)]);
  }
  const verdictRuns = [w.text(f.bold, verdict.label, BODY)];
  if (verdict.definition) verdictRuns.push(w.text(f.sans, ` — ${verdict.definition}`, BODY, MUTED));
  w.fact("Verdict", verdictRuns);
  w.fact("Status", [w.text(f.sans, statusLabel(claim.status), BODY)]);
  if (claim.verdictBy) {
    w.fact("Verdict by", [w.text(f.sans, `${personText(claim.verdictBy.person, audience)}, ${formatTime(claim.verdictBy.at)}`, BODY)]);
  }
  w.fact("Marked by", [w.text(f.sans, `${personText(claim.author, audience)}, ${formatTime(claim.createdAt)}`, BODY)]);
  if (claim.corrections.length > 0) {
    const n = claim.corrections.length;
    w.fact("Corrections", [w.text(f.sans, `${n} ${n === 1 ? "correction" : "corrections"}, listed under Corrections`, BODY)]);
  }

  w.label("Rationale");
  if (claim.rationale.trim()) w.paragraph([w.text(f.serif, claim.rationale, BODY)], { leading: 1.45 });
  else w.paragraph([w.text(f.italic, "No rationale recorded.", BODY, MUTED)]);

  const note = visibleNote(claim, audience);
  if (note) {
    w.label("Internal note");
    w.y -= 2;
    w.paragraph([w.text(f.sans, note, BODY)], { indent: 8, background: NOTE_BG, leading: 1.5, width: w.contentWidth - 16, after: 2 });
  }

  w.label(claim.sources.length > 0 ? `Sources (${claim.sources.length})` : "Sources");
  if (claim.sources.length === 0) w.paragraph([w.text(f.italic, "No sources recorded.", BODY, MUTED)]);
  claim.sources.forEach((s, i) => w.keepTogether(() => sourceBlock(ctx, s, i + 1)));
  w.y -= 4;
  w.ensure(1);
  w.page.drawLine({ start: { x: w.left, y: w.y }, end: { x: w.right, y: w.y }, thickness: 0.4, color: RULE });
  w.y -= 6;
}

function corrections(ctx: Ctx, report: ArticleReport): void {
  const { w, f, audience } = ctx;
  const rows = claimsInTextOrder(report.claims).flatMap((claim) =>
    [...claim.corrections].sort((a, b) => a.seq - b.seq).map((c) => ({ claim, c })),
  );
  if (rows.length === 0) {
    w.paragraph([w.text(f.italic, "No approved verdict was corrected.", BODY, MUTED)]);
    return;
  }
  const cw = w.contentWidth;
  const widths = [48, 82, 82, cw - 48 - 82 - 82 - 118, 118];
  const cell = (t: string, face = f.sans) => [w.text(face, t, 8.5)];
  w.tableRow([cell("Claim", f.bold), cell("From", f.bold), cell("To", f.bold), cell("By", f.bold), cell("When", f.bold)], widths, { header: true });
  // The reason can run long, so it is not squeezed into a column: it wraps under the row, from the
  // "From" column to the right edge, and stays on the page with its row.
  const reasonIndent = (widths[0] ?? 48) + 4;
  for (const { claim, c } of rows) {
    const reason = c.reason.trim();
    w.keepTogether(() => {
      w.tableRow(
        [cell(`Claim ${claim.number}`), cell(verdictText(c.from).label), cell(verdictText(c.to).label), cell(personText(c.by, audience)), cell(formatTime(c.at))],
        widths,
        { rule: !reason },
      );
      if (reason) {
        w.paragraph([w.text(f.bold, "Reason: ", 8.5, MUTED), w.text(f.sans, reason, 8.5)], {
          indent: reasonIndent,
          width: cw - reasonIndent - 4,
          leading: 1.35,
          after: 4,
        });
        w.rule(0.4, RULE, 0);
      }
    });
  }
}

/** The article's revisions, oldest first: only when its text has changed. */
function revisions(ctx: Ctx, report: ArticleReport): void {
  const { w, f, audience } = ctx;
  if (!showsRevisions(report)) return;
  w.heading("Revisions", 13, 40);
  for (const r of report.revisions) {
    const runs = [w.text(f.sans, revisionLineText(r, audience), 8.5)];
    if (r.sourceUrl) {
      runs.push(w.text(f.sans, " · from ", 8.5));
      runs.push(httpUrl(r.sourceUrl) ? w.link(f.sans, r.sourceUrl, r.sourceUrl, 8.5) : w.text(f.sans, r.sourceUrl, 8.5));
    }
    w.paragraph(runs, { leading: 1.4, after: 3 });
  }
}

/** The claims drawn one after another, under a heading kept with the first of them. */
function claimList(ctx: Ctx, title: string, intro: string | null, claims: readonly ReportClaim[], empty: string | null): void {
  const { w, f } = ctx;
  // The heading goes with the first claim, which moves whole to the next page when it does not fit.
  const firstClaim = claims[0];
  const keep = firstClaim ? Math.min(w.measure(() => drawClaim(ctx, firstClaim)) + 6, w.top - w.bottom - 40) : 30;
  w.heading(title, 13, keep);
  if (intro) w.paragraph([w.text(f.sans, intro, BODY)], { leading: 1.4, after: 4 });
  if (claims.length === 0 && empty) w.paragraph([w.text(f.italic, empty, BODY, MUTED)]);
  for (const claim of claims) claimBlock(ctx, claim);
}

function articleSection(ctx: Ctx, report: ArticleReport, many: boolean): void {
  const { w, f, audience } = ctx;
  const { article } = report;
  if (many) {
    w.paragraph([w.text(f.bold, "ARTICLE", 7.5, MUTED)], { leading: 1.4 });
  }
  w.paragraph([w.text(f.bold, article.title, 19)], { leading: 1.25, after: 8 });
  if (article.changedAfterReviewAt) {
    const { heading, detail } = changedAfterReviewText(article.changedAfterReviewAt);
    w.paragraph([w.text(f.bold, `${heading}. `, BODY, ALERT_INK), w.text(f.sans, detail, BODY, ALERT_INK)], {
      indent: 8,
      background: ALERT_BG,
      bar: ALERT_INK,
      leading: 1.6,
      width: w.contentWidth - 16,
      after: 8,
    });
  }
  if (article.publisher) w.fact("Publisher", [w.text(f.sans, article.publisher, BODY)]);
  if (article.publishedOn) w.fact("Published", [w.text(f.sans, formatDay(article.publishedOn), BODY)]);
  if (article.url) {
    w.fact("Source", [httpUrl(article.url) ? w.link(f.sans, article.url, article.url, BODY) : w.text(f.sans, article.url, BODY)]);
  }
  w.fact("Reviewed by", [w.text(f.sans, report.reviewers.length > 0 ? report.reviewers.map((p) => personText(p, audience)).join(", ") : "—", BODY)]);
  if (report.reviewedAt) w.fact("Last reviewed", [w.text(f.sans, formatTime(report.reviewedAt), BODY)]);
  if (article.revision > 1) w.fact("Text", [w.text(f.sans, `Revision ${article.revision}`, BODY)]);

  const summary = summarize(report);
  w.heading("Summary", 13, 40);
  drawChart(ctx, summary);
  w.paragraph([w.text(f.sans, openLine(summary), BODY)], { after: 4 });

  // Reviewers' agreement: internal reports of an article in independent review only.
  if (audience === "internal" && report.agreement) {
    const finding = agreementFindingText(report.agreement);
    w.heading("Agreement between reviewers", 13, 40);
    w.paragraph([w.text(f.sans, agreementFiguresText(report.agreement), BODY)], { after: 4 });
    if (finding) w.paragraph([w.text(f.sans, finding, BODY)], { after: 4 });
  }

  revisions(ctx, report);

  w.heading("Article text", 13, 50);
  articleText(ctx, report);

  const { placed, gone } = byPlace(claimsInTextOrder(report.claims));
  claimList(
    ctx,
    "Claims",
    null,
    placed,
    gone.length > 0 ? "No claim's words are in the current text." : "No claims have been marked in this article.",
  );
  if (gone.length > 0) claimList(ctx, GONE_CLAIMS_HEADING, GONE_CLAIMS_TEXT, gone, null);

  w.heading("Corrections", 13, 40);
  corrections(ctx, report);
}

function overview(ctx: Ctx): void {
  const { w, f, report } = ctx;
  w.paragraph([w.text(f.bold, `Review report: ${report.articles.length} articles`, 19)], { leading: 1.25, after: 10 });
  const total = summarizeAll(report);
  w.heading("Summary of all articles", 13, 40);
  drawChart(ctx, total);
  w.paragraph([w.text(f.sans, openLine(total), BODY)], { after: 10 });

  w.heading("Per article", 13, 40);
  const columns = total.byVerdict.filter((v) => v.count > 0);
  const numWidth = 46;
  const verdictWidth = Math.min(62, (w.contentWidth * 0.55) / Math.max(1, columns.length));
  const titleWidth = w.contentWidth - numWidth * 2 - verdictWidth * columns.length;
  const widths = [titleWidth, numWidth, numWidth, ...columns.map(() => verdictWidth)];
  const right = [false, true, true, ...columns.map(() => true)];
  const cell = (t: string, face = f.sans) => [w.text(face, t, 8)];
  w.tableRow([cell("Article", f.bold), cell("Claims", f.bold), cell("Open", f.bold), ...columns.map((c) => cell(c.label, f.bold))], widths, { header: true, alignRight: right });
  const row = (title: string, s: ReportSummary, face = f.sans) => {
    const counts = new Map(s.byVerdict.map((v) => [v.verdict, v.count]));
    w.tableRow([cell(title, face), cell(String(s.total), face), cell(String(s.open), face), ...columns.map((c) => cell(String(counts.get(c.verdict) ?? 0), face))], widths, { alignRight: right });
  };
  for (const a of report.articles) row(a.article.title, summarize(a));
  row("Total", total, f.bold);
}

function integrity(ctx: Ctx): void {
  const { w, f, report } = ctx;
  const { meta } = report;
  w.gap(14);
  w.ensure(80);
  w.rule(1.2, INK, 8);
  w.paragraph([w.text(f.bold, "Integrity", 10.5)], { leading: 1.4, after: 2 });
  w.paragraph(
    [
      w.text(f.sans, `Report made ${formatTime(meta.generatedAt)} by ${meta.publishing.organizationName} (${meta.audience} edition). The audit log held `, 8.5),
      w.text(f.bold, String(meta.integrity.events), 8.5),
      w.text(f.sans, " events when this report was made; the audit chain's head hash was:", 8.5),
    ],
    { leading: 1.45 },
  );
  w.paragraph([w.text(f.bold, meta.integrity.head, 8.5)], { leading: 1.6 });
  w.paragraph(
    [w.text(f.sans, "Recompute the chain from the log to check that nothing recorded before this report has changed since.", 8.5, MUTED)],
    { leading: 1.45 },
  );
}

function pageChrome(ctx: Ctx): void {
  const { w, f, report } = ctx;
  const total = w.pages.length;
  const org = f.sans.safe(report.meta.publishing.organizationName);
  const edition = report.meta.audience === "internal" ? "Internal report" : "Public report";
  const left = `${org} · Fact-check review report · ${edition} · ${formatTime(report.meta.generatedAt)}`;
  w.pages.forEach((page, i) => {
    const y = 36;
    page.drawLine({ start: { x: w.left, y: y + 12 }, end: { x: w.right, y: y + 12 }, thickness: 0.5, color: RULE });
    const leftText = f.sans.safe(left);
    page.drawText(leftText, { x: w.left, y, size: 7.5, font: f.sans.font, color: MUTED });
    const label = `Page ${i + 1} of ${total}`;
    page.drawText(label, { x: w.right - f.sans.width(label, 8), y, size: 8, font: f.sans.font, color: INK });
  });
  // The report's first page names who it is for above everything else.
  const first = w.pages[0];
  if (first) {
    const y = w.height - 36;
    first.drawText(`${org.toUpperCase()} · FACT-CHECK REVIEW REPORT`, { x: w.left, y, size: 7.5, font: f.bold.font, color: MUTED });
    const tag = edition.toUpperCase();
    first.drawText(tag, { x: w.right - f.bold.width(tag, 7.5), y, size: 7.5, font: f.bold.font, color: report.meta.audience === "internal" ? rgb(0.6, 0.1, 0.1) : MUTED });
    first.drawLine({ start: { x: w.left, y: y - 6 }, end: { x: w.right, y: y - 6 }, thickness: 1.2, color: INK });
  }
}

/** The report as PDF bytes. Pure: the same report and fonts give the same document. */
export async function renderReportPdf(report: Report, opts: PdfOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(plainFontkit);
  // A fixed subset tag (PDF 32000 9.6.4) instead of pdf-lib's random name suffix keeps the output the
  // same from run to run.
  const embed = async (bytes: Uint8Array, tag: string) => {
    const name = (plainFontkit.create(bytes).postscriptName ?? "Font").replace(/[^A-Za-z0-9-]/g, "");
    return new Face(await doc.embedFont(bytes, { subset: true, customName: `${tag}+${name}` }));
  };
  const sans = await embed(opts.fonts.regular, "RPTAAA");
  const bold = await embed(opts.fonts.bold, "RPTAAB");
  const italic = opts.fonts.italic ? await embed(opts.fonts.italic, "RPTAAC") : sans;
  const serif = opts.fonts.serif ? await embed(opts.fonts.serif, "RPTAAD") : sans;
  const fonts: Fonts = { sans, bold, italic, serif };

  const size: [number, number] = opts.pageSize === "A4" ? [PageSizes.A4[0], PageSizes.A4[1]] : [PageSizes.Letter[0], PageSizes.Letter[1]];
  const w = new Writer(doc, size, fonts);
  w.y -= 16; // room for the first page's masthead
  const ctx: Ctx = { w, f: fonts, audience: report.meta.audience, report };

  const many = report.articles.length > 1;
  if (many) overview(ctx);
  report.articles.forEach((article, i) => {
    if (many || i > 0) w.newPage();
    articleSection(ctx, article, many);
  });
  integrity(ctx);
  pageChrome(ctx);

  const first = report.articles[0];
  const title = many || !first ? `Review report: ${report.articles.length} articles` : `Review report: ${first.article.title}`;
  const generated = new Date(report.meta.generatedAt);
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setAuthor(report.meta.publishing.organizationName);
  doc.setSubject(`Fact-check review report (${report.meta.audience})`);
  doc.setCreator("factcheck-desk");
  doc.setProducer("factcheck-desk with pdf-lib");
  doc.setLanguage("en");
  if (!Number.isNaN(generated.getTime())) {
    doc.setCreationDate(generated);
    doc.setModificationDate(generated);
  }
  return doc.save();
}
