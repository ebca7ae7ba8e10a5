"use client";
// Editing a claim: the statement as checked, verdict, status, public rationale and internal note. Edits
// are kept as a local draft until saved; a save against a stale version shows the current claim and
// keeps what the reviewer typed.
import { useEffect, useRef, useState } from "react";
import { CLAIM_STATUS_LABELS, HAND_STATUSES, changesApprovedVerdict, claimTransition, getVerdict, isClaimStatus, isVerdictId, type ClaimStatus, type VerdictId } from "@/lib/core/claim";
import { fieldErrors } from "@/lib/validation/common";
import { ClaimUpdateSchema } from "@/lib/validation/claim";
import { updateClaimAction } from "@/app/articles/actions";
import { FieldError, invalidProps } from "@/components/ui/field-errors";
import { VerdictOptions } from "./verdict-options";
import type { Claim, Viewer } from "./types";
import { clearDraft, draftKey as draftKeyOf, loadDraft, saveDraft, useLeaveGuard } from "./use-draft";
import { verdictLabel } from "./verdict-style";

interface ClaimForm {
  statement: string;
  verdict: VerdictId | "";
  status: ClaimStatus;
  rationale: string;
  note: string;
}

const formOf = (c: Claim): ClaimForm => ({
  statement: c.statement ?? "",
  verdict: c.verdict ?? "",
  status: c.status,
  rationale: c.rationale,
  note: c.note,
});

const sameForm = (a: ClaimForm, b: ClaimForm) => (Object.keys(a) as (keyof ClaimForm)[]).every((k) => a[k] === b[k]);

interface DraftRecord {
  form: ClaimForm;
  baseVersion: number;
}

interface ClaimEditorProps {
  claim: Claim;
  viewer: Viewer;
  /** A save, or a conflict that brought the current claim. */
  onUpdated: (claim: Claim) => void;
  focusStatement?: boolean;
}

