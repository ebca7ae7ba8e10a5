import type { Metadata } from "next";
import Link from "next/link";
import { getArticle } from "@/lib/server/articles";
import { auditHead } from "@/lib/server/audit";
import { articleHistory } from "@/lib/server/history";
import { orPage, pageId, requireActor } from "@/lib/server/session";
import { ArticleHeader } from "@/components/article/article-header";
import { HistoryList } from "@/components/claim/claim-history";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor("audit.read");
  const id = pageId((await params).id);
  const article = await orPage(getArticle(actor, id));
  const [entries, head] = await Promise.all([articleHistory(actor, id), auditHead()]);
  return (
    <div className="mx-auto max-w-4xl px-4 py-6 sm:px-6">
      <ArticleHeader article={article}>
        <Link href={`/articles/${id}`} className="btn btn-secondary">
          Back to article
        </Link>
      </ArticleHeader>
      <h2 className="text-xl font-semibold tracking-tight">Activity</h2>
      <p className="mt-1 text-sm text-stone-600">Every change to this article, its claims and their sources, oldest first.</p>
      <div className="card mt-4 p-4">
        <HistoryList entries={entries} />
      </div>
      <section aria-labelledby="integrity-heading" className="mt-6 rounded-md border border-stone-200 bg-white p-4 text-sm">
        <h3 id="integrity-heading" className="font-semibold">
          Audit log integrity
        </h3>
        <p className="mt-1 text-stone-700">
          The desk’s audit log holds <strong>{head.events.toLocaleString("en-US")}</strong> events. Its head hash is
        </p>
        <p className="mt-1 break-all font-mono text-xs text-stone-900" data-testid="audit-head">
          {head.head}
        </p>
        <p className="mt-2 text-stone-600">
          Record it; later, <code className="rounded bg-stone-100 px-1">npm run cli -- audit verify --head {head.head.slice(0, 12)}…</code> checks that
          nothing before it was changed or removed.
        </p>
      </section>
    </div>
  );
}
