"use client";
// Who works on this article: its assignments (the whole article or chosen claims, with due times) for
// everyone to see, and for editors the form to assign reviewers, taking assignments back, and the
// article's "only assigned reviewers edit" setting.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { AssignmentCreateSchema } from "@/lib/validation/assignment";
import type { AssignmentView } from "@/lib/server/assignments";
import { assignReviewersAction, removeAssignmentAction, updateArticleAction } from "@/app/articles/actions";
import { FieldError, invalidProps } from "@/components/ui/field-errors";
import { formText } from "@/components/ui/form-data";
import { formatDateTime } from "@/components/ui/format";
import { submitChecked } from "@/components/ui/submit";

export interface AssignableClaim {
  id: string;
  number: number;
  label: string;
}

export interface ReviewSettings {
  requireAssignment: boolean;
  independentReview: boolean;
  blind: boolean;
}

const SETTING_MESSAGES: Record<keyof ReviewSettings, [on: string, off: string]> = {
  requireAssignment: ["Only assigned reviewers can now edit this article's claims.", "Every reviewer can now edit this article's claims."],
  independentReview: ["Independent review is on: each reviewer now gives their own assessment.", "Independent review is off: reviewers give the verdict again."],
  blind: ["Blind review is on.", "Blind review is off."],
};

interface Props {
  articleId: string;
  settings: ReviewSettings;
  initialAssignments: AssignmentView[];
  claims: AssignableClaim[];
  /** Editors: who can be assigned. Null for everyone else, who only read the list. */
  candidates: { id: string; name: string }[] | null;
  viewerId: string;
}

