import { api, parseQuery } from "@/lib/server/api";
import { downloadResponse, renderExport } from "@/lib/server/report-export";
import { buildReport } from "@/lib/server/reports";
import { ArticleReportQuerySchema } from "@/lib/validation/report";
import { routeMethods } from "@/lib/server/route-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  GET: api(async ({ request, actor, params }) => {
    const query = parseQuery(request, ArticleReportQuerySchema);
    const report = await buildReport(actor, [params.id!], query.audience);
    return downloadResponse(await renderExport(report, query.format, { pageSize: query.pageSize }));
  }),
});
