// The claims-per-verdict chart of a review report. verdictChartData lays the bars out once, in chart
// units with y growing downwards; verdictChartSvg draws that geometry as a standalone SVG (HTML
// report) and the PDF renderer draws the same geometry with rectangles and lines, so both formats show
// one chart. Each bar carries its label and count as text and a grey level or hatching that tells the
// bars apart in greyscale print, so colour is never the only cue.

import { escapeHtml } from "./report-text";

export interface ChartSummaryEntry {
  verdict: string | null;
  label: string;
  count: number;
}

/** The part of a report summary (lib/core/report/summary) the chart reads. */
export interface ChartSummary {
  total: number;
  open: number;
  byVerdict: readonly ChartSummaryEntry[];
}

export interface ChartLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface ChartBar {
  verdict: string | null;
  label: string;
  count: number;
  /** Label text, right-aligned at labelX, baseline at textY. */
  labelX: number;
  textY: number;
  /** The bar; width 0 for a count of 0. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Fill colour (#rrggbb); its grey level differs from its neighbours'. */
  fill: string;
  /** Outline colour, drawn around every bar so light fills stay visible on paper. */
  stroke: string;
  /** Diagonal hatching inside the bar for verdicts off the true–false scale; already clipped to the bar. */
  hatch: ChartLine[];
  /** Count text, left-aligned at countX, baseline at textY. */
  countX: number;
}

export interface ChartData {
  width: number;
  height: number;
  fontSize: number;
  bars: ChartBar[];
  /** The left edge of the bar area, drawn as a thin axis line. */
  axis: ChartLine;
  /** One-line accessible title and a sentence listing every count. */
  title: string;
  description: string;
}

export interface ChartOptions {
  /** Overall width in chart units (SVG px, PDF points). Default 440. */
  width?: number;
  /** Width of the label column. Default 130. */
  labelWidth?: number;
  /** Height of one row. Default 18. */
  rowHeight?: number;
  fontSize?: number;
  title?: string;
}

interface BarStyle {
  fill: string;
  hatched: boolean;
}

// Scale verdicts are solid and step through distinct grey levels (dark green to dark red, through
// lighter middles); verdicts off the scale are hatched; claims without a verdict are left white.
const STYLES: Readonly<Record<string, BarStyle>> = {
  true: { fill: "#1f5f3a", hatched: false },
  mostly_true: { fill: "#6aa874", hatched: false },
  half_true: { fill: "#e3c65a", hatched: false },
  mostly_false: { fill: "#d98548", hatched: false },
  false: { fill: "#8c2323", hatched: false },
  misleading: { fill: "#c9b3dc", hatched: true },
  needs_context: { fill: "#b5cde3", hatched: true },
  unverifiable: { fill: "#d6d6d6", hatched: true },
  not_a_claim: { fill: "#f0f0f0", hatched: true },
};
const NO_VERDICT: BarStyle = { fill: "#ffffff", hatched: false };

/** The chart's fill for a verdict, so badges elsewhere in a report match its bars. */
export function verdictFill(verdict: string | null): { fill: string; hatched: boolean } {
  return (verdict !== null ? STYLES[verdict] : undefined) ?? NO_VERDICT;
}
const STROKE = "#333333";
const HATCH_SPACING = 5;

