import { api, parseQuery } from "@/lib/server/api";
import { asHeavyJob } from "@/lib/server/heavy-jobs";
import { downloadResponse, renderExport } from "@/lib/server/report-export";
import { buildReport } from "@/lib/server/reports";
import { ArticleReportQuerySchema } from "@/lib/validation/report";
import { routeMethods } from "@/lib/server/route-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  GET: api(async ({ request, actor, params }) => {
    const query = parseQuery(request, ArticleReportQuerySchema);
    const render = async () => {
      const report = await buildReport(actor, [params.id!], query.audience);
      return downloadResponse(await renderExport(report, query.format, { pageSize: query.pageSize }));
    };
    // A PDF is laid out and typeset on the server: one at a time per user. Other formats are cheap.
    return query.format === "pdf" ? asHeavyJob(actor.id, "a PDF report", render) : render();
  }),
});
