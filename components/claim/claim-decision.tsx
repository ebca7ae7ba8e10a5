"use client";
// The claim's decision: who gave its verdict, the final verdict an editor proposed in independent review
// with its note, and its approval. Editors propose the final verdict (independent review), approve a
// verdict someone else gave (where the desk has two editors) and correct an approved one, with a reason.
import { useState, type FormEvent } from "react";
import { isVerdictId, verdictLabel, type VerdictId } from "@/lib/core/claim";
import { FinalVerdictSchema } from "@/lib/validation/claim";
import { approveClaimAction, setFinalVerdictAction } from "@/app/articles/actions";
import { FieldError, invalidProps } from "@/components/ui/field-errors";
import { formatDateTime } from "@/components/ui/format";
import { submitChecked } from "@/components/ui/submit";
import type { Claim, Viewer } from "./types";
import { VerdictChip } from "./verdict-chip";
import { VerdictOptions } from "./verdict-options";

interface Props {
  claim: Claim;
  viewer: Viewer;
  onUpdated: (claim: Claim) => void;
}

type Message = { kind: "ok" | "error"; text: string } | null;

export function ClaimDecision({ claim, viewer, onUpdated }: Props) {
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const independent = viewer.review.independentReview;
  const approvable = claim.status === "proposed" || claim.status === "verdict_given";
  const barred = claim.verdictBy?.id === viewer.id && viewer.secondApproverRequired;
  if (!independent && !approvable && claim.status !== "approved") return null;

  async function approve() {
    setBusy(true);
    const result = await approveClaimAction(claim.id, { version: claim.version });
    setBusy(false);
    if (!result.ok) {
      setMessage({ kind: "error", text: result.error.message });
      if (result.error.code === "conflict" && result.error.current) onUpdated(result.error.current as Claim);
      return;
    }
    onUpdated(result.data);
    setMessage({ kind: "ok", text: "Approved." });
  }

  return (
    <section aria-labelledby="decision-heading" className="mt-5 border-t border-stone-200 pt-4">
      <h3 id="decision-heading" className="text-sm font-semibold uppercase tracking-wide text-stone-600">
        Decision
      </h3>
      <dl className="mt-2 space-y-1.5 text-sm">
        <div className="flex flex-wrap items-center gap-2">
          <dt className="text-stone-600">{independent ? "Final verdict" : "Verdict"}</dt>
          <dd className="flex items-center gap-2">
            {claim.verdict ? <VerdictChip verdict={claim.verdict} /> : <span className="text-stone-500">not decided yet</span>}
            {claim.verdict && claim.verdictBy ? <span className="text-stone-600">by {claim.verdictBy.name}</span> : null}
          </dd>
        </div>
        {claim.finalNote ? (
          <div>
            <dt className="text-stone-600">Note on the decision</dt>
            <dd className="whitespace-pre-wrap text-stone-900">{claim.finalNote}</dd>
          </div>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <dt className="text-stone-600">Approval</dt>
          <dd className="text-stone-900">
            {claim.status === "approved" && claim.approvedBy && claim.approvedAt
              ? `Approved by ${claim.approvedBy.name}, ${formatDateTime(claim.approvedAt)}`
              : approvable
                ? "Waiting for an editor's approval"
                : "Not yet proposed"}
          </dd>
        </div>
      </dl>
      {viewer.canDecide && approvable ? (
        <div className="mt-3">
          <button type="button" className="btn btn-primary" disabled={busy || barred} aria-describedby={barred ? "approve-help" : undefined} onClick={() => void approve()}>
            Approve verdict
          </button>
          {barred ? (
            <p id="approve-help" className="field-help">
              Another editor approves it: you gave this verdict.
            </p>
          ) : null}
        </div>
      ) : null}
      {message ? (
        <p role={message.kind === "error" ? "alert" : "status"} className={`mt-2 text-sm ${message.kind === "error" ? "text-red-700" : "text-green-800"}`}>
          {message.text}
        </p>
      ) : null}
      {viewer.canDecide && independent ? (
        claim.status === "approved" ? (
          <details className="mt-3">
            <summary className="cursor-pointer text-sm font-medium text-stone-800">Correct the approved verdict</summary>
            <FinalVerdictForm claim={claim} onSaved={(saved, text) => (onUpdated(saved), setMessage({ kind: "ok", text }))} />
          </details>
        ) : (
          <FinalVerdictForm claim={claim} onSaved={(saved, text) => (onUpdated(saved), setMessage({ kind: "ok", text }))} />
        )
      ) : null}
    </section>
  );
}

function FinalVerdictForm({ claim, onSaved }: { claim: Claim; onSaved: (claim: Claim, message: string) => void }) {
  const correcting = claim.status === "approved";
  const [verdict, setVerdict] = useState<VerdictId | "">(claim.verdict ?? "");
  const [note, setNote] = useState(claim.finalNote);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The decision the form started from: if another editor changes it meanwhile, submitting says so
  // first rather than replacing theirs unseen. Other changes (an assessment, a source) do not matter.
  const [base, setBase] = useState({ verdict: claim.verdict, note: claim.finalNote });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (claim.verdict !== base.verdict || claim.finalNote !== base.note) {
      setBase({ verdict: claim.verdict, note: claim.finalNote });
      setError(`Another editor changed the decision meanwhile: the final verdict is now ${claim.verdict ? verdictLabel(claim.verdict) : "not set"}. Check yours and submit again.`);
      return;
    }
    const input = { version: claim.version, verdict, note, ...(correcting ? { reason } : {}) };
    setBusy(true);
    const result = await submitChecked(FinalVerdictSchema, input, () => setFinalVerdictAction(claim.id, input));
    setBusy(false);
    setErrors(result.ok ? {} : result.fields);
    setError(result.ok ? null : result.message);
    if (result.ok) {
      setBase({ verdict: result.data.verdict, note: result.data.finalNote });
      setReason("");
      onSaved(result.data, correcting ? "Corrected: the verdict goes back for approval." : "Final verdict proposed.");
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Final verdict" className="mt-3 space-y-2 rounded-md bg-stone-50 p-3">
      <div>
        <label htmlFor="final-verdict" className="field-label">
          Final verdict
        </label>
        <select id="final-verdict" className="input" value={verdict} onChange={(e) => setVerdict(isVerdictId(e.target.value) ? e.target.value : "")} {...invalidProps(errors, "verdict", "final")}>
          <option value="">Choose…</option>
          <VerdictOptions />
        </select>
        <FieldError errors={errors} name="verdict" idPrefix="final" />
      </div>
      <div>
        <label htmlFor="final-note" className="field-label">
          Note on the decision <span className="font-normal text-stone-500">(internal)</span>
        </label>
        <textarea id="final-note" className="input min-h-16" value={note} onChange={(e) => setNote(e.target.value)} {...invalidProps(errors, "note", "final")} />
        <FieldError errors={errors} name="note" idPrefix="final" />
      </div>
      {correcting ? (
        <div>
          <label htmlFor="final-reason" className="field-label">
            Reason for the correction
          </label>
          <input id="final-reason" className="input" value={reason} onChange={(e) => setReason(e.target.value)} {...invalidProps(errors, "reason", "final")} />
          <p className="field-help">Published with the correction.</p>
          <FieldError errors={errors} name="reason" idPrefix="final" />
        </div>
      ) : null}
      <div className="flex items-center gap-3">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {correcting ? "Correct the verdict" : claim.status === "proposed" ? "Change the final verdict" : "Propose final verdict"}
        </button>
        {error ? (
          <span role="alert" className="text-sm text-red-700">
            {error}
          </span>
        ) : null}
      </div>
    </form>
  );
}
