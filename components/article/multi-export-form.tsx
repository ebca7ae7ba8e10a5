"use client";
// The article list's Export: a report across the ticked articles, or across every article whose claims
// were reviewed in a date range. A GET form to the API; it only refuses to submit an empty choice.
import { useState, type FormEvent } from "react";
import { MULTI_REPORT_FORMATS } from "@/lib/validation/report";
import { AudienceAndPage, FORMAT_LABELS } from "./export-menu";

export const MULTI_EXPORT_FORM_ID = "multi-export";

export function MultiExportForm() {
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const form = new FormData(event.currentTarget);
    if (form.getAll("articles").length === 0 && !form.get("from") && !form.get("to")) {
      event.preventDefault();
      setError("Tick the articles to include, or give a date range.");
    } else setError(null);
  }

  return (
    <details className="relative">
      <summary className="btn btn-secondary cursor-pointer list-none">Export</summary>
      <form id={MULTI_EXPORT_FORM_ID} method="get" action="/api/v1/reports" onSubmit={onSubmit} className="card absolute right-0 z-30 mt-2 w-80 space-y-3 p-4 shadow-xl">
        <p className="text-sm text-stone-600">A report across the articles ticked in the list, or across all articles reviewed in a date range.</p>
        <div className="grid grid-cols-2 gap-2">
          <div>
            <label htmlFor="multi-from" className="field-label">
              Reviewed from
            </label>
            <input id="multi-from" name="from" type="date" className="input" />
          </div>
          <div>
            <label htmlFor="multi-to" className="field-label">
              to
            </label>
            <input id="multi-to" name="to" type="date" className="input" />
          </div>
        </div>
        <div>
          <label htmlFor="multi-format" className="field-label">
            Format
          </label>
          <select id="multi-format" name="format" className="input" defaultValue="pdf">
            {MULTI_REPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </div>
        <AudienceAndPage idPrefix="multi" />
        {error ? (
          <p role="alert" className="field-error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary w-full">
          Export report
        </button>
      </form>
    </details>
  );
}
