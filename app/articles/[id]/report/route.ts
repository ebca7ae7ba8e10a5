// The report page: the same self-contained HTML as the HTML export, served inline with a toolbar of
// downloads (hidden in print), so what an editor reads on screen is exactly what they hand on.
import { pageId, requireActor } from "@/lib/server/session";
import { downloadResponse, renderExport } from "@/lib/server/report-export";
import { buildReport } from "@/lib/server/reports";
import { AppError } from "@/lib/server/errors";
import { pageQuery } from "@/lib/validation/query";
import { ReportPageQuerySchema } from "@/lib/validation/report";

export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const actor = await requireActor("article.read");
  const id = pageId((await context.params).id);
  const { audience } = pageQuery(ReportPageQuerySchema, new URL(request.url).searchParams);
  const api = `/api/v1/articles/${id}/report?audience=${audience}&format=`;
  const other = audience === "internal" ? "public" : "internal";
  try {
    const report = await buildReport(actor, [id], audience);
    const file = await renderExport(report, "html", {
      toolbar: [
        { label: "← Back to the article", href: `/articles/${id}` },
        { label: "PDF (A4)", href: `${api}pdf&pageSize=a4` },
        { label: "PDF (US Letter)", href: `${api}pdf&pageSize=letter` },
        { label: "HTML", href: `${api}html` },
        { label: "Markdown", href: `${api}md` },
        { label: "CSV", href: `${api}csv` },
        { label: "JSON", href: `${api}json` },
        { label: "ClaimReview", href: `${api}claimreview` },
        { label: "W3C annotations", href: `${api}w3c` },
        { label: other === "public" ? "Show the public version" : "Show the internal version", href: `/articles/${id}/report?audience=${other}` },
      ],
    });
    return downloadResponse(file, "inline");
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") {
      return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    throw error;
  }
}
