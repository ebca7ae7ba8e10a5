import type { Metadata } from "next";
import { requireActor } from "@/lib/server/session";
import { ArticleImporter } from "@/components/article/article-importer";

export const metadata: Metadata = { title: "Add article" };

export default async function NewArticlePage() {
  await requireActor("article.write");
  return (
    <div className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">Add article</h1>
      <p className="mt-1 text-sm text-stone-600">
        Import it from its web address or a file, or paste its text below. Paragraphs are kept; formatting is not.
      </p>
      <ArticleImporter />
    </div>
  );
}
