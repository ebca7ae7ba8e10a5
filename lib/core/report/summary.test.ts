// Tests for the claim counts every report format shows.

import { describe, expect, it } from "vitest";
import { bareArticle, sampleArticle, sampleReport } from "./fixtures";
import { NO_VERDICT_LABEL, summarize, summarizeAll } from "./summary";
import { CLAIM_STATUSES, VERDICTS, type ClaimStatus } from "../claim";

describe("summarize", () => {
  it("counts claims per verdict in scale order, then those without a verdict", () => {
    const s = summarize(sampleArticle);
    expect(s.total).toBe(3);
    expect(s.open).toBe(1);
    expect(s.byVerdict.map((r) => r.verdict)).toEqual([...VERDICTS.map((v) => v.id), null]);
    expect(s.byVerdict.filter((r) => r.count > 0)).toEqual([
      { verdict: "true", label: "True", count: 1 },
      { verdict: "mostly_true", label: "Mostly true", count: 1 },
      { verdict: null, label: NO_VERDICT_LABEL, count: 1 },
    ]);
  });

  it("adds every article up for the total", () => {
    const total = summarizeAll(sampleReport);
    expect(total.total).toBe(4);
    expect(total.open).toBe(1);
    expect(total.byVerdict.find((r) => r.verdict === "misleading")?.count).toBe(1);
    expect(total.byVerdict.reduce((n, r) => n + r.count, 0)).toBe(total.total);
    expect(summarize(bareArticle).byVerdict.reduce((n, r) => n + r.count, 0)).toBe(1);
  });

  it("counts a claim as open unless its verdict is given or approved", () => {
    const template = bareArticle.claims[0]!;
    const withStatus = (status: ClaimStatus) => summarize({ ...bareArticle, claims: [{ ...template, status }] }).open;
    expect(Object.fromEntries(CLAIM_STATUSES.map((status) => [status, withStatus(status)]))).toEqual({
      open: 1,
      in_review: 1,
      assessed: 1,
      verdict_given: 0,
      proposed: 1,
      approved: 0,
    });
    const claims = CLAIM_STATUSES.map((status, i) => ({ ...template, id: `s${i}`, status }));
    expect(summarize({ ...bareArticle, claims })).toMatchObject({ total: 6, open: 4 });
  });

  it("is all zeros for an article without claims", () => {
    const s = summarize({ ...bareArticle, claims: [] });
    expect(s.total).toBe(0);
    expect(s.open).toBe(0);
    expect(s.byVerdict.every((r) => r.count === 0)).toBe(true);
  });
});
