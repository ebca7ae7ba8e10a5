// Tests for the assignment rules: who may edit the claims of an article that requires assignment, how
// a typed due time is read, and what a reviewer's queue shows. Expected values are written out by hand
// (times as literal ISO strings), not recomputed the way the module computes them.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  WHOLE_ARTICLE,
  assignmentScope,
  buildQueue,
  mayEdit,
  parseDue,
  queueCount,
  workDone,
  type EditTarget,
  type QueueAssignment,
  type QueueClaim,
  type QueueItem,
} from "./assignment";

describe("assignmentScope", () => {
  it("keys a claim assignment by the claim and a whole-article one by 'article'", () => {
    expect(assignmentScope("claim-7")).toBe("claim-7");
    expect(assignmentScope(null)).toBe("article");
    expect(WHOLE_ARTICLE).toBe("article");
  });
});

describe("mayEdit", () => {
  const NEW_CLAIM: EditTarget = { kind: "new_claim" };
  const THE_CLAIM: EditTarget = { kind: "claim", claimId: "c1" };
  const ASSIGNMENTS = {
    none: [],
    "whole article": [{ claimId: null }],
    "the claim": [{ claimId: "c1" }],
    "another claim": [{ claimId: "c2" }],
  } as const;
  type Held = keyof typeof ASSIGNMENTS;

  // requireAssignment, managesAssignments, assignments held, may mark a new claim, may edit claim c1.
  const TABLE: [boolean, boolean, Held, boolean, boolean][] = [
    // Without the article's setting everyone who writes claims may.
    [false, false, "none", true, true],
    [false, false, "whole article", true, true],
    [false, false, "the claim", true, true],
    [false, false, "another claim", true, true],
    [false, true, "none", true, true],
    [false, true, "whole article", true, true],
    [false, true, "the claim", true, true],
    [false, true, "another claim", true, true],
    // With it, editors are never bound by it.
    [true, true, "none", true, true],
    [true, true, "whole article", true, true],
    [true, true, "the claim", true, true],
    [true, true, "another claim", true, true],
    // Reviewers: the whole article covers everything; a claim covers that claim only, never a new one.
    [true, false, "none", false, false],
    [true, false, "whole article", true, true],
    [true, false, "the claim", false, true],
    [true, false, "another claim", false, false],
  ];

  it.each(TABLE)(
    "requireAssignment=%s managesAssignments=%s holding %s: new claim %s, claim c1 %s",
    (requireAssignment, managesAssignments, held, newClaim, theClaim) => {
      const rights = { requireAssignment, managesAssignments, assignments: ASSIGNMENTS[held] };
      expect(mayEdit(rights, NEW_CLAIM)).toBe(newClaim);
      expect(mayEdit(rights, THE_CLAIM)).toBe(theClaim);
    },
  );

  it("lets a reviewer with several claim assignments edit each of them and nothing else", () => {
    const rights = { requireAssignment: true, managesAssignments: false, assignments: [{ claimId: "c1" }, { claimId: "c3" }] };
    expect(mayEdit(rights, { kind: "claim", claimId: "c1" })).toBe(true);
    expect(mayEdit(rights, { kind: "claim", claimId: "c3" })).toBe(true);
    expect(mayEdit(rights, { kind: "claim", claimId: "c2" })).toBe(false);
    expect(mayEdit(rights, { kind: "new_claim" })).toBe(false);
  });

  it("holds for any assignments: the setting off or an editor always may; a whole-article assignment always may (property)", () => {
    const claimId = fc.constantFrom("c1", "c2", "c3");
    const target: fc.Arbitrary<EditTarget> = fc.oneof(
      fc.constant<EditTarget>({ kind: "new_claim" }),
      claimId.map((id): EditTarget => ({ kind: "claim", claimId: id })),
    );
    const assignments = fc.array(fc.record({ claimId: fc.option(claimId, { nil: null }) }), { maxLength: 4 });
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), assignments, target, (requireAssignment, managesAssignments, held, t) => {
        const allowed = mayEdit({ requireAssignment, managesAssignments, assignments: held }, t);
        if (!requireAssignment || managesAssignments) expect(allowed).toBe(true);
        if (held.some((a) => a.claimId === null)) expect(allowed).toBe(true);
        if (requireAssignment && !managesAssignments && held.length === 0) expect(allowed).toBe(false);
        if (requireAssignment && !managesAssignments && t.kind === "new_claim") {
          expect(allowed).toBe(held.some((a) => a.claimId === null));
        }
      }),
    );
  });
});

