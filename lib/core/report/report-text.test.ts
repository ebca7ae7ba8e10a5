// Tests for how reports word things: dates, labels, people, link targets, claim order, notes, where
// claim markers go and HTML escaping. Every expected value is written out by hand.
import { describe, expect, it } from "vitest";
import type { ReportClaim, ReportPerson } from "./report-data";
import {
  claimMarkers,
  claimsInTextOrder,
  escapeHtml,
  formatDay,
  formatTime,
  httpUrl,
  personText,
  verdictText,
  visibleNote,
} from "./report-text";

function claim(number: number, start: number, rest: Partial<ReportClaim> = {}): ReportClaim {
  return {
    id: `c${number}`,
    number,
    exact: "x",
    prefix: "",
    suffix: "",
    start,
    end: start + 1,
    statement: "x",
    status: "open",
    verdict: null,
    rationale: "",
    author: { id: "u1", name: "Alice" },
    verdictBy: null,
    createdAt: "2026-11-20T10:00:00.000Z",
    updatedAt: "2026-11-20T10:00:00.000Z",
    sources: [],
    corrections: [],
    anchor: { status: "exact", revision: 1, score: 1 },
    reworded: null,
    ...rest,
  };
}

describe("formatDay", () => {
  it("writes a YYYY-MM-DD day as day, month name and year", () => {
    expect(formatDay("2022-01-08")).toBe("8 January 2022");
    expect(formatDay("1999-12-31")).toBe("31 December 1999");
    expect(formatDay("2024-06-15")).toBe("15 June 2024");
  });

  it("returns anything that is not exactly YYYY-MM-DD with a real month unchanged", () => {
    for (const text of [
      "x2022-01-08",
      "2022-01-08x",
      "2022-01-08T00:00",
      "22-01-08",
      "2022-1-08",
      "2022-01-8",
      "abcd-01-08",
      "2022-ab-08",
      "2022-01-ab",
      "2022-00-08",
      "2022-13-08",
      "",
      "8 January 2022",
    ]) {
      expect(formatDay(text)).toBe(text);
    }
  });
});

describe("formatTime", () => {
  it("writes an ISO time in UTC with a two-digit hour and minute", () => {
    expect(formatTime("2026-11-21T09:30:00.000Z")).toBe("21 November 2026, 09:30 UTC");
    expect(formatTime("2026-01-05T00:05:00.000Z")).toBe("5 January 2026, 00:05 UTC");
    expect(formatTime("2026-12-31T23:59:59.000+00:00")).toBe("31 December 2026, 23:59 UTC");
    // Another offset is converted to UTC.
    expect(formatTime("2026-03-01T01:15:00+02:00")).toBe("28 February 2026, 23:15 UTC");
  });

  it("returns text that is not a time unchanged", () => {
    expect(formatTime("not a time")).toBe("not a time");
    expect(formatTime("2026-13-40T99:00:00Z")).toBe("2026-13-40T99:00:00Z");
  });
});

describe("verdictText", () => {
  it("says there is no verdict yet when there is none", () => {
    expect(verdictText(null)).toEqual({ label: "No verdict yet", definition: null });
  });

  it("gives a known verdict's label and definition", () => {
    expect(verdictText("half_true")).toEqual({
      label: "Half true",
      definition: "The statement is partially accurate but leaves out important details or takes things out of context.",
    });
    expect(verdictText("not_a_claim").label).toBe("Not a factual claim");
  });

  it("shows an unknown verdict id as it is, without a definition", () => {
    expect(verdictText("pants_on_fire")).toEqual({ label: "pants_on_fire", definition: null });
  });
});

describe("personText", () => {
  const alice: ReportPerson = { id: "u1", name: "Alice Reviewer", email: "alice@example.com" };

  it("adds the email only in internal reports", () => {
    expect(personText(alice, "internal")).toBe("Alice Reviewer (alice@example.com)");
    expect(personText(alice, "public")).toBe("Alice Reviewer");
  });

  it("shows the name alone when there is no email, and 'unknown' without a person", () => {
    expect(personText({ id: "u2", name: "Bob" }, "internal")).toBe("Bob");
    expect(personText({ id: "u2", name: "Bob", email: "" }, "internal")).toBe("Bob");
    expect(personText(null, "internal")).toBe("unknown");
    expect(personText(null, "public")).toBe("unknown");
  });
});

describe("httpUrl", () => {
  it("normalises http and https URLs", () => {
    expect(httpUrl("https://example.org/a?b=1#c")).toBe("https://example.org/a?b=1#c");
    expect(httpUrl("HTTP://Example.ORG")).toBe("http://example.org/");
    expect(httpUrl("  https://example.org/x  ")).toBe("https://example.org/x");
    // String trim also removes no-break spaces, which the URL parser alone would reject.
    expect(httpUrl("\u00a0https://example.org/x\u00a0")).toBe("https://example.org/x");
  });

  it("gives null for other schemes, relative or malformed URLs and missing ones", () => {
    for (const url of ["javascript:alert(1)", "data:text/html,x", "ftp://example.org/", "mailto:a@example.org"]) {
      expect(httpUrl(url)).toBeNull();
    }
    for (const url of ["/articles/1", "//example.org/x", "#top", "?q=1", "not a url", "http://", ""]) {
      expect(httpUrl(url)).toBeNull();
    }
    expect(httpUrl(null)).toBeNull();
    expect(httpUrl(undefined)).toBeNull();
  });
});