/** 45° lines (bottom-left to top-right) every `spacing` units, clipped to the rectangle. */
function hatchLines(x: number, y: number, width: number, height: number, spacing: number): ChartLine[] {
  const lines: ChartLine[] = [];
  if (width <= 0 || height <= 0) return lines;
  // Line k: points where (px - x) + (py - y) = c, for c from spacing to width + height.
  for (let c = spacing; c < width + height; c += spacing) {
    const x1 = x + Math.max(0, c - height);
    const y1 = y + Math.min(c, height);
    const x2 = x + Math.min(c, width);
    const y2 = y + Math.max(0, c - width);
    lines.push({ x1: round(x1), y1: round(y1), x2: round(x2), y2: round(y2) });
  }
  return lines;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Bars in summary order; verdicts with no claims are left out. */
export function verdictChartData(summary: ChartSummary, opts: ChartOptions = {}): ChartData {
  const width = opts.width ?? 440;
  const labelWidth = opts.labelWidth ?? 130;
  const rowHeight = opts.rowHeight ?? 18;
  const fontSize = opts.fontSize ?? 10;
  const countWidth = 6 * fontSize * 0.6 + 8;
  const barX = labelWidth + 8;
  const barArea = Math.max(20, width - barX - countWidth);
  const barHeight = Math.round(rowHeight * 0.66);

  const entries = summary.byVerdict.filter((entry) => entry.count > 0);
  const max = Math.max(1, ...entries.map((entry) => entry.count));
  const bars = entries.map((entry, row): ChartBar => {
    const style = verdictFill(entry.verdict);
    const y = row * rowHeight + (rowHeight - barHeight) / 2;
    const barWidth = round((entry.count / max) * barArea);
    return {
      verdict: entry.verdict,
      label: entry.label,
      count: entry.count,
      labelX: labelWidth,
      textY: round(row * rowHeight + rowHeight / 2 + fontSize * 0.35),
      x: barX,
      y: round(y),
      width: barWidth,
      height: barHeight,
      fill: style.fill,
      stroke: STROKE,
      hatch: style.hatched ? hatchLines(barX, y, barWidth, barHeight, HATCH_SPACING) : [],
      countX: round(barX + barWidth + 5),
    };
  });

  const height = Math.max(1, bars.length) * rowHeight;
  const counts = entries.map((entry) => `${entry.label}: ${entry.count}`).join("; ");
  const claims = summary.total === 1 ? "1 claim" : `${summary.total} claims`;
  const description =
    summary.total === 0
      ? "No claims have been marked."
      : `${claims}. ${counts}. ${summary.open} still open.`;
  return {
    width,
    height,
    fontSize,
    bars,
    axis: { x1: barX, y1: 0, x2: barX, y2: height },
    title: opts.title ?? "Claims per verdict",
    description,
  };
}


/**
 * The chart as a standalone SVG element (no external references, no script), sized in px with a
 * viewBox so it scales. `idPrefix` keeps the title/desc ids unique when several charts share a page.
 */
export function verdictChartSvg(summary: ChartSummary, opts: ChartOptions & { idPrefix?: string } = {}): string {
  const data = verdictChartData(summary, opts);
  const id = (opts.idPrefix ?? "verdict-chart").replace(/[^A-Za-z0-9_-]/g, "-");
  const font = `font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif" font-size="${data.fontSize}"`;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${data.width}" height="${data.height}" viewBox="0 0 ${data.width} ${data.height}" aria-labelledby="${id}-title ${id}-desc" class="verdict-chart">`,
    `<title id="${id}-title">${escapeHtml(data.title)}</title>`,
    `<desc id="${id}-desc">${escapeHtml(data.description)}</desc>`,
  ];
  if (data.bars.length === 0) {
    parts.push(`<text x="0" y="${round(data.height / 2 + data.fontSize * 0.35)}" ${font} fill="#444">No claims marked</text>`);
  }
  parts.push(`<g ${font} fill="#222">`);
  for (const bar of data.bars) {
    parts.push(`<text x="${bar.labelX}" y="${bar.textY}" text-anchor="end">${escapeHtml(bar.label)}</text>`);
    if (bar.width > 0) {
      parts.push(
        `<rect x="${bar.x}" y="${bar.y}" width="${bar.width}" height="${bar.height}" fill="${bar.fill}" stroke="${bar.stroke}" stroke-width="0.75"/>`,
      );
      for (const line of bar.hatch) {
        parts.push(
          `<line x1="${line.x1}" y1="${line.y1}" x2="${line.x2}" y2="${line.y2}" stroke="${bar.stroke}" stroke-width="0.75"/>`,
        );
      }
    }
    parts.push(`<text x="${bar.countX}" y="${bar.textY}" font-weight="bold">${bar.count}</text>`);
  }
  parts.push("</g>");
  if (data.bars.length > 0) {
    parts.push(
      `<line x1="${data.axis.x1}" y1="${data.axis.y1}" x2="${data.axis.x2}" y2="${data.axis.y2}" stroke="#555" stroke-width="1"/>`,
    );
  }
  parts.push("</svg>");
  return parts.join("");
}
