// Markdown as plain text, for articles imported from .md files: YAML front matter's simple fields, then
// the body as blocks (paragraphs, headings, list items, quotes, code) of plain text, with emphasis,
// links, images and code spans reduced to their words. Written for this (no Markdown library is
// installed); every step scans its input once, so a hostile file cannot make it slow. Pure: no I/O.
import { trimOf } from "./text";

export interface MarkdownBlock {
  text: string;
  /** 1–6 for a heading, 0 for anything else. */
  heading: number;
}

/** The front matter's fields (keys in lower case) and the body's blocks, in order. Line ends must be \n. */
export function parseMarkdown(source: string): { fields: Map<string, string>; blocks: MarkdownBlock[] } {
  const { fields, body } = splitFrontMatter(source);
  return { fields, blocks: markdownBlocks(body) };
}

/** YAML front matter's simple `key: value` lines, and the Markdown after it. */
function splitFrontMatter(source: string): { fields: Map<string, string>; body: string } {
  const fields = new Map<string, string>();
  const lines = source.split("\n");
  if (lines[0]?.trim() !== "---") return { fields, body: source };
  const end = lines.findIndex((line, i) => i > 0 && (line.trim() === "---" || line.trim() === "..."));
  if (end < 0) return { fields, body: source };
  for (const line of lines.slice(1, end)) {
    const colon = line.indexOf(":");
    if (colon <= 0 || line.startsWith(" ")) continue;
    fields.set(line.slice(0, colon).trim().toLowerCase(), yamlScalar(line.slice(colon + 1).trim()));
  }
  return { fields, body: lines.slice(end + 1).join("\n") };
}

/** `"A"`, `'A'`, `[A, B]` or `A` → "A" / "A, B". */
function yamlScalar(value: string): string {
  const quoted = value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]);
  if (quoted) return value.slice(1, -1);
  if (value.startsWith("[") && value.endsWith("]")) {
    return value
      .slice(1, -1)
      .split(",")
      .map((item) => yamlScalar(item.trim()))
      .join(", ");
  }
  return value;
}

/** The blocks of a Markdown document as plain text, line by line in one pass. */
function markdownBlocks(body: string): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  let paragraph: string[] = [];
  let paragraphIsItem = false;
  let fence: { marker: string; lines: string[] } | null = null;
  let inComment = false;
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push({ text: inlineText(joinParagraphLines(paragraph)), heading: 0 });
    paragraph = [];
    paragraphIsItem = false;
  };
  for (const rawLine of body.split("\n")) {
    if (fence) {
      if (rawLine.trim().startsWith(fence.marker) && rawLine.trim().replaceAll(fence.marker[0] ?? "`", "") === "") {
        blocks.push({ text: fence.lines.join("\n"), heading: 0 });
        fence = null;
      } else fence.lines.push(rawLine);
      continue;
    }
    const uncommented = withoutComments(rawLine, inComment);
    inComment = uncommented.inComment;
    const line = withoutQuoteMarkers(uncommented.text);
    const trimmed = line.trim();
    const heading = atxHeading(trimmed);
    const setext = paragraph.length > 0 ? setextLevel(trimmed) : 0;
    // As in CommonMark, a number other than 1 does not start a list in the middle of a paragraph
    // ("… in\n1984. Orwell …" is text), but it does continue one.
    const listItem = listItemText(trimmed, paragraph.length === 0 || paragraphIsItem);
    if (trimmed === "") endParagraph();
    else if (openingFence(trimmed)) {
      endParagraph();
      fence = { marker: openingFence(trimmed) ?? "```", lines: [] };
    } else if (heading) {
      endParagraph();
      blocks.push(heading);
    } else if (setext) {
      blocks.push({ text: inlineText(joinParagraphLines(paragraph)), heading: setext });
      paragraph = [];
    } else if (isThematicBreak(trimmed)) endParagraph();
    else if (isReferenceDefinition(trimmed)) continue;
    else if (listItem !== null) {
      endParagraph();
      paragraph.push(listItem);
      paragraphIsItem = true;
    } else paragraph.push(line.trimStart());
  }
  if (fence) blocks.push({ text: fence.lines.join("\n"), heading: 0 });
  endParagraph();
  return blocks.filter((block) => block.text.trim() !== "");
}

/** The line without HTML comments, which may span lines (`inComment` carries the state between them). */
function withoutComments(line: string, inComment: boolean): { text: string; inComment: boolean } {
  let text = "";
  let at = 0;
  let open = inComment;
  while (at <= line.length) {
    if (open) {
      const end = line.indexOf("-->", at);
      if (end < 0) return { text, inComment: true };
      at = end + 3;
      open = false;
    } else {
      const start = line.indexOf("<!--", at);
      if (start < 0) return { text: text + line.slice(at), inComment: false };
      text += line.slice(at, start);
      at = start + 4;
      open = true;
    }
  }
  return { text, inComment: open };
}

