import type { ReactNode } from "react";
import { formatDate } from "@/components/ui/format";

interface Props {
  article: { title: string; publisher: string | null; publishedOn: string | null; url: string | null };
  children?: ReactNode;
}

export function ArticleHeader({ article, children }: Props) {
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
        </p>
      </div>
      {children ? <div className="flex gap-2">{children}</div> : null}
    </header>
  );
}
