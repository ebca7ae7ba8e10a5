// The one bridge between the DOM and the pure core: a point in the rendered article (text node and
// UTF-16 offset) to a code-point offset in the canonical text, and back. Every rendered segment is a
// `[data-s]` element holding exactly one text node, whose code-point start is its data-s value.
import { cpToUtf16, utf16ToCp } from "@/lib/core/text";

function segmentStart(node: Node): number | null {
  const el = node.parentElement?.closest<HTMLElement>("[data-s]");
  return el ? Number(el.dataset.s) : null;
}

/** Code-point offset of a DOM point inside `root`, or null when the point is outside the text. */
export function pointToOffset(root: HTMLElement, node: Node, offset: number): number | null {
  if (!root.contains(node)) return null;
  if (node.nodeType === Node.TEXT_NODE) {
    const start = segmentStart(node);
    return start === null ? null : start + utf16ToCp((node as Text).data, offset);
  }
  // An element boundary: use the first text node at or after the point, else the end of the last one.
  const point = document.createRange();
  point.setStart(node, offset);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
    if (segmentStart(t) === null) continue;
    if (point.comparePoint(t, 0) >= 0) return segmentStart(t);
    last = t;
  }
  if (!last) return null;
  return segmentStart(last)! + utf16ToCp(last.data, last.data.length);
}

/** The DOM point for a code-point offset: binary search over the rendered segments. */
export function offsetToPoint(root: HTMLElement, offset: number): { node: Text; offset: number } | null {
  const segments = Array.from(root.querySelectorAll<HTMLElement>("[data-s]"));
  let lo = 0;
  let hi = segments.length - 1;
  let found: HTMLElement | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const el = segments[mid]!;
    if (Number(el.dataset.s) <= offset) {
      found = el;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (!found) return null;
  const walker = document.createTreeWalker(found, NodeFilter.SHOW_TEXT);
  const text = walker.nextNode() as Text | null;
  if (!text) return null;
  const within = Math.min(offset - Number(found.dataset.s), utf16ToCp(text.data, text.data.length));
  return { node: text, offset: cpToUtf16(text.data, within) };
}

/** Shows a code-point span as the document's selection. */
export function selectOffsets(root: HTMLElement, start: number, end: number) {
  const from = offsetToPoint(root, start);
  // The end is looked up just before it, so it lands in the segment that contains the last character.
  const toPrev = offsetToPoint(root, end - 1);
  if (!from || !toPrev) return;
  const to = { node: toPrev.node, offset: toPrev.offset + (toPrev.node.data.codePointAt(toPrev.offset)! > 0xffff ? 2 : 1) };
  const selection = window.getSelection();
  selection?.setBaseAndExtent(from.node, from.offset, to.node, to.offset);
  from.node.parentElement?.scrollIntoView?.({ block: "nearest" });
}
