// The Markdown converter of imported .md files (lib/core/markdown-text.ts): inline markup reduced to its
// words, blocks and front matter; the whole conversion through a file is tested in
// lib/server/article-extract.test.ts, hostile inputs included.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inlineText, parseMarkdown } from "./markdown-text";

describe("inlineText", () => {
  it.each([
    ["[link *text*](https://example.org/a_(b) 'title')", "link text"],
    ["see [ref link][1] and [plain brackets]", "see ref link and [plain brackets]"],
    ["![an image](x.png) after", " after"],
    ["`code with *stars* and [brackets](x)`", "code with *stars* and [brackets](x)"],
    ["`` a ` b ``", "a ` b"],
    ["unclosed `tick and *emphasis*", "unclosed `tick and emphasis"],
    ["\\*not emphasis\\* and \\[not a link\\](x)", "*not emphasis* and [not a link](x)"],
    ["**bold**, __bold__, _it_, ~~struck~~", "bold, bold, it, struck"],
    ["snake_case_name and 2 * 3 and a*b", "snake_case_name and 2 * 3 and a*b"],
    ["<https://example.org/x> and <b>html</b>", "https://example.org/x and <b>html</b>"],
  ])("inline %j → %j", (source, text) => {
    expect(inlineText(source)).toBe(text);
  });


  it("leaves text without markup characters as it is", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9 ,.;:'"?!-]*$/), (text) => {
        expect(inlineText(text)).toBe(text);
      }),
    );
  });
});

describe("parseMarkdown", () => {
  it("reads front matter's simple fields and the body's blocks, headings with their level", () => {
    const { fields, blocks } = parseMarkdown("---\ntitle: \"Troops: a timeline\"\nAuthor: Dana Reporter\n---\n# Troops\n\nThe *alliance* said\nabout 2,500.\n\n## Later\n\n- one\n- two\n");
    expect(Object.fromEntries(fields)).toEqual({ title: "Troops: a timeline", author: "Dana Reporter" });
    expect(blocks).toEqual([
      { text: "Troops", heading: 1 },
      { text: "The alliance said about 2,500.", heading: 0 },
      { text: "Later", heading: 2 },
      { text: "one", heading: 0 },
      { text: "two", heading: 0 },
    ]);
  });

  it("has no front matter without the opening line, or without its closing one", () => {
    expect(parseMarkdown("title: x\n\nText.").fields.size).toBe(0);
    expect(parseMarkdown("---\ntitle: x\nText.").fields.size).toBe(0);
  });
});
