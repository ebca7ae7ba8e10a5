import { api, searchParams } from "@/lib/server/api";
import { parseInput } from "@/lib/server/parse-input";
import { downloadResponse, renderExport } from "@/lib/server/report-export";
import { articlesReviewedBetween, buildReport } from "@/lib/server/reports";
import { MultiReportQuerySchema } from "@/lib/validation/report";

export const GET = api(async ({ request, actor }) => {
  // `articles` may come comma-separated or repeated (a form with one checkbox per article).
  const chosen = new URL(request.url).searchParams.getAll("articles").join(",");
  const query = parseInput(MultiReportQuerySchema, { ...searchParams(request), ...(chosen ? { articles: chosen } : {}) });
  const ids = query.articles ?? (await articlesReviewedBetween(actor, query.from ?? null, query.to ?? null));
  const report = await buildReport(actor, ids, query.audience);
  return downloadResponse(await renderExport(report, query.format, { pageSize: query.pageSize }));
});
