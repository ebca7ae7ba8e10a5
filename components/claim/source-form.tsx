"use client";
// Adding or editing one source of a claim. Links must be http(s); the shared Zod schema says so here
// before the server says it again.
import { useState, type FormEvent } from "react";
import { SOURCE_STANCES, SOURCE_STANCE_LABELS } from "@/lib/core/claim";
import { fieldErrors } from "@/lib/validation/common";
import { SourceCreateSchema } from "@/lib/validation/source";
import type { Source } from "./types";
import { FieldError, invalidProps } from "@/components/ui/field-errors";

export interface SourceFormValues {
  url: string;
  title: string;
  publisher: string;
  quote: string;
  stance: string;
  archivedUrl: string;
  accessedOn: string;
}

export const emptySource = (): SourceFormValues => ({
  url: "",
  title: "",
  publisher: "",
  quote: "",
  stance: "supports",
  archivedUrl: "",
  accessedOn: new Date().toISOString().slice(0, 10),
});

export function sourceValues(s: Source): SourceFormValues {
  return {
    url: s.url,
    title: s.title,
    publisher: s.publisher,
    quote: s.quote,
    stance: s.stance,
    archivedUrl: s.archivedUrl ?? "",
    accessedOn: s.accessedOn ?? "",
  };
}

interface SourceFormProps {
  idPrefix: string;
  initial: SourceFormValues;
  submitLabel: string;
  onSubmit: (values: SourceFormValues) => Promise<{ message: string; fields?: Record<string, string> } | null>;
  onCancel?: () => void;
  onChange?: (values: SourceFormValues) => void;
}

export function SourceForm({ idPrefix, initial, submitLabel, onSubmit, onCancel, onChange }: SourceFormProps) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const set = (name: keyof SourceFormValues, value: string) => {
    const next = { ...values, [name]: value };
    setValues(next);
    onChange?.(next);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = SourceCreateSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setPending(true);
    const failure = await onSubmit(values);
    setPending(false);
    if (failure) {
      setErrors(failure.fields ?? {});
      setFormError(failure.message);
      return;
    }
    setFormError(null);
    setValues(emptySource());
  }

  const id = (name: string) => `${idPrefix}-${name}`;
  const invalid = (name: string) => invalidProps(errors, name, idPrefix);
  const error = (name: string) => <FieldError errors={errors} name={name} idPrefix={idPrefix} />;

  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      <div>
        <label htmlFor={id("url")} className="field-label">
          Source URL
        </label>
        <input id={id("url")} type="url" inputMode="url" placeholder="https://" className="input" value={values.url} onChange={(e) => set("url", e.target.value)} {...invalid("url")} />
        {error("url")}
      </div>
      <div className="grid grid-cols-2 gap-3">
        <div>
          <label htmlFor={id("title")} className="field-label">
            Source title
          </label>
          <input id={id("title")} className="input" value={values.title} onChange={(e) => set("title", e.target.value)} {...invalid("title")} />
          {error("title")}
        </div>
        <div>
          <label htmlFor={id("publisher")} className="field-label">
            Source publisher
          </label>
          <input id={id("publisher")} className="input" value={values.publisher} onChange={(e) => set("publisher", e.target.value)} {...invalid("publisher")} />
          {error("publisher")}
        </div>
      </div>
      <div>
        <label htmlFor={id("quote")} className="field-label">
          Quote from the source
        </label>
        <textarea id={id("quote")} rows={2} className="input" value={values.quote} onChange={(e) => set("quote", e.target.value)} {...invalid("quote")} />
        {error("quote")}
      </div>
      <div className="grid grid-cols-2 gap-3">
        <div>
          <label htmlFor={id("stance")} className="field-label">
            Stance
          </label>
          <select id={id("stance")} className="input" value={values.stance} onChange={(e) => set("stance", e.target.value)} {...invalid("stance")}>
            {SOURCE_STANCES.map((s) => (
              <option key={s} value={s}>
                {SOURCE_STANCE_LABELS[s]}
              </option>
            ))}
          </select>
          {error("stance")}
        </div>
        <div>
          <label htmlFor={id("accessedOn")} className="field-label">
            Date accessed
          </label>
          <input id={id("accessedOn")} type="date" className="input" value={values.accessedOn} onChange={(e) => set("accessedOn", e.target.value)} {...invalid("accessedOn")} />
          {error("accessedOn")}
        </div>
      </div>
      <div>
        <label htmlFor={id("archivedUrl")} className="field-label">
          Archived copy URL <span className="font-normal text-stone-500">(optional)</span>
        </label>
        <input id={id("archivedUrl")} type="url" inputMode="url" placeholder="https://" className="input" value={values.archivedUrl} onChange={(e) => set("archivedUrl", e.target.value)} {...invalid("archivedUrl")} />
        {error("archivedUrl")}
      </div>
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
