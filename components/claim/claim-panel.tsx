"use client";
// One claim beside the text: its quote, the statement as checked, verdict, status, public rationale,
// internal note, sources and history. Edits are kept as a local draft until saved; a save against a
// stale version shows the current claim and keeps what the reviewer typed.
import { useEffect, useRef, useState } from "react";
import { CLAIM_STATUSES, CLAIM_STATUS_LABELS, SOURCE_STANCE_LABELS, VERDICTS, getVerdict, isSourceStance, isVerdictId } from "@/lib/core/verdicts";
import { fieldErrors } from "@/lib/validation/common";
import { ClaimUpdateSchema } from "@/lib/validation/claim";
import {
  addSourceAction,
  claimHistoryAction,
  deleteClaimAction,
  removeSourceAction,
  updateClaimAction,
  updateSourceAction,
} from "@/app/articles/actions";
import { formatDate, formatDateTime } from "@/components/ui/format";
import { SourceForm, emptySource, sourceValues, type SourceFormValues } from "./source-form";
import type { Claim, HistoryEntry, Source, Viewer } from "./types";
import { clearDraft, draftKey as draftKeyOf, loadDraft, saveDraft, useLeaveGuard } from "./use-draft";
import { VerdictChip } from "./verdict-chip";
import { verdictLabel } from "./verdict-style";
import { FieldError, invalidProps } from "@/components/ui/field-errors";

interface ClaimForm {
  statement: string;
  verdict: string;
  status: string;
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

interface ClaimPanelProps {
  claim: Claim;
  number: number;
  viewer: Viewer;
  onUpdated: (claim: Claim) => void;
  onDeleted: (id: string) => void;
  onClose: () => void;
  focusStatement?: boolean;
}

export function ClaimPanel({ claim, number, viewer, onUpdated, onDeleted, onClose, focusStatement }: ClaimPanelProps) {
  const draftKey = draftKeyOf(viewer.id, "claim", claim.id);
  const [form, setForm] = useState<ClaimForm>(() => formOf(claim));
  const [baseVersion, setBaseVersion] = useState(claim.version);
  const [restored, setRestored] = useState(false);
  const [conflict, setConflict] = useState<Claim | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);
  const statementRef = useRef<HTMLInputElement>(null);
  const canDelete = viewer.canEdit && (viewer.canDeleteAny || claim.author.id === viewer.id);

  const saved = formOf(claim);
  const dirty = viewer.canEdit && !sameForm(form, saved);
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
    // Choosing a verdict moves the claim to "verdict given"; clearing it moves it back to review.
    if (patch.verdict !== undefined) {
      if (patch.verdict && next.status !== "verdict_given") next.status = "verdict_given";
      if (!patch.verdict && next.status === "verdict_given") next.status = "in_review";
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
      setMessage({ kind: "ok", text: "Saved." });
      setHistoryKey((k) => k + 1);
      return;
    }
    if (result.error.code === "conflict" && result.error.current) {
      const current = result.error.current as Claim;
      onUpdated(current);
      setConflict(current);
      setBaseVersion(current.version);
      saveDraft(draftKey, { form, baseVersion: current.version } satisfies DraftRecord);
      setHistoryKey((k) => k + 1);
      return;
    }
    setErrors(result.error.fields ?? {});
    setMessage({ kind: "error", text: result.error.message });
  }

  async function remove() {
    if (!window.confirm("Delete this claim? An editor can restore it later.")) return;
    const result = await deleteClaimAction(claim.id);
    if (result.ok) {
      clearDraft(draftKey);
      onDeleted(claim.id);
    } else setMessage({ kind: "error", text: result.error.message });
  }

  const verdictDefinition = form.verdict && isVerdictId(form.verdict) ? getVerdict(form.verdict).definition : null;
  const invalid = (name: string) => invalidProps(errors, name, "claim");
  const error = (name: string) => <FieldError errors={errors} name={name} idPrefix={"claim"} />;

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
        Marked by {claim.author.name} · {formatDateTime(claim.createdAt)} · {CLAIM_STATUS_LABELS[claim.status as keyof typeof CLAIM_STATUS_LABELS] ?? claim.status}
      </p>

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

      {viewer.canEdit ? (
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
              <select id="claim-verdict" className="input" value={form.verdict} onChange={(e) => change({ verdict: e.target.value })} {...invalid("verdict")}>
                <option value="">No verdict yet</option>
                {VERDICTS.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.rating ? `${v.label} (${v.rating})` : v.label}
                  </option>
                ))}
              </select>
              {error("verdict")}
            </div>
            <div>
              <label htmlFor="claim-status" className="field-label">
                Status
              </label>
              <select id="claim-status" className="input" value={form.status} onChange={(e) => change({ status: e.target.value })} {...invalid("status")}>
                {CLAIM_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {CLAIM_STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
              {error("status")}
            </div>
          </div>
          {verdictDefinition ? <p className="-mt-1 text-xs text-stone-600">{verdictDefinition}</p> : null}
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
      ) : (
        <dl className="mt-4 space-y-2 text-sm">
          <div>
            <dt className="font-medium text-stone-600">Statement as checked</dt>
            <dd>{claim.statement ?? claim.exact}</dd>
          </div>
          <div>
            <dt className="font-medium text-stone-600">Verdict</dt>
            <dd>
              {verdictLabel(claim.verdict)}
              {claim.verdict && isVerdictId(claim.verdict) ? <span className="text-stone-600"> — {getVerdict(claim.verdict).definition}</span> : null}
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
      )}

      <Sources claim={claim} viewer={viewer} onUpdated={(c) => { onUpdated(c); setHistoryKey((k) => k + 1); }} />

      <History key={historyKey} claimId={claim.id} />

      {canDelete ? (
        <div className="mt-4 border-t border-stone-200 pt-3">
          <button type="button" className="btn btn-danger" onClick={() => void remove()}>
            Delete claim
          </button>
        </div>
      ) : null}
    </section>
  );
}

