// Tests for comments: mentions (which names match, and where), the split into text, link and mention
// segments, and which mentions still wait for the person mentioned. Expected values are written out by
// hand; properties cover what must hold for any body.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isHttpUrl } from "./http-url";
import { commentSegments, findMentions, MAX_COMMENT_CHARS, mentionedIds, mentionsWaiting, type Mentionable, type MentionMatch } from "./comment";

const ERIN: Mentionable = { id: "u-erin", name: "Erin Editor", email: "erin@example.com" };
const BOB: Mentionable = { id: "u-bob", name: "Bob  Builder ", email: "builder.b@example.com" };
const ZOE: Mentionable = { id: "u-zoe", name: "Zoë Ångström", email: "zoe.a@example.com" };
const PEOPLE = [ERIN, BOB, ZOE];

/** The mentioned texts with their ids, which reads more easily than offsets. */
function mentioned(body: string, people: readonly Mentionable[] = PEOPLE): [string, string][] {
  return findMentions(body, people).map((m) => [body.slice(m.start, m.end), m.userId]);
}

describe("MAX_COMMENT_CHARS", () => {
  it("is 5000", () => {
    expect(MAX_COMMENT_CHARS).toBe(5000);
  });
});

describe("findMentions", () => {
  it("matches a full name, with offsets from the @ to the end of the name", () => {
    expect(findMentions("Ask @Erin Editor about it", PEOPLE)).toEqual([{ userId: "u-erin", start: 4, end: 16 }]);
  });

  it("matches the local part of the email", () => {
    expect(mentioned("cc @builder.b please")).toEqual([["@builder.b", "u-bob"]]);
  });

  it("matches a first name nobody else shares", () => {
    expect(mentioned("@Bob, see this")).toEqual([["@Bob", "u-bob"]]);
  });

  it("does not match a first name someone else shares, but still matches the full names", () => {
    const people = [ERIN, { id: "u-erin2", name: "Erin Other", email: "eo@example.com" }];
    // "erin" is still Erin Editor's email local part, which nobody else offers.
    expect(mentioned("@Erin Other and @Erin Editor and @erin", people)).toEqual([
      ["@Erin Other", "u-erin2"],
      ["@Erin Editor", "u-erin"],
      ["@erin", "u-erin"],
    ]);
    const noLocal = [
      { id: "a", name: "Sam Lee", email: "s.lee@example.com" },
      { id: "b", name: "Sam Park", email: "park@example.com" },
    ];
    expect(mentioned("@Sam, @Sam Park", noLocal)).toEqual([["@Sam Park", "b"]]);
  });

  it("matches nobody for a name two people share", () => {
    const people = [
      { id: "a", name: "Sam Lee", email: "sam.a@example.com" },
      { id: "b", name: "Sam Lee", email: "sam.b@example.com" },
    ];
    expect(mentioned("@Sam Lee @Sam @sam.b", people)).toEqual([["@sam.b", "b"]]);
  });

  it("matches nobody for a local part equal to someone else's full name", () => {
    const people = [
      { id: "a", name: "Mo", email: "x@example.com" },
      { id: "b", name: "Mo Salah", email: "mo@example.com" },
    ];
    // "mo" is a's full name and b's local part; b's first name "mo" is not unique either.
    expect(mentioned("@Mo @mo @Mo Salah", people)).toEqual([["@Mo Salah", "b"]]);
  });

  it("lets one person offer the same name twice", () => {
    const people = [{ id: "a", name: "Erin", email: "erin@example.com" }];
    expect(mentioned("@erin", people)).toEqual([["@erin", "a"]]);
  });

  it("does not take email addresses or words for mentions", () => {
    expect(mentioned("write to bob@example.com or x.@erin or a+@erin or a-@erin or _@erin or 2@erin or é@erin or @@erin")).toEqual([]);
    expect(mentioned("mail erin@example.com")).toEqual([]);
  });

  it("matches after punctuation, brackets and at the start", () => {
    expect(mentioned("@erin (@bob) \"@Zoë\"")).toEqual([
      ["@erin", "u-erin"],
      ["@bob", "u-bob"],
      ["@Zoë", "u-zoe"],
    ]);
  });

  it("needs the name to end where a word ends", () => {
    expect(mentioned("@Erinn @Bobby @erin_x @erin2")).toEqual([]);
    // "Erin Editors" is not the full name, but "Erin" is still the first name.
    expect(mentioned("@Erin Editors")).toEqual([["@Erin", "u-erin"]]);
    expect(mentioned("@Erin Editor's note, @Bob's")).toEqual([
      ["@Erin Editor", "u-erin"],
      ["@Bob", "u-bob"],
    ]);
  });

  it("matches any run of whitespace for a space, across lines", () => {
    expect(mentioned("@Erin\nEditor and @Bob \t Builder")).toEqual([
      ["@Erin\nEditor", "u-erin"],
      ["@Bob \t Builder", "u-bob"],
    ]);
  });

  it("prefers the longest name that matches", () => {
    const people = [
      { id: "a", name: "Ann", email: "ann@example.com" },
      { id: "b", name: "Ann Lee", email: "al@example.com" },
    ];
    expect(mentioned("@Ann Lee @Ann Leeds @Ann", people)).toEqual([
      ["@Ann Lee", "b"],
      ["@Ann", "a"],
      ["@Ann", "a"],
    ]);
  });

  it("ignores case", () => {
    expect(mentioned("@ERIN EDITOR @eRiN @zoË ÅNGSTRÖM")).toEqual([
      ["@ERIN EDITOR", "u-erin"],
      ["@eRiN", "u-erin"],
      ["@zoË ÅNGSTRÖM", "u-zoe"],
    ]);
  });

  it("handles Unicode names and boundaries", () => {
    expect(mentioned("Merci @Zoë Ångström! @Zoë. @Zoëx é@Zoë")).toEqual([
      ["@Zoë Ångström", "u-zoe"],
      ["@Zoë", "u-zoe"],
    ]);
    // Astral characters: offsets are UTF-16 code units.
    const people = [{ id: "e", name: "𝒜da Lovelace", email: "ada@example.com" }];
    expect(findMentions("😀 @𝒜DA Lovelace", people)).toEqual([{ userId: "e", start: 3, end: 17 }]);
  });

  it("does not overlap mentions and scans on after each", () => {
    const people = [
      { id: "a", name: "Al", email: "al@example.com" },
      { id: "b", name: "Bo", email: "bo@example.com" },
    ];
    expect(mentioned("@Al@Bo @Al @Bo", people)).toEqual([
      ["@Al", "a"],
      ["@Al", "a"],
      ["@Bo", "b"],
    ]);
  });

  it("ignores empty names and local parts", () => {
    const people = [{ id: "a", name: "  ", email: "@example.com" }];
    expect(findMentions("@ @@ @a", people)).toEqual([]);
    expect(findMentions("@erin", [])).toEqual([]);
  });
});

