"use client";
// An editor's Import: W3C Web Annotations or a Hypothesis export file, placed into this article. The
// result says how many were placed exactly, placed fuzzily, or not placed, and lists the unplaced.
// The file goes to the REST API's import route with the session cookie (same origin), which checks who
// is asking before it reads the body; server actions stay limited to small bodies.
import { useState, type ChangeEvent } from "react";

type ImportResponse = {
  counts: { exact: number; fuzzy: number; unplaced: number };
  unplaced: { exact: string; reason: string }[];
  warnings: string[];
};

/** Mirrors the route's limit (lib/server/annotation-import.ts MAX_IMPORT_BYTES), to say so before uploading. */
const MAX_FILE_BYTES = 10_000_000;

type Outcome =
  | { kind: "done"; counts: { exact: number; fuzzy: number; unplaced: number }; unplaced: { exact: string; reason: string }[]; warnings: string[] }
  | { kind: "error"; message: string };

async function upload(articleId: string, file: File): Promise<Outcome> {
  if (file.size > MAX_FILE_BYTES) return { kind: "error", message: `${file.name} is larger than 10 MB.` };
  const body = await file.text();
  try {
    JSON.parse(body);
  } catch {
    return { kind: "error", message: `${file.name} is not a JSON file.` };
  }
  let response: Response;
  try {
    response = await fetch(`/api/v1/articles/${encodeURIComponent(articleId)}/annotations/import`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body,
    });
  } catch {
    return { kind: "error", message: "The server could not be reached. Try again." };
  }
  const json = (await response.json().catch(() => null)) as (ImportResponse & { error?: { message?: string } }) | null;
  if (!response.ok || !json) {
    if (response.status === 401) return { kind: "error", message: "Your session has ended. Sign in again, then import the file." };
    return { kind: "error", message: json?.error?.message ?? "The import failed on the server." };
  }
  return { kind: "done", counts: json.counts, unplaced: json.unplaced, warnings: json.warnings };
}

export function ImportMenu({ articleId }: { articleId: string }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    setOutcome(await upload(articleId, file));
    setBusy(false);
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
