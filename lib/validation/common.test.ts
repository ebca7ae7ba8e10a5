// The building blocks every input schema uses: text that cannot be stored as typed is refused, links are
// http(s) with a host.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ArticleCreateSchema, ArticleUpdateSchema } from "./article";
import { ClaimCreateSchema, ClaimUpdateSchema } from "./claim";
import { HTTP_URL_MESSAGE, NUL_MESSAGE, SURROGATE_MESSAGE, fieldErrors, httpUrl, optionalHttpUrl } from "./common";
import { SourceCreateSchema, SourceUpdateSchema } from "./source";
import { SignInSchema, UserCreateSchema } from "./user";

/** One text field of each input, with a valid rest of the input around it. */
const TEXT_FIELDS: [string, z.ZodType, (value: string) => unknown, string][] = [
  ["article title", ArticleCreateSchema, (v) => ({ title: v, text: "Body." }), "title"],
  ["article text", ArticleCreateSchema, (v) => ({ title: "T", text: v }), "text"],
  ["article publisher (update)", ArticleUpdateSchema, (v) => ({ publisher: v }), "publisher"],
  ["claim quote", ClaimCreateSchema, (v) => ({ exact: v }), "exact"],
  ["claim rationale", ClaimUpdateSchema, (v) => ({ version: 1, rationale: v }), "rationale"],
  ["claim note", ClaimUpdateSchema, (v) => ({ version: 1, note: v }), "note"],
  ["source title", SourceCreateSchema, (v) => ({ url: "https://example.org", stance: "supports", title: v }), "title"],
  ["source quote (update)", SourceUpdateSchema, (v) => ({ quote: v }), "quote"],
  ["user name", UserCreateSchema, (v) => ({ email: "a@example.org", name: v, role: "viewer", password: "long enough password" }), "name"],
  ["sign-in password", SignInSchema, (v) => ({ email: "a@example.org", password: v }), "password"],
];

describe("text inputs", () => {
  it.each(TEXT_FIELDS)("%s accepts ordinary text, including characters outside the BMP", (_, schema, input) => {
    expect(schema.safeParse(input("Kazakhstan 🇰🇿 “2,500” – ok")).success).toBe(true);
  });

  it.each(TEXT_FIELDS)("%s refuses a lone surrogate, with a message naming the problem", (_, schema, input, field) => {
    for (const bad of ["a\ud800b", "a\udfffb", "end\ud83d", "\ude00start"]) {
      const result = schema.safeParse(input(bad));
      expect(result.success, JSON.stringify(bad)).toBe(false);
      if (!result.success) expect(fieldErrors(result.error)[field]).toBe(SURROGATE_MESSAGE);
    }
  });

  it.each(TEXT_FIELDS)("%s refuses NUL", (_, schema, input, field) => {
    const result = schema.safeParse(input("a\u0000b"));
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrors(result.error)[field]).toBe(NUL_MESSAGE);
  });
});

describe("links", () => {
  const GOOD = [
    "https://example.org",
    "http://example.org/path?q=1#frag",
    "HTTPS://Example.ORG/",
    "https://user:pass@example.org/",
    "http://127.0.0.1:8080/x",
    "http://[::1]/",
    "https://xn--mnchen-3ya.de/",
    "https://münchen.de/straße",
    "  https://example.org/padded  ",
  ];
  const BAD = [
    "http:///x",
    "https:///example.org",
    "http:/x",
    "http:example.org",
    "https://",
    "http://",
    "http://:80",
    "http://:80/x",
    "http://@/x",
    "http://user@/x",
    "http://?q",
    "http://#f",
    "javascript:alert(1)",
    "JavaScript://example.org/%0aalert(1)",
    "data:text/html,hi",
    "ftp://example.org/",
    "mailto:a@example.org",
    "//example.org/x",
    "/relative",
    "example.org",
    "http://exa mple.org",
    "http://example.org/a b",
    "http://exam\tple.org",
    "http://example.org/\nx",
    "http:\\\\example.org\\x",
    "http://example.org:99999/",
    "http://%20/",
    "",
  ];

  it.each(GOOD)("accepts %j", (value) => {
    expect(httpUrl.safeParse(value).success).toBe(true);
  });

  it.each(BAD)("refuses %j", (value) => {
    const result = httpUrl.safeParse(value);
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrors(result.error)._).toBe(HTTP_URL_MESSAGE);
  });

  it("an optional link is empty or a good link, never a bad one", () => {
    expect(optionalHttpUrl.parse("")).toBeNull();
    expect(optionalHttpUrl.parse(undefined)).toBeUndefined();
    expect(optionalHttpUrl.safeParse("http:///x").success).toBe(false);
  });
});
