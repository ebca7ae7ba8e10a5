// Query strings as the API and pages read them: a parameter given twice where one is expected is an
// error (API) or ignored (pages), never a crash; numbers stay within the 32-bit columns they meet.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ArticleListQuerySchema } from "./article";
import { AuditListQuerySchema } from "./audit";
import { ArticleViewQuerySchema, ClaimListQuerySchema } from "./claim";
import { INT4_MAX, pageQuery, readQuery, repeatedMessage, type QueryInput } from "./query";
import { ArticleReportQuerySchema, MultiReportQuerySchema } from "./report";
import { SignInQuerySchema } from "./user";

const q = (query: string) => new URLSearchParams(query);

describe("readQuery (the API)", () => {
  it.each([
    [ArticleListQuerySchema, "cursor=a&cursor=b", "cursor"],
    [ArticleListQuerySchema, "limit=5&limit=6", "limit"],
    [ClaimListQuerySchema, "verdict=false&verdict=true", "verdict"],
    [ClaimListQuerySchema, "cursor=0&cursor=10", "cursor"],
    [AuditListQuerySchema, "cursor=1&cursor=2", "cursor"],
    [ArticleReportQuerySchema, "format=pdf&format=csv", "format"],
    [MultiReportQuerySchema, "format=csv&articles=a&audience=public&audience=internal", "audience"],
  ] as const)("%#: refuses a single-valued parameter given twice (%s)", (schema, query, key) => {
    const result = readQuery(schema, q(query));
    expect(result).toEqual({ success: false, fields: expect.objectContaining({ [key]: repeatedMessage(key) }) as unknown });
  });

  it("takes a parameter that may repeat as all its values, comma-separated or repeated", () => {
    const result = readQuery(MultiReportQuerySchema, q("format=csv&articles=a1,a2&articles=a3"));
    expect(result.success && result.data.articles).toEqual(["a1", "a2", "a3"]);
    const once = readQuery(MultiReportQuerySchema, q("format=csv&articles=a1"));
    expect(once.success && once.data.articles).toEqual(["a1"]);
  });

  it("reads a page's searchParams object the same way as URLSearchParams", () => {
    expect(readQuery(ArticleListQuerySchema, { cursor: ["a", "b"] })).toEqual({ success: false, fields: { cursor: repeatedMessage("cursor") } });
    expect(readQuery(ArticleListQuerySchema, { cursor: "abc", other: undefined })).toEqual({ success: true, data: { limit: 50, cursor: "abc" } });
  });
});

describe("numbers in a query", () => {
  const cursor = (value: string) => readQuery(AuditListQuerySchema, q(`cursor=${encodeURIComponent(value)}`));

  it.each(["0", "1", "42", String(INT4_MAX)])("accepts %s", (value) => {
    expect(cursor(value)).toEqual({ success: true, data: { limit: 500, cursor: Number(value) } });
  });

  it.each([String(INT4_MAX + 1), "1e10", "9999999999", "99999999999999999999", "-1", "0x10", " 5", "5 ", "1.5", "", "abc", "Infinity", "NaN"])(
    "refuses %j with a message giving the range",
    (value) => {
      const result = cursor(value);
      expect(result.success).toBe(false);
      if (!result.success) expect(result.fields.cursor).toMatch(/whole number from 0 to 2,147,483,647/);
    },
  );

  it("bounds every numeric parameter: limits and claim positions too", () => {
    expect(readQuery(ClaimListQuerySchema, q("cursor=2147483648")).success).toBe(false);
    expect(readQuery(ClaimListQuerySchema, q("limit=1001")).success).toBe(false);
    expect(readQuery(ArticleListQuerySchema, q("limit=0")).success).toBe(false);
    expect(readQuery(ClaimListQuerySchema, q("limit=1000&cursor=2147483647"))).toEqual({
      success: true,
      data: { limit: 1000, cursor: INT4_MAX },
    });
  });
});

describe("pageQuery (pages)", () => {
  it("gives the query's values when they are well-formed", () => {
    expect(pageQuery(SignInQuerySchema, { callbackUrl: "/articles/a1" })).toEqual({ callbackUrl: "/articles/a1" });
    expect(pageQuery(ArticleViewQuerySchema, q("claim=c1&verdict=false&status=open"))).toEqual({ claim: "c1", verdict: "false", status: "open" });
  });

  it.each<[z.ZodType, QueryInput]>([
    [SignInQuerySchema, { callbackUrl: ["/a", "/b"] }],
    [SignInQuerySchema, { callbackUrl: "/x".repeat(2000) }],
    [ArticleListQuerySchema.pick({ cursor: true }), { cursor: ["a", "b"] }],
    [ArticleListQuerySchema.pick({ cursor: true }), { cursor: "bad id!" }],
    [ArticleViewQuerySchema, q("verdict=probably")],
    [ArticleViewQuerySchema, q("claim=a&claim=b")],
  ])("%#: falls back to no query when it is malformed", (schema, input) => {
    expect(pageQuery(schema, input)).toEqual({});
  });
});
