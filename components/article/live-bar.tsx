// Above the claims: who else has this article open, and whether changes arrive live.
import type { LiveState } from "./use-live-article";

const STATE_TEXT: Record<LiveState, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
};

export function LiveBar({ state, present }: { state: LiveState; present: { id: string; name: string }[] }) {
  return (
    <section aria-label="Who is here" className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-stone-200 bg-white px-3 py-2 text-sm">
      <p className="min-w-0 text-stone-700" aria-live="polite">
        {present.length === 0 ? (
          "Nobody else has this article open."
        ) : (
          <>
            <span className="text-stone-500">Also here: </span>
            {present.map((p, i) => (
              <span key={p.id}>
                {i > 0 ? ", " : ""}
                <span className="font-medium text-stone-900">{p.name}</span>
              </span>
            ))}
          </>
        )}
      </p>
      <p className="flex items-center gap-1.5 text-xs text-stone-600" role="status">
        <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-full ${state === "live" ? "bg-green-600" : "bg-amber-500"}`} />
        {STATE_TEXT[state]}
      </p>
    </section>
  );
}
