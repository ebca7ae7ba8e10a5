import { ChangedAfterReview } from "@/components/article/article-header";
import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/core/roles";
import { listArticles } from "@/lib/server/articles";
import { requireActor } from "@/lib/server/session";
import { ArticleListQuerySchema } from "@/lib/validation/article";
import { pageQuery, type PageSearchParams } from "@/lib/validation/query";
import { formatDate } from "@/components/ui/format";
import { MULTI_EXPORT_FORM_ID, MultiExportForm } from "@/components/article/multi-export-form";

export const metadata: Metadata = { title: "Articles" };

const PageQuery = ArticleListQuerySchema.pick({ cursor: true });

export default async function HomePage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const actor = await requireActor("article.read");
  const { cursor } = pageQuery(PageQuery, await searchParams);
  const { items, nextCursor } = await listArticles(actor, { limit: 50, cursor });
  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Articles</h1>
          <p className="mt-1 text-sm text-stone-600">Open an article to mark its claims and give verdicts.</p>
        </div>
        <div className="flex gap-2">
          {items.length > 0 ? <MultiExportForm /> : null}
          {can(actor.role, "article.write") ? (
            <Link href="/articles/new" className="btn btn-primary">
              Add article
            </Link>
          ) : null}
        </div>
      </div>
      {items.length === 0 ? (
        <p className="card mt-6 p-6 text-stone-600">No articles yet.</p>
      ) : (
        <div className="card mt-6 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-600">
              <tr>
                <th scope="col" className="w-10 px-4 py-2.5 font-medium">
                  <span className="sr-only">Include in report</span>
                </th>
                <th scope="col" className="px-4 py-2.5 font-medium">Title</th>
                <th scope="col" className="px-4 py-2.5 font-medium">Publisher</th>
                <th scope="col" className="px-4 py-2.5 font-medium">Published</th>
                <th scope="col" className="px-4 py-2.5 text-right font-medium">Claims</th>
                <th scope="col" className="px-4 py-2.5 text-right font-medium">With verdict</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {items.map((article) => (
                <tr key={article.id} className="hover:bg-stone-50">
                  <td className="px-4 py-3">
                    <input
                      type="checkbox"
                      name="articles"
                      value={article.id}
                      form={MULTI_EXPORT_FORM_ID}
                      aria-label={`Include “${article.title}” in the report`}
                      className="h-4 w-4 accent-stone-800"
                    />
                  </td>
                  <td className="px-4 py-3">
                    <Link href={`/articles/${article.id}`} className="font-medium text-stone-900 underline-offset-2 hover:underline">
                      {article.title}
                    </Link>
                    {article.changedAfterReviewAt ? (
                      <div className="mt-1">
                        <ChangedAfterReview at={article.changedAfterReviewAt} compact />
                      </div>
                    ) : null}
                  </td>
                  <td className="px-4 py-3 text-stone-700">{article.publisher ?? <span className="text-stone-400">—</span>}</td>
                  <td className="px-4 py-3 whitespace-nowrap text-stone-700">
                    {article.publishedOn ? formatDate(article.publishedOn) : <span className="text-stone-400">—</span>}
                  </td>
                  <td className="px-4 py-3 text-right tabular-nums">{article.claims}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{article.claimsWithVerdict}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextCursor ? (
        <p className="mt-4 text-right">
          <Link href={`/?cursor=${encodeURIComponent(nextCursor)}`} className="btn btn-secondary">
            Older articles
          </Link>
        </p>
      ) : null}
    </div>
  );
}
