// The queue page's parts: one reviewer's assigned articles with what waits in each, and the editors'
// view of the whole desk (every reviewer's progress per article). Server components: links only.
import Link from "next/link";
import type { DeskQueue, QueueEntry as QueueItem } from "@/lib/server/assignments";
import { formatDateTime } from "@/components/ui/format";

const SHOWN_WAITING = 8;

function scopeText(item: QueueItem): string {
  if (item.scope === "article") return "Whole article";
  const n = item.assignments.length;
  return `${n} chosen claim${n === 1 ? "" : "s"}`;
}

function StateBadge({ item }: { item: QueueItem }) {
  if (item.overdue) return <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-900">Overdue</span>;
  if (!item.pending) return <span className="rounded bg-green-100 px-1.5 py-0.5 text-xs font-semibold text-green-900">Done</span>;
  return null;
}

function Progress({ item, label }: { item: QueueItem; label: string }) {
  const share = item.total === 0 ? 0 : Math.round((item.done / item.total) * 100);
  return (
    <div className="flex items-center gap-2">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={item.total}
        aria-valuenow={item.done}
        aria-valuetext={`${item.done} of ${item.total} claims ${item.work === "assessment" ? "assessed" : "have a verdict"}`}
        className="h-1.5 w-24 overflow-hidden rounded-full bg-stone-200"
      >
        <div className="h-full bg-stone-800" style={{ width: `${share}%` }} />
      </div>
      <span className="text-xs tabular-nums text-stone-600">
        {item.done} of {item.total}
      </span>
    </div>
  );
}

export function QueueList({ items }: { items: QueueItem[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="mt-6 space-y-4" aria-label="Assigned articles">
      {items.map((item) => {
        const dueBy = item.assignments.find((a) => a.due === item.due) ?? item.assignments[0];
        return (
          <li key={item.article.id} className="card p-5">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="min-w-0">
                <h2 className="font-serif text-lg font-semibold leading-snug">
                  <Link href={`/articles/${item.article.id}`} className="hover:underline">
                    {item.article.title}
                  </Link>
                </h2>
                <p className="mt-1 text-sm text-stone-600">
                  {scopeText(item)}
                  {item.due ? ` · due ${formatDateTime(item.due)}` : " · no due time"}
                  {dueBy ? ` · assigned by ${dueBy.assignedBy.name}` : ""}
                </p>
              </div>
              <div className="flex items-center gap-3">
                <StateBadge item={item} />
                <Progress item={item} label={`Progress on ${item.article.title}`} />
              </div>
            </div>
            {item.scope === "article" && item.total === 0 ? (
              <p className="mt-3 text-sm text-stone-700">No claims are marked yet: read the article and mark what needs checking.</p>
            ) : item.waiting.length > 0 ? (
              <>
                <h3 className="mt-3 text-xs font-semibold uppercase tracking-wide text-stone-600">{item.work === "assessment" ? "Waiting for your assessment" : "Waiting for a verdict"} ({item.waiting.length})</h3>
                <ul className="mt-1 space-y-1 text-sm">
                  {item.waiting.slice(0, SHOWN_WAITING).map((claim) => (
                    <li key={claim.id} className="truncate">
                      <Link href={`/articles/${item.article.id}?claim=${claim.id}`} className="text-stone-800 underline decoration-stone-300 underline-offset-2 hover:decoration-stone-800">
                        {claim.text}
                      </Link>
                    </li>
                  ))}
                </ul>
                {item.waiting.length > SHOWN_WAITING ? (
                  <p className="mt-1 text-xs text-stone-600">and {item.waiting.length - SHOWN_WAITING} more in the article</p>
                ) : null}
              </>
            ) : (
              <p className="mt-3 text-sm text-stone-700">{item.work === "assessment" ? "You have assessed every assigned claim." : "Every assigned claim has a verdict."}</p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Editors: every reviewer with assignments, one row per article. */
export function DeskTable({ queues }: { queues: DeskQueue[] }) {
  return (
    <section aria-labelledby="desk-heading" className="mt-10">
      <h2 id="desk-heading" className="text-lg font-semibold">
        The desk
      </h2>
      <p className="mt-1 text-sm text-stone-600">Every reviewer&apos;s assignments and progress. Open a reviewer to see their queue.</p>
      {queues.length === 0 ? (
        <p className="card mt-3 p-5 text-sm text-stone-600">No assignments yet. Assign reviewers from an article&apos;s page.</p>
      ) : (
        <div className="card mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-semibold">Reviewer</th>
                <th scope="col" className="px-4 py-2 font-semibold">Article</th>
                <th scope="col" className="px-4 py-2 font-semibold">Assigned</th>
                <th scope="col" className="px-4 py-2 font-semibold">Due</th>
                <th scope="col" className="px-4 py-2 font-semibold">Progress</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {queues.flatMap((queue) =>
                queue.items.map((item, i) => (
                  <tr key={`${queue.user.id}-${item.article.id}`} className={i === 0 ? "border-t border-stone-200" : ""}>
                    <th scope="row" className="px-4 py-2 align-top font-medium">
                      {i === 0 ? (
                        <Link href={`/queue?user=${queue.user.id}`} className="underline decoration-stone-300 underline-offset-2 hover:decoration-stone-800">
                          {queue.user.name}
                        </Link>
                      ) : (
                        <span className="sr-only">{queue.user.name}</span>
                      )}
                    </th>
                    <td className="px-4 py-2 align-top">
                      <Link href={`/articles/${item.article.id}`} className="hover:underline">
                        {item.article.title}
                      </Link>
                    </td>
                    <td className="px-4 py-2 align-top text-stone-700">{scopeText(item)}</td>
                    <td className="px-4 py-2 align-top text-stone-700">
                      {item.due ? formatDateTime(item.due) : "—"} <StateBadge item={item} />
                    </td>
                    <td className="px-4 py-2 align-top">
                      <Progress item={item} label={`${queue.user.name}'s progress on ${item.article.title}`} />
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
