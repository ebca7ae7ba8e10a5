"use client";
// "Check for changes": fetches the article's page again (lib/server/article-import recheckArticle); a
// changed text becomes a new revision, its claims re-anchored. Says what happened, then redraws the page.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { recheckArticleAction } from "@/app/articles/actions";
import { summaryText } from "@/lib/core/reanchor";

type Outcome = { kind: "unchanged" } | { kind: "changed"; revision: number; text: string } | { kind: "error"; message: string };

export function RecheckButton({ articleId }: { articleId: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function check() {
    setBusy(true);
    setOutcome(null);
    const result = await recheckArticleAction(articleId);
    setBusy(false);
    // The page shows when it was last checked, and a changed text: redraw it whatever happened.
    router.refresh();
    if (!result.ok) return setOutcome({ kind: "error", message: result.error.message });
    if (!result.data.changed) return setOutcome({ kind: "unchanged" });
    const changes = summaryText(result.data.reanchor);
    setOutcome({ kind: "changed", revision: result.data.revision, text: changes ? `Claims: ${changes}.` : "No claim was affected." });
  }

  return (
    <div className="relative">
      <button type="button" className="btn btn-secondary" onClick={() => void check()} disabled={busy}>
        {busy ? "Checking…" : "Check for changes"}
      </button>
      {outcome ? (
        <div role={outcome.kind === "error" ? "alert" : "status"} className="card absolute right-0 z-30 mt-2 w-80 p-3 text-sm shadow-xl">
          {outcome.kind === "unchanged" ? <p>The page has not changed since the latest revision.</p> : null}
          {outcome.kind === "error" ? <p className="field-error">{outcome.message}</p> : null}
          {outcome.kind === "changed" ? (
            <p>
              The page changed: it is now revision {outcome.revision}. {outcome.text}{" "}
              <Link href={`/articles/${articleId}/revisions?n=${outcome.revision}`} className="underline underline-offset-2">
                See what changed
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
