// Turns a Report into a downloadable file of the requested format: the one place that maps formats to
// renderers, media types and file names, used by the API, the report page and the CLI alike.
import { toAnnotationCollection } from "@/lib/core/report/web-annotation";
import { toClaimReviewJsonLd } from "@/lib/core/report/claim-review";
import { toCsv } from "@/lib/core/report/csv";
import { toReportHtml } from "@/lib/core/report/html";
import { toReportJson } from "@/lib/core/report/json";
import { toMarkdown } from "@/lib/core/report/markdown";
import { renderReportPdf } from "@/lib/core/report/pdf";
import type { Report } from "@/lib/core/report/report-data";
import { trimEndOf, trimOf } from "@/lib/core/text";
import type { ReportFormat } from "@/lib/validation/report";
import { AppError } from "./errors";
import { loadReportFonts } from "./report-fonts";

export interface ExportFile {
  body: string | Uint8Array;
  contentType: string;
  filename: string;
}

const EXTENSIONS: Record<ReportFormat, string> = {
  pdf: "pdf",
  html: "html",
  md: "md",
  csv: "csv",
  json: "json",
  claimreview: "claimreview.jsonld",
  w3c: "annotations.jsonld",
};

const TYPES: Record<ReportFormat, string> = {
  pdf: "application/pdf",
  html: "text/html; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  csv: "text/csv; charset=utf-8; header=present",
  json: "application/json; charset=utf-8",
  claimreview: "application/ld+json; charset=utf-8",
  w3c: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8',
};

/** A file name from the article's title (or "factcheck-report" for several), ASCII only. */
export function reportFilename(report: Report, format: ReportFormat): string {
  const single = report.articles.length === 1 ? report.articles[0]!.article.title : null;
  const words = (single ?? "factcheck-report")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-");
  const slug = trimEndOf(trimOf(words, "-").slice(0, 60), "-");
  const audience = report.meta.audience === "public" ? "-public" : "";
  return `${slug || "article"}${single ? "-report" : `-${report.meta.generatedAt.slice(0, 10)}`}${audience}.${EXTENSIONS[format]}`;
}

export async function renderExport(
  report: Report,
  format: ReportFormat,
  opts: { pageSize?: "a4" | "letter"; toolbar?: Array<{ label: string; href: string }> } = {},
): Promise<ExportFile> {
  const file = (body: string | Uint8Array) => ({ body, contentType: TYPES[format], filename: reportFilename(report, format) });
  switch (format) {
    case "json":
      return file(`${JSON.stringify(toReportJson(report), null, 2)}\n`);
    case "csv":
      return file(toCsv(report));
    case "claimreview":
      return file(toClaimReviewJsonLd(report));
    case "md":
      return file(toMarkdown(report));
    case "html":
      return file(toReportHtml(report, opts.toolbar ? { toolbar: opts.toolbar } : {}));
    case "pdf":
      return file(await renderReportPdf(report, { pageSize: opts.pageSize === "letter" ? "Letter" : "A4", fonts: loadReportFonts() }));
    case "w3c": {
      const article = report.articles[0];
      if (!article || report.articles.length !== 1) {
        throw new AppError("validation_failed", "W3C annotation collections are exported one article at a time.", { format: "Choose one article." });
      }
      return file(`${JSON.stringify(toAnnotationCollection(report, article), null, 2)}\n`);
    }
  }
}

export function downloadResponse(file: ExportFile, disposition: "attachment" | "inline" = "attachment"): Response {
  const body = typeof file.body === "string" ? file.body : Buffer.from(file.body);
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `${disposition}; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
