// Comments on a claim: plain text in which "@name" mentions a colleague and http(s) addresses become
// links. Pure, so the server (which records whom a comment mentions) and the browser (which renders
// the thread) find the same mentions and links in the same body; plus which mentions still wait for
// the person mentioned.

import { isHttpUrl } from "./http-url";

/** The longest comment body accepted, in UTF-16 code units (what String.length counts). */
export const MAX_COMMENT_CHARS = 5000;

/** Someone who can be mentioned. */
export interface Mentionable {
  id: string;
  name: string;
  email: string;
}

/** One mention in a body: UTF-16 offsets into the body; `start` is at the "@", `end` after the matched name. */
export interface MentionMatch {
  userId: string;
  start: number;
  end: number;
}

// Combining marks count as part of the letter they follow, so "é" typed as "e" + U+0301 is one letter.
/** A character that continues a word: a name must not stop right before one. */
const WORD_CHAR = /^[\p{L}\p{N}\p{M}_]$/u;
/** A character that makes a following "@" part of something else, such as an email address ("bob@example.com"). */
const NOT_BEFORE_MENTION = /^[\p{L}\p{N}\p{M}_.@+-]$/u;
/** A character that makes a following "http" part of a longer word ("xhttp://"). */
const NOT_BEFORE_LINK = /^[\p{L}\p{N}\p{M}]$/u;
const WHITESPACE = /^\s$/u;
const WHITESPACE_RUN = /\s+/gu;

/** The code point starting at UTF-16 offset `i` ("" at the end; a lone surrogate stands for itself). */
function codePointAt(s: string, i: number): string {
  const cp = s.codePointAt(i);
  return cp === undefined ? "" : String.fromCodePoint(cp);
}

/** The code point ending right before UTF-16 offset `i` ("" at the start). */
function codePointBefore(s: string, i: number): string {
  if (i <= 0) return "";
  const low = s.charCodeAt(i - 1);
  if (i >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = s.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return s.slice(i - 2, i);
  }
  return s.slice(i - 1, i);
}

/**
 * Lower case, one code point at a time, so that the body can be compared with a name character by
 * character while keeping track of offsets into the body (lower-casing a whole string may change its
 * length, and turns a final "Σ" into "ς" where a lone "Σ" becomes "σ").
 */
function fold(s: string): string {
  let out = "";
  for (const ch of s) out += ch.toLowerCase();
  return out;
}

/** A name as it is compared: trimmed, each run of whitespace a single space, lower case. */
function normaliseName(s: string): string {
  return fold(s.trim().replace(WHITESPACE_RUN, " "));
}

/** The part of an email address before its last "@" ("" when there is none). */
function localPart(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0 ? "" : normaliseName(email.slice(0, at));
}

/** The first whitespace-separated word of a name ("" for a blank name). */
function firstName(name: string): string {
  return normaliseName(name).split(" ")[0] ?? "";
}

interface Candidate {
  /** As normalised by normaliseName. */
  name: string;
  userId: string;
}

/**
 * The names by which someone can be mentioned: their full name, the local part of their email and,
 * when nobody else shares it, their first name. A name two or more people offer is dropped for all of
 * them: a mention must name one person. Longest first, the order in which they are tried.
 */
function candidates(people: readonly Mentionable[]): Candidate[] {
  const firstNameOwners = new Map<string, Set<string>>();
  for (const person of people) addOwner(firstNameOwners, firstName(person.name), person.id);

  const owners = new Map<string, Set<string>>();
  for (const person of people) {
    addOwner(owners, normaliseName(person.name), person.id);
    addOwner(owners, localPart(person.email), person.id);
    const first = firstName(person.name);
    if (firstNameOwners.get(first)?.size === 1) addOwner(owners, first, person.id);
  }

  const unique: Candidate[] = [];
  for (const [name, ids] of owners) {
    const [userId] = ids;
    if (ids.size === 1 && userId !== undefined) unique.push({ name, userId });
  }
  return unique.sort((a, b) => b.name.length - a.name.length);
}

function addOwner(owners: Map<string, Set<string>>, name: string, id: string): void {
  if (name === "") return;
  const ids = owners.get(name) ?? new Set<string>();
  ids.add(id);
  owners.set(name, ids);
}

/**
 * Where `name` (normalised) ends when it is matched in `body` from offset `from`, or null when it does
 * not match there. Case-insensitive; a space in the name matches any run of whitespace in the body.
 */
function matchName(body: string, from: number, name: string): number | null {
  let i = from;
  let j = 0;
  while (j < name.length) {
    if (name[j] === " ") {
      const runStart = i;
      while (i < body.length && WHITESPACE.test(body.charAt(i))) i++;
      if (i === runStart) return null;
      j++;
      continue;
    }
    const ch = codePointAt(body, i);
    if (ch === "" || WHITESPACE.test(ch)) return null;
    const folded = ch.toLowerCase();
    if (!name.startsWith(folded, j)) return null;
    i += ch.length;
    j += folded.length;
  }
  return i;
}

/**
 * The mentions in a body, in body order. A mention is an "@" (not inside a word or an email address)
 * followed by one of a person's names (see candidates) that is not itself followed by a letter, digit
 * or "_"; where several names match, the longest wins. Mentions never overlap.
 */
export function findMentions(body: string, people: readonly Mentionable[]): MentionMatch[] {
  const names = candidates(people);
  const mentions: MentionMatch[] = [];
  if (names.length === 0) return mentions;
  let at = body.indexOf("@");
  while (at >= 0) {
    let next = at + 1;
    if (!NOT_BEFORE_MENTION.test(codePointBefore(body, at))) {
      for (const { name, userId } of names) {
        const end = matchName(body, at + 1, name);
        if (end === null || WORD_CHAR.test(codePointAt(body, end))) continue;
        mentions.push({ userId, start: at, end });
        next = end;
        break;
      }
    }
    at = body.indexOf("@", next);
  }
  return mentions;
}

