"use client";
// One claim beside the text: its quote, who marked it and when, its verdict and status; then the editor
// (or, for viewers, the claim as it stands), assessments and the decision, its sources, its discussion
// and its history.
import { useState } from "react";
import { getVerdict, statusLabel } from "@/lib/core/claim";
import { deleteClaimAction } from "@/app/articles/actions";
import { formatDateTime } from "@/components/ui/format";
import { ClaimAssessments } from "./claim-assessments";
import { ClaimDecision } from "./claim-decision";
import { ClaimDiscussion } from "./claim-discussion";
import { ClaimEditor } from "./claim-editor";
import { ClaimHistory } from "./claim-history";
import { ClaimSources } from "./claim-sources";
import type { Claim, Viewer } from "./types";
import { clearDraft, draftKey as draftKeyOf } from "./use-draft";
import { VerdictChip } from "./verdict-chip";
import { verdictLabel } from "./verdict-style";

interface ClaimPanelProps {
  claim: Claim;
  number: number;
  viewer: Viewer;
  onUpdated: (claim: Claim) => void;
  onDeleted: (id: string) => void;
  onClose: () => void;
  focusStatement?: boolean;
  /** Changes when someone else changed this claim's assessments, discussion or history (live updates). */
  liveKey?: number;
}

export function ClaimPanel({ claim, number, viewer, onUpdated, onDeleted, onClose, focusStatement, liveKey = 0 }: ClaimPanelProps) {
  const [historyKey, setHistoryKey] = useState(0);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const canDelete = viewer.canEdit && (viewer.canDeleteAny || claim.author.id === viewer.id);
  // Any change to the claim or its sources adds to its history.
  const updated = (c: Claim) => {
    onUpdated(c);
    setHistoryKey((k) => k + 1);
  };

  async function remove() {
    if (!window.confirm("Delete this claim? An editor can restore it later.")) return;
    const result = await deleteClaimAction(claim.id);
    if (result.ok) {
      clearDraft(draftKeyOf(viewer.id, "claim", claim.id));
      onDeleted(claim.id);
    } else setDeleteError(result.error.message);
  }

  return (
    <section aria-labelledby="claim-heading" className="card p-4">
      <div className="flex items-start justify-between gap-2">
        <h2 id="claim-heading" className="text-lg font-semibold tracking-tight">
          Claim {number}
        </h2>
        <div className="flex items-center gap-2">
          <VerdictChip verdict={claim.verdict} />
          <button type="button" className="btn btn-link text-sm" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
      <blockquote className="mt-2 border-l-4 border-stone-300 pl-3 font-serif text-[0.95rem] leading-relaxed text-stone-800">
        {claim.exact}
      </blockquote>
      <p className="mt-1 text-xs text-stone-500">
        Marked by {claim.author.name} · {formatDateTime(claim.createdAt)} · {statusLabel(claim.status)}
      </p>
      <AnchorNotice claim={claim} />

      {viewer.canEdit ? <ClaimEditor claim={claim} viewer={viewer} onUpdated={updated} focusStatement={focusStatement} /> : <ClaimFacts claim={claim} />}

      {viewer.review.independentReview ? <ClaimAssessments claim={claim} viewer={viewer} onUpdated={updated} reloadKey={liveKey} /> : null}

      <ClaimDecision claim={claim} viewer={viewer} onUpdated={updated} />

      <ClaimSources claim={claim} viewer={viewer} onUpdated={updated} />

      <ClaimDiscussion claim={claim} viewer={viewer} reloadKey={historyKey + liveKey} onChanged={() => setHistoryKey((k) => k + 1)} />

      <ClaimHistory key={historyKey} claimId={claim.id} reloadKey={liveKey} />

      {canDelete ? (
        <div className="mt-4 border-t border-stone-200 pt-3">
          <button type="button" className="btn btn-danger" onClick={() => void remove()}>
            Delete claim
          </button>
          {deleteError ? (
            <p role="alert" className="mt-2 text-sm text-red-700">
              {deleteError}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** The claim as it stands, for those who may not edit it. */
function ClaimFacts({ claim }: { claim: Claim }) {
  return (
    <dl className="mt-4 space-y-2 text-sm">
      <div>
        <dt className="font-medium text-stone-600">Statement as checked</dt>
        <dd>{claim.statement ?? claim.exact}</dd>
      </div>
      <div>
        <dt className="font-medium text-stone-600">Verdict</dt>
        <dd>
          {verdictLabel(claim.verdict)}
          {claim.verdict ? <span className="text-stone-600"> — {getVerdict(claim.verdict).definition}</span> : null}
        </dd>
      </div>
      {claim.rationale ? (
        <div>
          <dt className="font-medium text-stone-600">Rationale</dt>
          <dd className="whitespace-pre-wrap">{claim.rationale}</dd>
        </div>
      ) : null}
      {claim.note ? (
        <div>
          <dt className="font-medium text-stone-600">Internal note</dt>
          <dd className="whitespace-pre-wrap">{claim.note}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/**
 * What a revision of the article did to the claim, when it matters to the reader: its words are gone
 * (the quote above is the last one it had), or changed, and whether its verdict was given before that.
 */
function AnchorNotice({ claim }: { claim: Claim }) {
  const { anchor, reworded } = claim;
  const lines: string[] = [];
  if (anchor.status === "orphaned") lines.push(`These words are no longer in the article (revision ${anchor.revision}); the quote above is the last one the claim had.`);
  else if (anchor.status === "fuzzy") lines.push(`Revision ${anchor.revision} of the article changed these words (match ${Math.round(anchor.score * 100)}%).`);
  if (reworded && claim.verdict) lines.push(`The verdict was given on an earlier wording: check it, then keep it (status “Verdict given”) or change it.`);
  else if (reworded) lines.push("The claim was reviewed on an earlier wording: review it again.");
  if (lines.length === 0) return null;
  return (
    <div role="note" aria-label="Text changed" className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}
