"use client";
// An editor's Import: W3C Web Annotations or a Hypothesis export file, placed into this article. The
// result says how many were placed exactly, placed fuzzily, or not placed, and lists the unplaced.
import { useState, type ChangeEvent } from "react";
import { importAnnotationsAction } from "@/app/articles/actions";

type Outcome =
  | { kind: "done"; counts: { exact: number; fuzzy: number; unplaced: number }; unplaced: { exact: string; reason: string }[]; warnings: string[] }
  | { kind: "error"; message: string };

export function ImportMenu({ articleId }: { articleId: string }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    let json: unknown;
    try {
      json = JSON.parse(await file.text()) as unknown;
    } catch {
      setBusy(false);
      setOutcome({ kind: "error", message: `${file.name} is not a JSON file.` });
      return;
    }
    const result = await importAnnotationsAction(articleId, json);
    setBusy(false);
    setOutcome(
      result.ok
        ? { kind: "done", counts: result.data.counts, unplaced: result.data.unplaced, warnings: result.data.warnings }
        : { kind: "error", message: result.error.message },
    );
  }

  return (
    <details className="relative">
      <summary className="btn btn-secondary cursor-pointer list-none">Import</summary>
      <div className="card absolute right-0 z-30 mt-2 w-96 space-y-3 p-4 shadow-xl">
        <label htmlFor="import-file" className="field-label">
          Annotations file (W3C Web Annotations or Hypothesis export)
        </label>
        <input id="import-file" type="file" accept=".json,.jsonld,application/json,application/ld+json" className="block w-full text-sm" onChange={(e) => void onFile(e)} disabled={busy} />
        {busy ? <p role="status">Importing…</p> : null}
        {outcome?.kind === "error" ? (
          <p role="alert" className="field-error">
            {outcome.message}
          </p>
        ) : null}
        {outcome?.kind === "done" ? (
          <div role="status" className="space-y-2 text-sm">
            <p>
              <strong>{outcome.counts.exact}</strong> placed exactly, <strong>{outcome.counts.fuzzy}</strong> placed fuzzily,{" "}
              <strong>{outcome.counts.unplaced}</strong> not placed.
            </p>
            {outcome.unplaced.length > 0 ? (
              <ul className="max-h-40 list-inside list-disc overflow-y-auto text-stone-700" aria-label="Not placed">
                {outcome.unplaced.map((u, i) => (
                  <li key={i}>
                    “{u.exact}” — {u.reason}
                  </li>
                ))}
              </ul>
            ) : null}
            {outcome.warnings.length > 0 ? (
              <ul className="max-h-32 list-inside list-disc overflow-y-auto text-amber-900" aria-label="Left out">
                {outcome.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            ) : null}
            <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
              Show the imported claims
            </button>
          </div>
        ) : null}
      </div>
    </details>
  );
}
