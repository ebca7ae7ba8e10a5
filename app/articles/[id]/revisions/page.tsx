import type { Metadata } from "next";
import Link from "next/link";
import { summaryText, type ReanchorSummary } from "@/lib/core/reanchor";
import { can } from "@/lib/core/roles";
import { z } from "zod";
import { getArticle } from "@/lib/server/articles";
import { lastCheck } from "@/lib/server/article-import";
import { claimsTouchedBy, listRevisions, revisionDiff, type RevisionOrigin } from "@/lib/server/revisions";
import { orPage, pageId, requireActor } from "@/lib/server/session";
import { MAX_REVISION } from "@/lib/validation/article";
import { pageQuery, queryInt } from "@/lib/validation/query";
import { ArticleHeader } from "@/components/article/article-header";
import { RecheckButton } from "@/components/article/recheck-button";
import { RevisionDiff } from "@/components/article/revision-diff";
import { formatDateTime } from "@/components/ui/format";

export const metadata: Metadata = { title: "Revisions" };

const ORIGIN_LABELS: Record<RevisionOrigin, string> = {
  created: "Added",
  edit: "Text edited",
  recheck: "Changed on the web (re-check)",
  import: "Imported",
};

const TOUCHED_LABELS = { moved: "moved", fuzzy: "words changed", orphaned: "text gone" } as const;

/** " · claims: 1 moved, 2 changed" after a revision's word counts; nothing when no claim moved, changed or went. */
function claimsLine(reanchor: ReanchorSummary | null): string {
  const changes = reanchor ? summaryText(reanchor) : null;
  return changes ? ` · claims: ${changes}` : "";
}

const QuerySchema = z.object({ n: queryInt(1, MAX_REVISION).optional() });

export default async function RevisionsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("article.read");
  const id = pageId((await params).id);
  const article = await orPage(getArticle(actor, id));
  const [revisions, checked] = await Promise.all([listRevisions(actor, id), article.url ? lastCheck(actor, id) : null]);
  const query = pageQuery(QuerySchema, await searchParams);
  const shown = Math.min(query.n ?? article.revision, article.revision);
  const [diff, touched] = shown > 1 ? await Promise.all([revisionDiff(actor, id, shown), claimsTouchedBy(actor, id, shown)]) : [null, []];
  return (
    <div className="mx-auto max-w-5xl px-4 py-6 sm:px-6">
      <ArticleHeader article={article} lastCheck={checked}>
        {article.url && can(actor.role, "article.write") ? <RecheckButton articleId={id} /> : null}
        <Link href={`/articles/${id}`} className="btn btn-secondary">
          Back to article
        </Link>
      </ArticleHeader>
      <div className="grid gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <section aria-labelledby="revisions-heading">
          <h2 id="revisions-heading" className="text-xl font-semibold tracking-tight">
            Revisions ({revisions.length})
          </h2>
          <ol className="mt-3 space-y-2" aria-label="Revisions, newest first">
            {revisions.map((r) => (
              <li key={r.number}>
                <Link
                  href={`/articles/${id}/revisions?n=${r.number}`}
                  aria-current={r.number === shown ? "page" : undefined}
                  className={`card block p-3 text-sm hover:bg-stone-50 ${r.number === shown ? "ring-2 ring-stone-800" : ""}`}
                >
                  <span className="font-semibold">Revision {r.number}</span> · {ORIGIN_LABELS[r.origin]}
                  <span className="mt-0.5 block text-xs text-stone-600">
                    {formatDateTime(r.createdAt)} · {r.by ? r.by.name : "scheduled re-check"}
                  </span>
                  {r.number > 1 ? (
                    <span className="mt-0.5 block text-xs text-stone-600">
                      +{r.added} / −{r.removed} words
                      {claimsLine(r.reanchor)}
                    </span>
                  ) : null}
                </Link>
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="diff-heading" className="min-w-0">
          {diff ? (
            <>
              <h2 id="diff-heading" className="text-xl font-semibold tracking-tight">
                What revision {diff.to} changed
              </h2>
              <p className="mt-1 text-sm text-stone-600">
                Against revision {diff.from}: {diff.added} word{diff.added === 1 ? "" : "s"} added, {diff.removed} removed.{" "}
                <del className="bg-red-50 text-red-900">Struck through</del> is gone, <ins className="bg-emerald-50 text-emerald-900 underline">underlined</ins> is new.
              </p>
              {touched.length > 0 ? (
                <div className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
                  <h3 className="font-semibold">Claims this revision touched</h3>
                  <ul className="mt-1 space-y-1" aria-label="Claims this revision touched">
                    {touched.map((c) => (
                      <li key={c.id}>
                        <Link href={`/articles/${id}?claim=${c.id}`} className="underline underline-offset-2">
                          “{c.exact}”
                        </Link>{" "}
                        — {TOUCHED_LABELS[c.status]}
                        {c.status === "fuzzy" ? ` (match ${Math.round(c.score * 100)}%)` : ""}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : (
                <p className="mt-3 text-sm text-stone-600">No claim was moved, changed or removed by this revision.</p>
              )}
              <div className="card mt-4 p-5">
                <RevisionDiff ops={diff.ops} />
              </div>
            </>
          ) : (
            <>
              <h2 id="diff-heading" className="text-xl font-semibold tracking-tight">
                Revision 1
              </h2>
              <p className="mt-1 text-sm text-stone-600">The text as the article was added. Later revisions show what changed here.</p>
            </>
          )}
        </section>
      </div>
    </div>
  );
}