export function AssignmentPanel({ articleId, settings: initialSettings, initialAssignments, claims, candidates, viewerId }: Props) {
  const router = useRouter();
  const [assignments, setAssignments] = useState(initialAssignments);
  const [settings, setSettings] = useState(initialSettings);
  // The page drawn again (a live change elsewhere) brings the server's assignments and settings.
  const [drawn, setDrawn] = useState({ initialAssignments, initialSettings });
  if (drawn.initialAssignments !== initialAssignments || drawn.initialSettings !== initialSettings) {
    setDrawn({ initialAssignments, initialSettings });
    setAssignments(initialAssignments);
    setSettings(initialSettings);
  }
  const [scope, setScope] = useState<"article" | "claims">("article");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const numberOf = new Map(claims.map((c) => [c.id, c.number]));
  const canManage = candidates !== null;

  async function assign(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const input = {
      userIds: form.getAll("userIds").filter((v): v is string => typeof v === "string"),
      ...(scope === "claims" ? { claimIds: form.getAll("claimIds").filter((v): v is string => typeof v === "string") } : {}),
      due: formText(form, "due"),
    };
    if (scope === "claims" && input.claimIds?.length === 0) {
      setErrors({ claimIds: "Choose at least one claim, or assign the whole article." });
      return;
    }
    setBusy(true);
    const result = await submitChecked(AssignmentCreateSchema, input, () => assignReviewersAction(articleId, input));
    setBusy(false);
    setErrors(result.ok ? {} : result.fields);
    if (!result.ok) {
      setMessage(result.message ? { kind: "error", text: result.message } : null);
      return;
    }
    setAssignments(result.data);
    formEl.reset();
    setScope("article");
    const names = input.userIds.map((id) => candidates?.find((c) => c.id === id)?.name ?? "").filter(Boolean);
    setMessage({ kind: "ok", text: `Assigned ${names.join(", ")}.` });
    router.refresh();
  }

  async function remove(assignment: AssignmentView) {
    const result = await removeAssignmentAction(articleId, assignment.id);
    if (!result.ok) {
      setMessage({ kind: "error", text: result.error.message });
      return;
    }
    setAssignments(result.data);
    setMessage({ kind: "ok", text: `Took back ${assignment.reviewer.name}'s assignment.` });
    router.refresh();
  }

  async function toggle(key: keyof ReviewSettings, next: boolean) {
    // The box shows the choice at once; a refusal puts it back. Independent review off takes blind with it.
    const before = settings;
    const change: Partial<ReviewSettings> = key === "independentReview" && !next ? { independentReview: false, blind: false } : { [key]: next };
    setSettings({ ...settings, ...change });
    setBusy(true);
    const result = await updateArticleAction(articleId, change);
    setBusy(false);
    if (!result.ok) {
      setSettings(before);
      setMessage({ kind: "error", text: result.error.message });
      return;
    }
    setSettings({ requireAssignment: result.data.requireAssignment, independentReview: result.data.independentReview, blind: result.data.blind });
    setMessage({ kind: "ok", text: SETTING_MESSAGES[key][next ? 0 : 1] });
    router.refresh();
  }

  const what = (a: AssignmentView) => (a.claimId === null ? "Whole article" : `Claim ${numberOf.get(a.claimId) ?? "(deleted)"}`);

  return (
    <section aria-labelledby="assignments-heading" className="card p-4">
      <h2 id="assignments-heading" className="text-sm font-semibold uppercase tracking-wide text-stone-600">
        Assignments ({assignments.length})
      </h2>
      {settings.requireAssignment ? (
        <p className="mt-2 rounded-md bg-amber-50 px-2.5 py-1.5 text-sm text-amber-950">Only assigned reviewers and editors can edit this article&apos;s claims.</p>
      ) : null}
      {assignments.length === 0 ? (
        <p className="mt-2 text-sm text-stone-500">Nobody is assigned to this article yet.</p>
      ) : (
        <ul className="mt-2 divide-y divide-stone-100 text-sm" aria-label="Assigned reviewers">
          {assignments.map((a) => (
            <li key={a.id} className="flex items-start justify-between gap-2 py-1.5">
              <span className="min-w-0">
                <span className="font-medium text-stone-900">
                  {a.reviewer.name}
                  {a.reviewer.id === viewerId ? " (you)" : ""}
                </span>
                <span className="block text-xs text-stone-600">
                  {what(a)}
                  {a.due ? ` · due ${formatDateTime(a.due)}` : ""}
                </span>
              </span>
              {canManage ? (
                <button type="button" className="btn btn-link shrink-0 text-xs" onClick={() => void remove(a)} aria-label={`Take back ${a.reviewer.name}'s assignment: ${what(a)}`}>
                  Take back
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {message ? (
        <p role={message.kind === "error" ? "alert" : "status"} className={`mt-2 text-sm ${message.kind === "error" ? "text-red-700" : "text-green-800"}`}>
          {message.text}
        </p>
      ) : null}
      {canManage ? (
        <>
          <fieldset className="mt-3 space-y-2">
            <legend className="text-xs font-semibold uppercase tracking-wide text-stone-600">Review</legend>
            <Setting
              label="Independent review"
              help="Each reviewer gives their own assessment; editors set the verdict."
              checked={settings.independentReview}
              disabled={busy}
              onChange={(on) => void toggle("independentReview", on)}
            />
            <Setting
              label="Blind review"
              help="Reviewers see others' assessments of a claim only after submitting theirs."
              checked={settings.blind}
              disabled={busy || !settings.independentReview}
              onChange={(on) => void toggle("blind", on)}
            />
            <Setting
              label="Only assigned reviewers may edit claims"
              help="Others can still read them. Editors are never restricted."
              checked={settings.requireAssignment}
              disabled={busy}
              onChange={(on) => void toggle("requireAssignment", on)}
            />
          </fieldset>
          <details className="mt-3">
            <summary className="cursor-pointer text-sm font-medium text-stone-800">Assign reviewers</summary>
            <form onSubmit={assign} className="mt-2 space-y-3" noValidate aria-label="Assign reviewers">
              <fieldset {...invalidProps(errors, "userIds", "assign")}>
                <legend className="field-label">Reviewers</legend>
                {candidates.length === 0 ? <p className="field-help">No active reviewers yet; add them on the Users page.</p> : null}
                <div className="mt-1 grid grid-cols-2 gap-x-3 gap-y-1">
                  {candidates.map((c) => (
                    <label key={c.id} className="flex items-center gap-2 text-sm">
                      <input type="checkbox" name="userIds" value={c.id} />
                      {c.name}
                    </label>
                  ))}
                </div>
                <FieldError errors={errors} name="userIds" idPrefix="assign" />
              </fieldset>
              <fieldset>
                <legend className="field-label">What</legend>
                <div className="mt-1 flex gap-4 text-sm">
                  <label className="flex items-center gap-2">
                    <input type="radio" name="scope" checked={scope === "article"} onChange={() => setScope("article")} />
                    Whole article
                  </label>
                  <label className="flex items-center gap-2">
                    <input type="radio" name="scope" checked={scope === "claims"} disabled={claims.length === 0} onChange={() => setScope("claims")} />
                    Chosen claims
                  </label>
                </div>
                {scope === "claims" ? (
                  <div className="mt-1 max-h-40 space-y-1 overflow-y-auto rounded border border-stone-200 p-2" role="group" aria-label="Claims to assign" {...invalidProps(errors, "claimIds", "assign")}>
                    {claims.map((c) => (
                      <label key={c.id} className="flex items-start gap-2 text-sm">
                        <input type="checkbox" name="claimIds" value={c.id} className="mt-0.5" />
                        <span className="line-clamp-2">
                          <span className="font-semibold tabular-nums">{c.number}.</span> {c.label}
                        </span>
                      </label>
                    ))}
                  </div>
                ) : null}
                <FieldError errors={errors} name="claimIds" idPrefix="assign" />
              </fieldset>
              <div>
                <label htmlFor="assign-due" className="field-label">
                  Due (UTC, optional)
                </label>
                <input id="assign-due" name="due" type="datetime-local" className="input" {...invalidProps(errors, "due", "assign")} />
                <FieldError errors={errors} name="due" idPrefix="assign" />
              </div>
              <button type="submit" className="btn btn-primary" disabled={busy || candidates.length === 0}>
                Assign
              </button>
            </form>
          </details>
        </>
      ) : null}
    </section>
  );
}

function Setting({ label, help, checked, disabled, onChange }: { label: string; help: string; checked: boolean; disabled: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="checkbox" className="mt-0.5" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <span>
        {label}
        <span className="field-help block">{help}</span>
      </span>
    </label>
  );
}
