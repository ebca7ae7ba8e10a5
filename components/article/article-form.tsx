"use client";
// Adding an article (pasted text and metadata, or what an import extracted, to check and correct) and
// editing its metadata and text. The same Zod schema the server re-parses gives instant feedback here.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formText } from "@/components/ui/form-data";
import { submitChecked } from "@/components/ui/submit";
import { ArticleCreateSchema, ArticleUpdateSchema } from "@/lib/validation/article";
import { createArticleAction, updateArticleAction } from "@/app/articles/actions";
import { FieldError, invalidProps } from "@/components/ui/field-errors";

/** The fields the form shows; an edit also has the article's id and version. */
export interface ArticleFields {
  title: string;
  publisher: string | null;
  byline: string | null;
  url: string | null;
  publishedOn: string | null;
  text: string;
}

interface ArticleFormProps {
  mode: "create" | "edit";
  /** Create: fields to start from (an import's extraction); edit: the article. */
  article?: ArticleFields & { id?: string; version?: number };
  /** How many claims the article has: a new text re-anchors them. */
  claimCount?: number;
  /** Create: where the fields were imported from (its first revision's origin). */
  importedFrom?: string;
}

export function ArticleForm({ mode, article, claimCount = 0, importedFrom }: ArticleFormProps) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input: Record<string, unknown> = {
      title: formText(form, "title"),
      publisher: formText(form, "publisher"),
      byline: formText(form, "byline"),
      url: formText(form, "url"),
      publishedOn: formText(form, "publishedOn"),
    };
    input.text = formText(form, "text");
    if (mode === "edit" && article) input.version = article.version;
    if (mode === "create" && importedFrom) input.importedFrom = importedFrom;
    setFormError(null);
    setPending(true);
    const result = await submitChecked(mode === "create" ? ArticleCreateSchema : ArticleUpdateSchema, input, () =>
      mode === "create" ? createArticleAction(input) : updateArticleAction(article!.id!, input),
    );
    setPending(false);
    setErrors(result.ok ? {} : result.fields);
    if (!result.ok) {
      setFormError(result.message);
      return;
    }
    router.push(`/articles/${result.data.id}`);
    router.refresh();
  }

  const field = (name: string) => invalidProps(errors, name, "article");
  const error = (name: string) => <FieldError errors={errors} name={name} idPrefix="article" />;

  return (
    <form onSubmit={onSubmit} className="card mt-6 space-y-5 p-5" noValidate>
      <div>
        <label htmlFor="title" className="field-label">
          Title
        </label>
        <input id="title" name="title" className="input" defaultValue={article?.title} required {...field("title")} />
        {error("title")}
      </div>
      <div>
        <label htmlFor="byline" className="field-label">
          Byline
        </label>
        <input id="byline" name="byline" className="input" defaultValue={article?.byline ?? ""} placeholder="Who wrote it" {...field("byline")} />
        {error("byline")}
      </div>
      <div className="grid gap-5 sm:grid-cols-2">
        <div>
          <label htmlFor="publisher" className="field-label">
            Publisher
          </label>
          <input id="publisher" name="publisher" className="input" defaultValue={article?.publisher ?? ""} {...field("publisher")} />
          {error("publisher")}
        </div>
        <div>
          <label htmlFor="publishedOn" className="field-label">
            Publication date
          </label>
          <input id="publishedOn" name="publishedOn" type="date" className="input" defaultValue={article?.publishedOn ?? ""} {...field("publishedOn")} />
          {error("publishedOn")}
        </div>
      </div>
      <div>
        <label htmlFor="url" className="field-label">
          Source URL
        </label>
        <input id="url" name="url" type="url" inputMode="url" placeholder="https://" className="input" defaultValue={article?.url ?? ""} {...field("url")} />
        {error("url")}
      </div>
      <div>
        <label htmlFor="text" className="field-label">
          Text
        </label>
        <p className="field-help">
          Separate paragraphs with a blank line.
          {claimCount > 0
            ? ` A changed text is saved as a new revision: the ${claimCount === 1 ? "claim is" : `${claimCount} claims are`} placed in it again, and any whose words changed go back to review.`
            : ""}
        </p>
        <textarea
          id="text"
          name="text"
          rows={16}
          className="input font-serif text-base leading-relaxed"
          defaultValue={article?.text}
          required
          {...field("text")}
        />
        {error("text")}
      </div>
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <div className="flex gap-3">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {mode === "create" ? (pending ? "Adding…" : "Add article") : pending ? "Saving…" : "Save changes"}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => router.back()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