describe("parseDue", () => {
  const iso = (text: string) => parseDue(text)?.toISOString() ?? null;

  it("reads a date as the end of that day, UTC", () => {
    expect(iso("2026-12-03")).toBe("2026-12-03T23:59:59.999Z");
    expect(iso("2028-02-29")).toBe("2028-02-29T23:59:59.999Z");
  });

  it("reads a time without a zone as UTC", () => {
    expect(iso("2026-12-03T18:00")).toBe("2026-12-03T18:00:00.000Z");
  });

  it("honours an explicit zone", () => {
    expect(iso("2026-12-03T18:00Z")).toBe("2026-12-03T18:00:00.000Z");
    expect(iso("2026-12-03T18:00+02:00")).toBe("2026-12-03T16:00:00.000Z");
    expect(iso("2026-12-03T18:00-05:30")).toBe("2026-12-03T23:30:00.000Z");
    // A zone can move the moment onto another UTC day.
    expect(iso("2026-12-03T01:00+02:00")).toBe("2026-12-02T23:00:00.000Z");
  });

  it("keeps seconds and milliseconds", () => {
    expect(iso("2026-12-03T18:00:05")).toBe("2026-12-03T18:00:05.000Z");
    expect(iso("2026-12-03T18:00:05.123")).toBe("2026-12-03T18:00:05.123Z");
    expect(iso("2026-12-03T18:00:05.1")).toBe("2026-12-03T18:00:05.100Z");
    expect(iso("2026-12-03T18:00:05.123Z")).toBe("2026-12-03T18:00:05.123Z");
  });

  it.each([
    ["a day February does not have", "2026-02-30"],
    ["a leap day in a common year", "2026-02-29"],
    ["a day February does not have, with a time", "2026-02-30T10:00"],
    ["an hour past 24", "2026-12-03T25:00"],
    ["minute 60", "2026-12-03T23:60Z"],
    ["second 60", "2026-12-03T18:00:60"],
    ["words", "tomorrow"],
    ["nothing", ""],
    ["a space instead of T", "2026-12-03 18:00"],
    ["trailing text after a time", "2026-12-03T18:00x"],
    ["trailing text after a date", "2026-12-03x"],
    ["trailing space", "2026-12-03 "],
    ["four fraction digits", "2026-12-03T18:00:05.1234"],
    ["an offset beyond 24 hours", "2026-12-03T18:00+25:00"],
    ["hour 24, with a zone", "2026-12-03T24:00Z"],
    ["an offset with minute 60", "2026-12-03T18:00+01:60"],
    ["month 00 with a zone", "2026-00-10T10:00Z"],
    ["day 00 with a zone", "2026-12-00T10:00Z"],
  ])("refuses %s: %j", (_what, text) => {
    expect(parseDue(text)).toBeNull();
  });

  // Each of these threw a RangeError (an invalid Date's toISOString) before parseDue checked the calendar itself.
  it.each([
    ["month 13", "2026-13-01"],
    ["month 00", "2026-00-10"],
    ["day 32", "2026-12-32"],
  ])("refuses a date with %s (%j) without throwing", (_what, text) => {
    expect(() => parseDue(text)).not.toThrow();
    expect(parseDue(text)).toBeNull();
  });

  // With a zone, 30 February used to roll over into March and be accepted.
  it.each([
    ["with an offset", "2026-02-30T10:00+02:00"],
    ["with Z", "2026-02-30T10:00Z"],
    ["31 April with an offset", "2026-04-31T10:00+02:00"],
  ])("refuses a calendar date that does not exist %s: %j", (_what, text) => {
    expect(parseDue(text)).toBeNull();
  });
});