/** The ids mentioned, each once, in order of first mention. */
export function mentionedIds(body: string, people: readonly Mentionable[]): string[] {
  return [...new Set(findMentions(body, people).map((m) => m.userId))];
}

export type CommentSegment =
  | { kind: "text"; text: string }
  | { kind: "link"; text: string; href: string }
  | { kind: "mention"; text: string; userId: string };

interface Range {
  start: number;
  end: number;
}

const LINK_START = /https?:\/\//giu;
/** A link runs up to whitespace or a character that cannot appear in a URL as typed. */
const LINK_RUN = /[^\s<>"]*/uy;
const TRAILING_PUNCTUATION = ".,;:!?'";
const OPENING_BRACKET: Readonly<Record<string, string>> = { ")": "(", "]": "[", "}": "{" };

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * Where a link starting at `start` ends: its run of URL characters without the punctuation that
 * closes the sentence around it. A closing bracket stays when the link opens it ("…/Foo_(bar)") and
 * goes when it closes a bracket opened before the link ("(see https://x.org/a)").
 */
function linkEnd(body: string, start: number): number {
  LINK_RUN.lastIndex = start;
  LINK_RUN.exec(body);
  let end = LINK_RUN.lastIndex;
  while (end > start) {
    const last = body.charAt(end - 1);
    const opening = OPENING_BRACKET[last];
    if (TRAILING_PUNCTUATION.includes(last)) end--;
    else if (opening !== undefined) {
      const link = body.slice(start, end);
      if (count(link, last) > count(link, opening)) end--;
      else break;
    } else break;
  }
  return end;
}

/** The links in a body, in order: runs starting "http://" or "https://" (not inside a word) that pass isHttpUrl. */
function findLinks(body: string): Range[] {
  const links: Range[] = [];
  LINK_START.lastIndex = 0;
  for (let m = LINK_START.exec(body); m !== null; m = LINK_START.exec(body)) {
    if (NOT_BEFORE_LINK.test(codePointBefore(body, m.index))) continue;
    const end = linkEnd(body, m.index);
    if (isHttpUrl(body.slice(m.index, end))) {
      links.push({ start: m.index, end });
      LINK_START.lastIndex = end;
    }
  }
  return links;
}

/**
 * The mentions that can be shown: within the body, non-empty, overlapping neither a link nor an earlier
 * mention (offsets come from findMentions, possibly on another copy of the body, so they are checked).
 */
function usableMentions(body: string, mentions: readonly MentionMatch[], links: readonly Range[]): MentionMatch[] {
  const usable: MentionMatch[] = [];
  let lastEnd = 0; // so a negative start is rejected too
  for (const m of [...mentions].sort((a, b) => a.start - b.start)) {
    if (!Number.isInteger(m.start) || !Number.isInteger(m.end)) continue;
    if (m.start < lastEnd || m.end <= m.start || m.end > body.length) continue;
    if (links.some((link) => link.start < m.end && m.start < link.end)) continue;
    usable.push(m);
    lastEnd = m.end;
  }
  return usable;
}

/**
 * Splits a body into text, link and mention segments for rendering. The segments cover the body
 * exactly, in order (their texts concatenate to the body); links win over mentions that overlap them.
 */
export function commentSegments(body: string, mentions: readonly MentionMatch[]): CommentSegment[] {
  const links = findLinks(body);
  const marked: (Range & { segment: CommentSegment })[] = [
    ...links.map((l) => {
      const text = body.slice(l.start, l.end);
      return { ...l, segment: { kind: "link", text, href: text } as const };
    }),
    ...usableMentions(body, mentions, links).map((m) => ({
      start: m.start,
      end: m.end,
      segment: { kind: "mention", text: body.slice(m.start, m.end), userId: m.userId } as const,
    })),
  ].sort((a, b) => a.start - b.start);

  const segments: CommentSegment[] = [];
  const pushText = (text: string): void => {
    if (text === "") return;
    const last = segments[segments.length - 1];
    if (last?.kind === "text") last.text += text;
    else segments.push({ kind: "text", text });
  };
  let pos = 0;
  for (const { start, end, segment } of marked) {
    pushText(body.slice(pos, start));
    segments.push(segment);
    pos = end;
  }
  pushText(body.slice(pos));
  return segments;
}

/** A time for ordering; an invalid date counts as the oldest. */
function time(d: Date): number {
  const t = d.getTime();
  return Number.isNaN(t) ? -Infinity : t;
}

/**
 * The mentions still waiting for the person mentioned: not seen, and not answered, i.e. they have not
 * commented on the same claim since (at or after the mention). Newest first; ties keep their order.
 */
export function mentionsWaiting<M extends { claimId: string; at: Date; seenAt: Date | null }>(
  mentions: readonly M[],
  ownComments: readonly { claimId: string; at: Date }[],
): M[] {
  const lastComment = new Map<string, number>();
  for (const c of ownComments) {
    const t = c.at.getTime();
    if (!Number.isNaN(t) && t > (lastComment.get(c.claimId) ?? -Infinity)) lastComment.set(c.claimId, t);
  }
  return mentions
    .filter((m) => m.seenAt === null && !((lastComment.get(m.claimId) ?? -Infinity) >= m.at.getTime()))
    .sort((a, b) => {
      const ta = time(a.at);
      const tb = time(b.at);
      return ta === tb ? 0 : tb > ta ? 1 : -1;
    });
}