/** The line without the `>` markers (and the spaces between them) of block quotes, nested or not. */
function withoutQuoteMarkers(line: string): string {
  let at = 0;
  let quoted = false;
  for (;;) {
    while (line[at] === " " || line[at] === "\t") at++;
    if (line[at] !== ">") break;
    quoted = true;
    at++;
  }
  return quoted ? line.slice(at) : line;
}

function openingFence(trimmed: string): string | null {
  for (const char of ["`", "~"]) {
    let length = 0;
    while (trimmed[length] === char) length++;
    if (length >= 3 && !(char === "`" && trimmed.slice(length).includes("`"))) return char.repeat(length);
  }
  return null;
}

function atxHeading(trimmed: string): MarkdownBlock | null {
  let level = 0;
  while (trimmed[level] === "#") level++;
  if (level === 0 || level > 6 || (trimmed.length > level && trimmed[level] !== " ")) return null;
  let text = trimmed.slice(level).trim();
  // A closing run of #s goes; a # that is part of the text ("C#") stays.
  const closing = trimOf(text, "#");
  if (text.endsWith("#") && (closing === "" || closing.endsWith(" "))) text = closing.trim();
  return { text: inlineText(text), heading: level };
}

function setextLevel(trimmed: string): number {
  if (trimmed.length > 0 && trimOf(trimmed, "=") === "") return 1;
  if (trimmed.length > 0 && trimOf(trimmed, "-") === "") return 2;
  return 0;
}

function isThematicBreak(trimmed: string): boolean {
  const compact = trimmed.replaceAll(" ", "");
  return compact.length >= 3 && ["*", "-", "_"].some((char) => trimOf(compact, char) === "");
}

/** `[id]: https://…` defines a link target; it is not text. */
function isReferenceDefinition(trimmed: string): boolean {
  const close = trimmed.indexOf("]:");
  return trimmed.startsWith("[") && close > 1 && !trimmed.slice(0, close).includes("]");
}

/**
 * The text of a list item without its marker ("- ", "* ", "+ ", "1. ", "1) " and a task's "[ ] "), or
 * null. Any number starts an item when `anyNumber`; otherwise only 1 does.
 */
function listItemText(trimmed: string, anyNumber: boolean): string | null {
  let markerEnd = 0;
  if ("-*+".includes(trimmed[0] ?? "x")) markerEnd = 1;
  else {
    while (markerEnd < 10 && isDigit(trimmed[markerEnd])) markerEnd++;
    if (markerEnd === 0 || markerEnd === 10 || (trimmed[markerEnd] !== "." && trimmed[markerEnd] !== ")")) return null;
    if (!anyNumber && Number(trimmed.slice(0, markerEnd)) !== 1) return null;
    markerEnd++;
  }
  if (trimmed[markerEnd] !== " ") return null;
  const text = trimmed.slice(markerEnd + 1).trimStart();
  const task = text.startsWith("[ ] ") || text.startsWith("[x] ") || text.startsWith("[X] ");
  return task ? text.slice(4) : text;
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= "0" && char <= "9";
}

/** A paragraph's lines joined as Markdown renders them: soft breaks as spaces, hard breaks as line breaks. */
function joinParagraphLines(lines: readonly string[]): string {
  return lines
    .map((line, i) => {
      if (i === lines.length - 1) return line.trimEnd();
      if (line.endsWith("\\")) return `${line.slice(0, -1)}\n`;
      return line.endsWith("  ") ? `${line.trimEnd()}\n` : `${line.trimEnd()} `;
    })
    .join("");
}

const ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/**
 * Inline Markdown as plain text: code spans kept literally, links as their text, images dropped,
 * emphasis markers and backslash escapes removed. Code spans and bracket pairs are found first, each
 * in one pass, so the text is scanned a constant number of times whatever it contains.
 */
export function inlineText(source: string): string {
  const codeEnd = codeSpans(source);
  const { closeOf, escaped } = bracketPairs(source, codeEnd);
  const resumeAt = new Map<number, number>();
  const out: string[] = [];
  let i = 0;
  while (i < source.length) {
    const jump = resumeAt.get(i);
    const code = codeEnd[i] ?? 0;
    const char = source[i] ?? "";
    if (jump !== undefined) i = jump;
    else if (code > 0) {
      out.push(codeSpanText(source, i, code));
      i = code;
    } else if (char === "\\" && escaped[i + 1]) {
      out.push(source[i + 1] ?? "");
      i += 2;
    } else if (char === "!" && !escaped[i] && source[i + 1] === "[" && linkEnd(source, i + 1, closeOf) > 0) {
      i = linkEnd(source, i + 1, closeOf);
    } else if (char === "[" && !escaped[i] && linkEnd(source, i, closeOf) > 0) {
      resumeAt.set(closeOf[i] ?? i, linkEnd(source, i, closeOf));
      i++;
    } else if (char === "<" && autolinkEnd(source, i) > 0) {
      out.push(source.slice(i + 1, autolinkEnd(source, i) - 1));
      i = autolinkEnd(source, i);
    } else if ((char === "*" || char === "_" || char === "~") && !escaped[i]) {
      i = emphasisRun(source, i, out);
    } else {
      out.push(char);
      i++;
    }
  }
  return out.join("");
}