describe("buildQueue", () => {
  const NOW = new Date("2026-12-10T12:00:00.000Z");
  const EDDIE = { id: "u-editor", name: "Eddie Editor" };
  const ARTICLES = new Map([
    ["a1", { id: "a1", title: "Ceasefire holds" }],
    ["a2", { id: "a2", title: "Grain prices" }],
    ["a3", { id: "a3", title: "Empty article" }],
  ]);
  const CLAIMS: QueueClaim[] = [
    { id: "c1", articleId: "a1", text: "first claim", done: true },
    { id: "c2", articleId: "a1", text: "second claim", done: false },
    { id: "c3", articleId: "a1", text: "third claim", done: false },
    { id: "c4", articleId: "a2", text: "grain claim", done: false },
    { id: "c5", articleId: "a2", text: "done grain claim", done: true },
  ];
  let serial = 0;
  function assignment(articleId: string, claimId: string | null, due: string | null, createdAt = "2026-12-01T09:00:00.000Z"): QueueAssignment {
    serial += 1;
    return { id: `as${serial}`, articleId, claimId, due: due === null ? null : new Date(due), createdAt: new Date(createdAt), assignedBy: EDDIE };
  }

  it("gives a whole-article assignment every claim of the article, in the order given", () => {
    const a = { id: "as-w", articleId: "a1", claimId: null, due: new Date("2026-12-20T17:00:00.000Z"), createdAt: new Date("2026-12-01T09:00:00.000Z"), assignedBy: EDDIE };
    expect(buildQueue([a], ARTICLES, CLAIMS, NOW)).toEqual([
      {
        article: { id: "a1", title: "Ceasefire holds" },
        scope: "article",
        assignments: [{ id: "as-w", claimId: null, due: "2026-12-20T17:00:00.000Z", createdAt: "2026-12-01T09:00:00.000Z", assignedBy: { id: "u-editor", name: "Eddie Editor" } }],
        due: "2026-12-20T17:00:00.000Z",
        pending: true,
        overdue: false,
        total: 3,
        done: 1,
        waiting: [
          { id: "c2", text: "second claim" },
          { id: "c3", text: "third claim" },
        ],
      },
    ]);
  });

  it("gives claim assignments only their claims, in the order the claims are given", () => {
    const [item] = buildQueue([assignment("a1", "c3", null), assignment("a1", "c1", null)], ARTICLES, CLAIMS, NOW);
    expect(item).toMatchObject({ scope: "claims", total: 2, done: 1, waiting: [{ id: "c3", text: "third claim" }], pending: true, due: null, overdue: false });
    expect(item?.assignments.map((x) => x.claimId)).toEqual(["c3", "c1"]);
  });

  it("makes one item per article; a whole-article assignment next to a claim one widens the scope", () => {
    const queue = buildQueue([assignment("a1", "c2", null), assignment("a2", "c4", null), assignment("a1", null, null)], ARTICLES, CLAIMS, NOW);
    expect(queue).toHaveLength(2);
    const a1 = queue.find((i) => i.article.id === "a1");
    expect(a1).toMatchObject({ scope: "article", total: 3, done: 1 });
    expect(a1?.assignments).toHaveLength(2);
    expect(queue.find((i) => i.article.id === "a2")).toMatchObject({ scope: "claims", total: 1, done: 0, waiting: [{ id: "c4", text: "grain claim" }] });
  });

  it("keeps a whole article with no claims yet pending, and a finished one not", () => {
    const [empty] = buildQueue([assignment("a3", null, "2026-12-01T00:00:00.000Z")], ARTICLES, CLAIMS, NOW);
    expect(empty).toMatchObject({ scope: "article", total: 0, done: 0, waiting: [], pending: true, overdue: true });
    const [finished] = buildQueue([assignment("a2", "c5", "2026-12-01T00:00:00.000Z")], ARTICLES, CLAIMS, NOW);
    expect(finished).toMatchObject({ scope: "claims", total: 1, done: 1, waiting: [], pending: false, overdue: false });
  });

  it("does not count a claim assignment whose claim is gone as work waiting", () => {
    const [item] = buildQueue([assignment("a1", "c-deleted", "2026-12-01T00:00:00.000Z")], ARTICLES, CLAIMS, NOW);
    expect(item).toMatchObject({ scope: "claims", total: 0, done: 0, waiting: [], pending: false, overdue: false });
  });

  it("takes the earliest due time of the item's assignments, ignoring those without one", () => {
    const [item] = buildQueue(
      [assignment("a1", "c2", "2026-12-20T00:00:00.000Z"), assignment("a1", "c3", null), assignment("a1", "c1", "2026-12-15T08:30:00.000Z")],
      ARTICLES,
      CLAIMS,
      NOW,
    );
    expect(item?.due).toBe("2026-12-15T08:30:00.000Z");
    expect(item?.assignments.map((x) => x.due)).toEqual(["2026-12-20T00:00:00.000Z", null, "2026-12-15T08:30:00.000Z"]);
  });

  it("is overdue only while pending and strictly past due", () => {
    const overdue = (due: string, claimId: string) => buildQueue([assignment("a1", claimId, due)], ARTICLES, CLAIMS, NOW)[0]?.overdue;
    expect(overdue("2026-12-10T11:59:59.999Z", "c2")).toBe(true);
    expect(overdue("2026-12-10T12:00:00.000Z", "c2")).toBe(false);
    expect(overdue("2026-12-10T12:00:00.001Z", "c2")).toBe(false);
    // Past due but done: not overdue.
    expect(overdue("2026-12-01T00:00:00.000Z", "c1")).toBe(false);
  });

  it("skips an assignment whose article is missing", () => {
    const queue = buildQueue([assignment("gone", null, null), assignment("a2", "c4", null)], ARTICLES, CLAIMS, NOW);
    expect(queue.map((i) => i.article.id)).toEqual(["a2"]);
    expect(buildQueue([assignment("gone", null, null)], ARTICLES, CLAIMS, NOW)).toEqual([]);
  });

  it("returns nothing for no assignments", () => {
    expect(buildQueue([], ARTICLES, CLAIMS, NOW)).toEqual([]);
  });

  it("sorts pending first, earliest due first, no due last, then the newest assignment first", () => {
    const articles = new Map(["p-late", "p-early", "p-nodue-old", "p-nodue-new", "p-same-old", "p-same-new", "f-new", "f-old"].map((id) => [id, { id, title: id }]));
    const claims: QueueClaim[] = [
      { id: "open", articleId: "p-late", text: "x", done: false },
      { id: "open2", articleId: "p-early", text: "x", done: false },
      { id: "open3", articleId: "p-nodue-old", text: "x", done: false },
      { id: "open4", articleId: "p-nodue-new", text: "x", done: false },
      { id: "open5", articleId: "p-same-old", text: "x", done: false },
      { id: "open6", articleId: "p-same-new", text: "x", done: false },
      { id: "done1", articleId: "f-new", text: "x", done: true },
      { id: "done2", articleId: "f-old", text: "x", done: true },
    ];
    const queue = buildQueue(
      [
        assignment("f-old", null, null, "2026-11-01T00:00:00.000Z"),
        assignment("p-nodue-old", null, null, "2026-11-02T00:00:00.000Z"),
        assignment("p-late", null, "2026-12-30T00:00:00.000Z", "2026-12-09T00:00:00.000Z"),
        assignment("f-new", null, null, "2026-12-09T00:00:00.000Z"),
        assignment("p-same-old", null, "2026-12-20T00:00:00.000Z", "2026-11-03T00:00:00.000Z"),
        assignment("p-nodue-new", null, null, "2026-12-08T00:00:00.000Z"),
        assignment("p-early", null, "2026-12-05T00:00:00.000Z", "2026-11-01T00:00:00.000Z"),
        assignment("p-same-new", null, "2026-12-20T00:00:00.000Z", "2026-12-07T00:00:00.000Z"),
      ],
      articles,
      claims,
      NOW,
    );
    expect(queue.map((i) => i.article.id)).toEqual(["p-early", "p-same-new", "p-same-old", "p-late", "p-nodue-new", "p-nodue-old", "f-new", "f-old"]);
  });

  it("ranks an item by its newest assignment when ties are broken", () => {
    const articles = new Map(["x", "y"].map((id) => [id, { id, title: id }]));
    const claims: QueueClaim[] = [
      { id: "x1", articleId: "x", text: "x1", done: false },
      { id: "x2", articleId: "x", text: "x2", done: false },
      { id: "y1", articleId: "y", text: "y1", done: false },
    ];
    const queue = buildQueue(
      [
        assignment("x", "x1", null, "2026-11-01T00:00:00.000Z"),
        assignment("y", "y1", null, "2026-12-01T00:00:00.000Z"),
        assignment("x", "x2", null, "2026-12-05T00:00:00.000Z"),
      ],
      articles,
      claims,
      NOW,
    );
    expect(queue.map((i) => i.article.id)).toEqual(["x", "y"]);
  });
});

