// The Export menu of an article: open the report page, or download any format for either audience.
// A plain GET form to the API, so it works without JavaScript and the browser handles the download.
export const FORMAT_LABELS: Record<string, string> = {
  pdf: "PDF report",
  html: "HTML report (one file)",
  md: "Markdown report",
  csv: "CSV (one row per claim)",
  json: "JSON (factcheck-report/1)",
  claimreview: "ClaimReview JSON-LD",
  w3c: "W3C Web Annotations",
};

export function ExportMenu({ articleId }: { articleId: string }) {
  return (
    <details className="relative">
      <summary className="btn btn-secondary cursor-pointer list-none">Export</summary>
      <div className="card absolute right-0 z-30 mt-2 w-80 space-y-3 p-4 shadow-xl">
        {/* The report page is a plain HTML document, not an app route: a full navigation. */}
        <a href={`/articles/${articleId}/report`} className="btn btn-primary w-full">
          Open the review report
        </a>
        <form method="get" action={`/api/v1/articles/${articleId}/report`} className="space-y-3 border-t border-stone-200 pt-3">
          <div>
            <label htmlFor="export-format" className="field-label">
              Format
            </label>
            <select id="export-format" name="format" className="input" defaultValue="pdf">
              {Object.entries(FORMAT_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <AudienceAndPage idPrefix="export" />
          <p className="field-help">Public leaves out internal notes and reviewers’ emails.</p>
          <button type="submit" className="btn btn-secondary w-full">
            Download
          </button>
        </form>
      </div>
    </details>
  );
}

export function AudienceAndPage({ idPrefix }: { idPrefix: string }) {
  return (
    <div className="grid grid-cols-2 gap-2">
      <div>
        <label htmlFor={`${idPrefix}-audience`} className="field-label">
          Audience
        </label>
        <select id={`${idPrefix}-audience`} name="audience" className="input" defaultValue="internal">
          <option value="internal">Internal</option>
          <option value="public">Public</option>
        </select>
      </div>
      <div>
        <label htmlFor={`${idPrefix}-page`} className="field-label">
          PDF page size
        </label>
        <select id={`${idPrefix}-page`} name="pageSize" className="input" defaultValue="a4">
          <option value="a4">A4</option>
          <option value="letter">US Letter</option>
        </select>
      </div>
    </div>
  );
}
