"use client";
// The reading and marking workspace: the article text with highlights on the left, the selected
// claim's panel and the list of all claims (in text order, filterable by verdict and status) beside it.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { describeSpan } from "@/lib/core/anchoring";
import type { Unit } from "@/lib/core/text-units";
import { CLAIM_STATUSES, CLAIM_STATUS_LABELS, VERDICTS } from "@/lib/core/claim";
import { articleClaimsAction, createClaimAction, restoreClaimAction } from "@/app/articles/actions";
import type { LiveChange } from "@/lib/server/live-stream";
import { ArticleViewQuerySchema } from "@/lib/validation/claim";
import { pageQuery } from "@/lib/validation/query";
import { ClaimPanel } from "@/components/claim/claim-panel";
import type { Claim, Viewer } from "@/components/claim/types";
import { VerdictChip } from "@/components/claim/verdict-chip";
import type { AssignmentView } from "@/lib/server/assignments";
import { ArticleText, type HighlightClaim } from "./article-text";
import type { AgreementView } from "@/lib/server/assessments";
import { AgreementCard } from "./agreement-card";
import { AssignmentPanel, type ReviewSettings } from "./assignment-panel";
import { LiveBar } from "./live-bar";
import { useLiveArticle } from "./use-live-article";

interface WorkspaceProps {
  article: { id: string; text: string };
  initialClaims: Claim[];
  deletedClaims: Claim[];
  viewer: Viewer;
  assignments: { settings: ReviewSettings; items: AssignmentView[]; candidates: { id: string; name: string }[] | null };
  /** Independent review: how far the reviewers agree (over the assessments the viewer may see). */
  agreement: AgreementView | null;
  /** The last audit event the page was drawn with: the live feed sends what came after. */
  since: number;
}

const byTextOrder = (a: Claim, b: Claim) => a.start - b.start || b.end - a.end || a.createdAt.localeCompare(b.createdAt);

