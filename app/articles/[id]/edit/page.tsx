import type { Metadata } from "next";
import { getArticle } from "@/lib/server/articles";
import { orPage, pageId, requireActor } from "@/lib/server/session";
import { db } from "@/lib/server/db";
import { ArticleForm } from "@/components/article/article-form";

export const metadata: Metadata = { title: "Edit article" };

export default async function EditArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor("article.write");
  const id = pageId((await params).id);
  const article = await orPage(getArticle(actor, id));
  const claims = await db().claim.count({ where: { articleId: id, deletedAt: null } });
  return (
    <div className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">Edit article</h1>
      <ArticleForm mode="edit" article={article} claimCount={claims} />
    </div>
  );
}
