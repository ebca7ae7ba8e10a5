"use client";
// Adding an article (pasted text and metadata) and editing its metadata. The same Zod schema the server
// re-parses gives instant feedback here.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formText } from "@/components/ui/form-data";
import { submitChecked } from "@/components/ui/submit";
import { ArticleCreateSchema, ArticleUpdateSchema } from "@/lib/validation/article";
import { createArticleAction, updateArticleAction } from "@/app/articles/actions";
import { FieldError, invalidProps } from "@/components/ui/field-errors";

interface ArticleFormProps {
  mode: "create" | "edit";
  article?: { id: string; title: string; publisher: string | null; url: string | null; publishedOn: string | null; text: string; version: number };
  textLocked?: boolean;
}

export function ArticleForm({ mode, article, textLocked = false }: ArticleFormProps) {
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
      url: formText(form, "url"),
      publishedOn: formText(form, "publishedOn"),
    };
    if (!textLocked) input.text = formText(form, "text");
    if (mode === "edit" && article) input.version = article.version;
    setFormError(null);
    setPending(true);
    const result = await submitChecked(mode === "create" ? ArticleCreateSchema : ArticleUpdateSchema, input, () =>
      mode === "create" ? createArticleAction(input) : updateArticleAction(article!.id, input),
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
        {textLocked ? (
          <p className="field-help">The text cannot change once the article has claims.</p>
        ) : (
          <p className="field-help">Separate paragraphs with a blank line.</p>
        )}
        <textarea
          id="text"
          name="text"
          rows={16}
          className="input font-serif text-base leading-relaxed"
          defaultValue={article?.text}
          readOnly={textLocked}
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
