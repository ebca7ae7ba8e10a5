import { api, parseQuery } from "@/lib/server/api";
import { asHeavyJob } from "@/lib/server/heavy-jobs";
import { downloadResponse, renderExport } from "@/lib/server/report-export";
import { articlesReviewedBetween, buildReport } from "@/lib/server/reports";
import { MultiReportQuerySchema } from "@/lib/validation/report";
import { routeMethods } from "@/lib/server/route-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  GET: api(async ({ request, actor }) => {
    const query = parseQuery(request, MultiReportQuerySchema);
    // Every report over several articles is a heavy job, whatever its format.
    return asHeavyJob(actor.id, "a report", async () => {
      const ids = query.articles ?? (await articlesReviewedBetween(actor, query.from ?? null, query.to ?? null));
      const report = await buildReport(actor, ids, query.audience);
      return downloadResponse(await renderExport(report, query.format, { pageSize: query.pageSize }));
    });
  }),
});
