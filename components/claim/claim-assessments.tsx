"use client";
// Independent review in the claim panel: the assessments the viewer may see, side by side (blind review
// withholds the others' until the viewer has submitted their own, and says how many), and the viewer's
// own assessment to submit or revise: verdict, rationale, and which of the claim's sources it relies on.
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { isVerdictId, type VerdictId } from "@/lib/core/claim";
import type { AssessmentView } from "@/lib/server/assessments";
import { AssessmentInputSchema } from "@/lib/validation/assessment";
import { listAssessmentsAction, submitAssessmentAction } from "@/app/articles/actions";
import { FieldError, invalidProps } from "@/components/ui/field-errors";
import { formatDateTime } from "@/components/ui/format";
import { submitChecked } from "@/components/ui/submit";
import type { Claim, Viewer } from "./types";
import { VerdictChip } from "./verdict-chip";
import { VerdictOptions } from "./verdict-options";

interface Props {
  claim: Claim;
  viewer: Viewer;
  /** The claim after an assessment (its status may have moved). */
  onUpdated: (claim: Claim) => void;
  /** Changes when someone else's assessment may have arrived (live updates). */
  reloadKey?: number;
}

export function ClaimAssessments({ claim, viewer, onUpdated, reloadKey = 0 }: Props) {
  const [state, setState] = useState<{ items: AssessmentView[]; hidden: number } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const router = useRouter();
  const own = state?.items.find((a) => a.reviewer.id === viewer.id) ?? null;

  useEffect(() => {
    let live = true;
    void listAssessmentsAction(claim.id).then((result) => {
      if (!live) return;
      if (result.ok) setState(result.data);
      else setLoadError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [claim.id, claim.version, reloadKey]);

  const sourceTitle = (id: string) => {
    const source = claim.sources.find((s) => s.id === id);
    return source ? source.title || source.url : "a removed source";
  };

  return (
    <section aria-labelledby="assessments-heading" className="mt-5 border-t border-stone-200 pt-4">
      <h3 id="assessments-heading" className="text-sm font-semibold uppercase tracking-wide text-stone-600">
        Assessments{state ? ` (${state.items.length + state.hidden})` : ""}
      </h3>
      <p className="mt-1 text-xs text-stone-600">
        Independent review: each reviewer gives their own verdict; an editor decides the claim&apos;s.
        {viewer.review.blind ? " Blind: others' assessments show once you have submitted yours." : ""}
      </p>
      {loadError ? (
        <p role="alert" className="field-error">
          {loadError}
        </p>
      ) : null}
      {state === null && !loadError ? <p className="mt-2 text-sm text-stone-500">Loading…</p> : null}
      {state && state.hidden > 0 ? (
        <p className="mt-2 rounded-md bg-stone-100 px-2.5 py-1.5 text-sm text-stone-800">
          {state.hidden === 1 ? "1 assessment is" : `${state.hidden} assessments are`} hidden
          {viewer.canAssess ? " until you submit yours." : " until the verdict is approved."}
        </p>
      ) : null}
      {state && state.items.length > 0 ? (
        <ul className="mt-2 space-y-2" aria-label="Assessments of this claim">
          {state.items.map((a) => (
            <li key={a.id} className="rounded-md border border-stone-200 p-2.5 text-sm">
              <div className="flex items-center justify-between gap-2">
                <span className="font-medium text-stone-900">
                  {a.reviewer.name}
                  {a.reviewer.id === viewer.id ? " (you)" : ""}
                </span>
                <VerdictChip verdict={a.verdict} />
              </div>
              {a.rationale ? <p className="mt-1 whitespace-pre-wrap text-stone-800">{a.rationale}</p> : null}
              {a.sourceIds.length ? <p className="mt-1 text-xs text-stone-600">Relies on: {a.sourceIds.map(sourceTitle).join("; ")}</p> : null}
              <p className="mt-1 text-xs text-stone-500">
                {a.version > 1 ? `Revised ${formatDateTime(a.updatedAt)}` : `Submitted ${formatDateTime(a.submittedAt)}`}
              </p>
            </li>
          ))}
        </ul>
      ) : state && state.hidden === 0 ? (
        <p className="mt-2 text-sm text-stone-500">No assessments yet.</p>
      ) : null}
      {viewer.canAssess && viewer.canEdit && state ? (
        <AssessmentForm
          claim={claim}
          own={own}
          onSubmitted={(data) => {
            setState(data.assessments);
            onUpdated(data.claim);
            // The article's agreement figures are the server's: fetch them anew (client state stays).
            router.refresh();
          }}
        />
      ) : null}
    </section>
  );
}

function AssessmentForm({
  claim,
  own,
  onSubmitted,
}: {
  claim: Claim;
  own: AssessmentView | null;
  onSubmitted: (data: { assessments: { items: AssessmentView[]; hidden: number }; claim: Claim }) => void;
}) {
  const [verdict, setVerdict] = useState<VerdictId | "">(own?.verdict ?? "");
  const [rationale, setRationale] = useState(own?.rationale ?? "");
  const [relied, setRelied] = useState<string[]>(own?.sourceIds ?? []);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { verdict, rationale, sourceIds: relied.filter((id) => claim.sources.some((s) => s.id === id)) };
    setBusy(true);
    const result = await submitChecked(AssessmentInputSchema, input, () => submitAssessmentAction(claim.id, input));
    setBusy(false);
    setErrors(result.ok ? {} : result.fields);
    if (!result.ok) {
      setMessage(result.message ? { kind: "error", text: result.message } : null);
      return;
    }
    setMessage({ kind: "ok", text: own ? "Your assessment is revised." : "Your assessment is submitted." });
    onSubmitted(result.data);
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Your assessment" className="mt-3 space-y-2 rounded-md bg-stone-50 p-3">
      <h4 className="text-sm font-semibold text-stone-800">{own ? "Your assessment" : "Give your assessment"}</h4>
      <div>
        <label htmlFor="assessment-verdict" className="field-label">
          Your verdict
        </label>
        <select
          id="assessment-verdict"
          className="input"
          value={verdict}
          onChange={(e) => setVerdict(isVerdictId(e.target.value) ? e.target.value : "")}
          {...invalidProps(errors, "verdict", "assessment")}
        >
          <option value="">Choose…</option>
          <VerdictOptions />
        </select>
        <FieldError errors={errors} name="verdict" idPrefix="assessment" />
      </div>
      <div>
        <label htmlFor="assessment-rationale" className="field-label">
          Your rationale
        </label>
        <textarea
          id="assessment-rationale"
          className="input min-h-20"
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          {...invalidProps(errors, "rationale", "assessment")}
        />
        <FieldError errors={errors} name="rationale" idPrefix="assessment" />
      </div>
      {claim.sources.length > 0 ? (
        <fieldset>
          <legend className="field-label">Sources you relied on</legend>
          <div className="mt-1 space-y-1">
            {claim.sources.map((s) => (
              <label key={s.id} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  className="mt-0.5"
                  checked={relied.includes(s.id)}
                  onChange={(e) => setRelied((list) => (e.target.checked ? [...list, s.id] : list.filter((id) => id !== s.id)))}
                />
                <span className="line-clamp-1">{s.title || s.url}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <div className="flex items-center gap-3">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {own ? "Revise assessment" : "Submit assessment"}
        </button>
        {message ? (
          <span role={message.kind === "error" ? "alert" : "status"} className={message.kind === "error" ? "text-sm text-red-700" : "text-sm text-green-800"}>
            {message.text}
          </span>
        ) : null}
      </div>
    </form>
  );
}
