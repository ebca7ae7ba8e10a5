import type { ReactNode } from "react";
import { formatDate, formatDateTime } from "@/components/ui/format";

interface Props {
  article: {
    title: string;
    publisher: string | null;
    publishedOn: string | null;
    url: string | null;
    revision?: number;
    changedAfterReviewAt?: string | null;
  };
  /** When the article's web page was last read for changes, and why that failed if it did. */
  lastCheck?: { at: string; error: string | null } | null;
  children?: ReactNode;
}

export function ArticleHeader({ article, lastCheck, children }: Props) {
  const meta = [article.publisher, article.publishedOn ? formatDate(article.publishedOn) : null].filter(Boolean);
  return (
    <header className="mb-6 flex flex-wrap items-start justify-between gap-4 border-b border-stone-200 pb-5">
      <div className="max-w-[68ch]">
        <h1 className="font-serif text-3xl font-semibold leading-tight tracking-tight text-stone-950">{article.title}</h1>
        <p className="mt-2 text-sm text-stone-600">
          {meta.length ? meta.join(" · ") : "Publisher and date not recorded"}
          {article.url ? (
            <>
              {" · "}
              <a href={article.url} target="_blank" rel="noopener noreferrer nofollow" className="underline underline-offset-2">
                original article
              </a>
            </>
          ) : null}
          {article.revision && article.revision > 1 ? ` · revision ${article.revision}` : null}
        </p>
        {article.changedAfterReviewAt ? <ChangedAfterReview at={article.changedAfterReviewAt} /> : null}
        {lastCheck ? <LastCheck check={lastCheck} /> : null}
      </div>
      {children ? <div className="flex gap-2">{children}</div> : null}
    </header>
  );
}

/** The flag of an article whose text changed after its claims were reviewed (a silent edit, or ours). */
export function ChangedAfterReview({ at, compact = false }: { at: string; compact?: boolean }) {
  return (
    <p className={`${compact ? "" : "mt-2 "}inline-flex items-center gap-1 rounded border border-amber-300 bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900`}>
      <span aria-hidden="true">⚠</span> Changed after review, {formatDate(at.slice(0, 10))}
    </p>
  );
}

/** When the page was last read for changes; a failed read says why, since the page may be gone. */
function LastCheck({ check }: { check: { at: string; error: string | null } }) {
  if (check.error === null) return <p className="mt-1 text-xs text-stone-500">Page last checked for changes {formatDateTime(check.at)}</p>;
  return (
    <p className="mt-2 text-xs text-amber-900">
      <span aria-hidden="true">⚠ </span>The last check for changes, {formatDateTime(check.at)}, could not read the page: {check.error}
    </p>
  );
}