describe("queueCount", () => {
  const NOW = new Date("2026-12-10T12:00:00.000Z");

  it("counts waiting claims plus one per pending article with no claims", () => {
    const articles = new Map(["a1", "a2", "a3", "a4"].map((id) => [id, { id, title: id }]));
    const claims: QueueClaim[] = [
      { id: "c1", articleId: "a1", text: "", done: false },
      { id: "c2", articleId: "a1", text: "", done: false },
      { id: "c3", articleId: "a1", text: "", done: true },
      { id: "c4", articleId: "a2", text: "", done: true },
    ];
    const at = new Date("2026-12-01T00:00:00.000Z");
    const by = { id: "u", name: "U" };
    const queue = buildQueue(
      [
        { id: "1", articleId: "a1", claimId: null, due: null, createdAt: at, assignedBy: by },
        { id: "2", articleId: "a2", claimId: null, due: null, createdAt: at, assignedBy: by },
        { id: "3", articleId: "a3", claimId: null, due: null, createdAt: at, assignedBy: by },
        { id: "4", articleId: "a4", claimId: "gone", due: null, createdAt: at, assignedBy: by },
      ],
      articles,
      claims,
      NOW,
    );
    // a1: 2 waiting; a2: finished; a3: nothing marked yet; a4: its claim is gone.
    expect(queueCount(queue)).toBe(3);
    expect(queueCount([])).toBe(0);
  });
});