export function ArticleWorkspace({ article, initialClaims, deletedClaims: initialDeleted, viewer, assignments, agreement, since }: WorkspaceProps) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [claims, setClaims] = useState(() => [...initialClaims].sort(byTextOrder));
  const [deleted, setDeleted] = useState(initialDeleted);
  const view = useMemo(() => pageQuery(ArticleViewQuerySchema, params), [params]);
  const [selectedId, setSelectedId] = useState<string | null>(view.claim ?? null);
  const [justMarked, setJustMarked] = useState<string | null>(null);
  const [picker, setPicker] = useState<string[] | null>(null);
  const [marking, setMarking] = useState(false);
  const [markError, setMarkError] = useState<string | null>(null);
  const verdictFilter = view.verdict ?? "";
  const statusFilter = view.status ?? "";
  const pickerRef = useRef<HTMLDivElement>(null);

  const numbers = useMemo(() => new Map(claims.map((c, i) => [c.id, i + 1])), [claims]);
  const visible = useMemo(
    () =>
      claims.filter(
        (c) =>
          (!verdictFilter || (verdictFilter === "none" ? c.verdict === null : c.verdict === verdictFilter)) &&
          (!statusFilter || c.status === statusFilter),
      ),
    [claims, verdictFilter, statusFilter],
  );
  // A claim whose words are gone has no place in the text: it is listed apart, not highlighted.
  const orphaned = useMemo(() => claims.filter((c) => c.anchor.status === "orphaned"), [claims]);
  const highlights: HighlightClaim[] = useMemo(
    () =>
      visible.filter((c) => c.anchor.status !== "orphaned").map((c) => ({
        id: c.id,
        start: c.start,
        end: c.end,
        verdict: c.verdict,
        number: numbers.get(c.id) ?? 0,
        label: c.statement ?? c.exact,
      })),
    [visible, numbers],
  );
  const selected = claims.find((c) => c.id === selectedId) ?? null;
  // The panel's viewer edits the selected claim only where the article's assignment rules allow it.
  const panelViewer = useMemo(
    () => {
      const canEdit = viewer.canEdit && (viewer.editableClaims === null || (selectedId !== null && viewer.editableClaims.includes(selectedId)));
      return { ...viewer, canEdit, canSetVerdict: viewer.canSetVerdict && canEdit };
    },
    [viewer, selectedId],
  );

  const setQuery = useCallback(
    (patch: Record<string, string | null>) => {
      const next = new URLSearchParams(params.toString());
      for (const [k, v] of Object.entries(patch)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      const query = next.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );

  const select = useCallback(
    (id: string | null) => {
      setSelectedId(id);
      setPicker(null);
      setQuery({ claim: id });
    },
    [setQuery],
  );

  const onActivate = useCallback(
    (ids: string[]) => {
      if (ids.length === 1) select(ids[0]!);
      else setPicker(ids);
    },
    [select],
  );

  useEffect(() => {
    if (picker) pickerRef.current?.querySelector("button")?.focus();
  }, [picker]);

  const onMark = useCallback(
    async (span: Unit) => {
      setMarking(true);
      setMarkError(null);
      const anchor = describeSpan(article.text, span.start, span.end);
      const result = await createClaimAction(article.id, anchor);
      setMarking(false);
      if (!result.ok) {
        setMarkError(result.error.message);
        return;
      }
      setClaims((list) => [...list, result.data].sort(byTextOrder));
      setJustMarked(result.data.id);
      select(result.data.id);
    },
    [article, select],
  );

  // Live: what others change arrives without a reload. The claims are fetched anew (an edit under way
  // in the panel keeps the reader's own words: the claim form merges only fields they have not
  // touched); the open claim's assessments, discussion and history reload; the server-drawn parts
  // (agreement, assignments) are drawn again.
  const [liveKey, setLiveKey] = useState(0);
  const selectedRef = useRef(selectedId);
  useEffect(() => {
    selectedRef.current = selectedId;
  }, [selectedId]);
  const onLiveChanges = useCallback(
    (changes: LiveChange[]) => {
      void articleClaimsAction(article.id).then((result) => {
        if (!result.ok) return;
        setClaims(result.data.filter((c) => !c.deletedAt).sort(byTextOrder));
        setDeleted(result.data.filter((c) => c.deletedAt));
      });
      if (changes.some((c) => c.claimId === null || c.claimId === selectedRef.current)) setLiveKey((k) => k + 1);
      if (changes.some((c) => ["article", "assignment", "assessment"].includes(c.entity.type))) router.refresh();
    },
    [article.id, router],
  );
  const live = useLiveArticle(article.id, since, onLiveChanges);

  const onUpdated = useCallback((claim: Claim) => {
    setClaims((list) => list.map((c) => (c.id === claim.id ? claim : c)));
  }, []);

  const onDeleted = useCallback(
    (id: string) => {
      const claim = claims.find((c) => c.id === id);
      setClaims((list) => list.filter((c) => c.id !== id));
      if (claim && viewer.canRestore) setDeleted((list) => [...list, claim]);
      select(null);
    },
    [claims, select, viewer.canRestore],
  );

  async function restore(id: string) {
    const result = await restoreClaimAction(id);
    if (result.ok) {
      setDeleted((list) => list.filter((c) => c.id !== id));
      setClaims((list) => [...list, result.data].sort(byTextOrder));
      select(result.data.id);
    }
  }

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_26rem] xl:grid-cols-[minmax(0,1fr)_28rem]">
      <div className="min-w-0">
        {viewer.canMark ? (
          <p className="mb-4 text-sm text-stone-600">
            Select a passage to mark it as a claim, or use the keyboard (see below).
          </p>
        ) : viewer.canEdit ? (
          <p className="mb-4 text-sm text-stone-600">
            Only reviewers assigned to this article mark its claims
            {viewer.editableClaims?.length ? "; you can edit the claims assigned to you" : ""}.
          </p>
        ) : null}
        {markError ? (
          <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {markError}
          </p>
        ) : null}
        <div className="max-w-[68ch]">
          <ArticleText
            text={article.text}
            claims={highlights}
            activeId={selectedId}
            canMark={viewer.canMark}
            marking={marking}
            onActivate={onActivate}
            onMark={(span) => void onMark(span)}
          />
          {picker ? (
            <div
              ref={pickerRef}
              role="dialog"
              aria-label="Choose a claim"
              className="card fixed bottom-6 left-1/2 z-20 w-[min(28rem,90vw)] -translate-x-1/2 p-3 shadow-xl"
              onKeyDown={(e) => e.key === "Escape" && setPicker(null)}
            >
              <p className="mb-2 text-sm font-medium">This passage belongs to {picker.length} claims:</p>
              <ul className="space-y-1">
                {picker.map((id) => {
                  const claim = claims.find((c) => c.id === id);
                  if (!claim) return null;
                  return (
                    <li key={id}>
                      <button type="button" className="btn btn-secondary w-full justify-start text-left" onClick={() => select(id)}>
                        <span className="font-semibold">Claim {numbers.get(id)}</span>
                        <span className="truncate">{claim.statement ?? claim.exact}</span>
                      </button>
                    </li>
                  );
                })}
              </ul>
              <button type="button" className="btn btn-link mt-2 text-sm" onClick={() => setPicker(null)}>
                Cancel
              </button>
            </div>
          ) : null}
          <KeyboardHelp canMark={viewer.canMark} />
          <Legend />
        </div>
      </div>

      <aside aria-label="Claims" className="space-y-4 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto lg:pr-1">
        <LiveBar state={live.state} present={live.present.filter((p) => p.id !== viewer.id)} />
        {selected ? (
          <ClaimPanel
            key={selected.id}
            claim={selected}
            number={numbers.get(selected.id) ?? 0}
            viewer={panelViewer}
            onUpdated={onUpdated}
            onDeleted={onDeleted}
            onClose={() => select(null)}
            focusStatement={justMarked === selected.id}
            liveKey={liveKey}
          />
        ) : null}
        <section aria-labelledby="claims-heading" className="card p-4">
          <h2 id="claims-heading" className="text-sm font-semibold uppercase tracking-wide text-stone-600">
            All claims ({claims.length})
          </h2>
          <div className="mt-2 grid grid-cols-2 gap-2">
            <div>
              <label htmlFor="filter-verdict" className="field-label text-xs">
                Filter by verdict
              </label>
              <select id="filter-verdict" className="input" value={verdictFilter} onChange={(e) => setQuery({ verdict: e.target.value || null })}>
                <option value="">All verdicts</option>
                <option value="none">No verdict yet</option>
                {VERDICTS.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.label}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="filter-status" className="field-label text-xs">
                Filter by status
              </label>
              <select id="filter-status" className="input" value={statusFilter} onChange={(e) => setQuery({ status: e.target.value || null })}>
                <option value="">All statuses</option>
                {CLAIM_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {CLAIM_STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {visible.length === 0 ? (
            <p className="mt-3 text-sm text-stone-500">{claims.length === 0 ? "No claims marked yet." : "No claims match these filters."}</p>
          ) : (
            <ol className="mt-3 divide-y divide-stone-100" aria-label="Claims in text order">
              {visible.map((claim) => (
                <li key={claim.id}>
                  <button
                    type="button"
                    onClick={() => select(claim.id)}
                    aria-current={claim.id === selectedId ? "true" : undefined}
                    className={`flex w-full items-start gap-2 rounded px-1.5 py-2 text-left text-sm hover:bg-stone-50 ${claim.id === selectedId ? "bg-stone-100" : ""}`}
                  >
                    <span className="w-6 shrink-0 pt-0.5 text-right text-xs font-semibold tabular-nums text-stone-500">{numbers.get(claim.id)}</span>
                    <span className="min-w-0 flex-1">
                      <span className="line-clamp-2">{claim.statement ?? claim.exact}</span>
                      <span className="mt-1 flex flex-wrap items-center gap-2 text-xs text-stone-500">
                        <VerdictChip verdict={claim.verdict} />
                        {claim.sources.length} source{claim.sources.length === 1 ? "" : "s"}
                        <AnchorBadge claim={claim} />
                      </span>
                    </span>
                  </button>
                </li>
              ))}
            </ol>
          )}
        </section>
        {orphaned.length > 0 ? (
          <section aria-labelledby="orphaned-heading" className="card border-amber-300 p-4">
            <h2 id="orphaned-heading" className="text-sm font-semibold uppercase tracking-wide text-stone-600">
              Claims whose text is gone ({orphaned.length})
            </h2>
            <p className="mt-1 text-xs text-stone-500">A revision of the article removed their words. They keep their last quote and verdict.</p>
            <ul className="mt-2 space-y-1 text-sm">
              {orphaned.map((claim) => (
                <li key={claim.id}>
                  <button type="button" className="btn-link text-left" onClick={() => select(claim.id)}>
                    {numbers.get(claim.id)}. “{claim.exact}”
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {agreement ? <AgreementCard agreement={agreement} numbers={numbers} onSelect={select} /> : null}
        <AssignmentPanel
          articleId={article.id}
          settings={assignments.settings}
          initialAssignments={assignments.items}
          claims={claims.map((c) => ({ id: c.id, number: numbers.get(c.id) ?? 0, label: c.statement ?? c.exact }))}
          candidates={assignments.candidates}
          viewerId={viewer.id}
        />
        {viewer.canRestore && deleted.length > 0 ? (
          <section aria-labelledby="deleted-heading" className="card p-4">
            <h2 id="deleted-heading" className="text-sm font-semibold uppercase tracking-wide text-stone-600">
              Deleted claims ({deleted.length})
            </h2>
            <ul className="mt-2 space-y-2 text-sm">
              {deleted.map((claim) => (
                <li key={claim.id} className="flex items-center justify-between gap-2">
                  <span className="truncate text-stone-600">{claim.statement ?? claim.exact}</span>
                  <button type="button" className="btn btn-secondary" onClick={() => void restore(claim.id)} aria-label={`Restore claim ${claim.statement ?? claim.exact}`}>
                    Restore
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </aside>
    </div>
  );
}

function KeyboardHelp({ canMark }: { canMark: boolean }) {
  return (
    <details id="keyboard-help" className="mt-8 rounded-md border border-stone-200 bg-white p-3 text-sm text-stone-700">
      <summary className="cursor-pointer font-medium text-stone-800">Keyboard shortcuts</summary>
      <p className="mt-2">Focus the article text (Tab), then:</p>
      <ul className="mt-1 list-inside list-disc space-y-0.5">
        {canMark ? (
          <>
            <li>
              <kbd>→</kbd> / <kbd>←</kbd> select the next / previous word; <kbd>↓</kbd> / <kbd>↑</kbd> the next / previous sentence
            </li>
            <li>
              hold <kbd>Shift</kbd> with an arrow to extend the selection instead
            </li>
            <li>
              <kbd>Enter</kbd> or <kbd>M</kbd> marks the selection as a claim; <kbd>Esc</kbd> clears it
            </li>
          </>
        ) : null}
        <li>
          <kbd>Tab</kbd> moves through the highlighted claims; <kbd>Enter</kbd> opens one
        </li>
      </ul>
    </details>
  );
}

function Legend() {
  return (
    <details className="mt-3 rounded-md border border-stone-200 bg-white p-3 text-sm">
      <summary className="cursor-pointer font-medium text-stone-800">Verdict scale</summary>
      <dl className="mt-2 space-y-1.5">
        {VERDICTS.map((v) => (
          <div key={v.id} className="grid grid-cols-[9.5rem_1fr] gap-2">
            <dt>
              <VerdictChip verdict={v.id} />
            </dt>
            <dd className="text-stone-700">{v.definition}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** What a revision did to a claim, in the list: its words changed or are gone, its verdict is on an earlier wording. */
function AnchorBadge({ claim }: { claim: Claim }) {
  const text =
    claim.anchor.status === "orphaned"
      ? "Text gone"
      : claim.reworded
        ? claim.verdict
          ? "Verdict on earlier wording"
          : "Words changed"
        : claim.anchor.status === "fuzzy"
          ? "Words changed"
          : null;
  if (!text) return null;
  return <span className="rounded border border-amber-300 bg-amber-50 px-1.5 py-0.5 text-amber-900">{text}</span>;
}