function Sources({ claim, viewer, onUpdated }: { claim: Claim; viewer: Viewer; onUpdated: (claim: Claim) => void }) {
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const draftKey = draftKeyOf(viewer.id, "source", claim.id);
  const [initialNew] = useState<SourceFormValues>(() => (typeof window === "undefined" ? emptySource() : (loadDraft<SourceFormValues>(draftKey) ?? emptySource())));
  const [newDirty, setNewDirty] = useState(false);
  useLeaveGuard(newDirty);

  async function add(values: SourceFormValues) {
    const result = await addSourceAction(claim.id, values);
    if (!result.ok) return { message: result.error.message, fields: result.error.fields };
    clearDraft(draftKey);
    setNewDirty(false);
    onUpdated(result.data);
    return null;
  }

  async function update(source: Source, values: SourceFormValues) {
    const result = await updateSourceAction(claim.id, source.id, values);
    if (!result.ok) return { message: result.error.message, fields: result.error.fields };
    setEditing(null);
    onUpdated(result.data);
    return null;
  }

  async function remove(source: Source) {
    if (!window.confirm(`Remove the source “${source.title || source.url}”?`)) return;
    const result = await removeSourceAction(claim.id, source.id);
    if (result.ok) onUpdated(result.data);
    else setError(result.error.message);
  }

  return (
    <section aria-labelledby="sources-heading" className="mt-5 border-t border-stone-200 pt-4">
      <h3 id="sources-heading" className="text-sm font-semibold uppercase tracking-wide text-stone-600">
        Sources ({claim.sources.length})
      </h3>
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
      {claim.sources.length === 0 ? <p className="mt-1 text-sm text-stone-500">No sources yet.</p> : null}
      <ol className="mt-2 space-y-3">
        {claim.sources.map((source) => (
          <li key={source.id} className="rounded-md border border-stone-200 p-3 text-sm">
            {editing === source.id ? (
              <SourceForm
                idPrefix={`source-${source.id}`}
                initial={sourceValues(source)}
                submitLabel="Update source"
                onSubmit={(values) => update(source, values)}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <>
                <div className="flex items-start justify-between gap-2">
                  <a href={source.url} target="_blank" rel="noopener noreferrer nofollow" className="font-medium text-stone-900 underline underline-offset-2 break-words">
                    {source.title || source.url}
                  </a>
                  <span className="shrink-0 rounded bg-stone-100 px-1.5 py-0.5 text-xs text-stone-700">
                    {isSourceStance(source.stance) ? SOURCE_STANCE_LABELS[source.stance] : source.stance}
                  </span>
                </div>
                <p className="mt-0.5 text-xs text-stone-500">
                  {[source.publisher, source.accessedOn ? `accessed ${formatDate(source.accessedOn)}` : null].filter(Boolean).join(" · ")}
                  {source.archivedUrl ? (
                    <>
                      {" · "}
                      <a href={source.archivedUrl} target="_blank" rel="noopener noreferrer nofollow" className="underline">
                        archived copy
                      </a>
                    </>
                  ) : null}
                </p>
                {source.quote ? <blockquote className="mt-1.5 border-l-2 border-stone-300 pl-2 text-stone-700">{source.quote}</blockquote> : null}
                {viewer.canEdit ? (
                  <div className="mt-2 flex gap-3 text-xs">
                    <button type="button" className="btn-link" onClick={() => setEditing(source.id)} aria-label={`Edit source ${source.title || source.url}`}>
                      Edit
                    </button>
                    <button type="button" className="btn-link text-red-800" onClick={() => void remove(source)} aria-label={`Remove source ${source.title || source.url}`}>
                      Remove
                    </button>
                  </div>
                ) : null}
              </>
            )}
          </li>
        ))}
      </ol>
      {viewer.canEdit ? (
        <details className="mt-3 rounded-md border border-dashed border-stone-300 p-3" open={newDirty || undefined}>
          <summary className="cursor-pointer text-sm font-medium text-stone-800">Add a source</summary>
          <div className="mt-3">
            <SourceForm
              idPrefix="new-source"
              initial={initialNew}
              submitLabel="Save source"
              onSubmit={add}
              onChange={(values) => {
                saveDraft(draftKey, values);
                setNewDirty(Boolean(values.url || values.title || values.quote || values.publisher));
              }}
            />
          </div>
        </details>
      ) : null}
    </section>
  );
}

