"use client";
// A claim's history from the audit trail: who changed what and when, in the order it happened. HistoryList also
// shows an article's whole activity.
import { useEffect, useState } from "react";
import { statusLabel, verdictLabel } from "@/lib/core/claim";
import { claimHistoryAction } from "@/app/articles/actions";
import { formatDateTime } from "@/components/ui/format";
import type { HistoryEntry } from "./types";

export function ClaimHistory({ claimId, reloadKey = 0 }: { claimId: string; reloadKey?: number }) {
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
  }, [open, claimId, reloadKey]);

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
  if (field === "verdict") return verdictLabel(value);
  if (field === "status") return statusLabel(value);
  return typeof value === "string" ? value : JSON.stringify(value);
}
