import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { can } from "@/lib/core/roles";
import { getArticle } from "@/lib/server/articles";
import { lastCheck } from "@/lib/server/article-import";
import { agreement } from "@/lib/server/assessments";
import { editRightsOn, listAssignableUsers, listAssignments } from "@/lib/server/assignments";
import { auditHead } from "@/lib/server/audit";
import { listClaims, secondApproverRequired } from "@/lib/server/claims";
import { orPage, pageId, requireActor } from "@/lib/server/session";
import { ArticleWorkspace } from "@/components/article/article-workspace";
import { ArticleHeader } from "@/components/article/article-header";
import { ExportMenu } from "@/components/article/export-menu";
import { ImportMenu } from "@/components/article/import-menu";
import { RecheckButton } from "@/components/article/recheck-button";

export const metadata: Metadata = { title: "Article" };

export default async function ArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor("article.read");
  const id = pageId((await params).id);
  const article = await orPage(getArticle(actor, id));
  const canManage = can(actor.role, "assignment.manage");
  // The live feed starts after the last event read here, before the claims: a change made while the
  // page is drawn is then sent again (a harmless refetch) rather than missed.
  const head = await auditHead();
  const [all, rights, assignments, candidates, secondApprover, figures, checked] = await Promise.all([
    listClaims(actor, id, {}, { includeDeleted: can(actor.role, "claim.restore") }),
    editRightsOn(actor, id),
    listAssignments(actor, id),
    canManage ? listAssignableUsers(actor) : null,
    secondApproverRequired(),
    article.independentReview ? agreement(actor, [article.id]) : null,
    article.url ? lastCheck(actor, id) : null,
  ]);
  const viewer = {
    id: actor.id,
    name: actor.name,
    role: actor.role,
    canEdit: can(actor.role, "claim.write"),
    canMark: rights.canMark,
    editableClaims: rights.editableClaims,
    canSetVerdict: can(actor.role, "claim.write") && !article.independentReview,
    canDecide: can(actor.role, "claim.approve"),
    secondApproverRequired: secondApprover,
    review: { independentReview: article.independentReview, blind: article.blind },
    canAssess: can(actor.role, "claim.write"),
    canDeleteAny: can(actor.role, "claim.delete_any"),
    canComment: can(actor.role, "comment.write"),
    canModerateComments: can(actor.role, "comment.moderate"),
    canRestore: can(actor.role, "claim.restore"),
  };
  return (
    <div className="mx-auto max-w-[88rem] px-4 py-6 sm:px-6">
      <ArticleHeader article={article} lastCheck={checked}>
        {article.url && can(actor.role, "article.write") ? <RecheckButton articleId={article.id} /> : null}
        <Link href={`/articles/${article.id}/revisions`} className="btn btn-secondary">
          Revisions{article.revision > 1 ? ` (${article.revision})` : ""}
        </Link>
        <Link href={`/articles/${article.id}/activity`} className="btn btn-secondary">
          Activity
        </Link>
        <ExportMenu articleId={article.id} />
        {can(actor.role, "article.write") ? <ImportMenu articleId={article.id} /> : null}
        {can(actor.role, "article.write") ? (
          <Link href={`/articles/${article.id}/edit`} className="btn btn-secondary">
            Edit details
          </Link>
        ) : null}
      </ArticleHeader>
      <Suspense>
        <ArticleWorkspace
          article={{ id: article.id, text: article.text }}
          initialClaims={all.filter((c) => !c.deletedAt)}
          deletedClaims={all.filter((c) => c.deletedAt)}
          viewer={viewer}
          assignments={{
            settings: { requireAssignment: article.requireAssignment, independentReview: article.independentReview, blind: article.blind },
            items: assignments,
            candidates,
          }}
          agreement={figures}
          since={head.events}
        />
      </Suspense>
    </div>
  );
}