export function ClaimEditor({ claim, viewer, onUpdated, focusStatement }: ClaimEditorProps) {
  const draftKey = draftKeyOf(viewer.id, "claim", claim.id);
  const [form, setForm] = useState<ClaimForm>(() => formOf(claim));
  const [baseVersion, setBaseVersion] = useState(claim.version);
  const [restored, setRestored] = useState(false);
  const [conflict, setConflict] = useState<Claim | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const statementRef = useRef<HTMLInputElement>(null);

  // The claim as the form last took it in. When the claim changes under the form (an assessment moved
  // its status, a colleague saved it), the form follows it in every field the reviewer has not touched;
  // what they typed stays. Where they typed over a field that changed too, the form keeps its old base
  // version, so saving shows the conflict instead of silently overwriting the colleague's change.
  const [base, setBase] = useState<{ form: ClaimForm; version: number }>(() => ({ form: formOf(claim), version: claim.version }));
  if (claim.version !== base.version) {
    const next = formOf(claim);
    const keys = Object.keys(next) as (keyof ClaimForm)[];
    const touched = keys.filter((k) => form[k] !== base.form[k]);
    const clash = touched.some((k) => next[k] !== base.form[k] && next[k] !== form[k]);
    const merged = { ...next };
    for (const k of touched) Object.assign(merged, { [k]: form[k] });
    setBase({ form: next, version: claim.version });
    setForm(merged);
    if (!clash && claim.version > baseVersion) setBaseVersion(claim.version);
  }

  const saved = formOf(claim);
  const dirty = viewer.canEdit && !sameForm(form, saved);
  // Changing an approved verdict is a correction: it takes a reason (lib/core/claim).
  const correcting = changesApprovedVerdict(claim, form.verdict || null);
  const [reason, setReason] = useState("");
  useLeaveGuard(dirty);

  useEffect(() => {
    const draft = loadDraft<DraftRecord>(draftKey);
    if (draft && !sameForm(draft.form, formOf(claim))) {
      // A draft lives in localStorage, which only exists after hydration; restoring it here is the point.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setForm(draft.form);
      setBaseVersion(draft.baseVersion);
      setRestored(true);
    }
    // Only on opening the claim: later prop changes must not overwrite what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draftKey]);

  useEffect(() => {
    if (focusStatement) statementRef.current?.focus();
  }, [focusStatement]);

  function change(patch: Partial<ClaimForm>) {
    const next = { ...form, ...patch };
    // Shows at once what saving this verdict will do to the status (the claim's rules, lib/core/claim).
    if (patch.verdict !== undefined && patch.status === undefined) {
      const moved = claimTransition({ status: form.status, verdict: form.verdict || null }, { type: "saved", verdict: patch.verdict || null });
      if (moved.ok) next.status = moved.state.status;
    }
    setForm(next);
    setMessage(null);
    if (sameForm(next, saved)) clearDraft(draftKey);
    else saveDraft(draftKey, { form: next, baseVersion } satisfies DraftRecord);
  }

  function discardDraft() {
    clearDraft(draftKey);
    setForm(formOf(claim));
    setBaseVersion(claim.version);
    setRestored(false);
    setConflict(null);
  }

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const input: Record<string, unknown> = { version: baseVersion };
    if (form.statement !== saved.statement) input.statement = form.statement.trim() || null;
    if (form.verdict !== saved.verdict) input.verdict = form.verdict || null;
    if (form.status !== saved.status) input.status = form.status;
    if (form.rationale !== saved.rationale) input.rationale = form.rationale;
    if (form.note !== saved.note) input.note = form.note;
    if (correcting) input.reason = reason;
    const parsed = ClaimUpdateSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setSaving(true);
    const result = await updateClaimAction(claim.id, input);
    setSaving(false);
    if (result.ok) {
      clearDraft(draftKey);
      onUpdated(result.data);
      setForm(formOf(result.data));
      setBaseVersion(result.data.version);
      setConflict(null);
      setRestored(false);
      setReason("");
      setMessage({ kind: "ok", text: "Saved." });
      return;
    }
    if (result.error.code === "conflict" && result.error.current) {
      const current = result.error.current as Claim;
      onUpdated(current);
      setConflict(current);
      setBaseVersion(current.version);
      saveDraft(draftKey, { form, baseVersion: current.version } satisfies DraftRecord);
      return;
    }
    setErrors(result.error.fields ?? {});
    setMessage({ kind: "error", text: result.error.message });
  }

  const verdictDefinition = form.verdict && isVerdictId(form.verdict) ? getVerdict(form.verdict).definition : null;
  const invalid = (name: string) => invalidProps(errors, name, "claim");
  const error = (name: string) => <FieldError errors={errors} name={name} idPrefix={"claim"} />;

  return (
    <>
      {conflict ? (
        <div role="alert" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          <p className="font-semibold">Someone else changed this claim while you were editing.</p>
          <p className="mt-1">
            Their version is saved: verdict <strong>{verdictLabel(conflict.verdict)}</strong>
            {conflict.statement ? (
              <>
                , statement “<strong>{conflict.statement}</strong>”
              </>
            ) : null}
            . Your edits are still in the form below — check them and save again to replace theirs, or discard your draft.
          </p>
        </div>
      ) : restored ? (
        <div role="status" className="mt-3 flex items-center justify-between gap-2 rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-950">
          <span>Restored your unsaved changes.</span>
          <button type="button" className="btn btn-link text-sm" onClick={discardDraft}>
            Discard draft
          </button>
        </div>
      ) : null}

      <form onSubmit={save} className="mt-4 space-y-3" noValidate>
        <div>
          <label htmlFor="claim-statement" className="field-label">
            Statement as checked
          </label>
          <input
            ref={statementRef}
            id="claim-statement"
            className="input"
            placeholder={claim.exact.length > 80 ? `${claim.exact.slice(0, 80)}…` : claim.exact}
            value={form.statement}
            onChange={(e) => change({ statement: e.target.value })}
            {...invalid("statement")}
          />
          <p className="field-help">A short form of the claim; empty means the quote itself.</p>
          {error("statement")}
        </div>
        <div className="grid grid-cols-2 gap-3">
          <div>
            <label htmlFor="claim-verdict" className="field-label">
              Verdict
            </label>
            <select
              id="claim-verdict"
              className="input"
              value={form.verdict}
              disabled={!viewer.canSetVerdict}
              aria-describedby={viewer.canSetVerdict ? undefined : "claim-verdict-help"}
              onChange={(e) => change({ verdict: isVerdictId(e.target.value) ? e.target.value : "" })}
              {...invalid("verdict")}
            >
              <option value="">No verdict yet</option>
              <VerdictOptions />
            </select>
            {viewer.canSetVerdict ? null : (
              <p id="claim-verdict-help" className="field-help">
                {viewer.canDecide ? "Set it as the final verdict below." : "An editor sets it; give yours as your assessment below."}
              </p>
            )}
            {error("verdict")}
          </div>
          <div>
            <label htmlFor="claim-status" className="field-label">
              Status
            </label>
            <select
              id="claim-status"
              className="input"
              value={form.status}
              // A status the review sets (assessed) is shown, not chosen.
              disabled={!HAND_STATUSES.includes(saved.status)}
              onChange={(e) => change({ status: isClaimStatus(e.target.value) ? e.target.value : form.status })}
              {...invalid("status")}
            >
              {(HAND_STATUSES.includes(saved.status) ? HAND_STATUSES : [saved.status]).map((s) => (
                <option key={s} value={s}>
                  {CLAIM_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
            {error("status")}
          </div>
        </div>
        {verdictDefinition ? <p className="-mt-1 text-xs text-stone-600">{verdictDefinition}</p> : null}
        {correcting ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 p-3">
            <label htmlFor="claim-reason" className="field-label">
              Reason for the correction
            </label>
            <input id="claim-reason" className="input" value={reason} onChange={(e) => setReason(e.target.value)} {...invalid("reason")} />
            <p className="field-help">The verdict is approved: changing it is published as a correction with this reason, and it goes back for approval.</p>
            {error("reason")}
          </div>
        ) : null}
        <div>
          <label htmlFor="claim-rationale" className="field-label">
            Rationale <span className="font-normal text-stone-500">(public)</span>
          </label>
          <textarea id="claim-rationale" rows={4} className="input" value={form.rationale} onChange={(e) => change({ rationale: e.target.value })} {...invalid("rationale")} />
          {error("rationale")}
        </div>
        <div>
          <label htmlFor="claim-note" className="field-label">
            Internal note <span className="font-normal text-stone-500">(never published)</span>
          </label>
          <textarea id="claim-note" rows={2} className="input" value={form.note} onChange={(e) => change({ note: e.target.value })} {...invalid("note")} />
          {error("note")}
        </div>
        <div className="flex items-center gap-3">
          <button type="submit" className="btn btn-primary" disabled={saving || (!dirty && !conflict)}>
            {saving ? "Saving…" : "Save claim"}
          </button>
          {dirty ? <span className="text-xs text-amber-800">Unsaved changes</span> : null}
          {message ? (
            <span role={message.kind === "error" ? "alert" : "status"} className={message.kind === "error" ? "text-sm text-red-700" : "text-sm text-green-800"}>
              {message.text}
            </span>
          ) : null}
        </div>
      </form>
    </>
  );
}