describe("buildQueue and queueCount for any data (properties)", () => {
  const ARTICLE_IDS = ["a1", "a2", "a3"] as const;
  const articles = new Map(ARTICLE_IDS.map((id) => [id, { id, title: `title ${id}` }]));
  const time = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }).map((t) => new Date(t));
  const claimsArb = fc
    .array(fc.record({ articleId: fc.constantFrom(...ARTICLE_IDS), done: fc.boolean() }), { maxLength: 8 })
    .map((list): QueueClaim[] => list.map((c, i) => ({ id: `c${i}`, articleId: c.articleId, text: `claim ${i}`, done: c.done })));
  const input = claimsArb.chain((claims) =>
    fc.record({
      claims: fc.constant(claims),
      now: time,
      assignments: fc
        .array(
          fc.record({
            // "missing" is not in the article map.
            articleId: fc.constantFrom(...ARTICLE_IDS, "missing"),
            claimId: fc.option(fc.constantFrom(...claims.map((c) => c.id), "gone"), { nil: null }),
            due: fc.option(time, { nil: null }),
            createdAt: time,
          }),
          { maxLength: 8 },
        )
        .map((list): QueueAssignment[] => list.map((a, i) => ({ ...a, id: `as${i}`, assignedBy: { id: "u", name: "U" } }))),
    }),
  );

  it("keeps its counts consistent, overdue implies pending, pending items come first, and the count is the sum", () => {
    fc.assert(
      fc.property(input, ({ claims, assignments, now }) => {
        const queue: QueueItem[] = buildQueue(assignments, articles, claims, now);
        const expectedArticles = new Set(assignments.map((a) => a.articleId).filter((id) => id !== "missing"));
        expect(new Set(queue.map((i) => i.article.id))).toEqual(expectedArticles);
        expect(queue).toHaveLength(expectedArticles.size);
        let sum = 0;
        let seenFinished = false;
        for (const item of queue) {
          expect(item.done + item.waiting.length).toBe(item.total);
          if (item.overdue) expect(item.pending).toBe(true);
          if (item.overdue) expect(item.due !== null && item.due < now.toISOString()).toBe(true);
          if (item.waiting.length > 0) expect(item.pending).toBe(true);
          if (!item.pending) seenFinished = true;
          else expect(seenFinished).toBe(false);
          const own = assignments.filter((a) => a.articleId === item.article.id);
          expect(item.assignments.map((a) => a.id)).toEqual(own.map((a) => a.id));
          expect(item.scope).toBe(own.some((a) => a.claimId === null) ? "article" : "claims");
          const ofArticle = claims.filter((c) => c.articleId === item.article.id).map((c) => c.id);
          // Waiting claims belong to the article and keep the order given.
          const waitingIds = item.waiting.map((w) => w.id);
          expect(waitingIds).toEqual(ofArticle.filter((id) => waitingIds.includes(id)));
          if (item.scope === "article") expect(item.total).toBe(ofArticle.length);
          sum += item.waiting.length + (item.pending && item.total === 0 ? 1 : 0);
        }
        expect(queueCount(queue)).toBe(sum);
      }),
    );
  });
});

