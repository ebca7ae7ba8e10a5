// Word-level differences between two revisions of an article's canonical text: what the revision
// history shows (insertions and deletions, words added and removed) and how positions in the old text
// map into the new one, which re-anchoring tries before searching (lib/core/reanchor).
//
// Two passes keep the work bounded on long articles: paragraphs are compared first (a few hundred
// items), then only the stretches where paragraphs differ are compared word by word. Each comparison is
// Myers' O((N+M)·D) algorithm with a cap on D; a stretch that differs more than the cap allows is reported
// as deleted and inserted whole, which is still a correct diff, only a coarser one.
// Offsets are UTF-16 indices into the texts.

export type DiffKind = "equal" | "insert" | "delete";

export interface DiffOp {
  kind: DiffKind;
  text: string;
  /** Where the op starts in the old text (for an insert: where the new words go). */
  oldStart: number;
  /** Where the op starts in the new text (for a delete: where the words were). */
  newStart: number;
}

/** Word tokens count in `added`/`removed`; spaces and punctuation are tokens too but are not words. */
const TOKEN = /[\p{L}\p{N}\p{M}]+(?:['’.,-][\p{L}\p{N}\p{M}]+)*|[^\S\n]+|\n+|[^]/gu;
const WORD = /^[\p{L}\p{N}\p{M}]/u;

/** The words, spaces, line breaks and single other characters of `text`, in order; they join back to it. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** How many words a piece of text holds. */
export function countWords(text: string): number {
  return tokenize(text).filter((t) => WORD.test(t)).length;
}

/**
 * The edit script between two sequences of interned items (Myers' greedy forward pass, keeping each
 * round's furthest reaches for the walk back), or null when they differ in more than `maxEdits` items.
 * Shortest: no script turns `a` into `b` with fewer inserts and deletes. (Exported for its tests.)
 */
export function editScript(a: readonly number[], b: readonly number[], maxEdits: number): DiffKind[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  // reach[k + d] after round d: the furthest x on diagonal k (x - y = k) reached with d edits.
  const rounds: Int32Array[] = [];
  let previous = new Int32Array(1);
  for (let d = 0; d <= max; d++) {
    const reach = new Int32Array(2 * d + 1);
    for (let k = -d; k <= d; k += 2) {
      let x = d === 0 ? 0 : fromPrevious(previous, d - 1, k);
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      reach[k + d] = x;
      if (x >= n && y >= m) {
        rounds.push(reach);
        return walkBack(rounds, n, m);
      }
    }
    rounds.push(reach);
    previous = reach;
  }
  return null;
}

/** Where round d starts on diagonal k: down from k + 1 (an insertion) or right from k - 1 (a deletion). */
function fromPrevious(previous: Int32Array, d: number, k: number): number {
  return cameDown(previous, d, k) ? (previous[k + 1 + d] as number) : (previous[k - 1 + d] as number) + 1;
}

function cameDown(previous: Int32Array, d: number, k: number): boolean {
  if (k === -(d + 1)) return true;
  if (k === d + 1) return false;
  return (previous[k - 1 + d] as number) < (previous[k + 1 + d] as number);
}

function walkBack(rounds: readonly Int32Array[], n: number, m: number): DiffKind[] {
  const script: DiffKind[] = [];
  let x = n;
  let y = m;
  for (let d = rounds.length - 1; d > 0; d--) {
    const previous = rounds[d - 1] as Int32Array;
    const k = x - y;
    const down = cameDown(previous, d - 1, k);
    const prevK = down ? k + 1 : k - 1;
    const prevX = previous[prevK + d - 1] as number;
    const prevY = prevX - prevK;
    // The snake of round d, then its one edit.
    while (x > (down ? prevX : prevX + 1) && y > (down ? prevY + 1 : prevY)) {
      script.push("equal");
      x--;
      y--;
    }
    script.push(down ? "insert" : "delete");
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    script.push("equal");
    x--;
    y--;
  }
  return script.reverse();
}

/** Edits allowed per comparison: enough for any real revision of a stretch, bounded on a rewrite. */
function editBudget(items: number): number {
  return Math.max(64, Math.min(items, Math.floor(4_000_000 / Math.max(1, items))));
}

type Segment = { kind: "equal"; text: string } | { kind: "change"; removed: string; added: string };

/** Compares two item lists: equal items and changed stretches in order. */
function compare(a: readonly string[], b: readonly string[]): Segment[] {
  const ids = new Map<string, number>();
  const intern = (s: string) => {
    let id = ids.get(s);
    if (id === undefined) {
      id = ids.size;
      ids.set(s, id);
    }
    return id;
  };
  const script = editScript(a.map(intern), b.map(intern), editBudget(a.length + b.length));
  if (script === null) return [{ kind: "change", removed: a.join(""), added: b.join("") }];
  const segments: Segment[] = [];
  let i = 0;
  let j = 0;
  for (const step of script) {
    let last = segments[segments.length - 1];
    if (step === "equal") {
      if (last?.kind === "equal") last.text += a[i] as string;
      else segments.push({ kind: "equal", text: a[i] as string });
      i++;
      j++;
      continue;
    }
    if (last?.kind !== "change") {
      last = { kind: "change", removed: "", added: "" };
      segments.push(last);
    }
    if (step === "delete") last.removed += a[i++] as string;
    else last.added += b[j++] as string;
  }
  return segments;
}

/**
 * A minimal word diff is often hard to read: "-Second +A = +new =paragraph" keeps single spaces and
 * short words as "unchanged" between edits. An unchanged stretch no longer than the changes on both
 * sides of it is folded into them, so readers see whole phrases replaced.
 */
function readable(segments: Segment[]): Segment[] {
  const size = (s: Segment) => (s.kind === "change" ? Math.max(s.removed.length, s.added.length) : 0);
  const out: Segment[] = [];
  for (const segment of segments) {
    out.push(segment);
    // Fold while the last three are change, short equal, change.
    for (;;) {
      const [before, middle, after] = out.slice(-3);
      if (
        out.length < 3 ||
        before?.kind !== "change" ||
        middle?.kind !== "equal" ||
        after?.kind !== "change" ||
        middle.text.length > Math.min(size(before), size(after))
      ) {
        break;
      }
      out.splice(-3, 3, {
        kind: "change",
        removed: before.removed + middle.text + after.removed,
        added: before.added + middle.text + after.added,
      });
    }
  }
  return out;
}

/**
 * Paragraph-sized items: each line with the line breaks before it. They join back to `text`. Breaks
 * belong to a line, not items of their own, so that changed paragraphs next to each other form one
 * stretch for the word pass to sort out (an equal break between them would pair paragraphs by position).
 */
function paragraphItems(text: string): string[] {
  const items: string[] = [];
  let start = 0;
  while (start < text.length) {
    let i = start;
    while (i < text.length && text.charCodeAt(i) === 10) i++;
    const lineEnd = text.indexOf("\n", i);
    const end = lineEnd === -1 ? text.length : lineEnd;
    items.push(text.slice(start, end));
    start = end;
  }
  return items;
}

/**
 * The word-level diff of two texts: equal, deleted and inserted stretches in order, adjacent ones of a
 * kind merged (a replacement is its deletion, then its insertion). The old text is the equal and deleted
 * ops joined; the new text the equal and inserted ones.
 */
export function diffWords(oldText: string, newText: string): DiffOp[] {
  const ops: DiffOp[] = [];
  let oldAt = 0;
  let newAt = 0;
  const push = (kind: DiffKind, text: string) => {
    if (text.length === 0) return;
    const last = ops[ops.length - 1];
    if (last?.kind === kind) last.text += text;
    else ops.push({ kind, text, oldStart: oldAt, newStart: newAt });
    if (kind !== "insert") oldAt += text.length;
    if (kind !== "delete") newAt += text.length;
  };
  for (const paragraph of compare(paragraphItems(oldText), paragraphItems(newText))) {
    if (paragraph.kind === "equal") {
      push("equal", paragraph.text);
      continue;
    }
    for (const piece of readable(compare(tokenize(paragraph.removed), tokenize(paragraph.added)))) {
      if (piece.kind === "equal") push("equal", piece.text);
      else {
        push("delete", piece.removed);
        push("insert", piece.added);
      }
    }
  }
  return ops;
}

/** Words added and removed by a diff. */
export function diffCounts(ops: readonly DiffOp[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const op of ops) {
    if (op.kind === "insert") added += countWords(op.text);
    else if (op.kind === "delete") removed += countWords(op.text);
  }
  return { added, removed };
}

/** Positions between two texts through their diff. */
export interface DiffIndex {
  /**
   * Where a position of the old text is in the new one, if the text on the side asked for is unchanged:
   * `start` needs the text after the position unchanged, `end` the text before it. Otherwise null (the
   * words there changed).
   */
  toNew: (position: number, side: "start" | "end") => number | null;
  /**
   * The stretch of the new text that stands where a position of the old text was: the position itself
   * in unchanged text (an empty stretch); in deleted words, whatever was inserted in their place.
   */
  replacement: (position: number) => { start: number; end: number };
  /** Whether a span of the new text lies within one unchanged stretch (the old text had it, there). */
  unchanged: (newStart: number, newEnd: number) => boolean;
}

/** The last index in `items` whose key passes `before`, or -1 (items sorted by that key). */
function lastWhere<T>(items: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (before(items[mid] as T)) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function diffIndex(ops: readonly DiffOp[]): DiffIndex {
  const equal = ops.filter((op) => op.kind === "equal");
  const old = ops.flatMap((op, i) => (op.kind === "insert" ? [] : [{ op, next: ops[i + 1] }]));
  return {
    toNew(position, side) {
      const op = equal[lastWhere(equal, (o) => (side === "start" ? o.oldStart <= position : o.oldStart < position))];
      if (!op) return null;
      const within = position - op.oldStart;
      if (side === "start" ? within >= op.text.length : within > op.text.length) return null;
      return op.newStart + within;
    },
    replacement(position) {
      const found = old[lastWhere(old, (o) => o.op.oldStart <= position)];
      if (!found) return { start: 0, end: ops[0]?.kind === "insert" ? ops[0].text.length : 0 };
      const { op, next } = found;
      if (op.kind === "equal") {
        const at = op.newStart + Math.min(position - op.oldStart, op.text.length);
        return { start: at, end: at };
      }
      return { start: op.newStart, end: op.newStart + (next?.kind === "insert" ? next.text.length : 0) };
    },
    unchanged(newStart, newEnd) {
      const op = equal[lastWhere(equal, (o) => o.newStart <= newStart)];
      return op !== undefined && newEnd <= op.newStart + op.text.length;
    },
  };
}