/** codeEnd[i] > 0 where a code span starts at i: the index just past its closing backticks. */
function codeSpans(source: string): number[] {
  const runs: Array<{ start: number; length: number }> = [];
  for (let i = 0; i < source.length; ) {
    if (source[i] !== "`") {
      i++;
      continue;
    }
    const start = i;
    while (source[i] === "`") i++;
    runs.push({ start, length: i - start });
  }
  const byLength = new Map<number, number[]>();
  runs.forEach((run, index) => {
    const same = byLength.get(run.length);
    if (same) same.push(index);
    else byLength.set(run.length, [index]);
  });
  const next = new Map<number, number>();
  const codeEnd: number[] = [];
  let spanEnd = 0;
  runs.forEach((run, index) => {
    if (run.start < spanEnd) return;
    const same = byLength.get(run.length) ?? [];
    let pointer = next.get(run.length) ?? 0;
    while (pointer < same.length && ((same[pointer] ?? 0) <= index || (runs[same[pointer] ?? 0]?.start ?? 0) < spanEnd)) pointer++;
    next.set(run.length, pointer);
    const closing = runs[same[pointer] ?? -1];
    if (!closing) return;
    spanEnd = closing.start + closing.length;
    codeEnd[run.start] = spanEnd;
  });
  return codeEnd;
}

function codeSpanText(source: string, start: number, end: number): string {
  let length = 0;
  while (source[start + length] === "`") length++;
  const inner = source.slice(start + length, end - length).replaceAll("\n", " ");
  return inner.length > 2 && inner.startsWith(" ") && inner.endsWith(" ") ? inner.slice(1, -1) : inner;
}

/** Matching [ ] and ( ) outside code spans, and which characters a backslash escapes. */
function bracketPairs(source: string, codeEnd: readonly number[]): { closeOf: number[]; escaped: boolean[] } {
  const closeOf: number[] = [];
  const escaped: boolean[] = [];
  const open: Record<string, number[]> = { "[": [], "(": [] };
  const opener: Record<string, string> = { "]": "[", ")": "(" };
  for (let i = 0; i < source.length; i++) {
    const char = source[i] ?? "";
    const code = codeEnd[i] ?? 0;
    if (code > 0) i = code - 1;
    else if (char === "\\" && ASCII_PUNCTUATION.includes(source[i + 1] ?? "x")) escaped[++i] = true;
    else if (char === "[" || char === "(") open[char]?.push(i);
    else if (char === "]" || char === ")") {
      const start = open[opener[char] ?? ""]?.pop();
      if (start !== undefined) closeOf[start] = i;
    }
  }
  return { closeOf, escaped };
}

/** For `[text](url)` or `[text][ref]` starting at `at`: the index just past it; else 0. */
function linkEnd(source: string, at: number, closeOf: readonly number[]): number {
  const close = closeOf[at];
  if (close === undefined) return 0;
  const after = source[close + 1];
  if (after !== "(" && after !== "[") return 0;
  const end = closeOf[close + 1];
  return end === undefined ? 0 : end + 1;
}

/** For `<https://…>` or `<mailto:…>` at `at`: the index just past the `>`; else 0. */
function autolinkEnd(source: string, at: number): number {
  if (!["http://", "https://", "mailto:"].some((scheme) => source.startsWith(scheme, at + 1))) return 0;
  for (let i = at + 1; i < source.length; i++) {
    const char = source[i] ?? "";
    if (char === ">") return i + 1;
    if (char === "<" || char.trim() === "") return 0;
  }
  return 0;
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

function isSpace(char: string | undefined): boolean {
  return char === undefined || char.trim() === "";
}

/**
 * A run of *, _ or ~ at `start`: dropped when it opens or closes emphasis (text on one side of it), kept
 * when it stands between spaces ("2 * 3") or inside a word ("snake_case"). Returns where the run ends.
 */
function emphasisRun(source: string, start: number, out: string[]): number {
  let end = start;
  while (source[end] === source[start]) end++;
  const before = source[start - 1];
  const after = source[end];
  const between = isSpace(before) && isSpace(after);
  const intraword = isWordChar(before) && isWordChar(after);
  const strike = source[start] !== "~" || end - start === 2;
  if (between || intraword || !strike) out.push(source.slice(start, end));
  return end;
}