describe("mentionedIds", () => {
  it("lists each id once, in order of first mention", () => {
    expect(mentionedIds("@bob @erin @Bob Builder @zoe.a @erin", PEOPLE)).toEqual(["u-bob", "u-erin", "u-zoe"]);
    expect(mentionedIds("nobody", PEOPLE)).toEqual([]);
  });
});

describe("commentSegments", () => {
  it("returns nothing for an empty body and one text segment without links or mentions", () => {
    expect(commentSegments("", [])).toEqual([]);
    expect(commentSegments("just text", [])).toEqual([{ kind: "text", text: "just text" }]);
  });

  it("finds links and trims the punctuation after them", () => {
    expect(commentSegments("See https://example.org/a?b=1. Or HTTP://x.org/p, then http://y.org/!?'", [])).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "https://example.org/a?b=1", href: "https://example.org/a?b=1" },
      { kind: "text", text: ". Or " },
      { kind: "link", text: "HTTP://x.org/p", href: "HTTP://x.org/p" },
      { kind: "text", text: ", then " },
      { kind: "link", text: "http://y.org/", href: "http://y.org/" },
      { kind: "text", text: "!?'" },
    ]);
  });

  it("ends links at whitespace, < > and quotes", () => {
    expect(commentSegments('<https://a.org/x>"https://b.org/y"\nhttps://c.org', [])).toEqual([
      { kind: "text", text: "<" },
      { kind: "link", text: "https://a.org/x", href: "https://a.org/x" },
      { kind: "text", text: '>"' },
      { kind: "link", text: "https://b.org/y", href: "https://b.org/y" },
      { kind: "text", text: '"\n' },
      { kind: "link", text: "https://c.org", href: "https://c.org" },
    ]);
  });

  it("keeps a closing bracket the link opened and drops one it did not", () => {
    const wiki = "https://en.wikipedia.org/wiki/Foo_(bar)";
    expect(commentSegments(`${wiki}.`, [])).toEqual([
      { kind: "link", text: wiki, href: wiki },
      { kind: "text", text: "." },
    ]);
    expect(commentSegments("(see https://x.org/a)", [])).toEqual([
      { kind: "text", text: "(see " },
      { kind: "link", text: "https://x.org/a", href: "https://x.org/a" },
      { kind: "text", text: ")" },
    ]);
    expect(commentSegments(`(${wiki}).`, [])).toEqual([
      { kind: "text", text: "(" },
      { kind: "link", text: wiki, href: wiki },
      { kind: "text", text: ")." },
    ]);
    expect(commentSegments("[https://x.org/a[1]] {https://x.org/b}", [])).toEqual([
      { kind: "text", text: "[" },
      { kind: "link", text: "https://x.org/a[1]", href: "https://x.org/a[1]" },
      { kind: "text", text: "] {" },
      { kind: "link", text: "https://x.org/b", href: "https://x.org/b" },
      { kind: "text", text: "}" },
    ]);
  });

  it("never links other schemes or what isHttpUrl rejects", () => {
    for (const body of ["javascript:alert(1)", "data:text/html,<b>x</b>", "see http:// here", "https://.", "http:///x", "https://:80/"]) {
      expect(commentSegments(body, [])).toEqual([{ kind: "text", text: body }]);
    }
  });

  it("starts a link only outside a word", () => {
    expect(commentSegments("xhttp://x.org 2https://y.org", [])).toEqual([{ kind: "text", text: "xhttp://x.org 2https://y.org" }]);
    expect(commentSegments("_https://y.org", [])).toEqual([
      { kind: "text", text: "_" },
      { kind: "link", text: "https://y.org", href: "https://y.org" },
    ]);
  });

  it("splits a link followed by a mention", () => {
    const body = "https://x.org/a, @erin: look";
    expect(commentSegments(body, findMentions(body, PEOPLE))).toEqual([
      { kind: "link", text: "https://x.org/a", href: "https://x.org/a" },
      { kind: "text", text: ", " },
      { kind: "mention", text: "@erin", userId: "u-erin" },
      { kind: "text", text: ": look" },
    ]);
  });

  it("ignores a mention inside a link", () => {
    const body = "https://x.org/@erin";
    expect(findMentions(body, PEOPLE)).toHaveLength(1);
    expect(commentSegments(body, findMentions(body, PEOPLE))).toEqual([{ kind: "link", text: body, href: body }]);
  });

  it("keeps the mention's text as written", () => {
    const body = "Hi @ERIN\n Editor!";
    expect(commentSegments(body, findMentions(body, PEOPLE))).toEqual([
      { kind: "text", text: "Hi " },
      { kind: "mention", text: "@ERIN\n Editor", userId: "u-erin" },
      { kind: "text", text: "!" },
    ]);
  });

  it("ignores mentions outside the body, empty or overlapping each other, and sorts the rest", () => {
    const body = "@a @b @c";
    const mentions: MentionMatch[] = [
      { userId: "c", start: 6, end: 8 },
      { userId: "a", start: 0, end: 2 },
      { userId: "x", start: 1, end: 4 },
      { userId: "y", start: 6, end: 9 },
      { userId: "z", start: 3, end: 3 },
      { userId: "w", start: -1, end: 1 },
      { userId: "v", start: 0.5, end: 2 },
    ];
    expect(commentSegments(body, mentions)).toEqual([
      { kind: "mention", text: "@a", userId: "a" },
      { kind: "text", text: " @b " },
      { kind: "mention", text: "@c", userId: "c" },
    ]);
  });
});