describe("workDone", () => {
  const monday = new Date("2026-11-30T09:00:00Z");
  const tuesday = new Date("2026-12-01T09:00:00Z");
  const by = (...ids: string[]) => ids.map((reviewerId) => ({ reviewerId, at: monday }));
  const independent = { independentReview: true, rewordedAt: null };
  it("in independent review, is the reviewer's own assessment, whatever the verdict or the others did", () => {
    expect(workDone("ann", { ...independent, hasVerdict: true, assessments: by("bo") })).toBe(false);
    expect(workDone("ann", { ...independent, hasVerdict: false, assessments: by("bo", "ann") })).toBe(true);
  });
  it("otherwise, is the claim's verdict, whoever gave it", () => {
    expect(workDone("ann", { independentReview: false, hasVerdict: false, assessments: by("ann"), rewordedAt: null })).toBe(false);
    expect(workDone("ann", { independentReview: false, hasVerdict: true, assessments: [], rewordedAt: null })).toBe(true);
  });
  it("is to be done again when the claim's words changed after it: an assessment revised since, or a verdict given again", () => {
    expect(workDone("ann", { ...independent, hasVerdict: true, assessments: by("ann"), rewordedAt: tuesday })).toBe(false);
    expect(workDone("ann", { ...independent, hasVerdict: false, assessments: [{ reviewerId: "ann", at: new Date(tuesday.getTime() + 1) }], rewordedAt: tuesday })).toBe(true);
    expect(workDone("ann", { ...independent, hasVerdict: false, assessments: [{ reviewerId: "ann", at: tuesday }], rewordedAt: tuesday })).toBe(false);
    expect(workDone("ann", { ...independent, hasVerdict: false, assessments: [{ reviewerId: "ann", at: tuesday }], rewordedAt: monday })).toBe(true);
    expect(workDone("ann", { independentReview: false, hasVerdict: true, assessments: [], rewordedAt: tuesday })).toBe(false);
  });
});
