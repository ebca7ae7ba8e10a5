// Tests for the schema.org ClaimReview markup.

import { beforeEach, describe, expect, it } from "vitest";
import { claimPageUrl, jsonForScriptTag, toClaimReviewJsonLd, toClaimReviews } from "./claim-review";
import { sampleReport } from "./fixtures";
import type { Report } from "./report-data";
import { BEST_RATING, WORST_RATING } from "../claim";

describe("toClaimReviews", () => {
  let reviews: ReturnType<typeof toClaimReviews> = [];
  beforeEach(() => {
    reviews = toClaimReviews(sampleReport);
  });

  it("has one ClaimReview per claim with a verdict, across all articles", () => {
    expect(reviews.map((r) => r.url)).toEqual([
      "https://factcheck.example.org/checks/a-sample#claim-1",
      "https://factcheck.example.org/checks/a-sample#claim-2",
      "https://factcheck.example.org/checks/a-bare#claim-1",
    ]);
  });

  it("carries every required field with the right types", () => {
    for (const r of reviews) {
      expect(r["@context"]).toBe("https://schema.org");
      expect(r["@type"]).toBe("ClaimReview");
      expect(typeof r.claimReviewed).toBe("string");
      expect(r.claimReviewed.length).toBeGreaterThan(0);
      expect(r.author).toEqual({ "@type": "Organization", name: "Example Fact Check Desk", url: "https://factcheck.example.org" });
      expect(r.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.reviewRating["@type"]).toBe("Rating");
      expect(typeof r.reviewRating.alternateName).toBe("string");
      expect(r.itemReviewed["@type"]).toBe("Claim");
      expect(() => new URL(r.url)).not.toThrow();
    }
    const [first] = reviews;
    expect(first).toEqual({
      "@context": "https://schema.org",
      "@type": "ClaimReview",
      url: "https://factcheck.example.org/checks/a-sample#claim-1",
      claimReviewed: "Putin and Tokayev spoke on Saturday",
      author: { "@type": "Organization", name: "Example Fact Check Desk", url: "https://factcheck.example.org" },
      datePublished: "2026-11-20",
      reviewRating: { "@type": "Rating", alternateName: "True", ratingValue: 5, bestRating: BEST_RATING, worstRating: WORST_RATING },
      itemReviewed: {
        "@type": "Claim",
        appearance: { "@type": "CreativeWork", url: "https://news.example.org/kazakhstan/2022/01/08/putin-tokayev" },
        author: { "@type": "Organization", name: "Example Wire" },
        datePublished: "2022-01-08",
      },
    });
  });

  it("gives numbers only for verdicts on the scale", () => {
    expect(reviews[1]?.reviewRating).toEqual({ "@type": "Rating", alternateName: "Mostly true", ratingValue: 4, bestRating: 5, worstRating: 1 });
    expect(reviews[2]?.reviewRating).toEqual({ "@type": "Rating", alternateName: "Misleading" });
  });

  it("leaves out what is unknown about a bare article instead of inventing it", () => {
    expect(reviews[2]?.itemReviewed).toEqual({ "@type": "Claim" });
    expect(reviews[2]?.claimReviewed).toBe("unemployment fell to 4%");
    const noOrgUrl: Report = { ...sampleReport, meta: { ...sampleReport.meta, publishing: { ...sampleReport.meta.publishing, organizationUrl: null } } };
    expect(toClaimReviews(noOrgUrl)[0]?.author).toEqual({ "@type": "Organization", name: "Example Fact Check Desk" });
  });

  it("builds claim page URLs from the configured base", () => {
    expect(claimPageUrl("https://x.example/checks/", "a b", 3)).toBe("https://x.example/checks/a%20b#claim-3");
  });

  it("has no notes or emails for either audience", () => {
    const text = toClaimReviewJsonLd(sampleReport);
    expect(text).not.toMatch(/example\.com|Almaty|note/i);
    expect(JSON.parse(text)).toEqual(reviews);
  });
});

describe("jsonForScriptTag", () => {
  it("can never close the script element", () => {
    const value = { claimReviewed: "</script><script>alert(1)</script> & <!-- \u2028\u2029" };
    const json = jsonForScriptTag(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain("\\u003c/script\\u003e");
    expect(JSON.parse(json)).toEqual(value);
    expect(jsonForScriptTag("</script>", 2)).toBe('"\\u003c/script\\u003e"');
  });

  it("refuses values JSON cannot represent", () => {
    expect(() => jsonForScriptTag(undefined)).toThrow(TypeError);
  });

  it("keeps the pretty JSON-LD script-safe too", () => {
    const article = sampleReport.articles[0]!;
    const claim = { ...article.claims[0]!, statement: "</script><script>alert(1)</script>" };
    const report: Report = { ...sampleReport, articles: [{ ...article, claims: [claim] }] };
    const text = toClaimReviewJsonLd(report);
    expect(text).not.toContain("<");
    expect(text).toContain("\n  ");
  });
});
