// Canonical article text and code-point offsets. Every stored offset in the app counts Unicode code
// points (as W3C Web Annotation does) in the canonical text, so the same bytes always anchor the same way.

/**
 * Normalises article text so that equal-looking inputs give equal strings: NFC, `\n` line endings, no
 * trailing spaces or tabs, whitespace-only lines emptied, at most one blank line between paragraphs and
 * no blank lines at either end. Single line breaks inside a paragraph are kept.
 */
export function canonicalizeText(raw: string): string {
  const lines = raw
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => (line.trim() === "" ? "" : trimEndOf(line, " \t")));
  return trimEndOf(lines.join("\n").replace(/\n{3,}/g, "\n\n").replace(/^\n+/, ""), "\n");
}

// Trimming with a regular expression such as /[ \t]+$/ is quadratic: on a long run of spaces that is not
// at the end, the engine scans the run from every start position before failing. These walk it once.

/** `s` without any of `chars` at its end. */
export function trimEndOf(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s.charAt(end - 1))) end--;
  return s.slice(0, end);
}

/** `s` without any of `chars` at either end. */
export function trimOf(s: string, chars: string): string {
  let start = 0;
  while (start < s.length && chars.includes(s.charAt(start))) start++;
  return trimEndOf(s.slice(start), chars);
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** True when a surrogate pair starts at UTF-16 index `i`. A lone surrogate counts as one code point. */
function pairStartsAt(s: string, i: number): boolean {
  return isHighSurrogate(s.charCodeAt(i)) && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1));
}

export function codePointLength(s: string): number {
  let count = 0;
  for (let i = 0; i < s.length; i += pairStartsAt(s, i) ? 2 : 1) count++;
  return count;
}

export interface OffsetMap {
  /** Length of the string in code points. */
  readonly length: number;
  /** UTF-16 index of code point `cp` (0 ≤ cp ≤ length). */
  toUtf16(cp: number): number;
  /** Code point containing UTF-16 index `i` (0 ≤ i ≤ s.length); the middle of a pair maps to the pair. */
  toCp(i: number): number;
}

/** Greatest k with sorted[k-1] < value, i.e. how many entries are below `value`. */
function countBelow(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Infinity) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkOffset(value: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${what} ${value} is outside 0..${max}`);
  }
}

/**
 * Precomputes offset conversion for one string: O(n) once, then O(log a) per lookup where a is the number
 * of astral (surrogate-pair) characters; strings without any are the identity mapping.
 */
export function makeOffsetMap(s: string): OffsetMap {
  const pairUtf16: number[] = [];
  const pairCp: number[] = [];
  let cp = 0;
  for (let i = 0; i < s.length; cp++) {
    if (pairStartsAt(s, i)) {
      pairUtf16.push(i);
      pairCp.push(cp);
      i += 2;
    } else {
      i += 1;
    }
  }
  const length = cp;
  return {
    length,
    toUtf16(target: number): number {
      checkOffset(target, length, "code point offset");
      return target + countBelow(pairCp, target);
    },
    toCp(index: number): number {
      checkOffset(index, s.length, "UTF-16 index");
      return index - countBelow(pairUtf16, index);
    },
  };
}

export function cpToUtf16(s: string, cp: number): number {
  checkOffset(cp, Number.MAX_SAFE_INTEGER, "code point offset");
  let i = 0;
  for (let seen = 0; seen < cp; seen++) {
    if (i >= s.length) throw new RangeError(`code point offset ${cp} is past the end of the string`);
    i += pairStartsAt(s, i) ? 2 : 1;
  }
  return i;
}

export function utf16ToCp(s: string, i: number): number {
  checkOffset(i, s.length, "UTF-16 index");
  let cp = 0;
  let j = 0;
  while (j < i) {
    const step = pairStartsAt(s, j) ? 2 : 1;
    if (j + step > i) break;
    j += step;
    cp++;
  }
  return cp;
}

/** Like String.prototype.slice with code-point offsets; out-of-range offsets are clamped. */
export function sliceCp(s: string, start: number, end: number): string {
  const map = makeOffsetMap(s);
  const clamp = (n: number) => Math.min(Math.max(Math.trunc(n), 0), map.length);
  const from = clamp(start);
  const to = clamp(end);
  if (to <= from) return "";
  return s.slice(map.toUtf16(from), map.toUtf16(to));
}

export interface Paragraph {
  /** Code-point offset of the first character. */
  start: number;
  /** Code-point offset just past the last character. */
  end: number;
  text: string;
}

/** Paragraphs of canonical text, split on blank lines, with code-point offsets into that text. */
export function paragraphs(text: string): Paragraph[] {
  const map = makeOffsetMap(text);
  const result: Paragraph[] = [];
  const separator = /\n{2,}/g;
  let from = 0;
  const push = (to: number) => {
    if (to > from) {
      result.push({ start: map.toCp(from), end: map.toCp(to), text: text.slice(from, to) });
    }
  };
  for (let m = separator.exec(text); m !== null; m = separator.exec(text)) {
    push(m.index);
    from = m.index + m[0].length;
  }
  push(text.length);
  return result;
}

const DATE_TOKEN = /^\s*date (\d{4})-(\d{2})-(\d{2})(?: |(?=[\r\n])|$)/;

function isCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * Reads a demo article file: an optional leading `date YYYY-MM-DD` token sits on the same line as the
 * first paragraph. Only the token and the single space after it are removed; the rest is canonicalised.
 */
export function parseSampleArticle(raw: string): { publishedOn: string | null; text: string } {
  const match = DATE_TOKEN.exec(raw);
  if (match) {
    // Stryker disable next-line StringLiteral: DATE_TOKEN's three groups are not optional, so a match always fills them and these defaults are never used
    const [token, year = "", month = "", day = ""] = match;
    if (isCalendarDate(Number(year), Number(month), Number(day))) {
      return { publishedOn: `${year}-${month}-${day}`, text: canonicalizeText(raw.slice(token.length)) };
    }
  }
  return { publishedOn: null, text: canonicalizeText(raw) };
}