describe("mentionsWaiting", () => {
  const day = (d: number) => new Date(Date.UTC(2024, 0, d));
  const mention = (id: string, claimId: string, at: number, seenAt: number | null = null) => ({
    id,
    claimId,
    at: day(at),
    seenAt: seenAt === null ? null : day(seenAt),
  });

  it("drops seen mentions", () => {
    expect(mentionsWaiting([mention("m1", "c1", 2, 3), mention("m2", "c1", 2)], []).map((m) => m.id)).toEqual(["m2"]);
  });

  it("drops mentions answered by a comment on the same claim at or after them", () => {
    const mentions = [mention("later", "c1", 2), mention("same", "c2", 2)];
    expect(mentionsWaiting(mentions, [{ claimId: "c1", at: day(5) }, { claimId: "c2", at: day(2) }])).toEqual([]);
  });

  it("keeps mentions answered only before them or on another claim", () => {
    const mentions = [mention("earlier", "c1", 5), mention("other", "c2", 5)];
    const own = [
      { claimId: "c1", at: day(4) },
      { claimId: "c3", at: day(9) },
    ];
    expect(mentionsWaiting(mentions, own).map((m) => m.id)).toEqual(["earlier", "other"]);
  });

  it("puts the newest first, keeping ties in order, without changing the input", () => {
    const mentions = [mention("a", "c1", 1), mention("b", "c1", 3), mention("c", "c2", 2), mention("d", "c3", 3)];
    expect(mentionsWaiting(mentions, []).map((m) => m.id)).toEqual(["b", "d", "c", "a"]);
    expect(mentions.map((m) => m.id)).toEqual(["a", "b", "c", "d"]);
  });
});

