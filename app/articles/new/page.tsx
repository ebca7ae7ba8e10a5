import type { Metadata } from "next";
import { requireActor } from "@/lib/server/session";
import { ArticleForm } from "@/components/article/article-form";

export const metadata: Metadata = { title: "Add article" };

export default async function NewArticlePage() {
  await requireActor("article.write");
  return (
    <div className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">Add article</h1>
      <p className="mt-1 text-sm text-stone-600">Paste the article’s text. Paragraphs are kept; formatting is not.</p>
      <ArticleForm mode="create" />
    </div>
  );
}
