"use client";
// A claim's sources: the list with each source's stance, publisher and quote, editing and removing one,
// and the form for a new one (kept as a draft until added).
import { useState } from "react";
import { stanceLabel } from "@/lib/core/claim";
import { addSourceAction, removeSourceAction, updateSourceAction } from "@/app/articles/actions";
import { formatDate } from "@/components/ui/format";
import { SourceForm, emptySource, sourceValues, type SourceFormValues } from "./source-form";
import type { Claim, Source, Viewer } from "./types";
import { clearDraft, draftKey as draftKeyOf, loadDraft, saveDraft, useLeaveGuard } from "./use-draft";

export function ClaimSources({ claim, viewer, onUpdated }: { claim: Claim; viewer: Viewer; onUpdated: (claim: Claim) => void }) {
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
                    {stanceLabel(source.stance)}
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
