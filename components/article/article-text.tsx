"use client";
// The article as readable paragraphs with claim highlights. Overlapping claims are split into flat
// segments (lib/core/segments) and drawn as nested <mark data-claim-id> elements. Selecting text, with
// the mouse or with the keyboard (arrows by word or sentence, Shift to extend), offers "Mark claim".
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { segmentText } from "@/lib/core/segments";
import { makeOffsetMap, paragraphs } from "@/lib/core/text";
import { sentenceUnits, step, trimSpan, wordUnits, type Unit } from "@/lib/core/text-units";
import { verdictIcon, verdictLabel, verdictTone } from "@/components/claim/verdict-style";
import { pointToOffset, selectOffsets } from "./dom-offsets";

export interface HighlightClaim {
  id: string;
  start: number;
  end: number;
  verdict: string | null;
  number: number;
  label: string;
}

interface ArticleTextProps {
  text: string;
  claims: HighlightClaim[];
  activeId: string | null;
  canMark: boolean;
  marking: boolean;
  onActivate: (ids: string[]) => void;
  onMark: (span: Unit) => void;
}

interface Pending extends Unit {
  top: number;
  left: number;
}

export function ArticleText({ text, claims, activeId, canMark, marking, onActivate, onMark }: ArticleTextProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const keyboardSelection = useRef<{ anchor: number; focus: number } | null>(null);
  const units = useRef<{ word?: Unit[]; sentence?: Unit[] }>({});

  useEffect(() => {
    units.current = {};
    keyboardSelection.current = null;
  }, [text]);

  // The document's selection as a span of the text, or null when it is empty or outside the text.
  const readSelection = useCallback(() => {
    const root = rootRef.current;
    const selection = window.getSelection();
    if (!root || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    const a = pointToOffset(root, range.startContainer, range.startOffset);
    const b = pointToOffset(root, range.endContainer, range.endOffset);
    if (a === null || b === null) return null;
    const span = trimSpan(text, Math.min(a, b), Math.max(a, b));
    if (!span) return null;
    const anchorIsStart = selection.anchorNode === range.startContainer && selection.anchorOffset === range.startOffset;
    return { span, range, anchorIsStart };
  }, [text]);

  // Track the document selection: a non-empty selection inside the text becomes a pending claim.
  useEffect(() => {
    if (!canMark) return;
    const onSelectionChange = () => {
      const wrap = wrapRef.current;
      const current = readSelection();
      if (!wrap || !current) {
        setPending(null);
        return;
      }
      const { span, range, anchorIsStart } = current;
      const rects = range.getClientRects();
      const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
      const box = wrap.getBoundingClientRect();
      setPending({ ...span, top: last.bottom - box.top + 6, left: Math.max(0, Math.min(last.right - box.left - 40, box.width - 120)) });
      keyboardSelection.current = anchorIsStart ? { anchor: span.start, focus: span.end } : { anchor: span.end, focus: span.start };
    };
    document.addEventListener("selectionchange", onSelectionChange);
    return () => document.removeEventListener("selectionchange", onSelectionChange);
  }, [canMark, readSelection]);

  // Marks what is selected now: "selectionchange" arrives a task after the selection moved, so a key
  // pressed right after Shift+Arrow must not mark the span the last event reported.
  const mark = useCallback(() => {
    const span = readSelection()?.span ?? pending;
    if (!span || marking) return;
    onMark({ start: span.start, end: span.end });
    window.getSelection()?.removeAllRanges();
    keyboardSelection.current = null;
    setPending(null);
  }, [readSelection, pending, marking, onMark]);

  const activateFrom = useCallback(
    (target: EventTarget | null) => {
      const el = target instanceof Element ? target.closest("mark[data-claim-id]") : null;
      if (!el) return false;
      const ids: string[] = [];
      for (let m: Element | null = el; m && rootRef.current?.contains(m); m = m.parentElement?.closest("mark[data-claim-id]") ?? null) {
        ids.unshift(m.getAttribute("data-claim-id")!);
      }
      onActivate(ids);
      return true;
    },
    [onActivate],
  );

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    activateFrom(event.target);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const root = rootRef.current;
    if (!root) return;
    if (event.target !== root) {
      if ((event.key === "Enter" || event.key === " ") && activateFrom(event.target)) event.preventDefault();
      return;
    }
    if (!canMark) return;
    const by = event.key === "ArrowRight" || event.key === "ArrowLeft" ? "word" : event.key === "ArrowDown" || event.key === "ArrowUp" ? "sentence" : null;
    if (by) {
      event.preventDefault();
      const list = (units.current[by] ??= by === "word" ? wordUnits(text) : sentenceUnits(text));
      const direction = event.key === "ArrowRight" || event.key === "ArrowDown" ? "forward" : "backward";
      const next = step(list, keyboardSelection.current, direction, event.shiftKey);
      if (next) {
        keyboardSelection.current = next;
        selectOffsets(root, Math.min(next.anchor, next.focus), Math.max(next.anchor, next.focus));
      }
    } else if ((event.key === "Enter" || event.key.toLowerCase() === "m") && (pending || readSelection())) {
      event.preventDefault();
      mark();
    } else if (event.key === "Escape") {
      window.getSelection()?.removeAllRanges();
      keyboardSelection.current = null;
    }
  };

  return (
    <div ref={wrapRef} className="relative">
      <div
        ref={rootRef}
        role="region"
        aria-label="Article text"
        aria-describedby="keyboard-help"
        tabIndex={0}
        className="article-text rounded-md font-serif text-[1.1875rem] leading-[1.75] text-stone-900 focus-visible:outline-2 focus-visible:outline-offset-8 focus-visible:outline-blue-700"
        onClick={onClick}
        onKeyDown={onKeyDown}
      >
        <Paragraphs text={text} claims={claims} activeId={activeId} />
      </div>
      {pending && canMark ? (
        <button
          type="button"
          className="btn btn-primary absolute z-10 shadow-lg"
          style={{ top: pending.top, left: pending.left }}
          onMouseDown={(e) => e.preventDefault()}
          onClick={mark}
          disabled={marking}
        >
          {marking ? "Marking…" : "Mark claim"}
        </button>
      ) : null}
    </div>
  );
}

