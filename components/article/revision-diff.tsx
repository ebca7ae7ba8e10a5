// A revision's changes as one readable text: deleted words struck through, inserted ones underlined
// (never colour alone), each announced to screen readers; long unchanged stretches are folded to the
// paragraphs next to a change.
import type { DiffOp } from "@/lib/core/word-diff";

/** Unchanged stretches longer than this many paragraphs show only the ones next to a change. */
const KEEP_PARAGRAPHS = 3;

function folded(text: string, before: boolean, after: boolean): { head: string; hidden: number; tail: string } | null {
  const paragraphs = text.split("\n\n");
  if (paragraphs.length <= KEEP_PARAGRAPHS) return null;
  const head = before ? paragraphs[0]! : "";
  const tail = after ? paragraphs[paragraphs.length - 1]! : "";
  return { head, hidden: paragraphs.length - Number(before) - Number(after), tail };
}

export function RevisionDiff({ ops }: { ops: readonly DiffOp[] }) {
  return (
    <div className="whitespace-pre-wrap font-serif text-[1.02rem] leading-relaxed text-stone-800" data-testid="revision-diff">
      {ops.map((op, i) => {
        if (op.kind === "delete") {
          // A replacement's old and new words would otherwise run together ("4,2005,000").
          const replaced = ops[i + 1]?.kind === "insert";
          return (
            <del key={i} className={`rounded-sm bg-red-50 text-red-900 decoration-red-700 decoration-2 ${replaced ? "mr-1" : ""}`}>
              <span className="sr-only">[deleted: </span>
              {op.text}
              <span className="sr-only">]</span>
            </del>
          );
        }
        if (op.kind === "insert") {
          return (
            <ins key={i} className="rounded-sm bg-emerald-50 text-emerald-900 underline decoration-emerald-700 decoration-2 underline-offset-2">
              <span className="sr-only">[inserted: </span>
              {op.text}
              <span className="sr-only">]</span>
            </ins>
          );
        }
        const fold = folded(op.text, i > 0, i < ops.length - 1);
        if (!fold) return <span key={i}>{op.text}</span>;
        return (
          <span key={i}>
            {fold.head ? `${fold.head}\n\n` : ""}
            <span className="block select-none py-1 text-center font-sans text-xs text-stone-500">
              ⋯ {fold.hidden} unchanged paragraph{fold.hidden === 1 ? "" : "s"} ⋯
            </span>
            {fold.tail ? `\n${fold.tail}` : ""}
          </span>
        );
      })}
    </div>
  );
}