describe("claimsInTextOrder", () => {
  it("orders by start offset, then by number, without changing the input", () => {
    const claims = [claim(1, 10), claim(4, 0), claim(3, 5), claim(2, 5), claim(5, 20), claim(6, 10)];
    expect(claimsInTextOrder(claims).map((c) => c.number)).toEqual([4, 2, 3, 1, 6, 5]);
    expect(claims.map((c) => c.number)).toEqual([1, 4, 3, 2, 5, 6]);
  });

  it("orders claims that start at the same offset by number", () => {
    const claims = [claim(3, 7), claim(1, 7), claim(2, 7)];
    expect(claimsInTextOrder(claims).map((c) => c.number)).toEqual([1, 2, 3]);
  });

  it("puts claims whose words are gone after the placed ones, by number, whatever their stale offsets", () => {
    const gone = (number: number, start: number) => claim(number, start, { anchor: { status: "orphaned", revision: 3, score: 0 } });
    const claims = [gone(5, 0), claim(2, 30), gone(4, 50), claim(1, 10), claim(3, 40, { anchor: { status: "moved", revision: 3, score: 1 } })];
    expect(claimsInTextOrder(claims).map((c) => c.number)).toEqual([1, 2, 3, 4, 5]);
    expect(claimsInTextOrder([gone(7, 0), gone(6, 90)]).map((c) => c.number)).toEqual([6, 7]);
  });
});

describe("visibleNote", () => {
  it("shows the trimmed note in internal reports only", () => {
    expect(visibleNote(claim(1, 0, { note: "  Checked with the desk.\n" }), "internal")).toBe("Checked with the desk.");
    expect(visibleNote(claim(1, 0, { note: "Checked with the desk." }), "public")).toBeNull();
  });

  it("shows no note when it is blank or absent", () => {
    expect(visibleNote(claim(1, 0, { note: " \n\t" }), "internal")).toBeNull();
    expect(visibleNote(claim(1, 0, { note: "" }), "internal")).toBeNull();
    expect(visibleNote(claim(1, 0), "internal")).toBeNull();
  });
});

describe("claimMarkers", () => {
  // Text "abcde\n\nfghij": paragraphs [0,5) and [7,12), a paragraph break at 5 and 6.
  const paras = [
    { start: 0, end: 5 },
    { start: 7, end: 12 },
  ];
  const at = (start: number, end: number, number = 1) => [
    ...claimMarkers([{ start, end, number }], paras, 12).entries(),
  ];

  it("puts the marker right after the claim's last character inside its paragraph", () => {
    expect(at(1, 3)).toEqual([[3, [1]]]);
    expect(at(0, 5)).toEqual([[5, [1]]]);
    expect(at(8, 12)).toEqual([[12, [1]]]);
  });

  it("keeps the marker out of the paragraph break", () => {
    // Ends on the first character of the break: the marker goes at the end of the first paragraph.
    expect(at(2, 6)).toEqual([[5, [1]]]);
    expect(at(2, 7)).toEqual([[5, [1]]]);
  });

  it("puts the marker of a claim spanning paragraphs after its last character", () => {
    expect(at(2, 9)).toEqual([[9, [1]]]);
    // Its last character is the first one of the second paragraph.
    expect(at(2, 8)).toEqual([[8, [1]]]);
    expect(at(7, 8)).toEqual([[8, [1]]]);
  });

  it("clamps offsets to the text and skips claims that are empty there", () => {
    expect(at(-3, 2)).toEqual([[2, [1]]]);
    expect(at(10, 40)).toEqual([[12, [1]]]);
    expect(at(5, 5)).toEqual([]);
    expect(at(4, 2)).toEqual([]);
    expect(at(12, 20)).toEqual([]);
    expect(at(-5, -1)).toEqual([]);
  });

  it("gathers the numbers of claims ending at the same place", () => {
    const markers = claimMarkers(
      [
        { start: 0, end: 3, number: 2 },
        { start: 1, end: 3, number: 1 },
        { start: 8, end: 10, number: 3 },
      ],
      paras,
      12,
    );
    expect([...markers.entries()]).toEqual([
      [3, [2, 1]],
      [10, [3]],
    ]);
  });

  it("uses the claim's end when there are no paragraphs", () => {
    expect([...claimMarkers([{ start: 0, end: 4, number: 1 }], [], 12).entries()]).toEqual([[4, [1]]]);
  });
});

describe("escapeHtml", () => {
  it("replaces the five characters HTML gives meaning to with entities", () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;",
    );
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
    expect(escapeHtml("<<>>")).toBe("&lt;&lt;&gt;&gt;");
    expect(escapeHtml("Дети 😀 plain")).toBe("Дети 😀 plain");
  });
});