// Properties.

/** Lower case one code point at a time, then whitespace runs collapsed: how names are compared. */
function normalise(s: string): string {
  return Array.from(s.trim().replace(/\s+/gu, " "), (ch) => ch.toLowerCase()).join("");
}

/** Every name a person might be mentioned by (ambiguity aside). */
function names(p: Mentionable): string[] {
  const full = normalise(p.name);
  const at = p.email.lastIndexOf("@");
  return [full, full.split(" ")[0] ?? "", at < 0 ? "" : normalise(p.email.slice(0, at))].filter((n) => n !== "");
}

/** Bodies built from the pieces that matter: @, link starts, spaces, brackets, dots and letters. */
const trickyBody = fc
  .array(fc.constantFrom("@", "http://", "https://", "HTTPS://", " ", "\n", "(", ")", "[", "]", ".", ",", "a", "b", "x.org", "é", "Erin", "Bob", " @Erin", "@bob", " @a", "Editor", "_", "/", "<", '"', "😀"), {
    maxLength: 40,
  })
  .map((parts) => parts.join(""));

const anyBody = fc.oneof(fc.string(), fc.string({ unit: "binary" }), trickyBody);

const person = fc.record({
  id: fc.constantFrom("a", "b", "c", "d"),
  name: fc.oneof(fc.constantFrom("Erin Editor", "Bob", "a b", "A", "Zoë Ångström", "x.org", ""), fc.string({ maxLength: 6 })),
  email: fc.oneof(fc.constantFrom("erin@x.org", "a@x.org", "b.b@x.org", "noat"), fc.string({ maxLength: 6 }).map((s) => `${s}@x.org`)),
});

describe("properties", () => {
  it("segments always concatenate to the body, with no empty or adjacent text segments", () => {
    fc.assert(
      fc.property(anyBody, fc.array(person, { maxLength: 4 }), (body, people) => {
        const segments = commentSegments(body, findMentions(body, people));
        expect(segments.map((s) => s.text).join("")).toBe(body);
        segments.forEach((s, i) => {
          expect(s.text).not.toBe("");
          if (s.kind === "text") expect(segments[i + 1]?.kind).not.toBe("text");
        });
      }),
    );
  });

  it("segments concatenate to the body whatever mentions they are given", () => {
    const match = fc.record({ userId: fc.string(), start: fc.integer({ min: -2, max: 30 }), end: fc.integer({ min: -2, max: 30 }) });
    fc.assert(
      fc.property(trickyBody, fc.array(match, { maxLength: 6 }), (body, mentions) => {
        expect(
          commentSegments(body, mentions)
            .map((s) => s.text)
            .join(""),
        ).toBe(body);
      }),
    );
  });

  it("every link passes isHttpUrl, starts with http and is its text", () => {
    fc.assert(
      fc.property(anyBody, (body) => {
        for (const s of commentSegments(body, [])) {
          if (s.kind !== "link") continue;
          expect(isHttpUrl(s.href)).toBe(true);
          expect(s.href.toLowerCase().startsWith("http")).toBe(true);
          expect(s.href).toBe(s.text);
        }
      }),
    );
  });

  it("mentions are in order, do not overlap, start with @ and match one of the person's names", () => {
    fc.assert(
      fc.property(trickyBody, fc.array(person, { maxLength: 4 }), (body, people) => {
        let lastEnd = 0;
        for (const m of findMentions(body, people)) {
          expect(m.start).toBeGreaterThanOrEqual(lastEnd);
          expect(m.end).toBeGreaterThan(m.start + 1);
          expect(body[m.start]).toBe("@");
          lastEnd = m.end;
          const text = normalise(body.slice(m.start + 1, m.end));
          const offered = people.filter((p) => p.id === m.userId).flatMap(names);
          expect(offered).toContain(text);
        }
      }),
    );
  });
});
