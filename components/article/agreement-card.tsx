// Independent review's figures on the article page: how far the reviewers agree (percentage agreement
// and Krippendorff's alpha, nominal and ordinal) and the claims where they disagree, each a button that
// opens the claim. Computed by the server over the assessments the viewer may see.
import type { AgreementView } from "@/lib/server/assessments";

const alpha = (value: number | null) => (value === null ? "—" : value.toFixed(2));

export function AgreementCard({ agreement, numbers, onSelect }: { agreement: AgreementView; numbers: Map<string, number>; onSelect: (id: string) => void }) {
  const disagreements = agreement.disagreements.filter((id) => numbers.has(id));
  return (
    <section aria-labelledby="agreement-heading" className="card p-4">
      <h2 id="agreement-heading" className="text-sm font-semibold uppercase tracking-wide text-stone-600">
        Agreement
      </h2>
      {agreement.claims === 0 ? (
        <p className="mt-2 text-sm text-stone-500">No claim has two assessments you can see yet.</p>
      ) : (
        <>
          <dl className="mt-2 grid grid-cols-3 gap-2 text-center">
            <div className="rounded-md bg-stone-50 p-2">
              <dt className="text-xs text-stone-600">Agree</dt>
              <dd className="text-lg font-semibold tabular-nums">{agreement.percent === null ? "—" : `${agreement.percent}%`}</dd>
            </div>
            <div className="rounded-md bg-stone-50 p-2">
              <dt className="text-xs text-stone-600">α nominal</dt>
              <dd className="text-lg font-semibold tabular-nums">{alpha(agreement.alpha.nominal)}</dd>
            </div>
            <div className="rounded-md bg-stone-50 p-2">
              <dt className="text-xs text-stone-600">α ordinal</dt>
              <dd className="text-lg font-semibold tabular-nums">{alpha(agreement.alpha.ordinal)}</dd>
            </div>
          </dl>
          <p className="mt-2 text-xs text-stone-600">
            {agreement.claims} claim{agreement.claims === 1 ? "" : "s"} with two or more assessments, {agreement.reviewers} reviewer
            {agreement.reviewers === 1 ? "" : "s"}. Krippendorff&apos;s α: 1 is full agreement, 0 what chance would give; “—” where it is undefined.
          </p>
          {disagreements.length > 0 ? (
            <div className="mt-2 text-sm">
              <span className="text-stone-700">Reviewers disagree on: </span>
              {disagreements.map((id, i) => (
                <span key={id}>
                  {i > 0 ? ", " : ""}
                  <button type="button" className="btn-link" onClick={() => onSelect(id)}>
                    claim {numbers.get(id)}
                  </button>
                </span>
              ))}
            </div>
          ) : (
            <p className="mt-2 text-sm text-stone-700">Reviewers agree on every claim they all assessed.</p>
          )}
        </>
      )}
    </section>
  );
}