const Paragraphs = memo(function Paragraphs({ text, claims, activeId }: { text: string; claims: HighlightClaim[]; activeId: string | null }) {
  const rendered = useMemo(() => {
    const map = makeOffsetMap(text);
    const paras = paragraphs(text);
    const info = new Map(claims.map((c) => [c.id, c]));
    const segments = segmentText(
      map.length,
      claims,
      paras.flatMap((p) => [p.start, p.end]),
    );
    const seen = new Set<string>();
    const lastSegment = new Map<string, number>();
    segments.forEach((seg, index) => seg.ids.forEach((id) => lastSegment.set(id, index)));
    let i = 0;
    return paras.map((p) => {
      const children: ReactNode[] = [];
      while (i < segments.length && segments[i]!.end <= p.start) i++;
      for (; i < segments.length && segments[i]!.start < p.end; i++) {
        const seg = segments[i]!;
        const body = text.slice(map.toUtf16(seg.start), map.toUtf16(seg.end));
        let node: ReactNode = body;
        for (let k = seg.ids.length - 1; k >= 0; k--) {
          const claim = info.get(seg.ids[k]!)!;
          const first = !seen.has(claim.id);
          seen.add(claim.id);
          const last = lastSegment.get(claim.id) === i;
          node = (
            <mark
              key={claim.id}
              data-claim-id={claim.id}
              className={`claim ${verdictTone(claim.verdict)}${claim.id === activeId ? " is-active" : ""}`}
              {...(last ? { "data-badge": `${verdictIcon(claim.verdict)}${claim.number}` } : {})}
              {...(first
                ? {
                    tabIndex: 0,
                    "aria-label": `Claim ${claim.number}, ${verdictLabel(claim.verdict)}: ${claim.label}`,
                  }
                : {})}
            >
              {node}
            </mark>
          );
        }
        children.push(
          <span key={seg.start} data-s={seg.start}>
            {node}
          </span>,
        );
      }
      return (
        <p key={p.start} className="mb-5 whitespace-pre-line last:mb-0">
          {children}
        </p>
      );
    });
  }, [text, claims, activeId]);
  return <>{rendered}</>;
});
