"use client";
// Adding an article: from a web address or a file (HTML, text, Markdown, Word), whose extraction fills
// the form below for the editor to check and correct before adding it; or by pasting the text into
// that form directly. The page or file goes to the REST API's import route with `preview` (same origin,
// session cookie), which fetches and extracts without writing; the article is only added by the form.
import { useState, type ChangeEvent, type FormEvent } from "react";
import { ArticleForm, type ArticleFields } from "./article-form";

type Extracted = ArticleFields & { language: string | null };
type Preview = { extracted: Extracted; source: string };

/** Mirrors the server's limit (lib/server/article-extract MAX_FILE_BYTES), to say so before uploading. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const FILE_TYPES = ".html,.htm,.txt,.md,.markdown,.docx,text/html,text/plain,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document";

async function requestPreview(body: BodyInit, json: boolean): Promise<Preview | { error: string }> {
  let response: Response;
  try {
    response = await fetch("/api/v1/articles/import", {
      method: "POST",
      credentials: "same-origin",
      headers: json ? { "Content-Type": "application/json" } : {},
      body,
    });
  } catch {
    return { error: "The server could not be reached. Try again." };
  }
  const answer = (await response.json().catch(() => null)) as (Preview & { error?: { message?: string } }) | null;
  if (response.status === 401) return { error: "Your session has ended. Sign in again, then import the article." };
  if (!response.ok || !answer?.extracted) return { error: answer?.error?.message ?? "The import failed on the server." };
  return { extracted: answer.extracted, source: answer.source };
}

export function ArticleImporter() {
  const [url, setUrl] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  // A new extraction starts the form afresh with its fields.
  const [formKey, setFormKey] = useState(0);

  function show(result: Preview | { error: string }) {
    if ("error" in result) setError(result.error);
    else {
      setError(null);
      setPreview(result);
      setFormKey((k) => k + 1);
    }
  }

  async function onFetch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!url.trim()) {
      setError("Enter the article's web address.");
      return;
    }
    setBusy("Fetching the page…");
    show(await requestPreview(JSON.stringify({ url: url.trim(), preview: true }), true));
    setBusy(null);
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setError(`${file.name} is larger than 5 MB.`);
      return;
    }
    const form = new FormData();
    form.set("file", file);
    form.set("preview", "true");
    setBusy(`Reading ${file.name}…`);
    show(await requestPreview(form, false));
    setBusy(null);
  }

  return (
    <>
      <section aria-labelledby="import-heading" className="card mt-6 space-y-4 p-5">
        <h2 id="import-heading" className="text-base font-semibold">
          Import from the web or a file
        </h2>
        <form onSubmit={(e) => void onFetch(e)} className="flex flex-wrap items-end gap-3" noValidate>
          <div className="min-w-0 flex-1">
            <label htmlFor="import-url" className="field-label">
              Article’s web address
            </label>
            <input
              id="import-url"
              type="url"
              inputMode="url"
              placeholder="https://"
              className="input"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              disabled={busy !== null}
            />
          </div>
          <button type="submit" className="btn btn-secondary" disabled={busy !== null}>
            Fetch article
          </button>
        </form>
        <div>
          <label htmlFor="import-file" className="field-label">
            Or upload a file
          </label>
          <p id="import-file-help" className="field-help">
            HTML, plain text, Markdown or Word (.docx), up to 5 MB.
          </p>
          <input
            id="import-file"
            type="file"
            accept={FILE_TYPES}
            aria-describedby="import-file-help"
            className="block w-full text-sm"
            onChange={(e) => void onFile(e)}
            disabled={busy !== null}
          />
        </div>
        {busy ? <p role="status">{busy}</p> : null}
        {error ? (
          <p role="alert" className="field-error">
            {error}
          </p>
        ) : null}
        {preview ? (
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            Extracted from <span className="break-all font-medium">{preview.source}</span>. Check every field below and correct what is wrong, then add
            the article.
          </p>
        ) : null}
      </section>
      <ArticleForm key={formKey} mode="create" article={preview?.extracted} importedFrom={preview?.source} />
    </>
  );
}