function History({ claimId }: { claimId: string }) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    let live = true;
    void claimHistoryAction(claimId).then((result) => {
      if (live && result.ok) setEntries(result.data);
    });
    return () => {
      live = false;
    };
  }, [open, claimId]);

  return (
    <details className="mt-5 border-t border-stone-200 pt-4" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary className="cursor-pointer text-sm font-semibold uppercase tracking-wide text-stone-600">History</summary>
      {entries === null ? (
        open ? <p className="mt-2 text-sm text-stone-500">Loading…</p> : null
      ) : (
        <HistoryList entries={entries} />
      )}
    </details>
  );
}

export function HistoryList({ entries }: { entries: HistoryEntry[] }) {
  if (entries.length === 0) return <p className="mt-2 text-sm text-stone-500">No changes recorded.</p>;
  return (
    <ol className="mt-2 space-y-3" aria-label="History">
      {entries.map((entry) => (
        <li key={entry.seq} className="text-sm">
          <p>
            <span className="font-medium">{entry.actor}</span> {entry.summary}
          </p>
          <p className="text-xs text-stone-500">
            {formatDateTime(entry.at)} · event #{entry.seq}
          </p>
          {edits(entry).length > 0 ? (
            <table className="mt-1 w-full table-fixed text-xs">
              <tbody>
                {edits(entry).map((change) => (
                  <tr key={change.field} className="align-top">
                    <th scope="row" className="w-24 py-0.5 pr-2 text-left font-medium text-stone-600">
                      {change.field}
                    </th>
                    <td className="py-0.5 pr-2 text-red-900 line-through decoration-red-400/60 break-words">{show(change.field, change.before)}</td>
                    <td className="py-0.5 text-green-900 break-words">{show(change.field, change.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** Fields changed in place; a record's creation or removal is summed up by its one-line summary. */
function edits(entry: HistoryEntry) {
  return entry.changes.filter((c) => c.before !== undefined && c.after !== undefined);
}

function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "verdict" && typeof value === "string") return verdictLabel(value);
  if (field === "status" && typeof value === "string") return CLAIM_STATUS_LABELS[value as keyof typeof CLAIM_STATUS_LABELS] ?? value;
  return typeof value === "string" ? value : JSON.stringify(value);
}
