// Tests for the hash-chained audit log: known vectors, and property tests that every kind of tampering
// is caught at the first broken seq.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AUDIT_ACTIONS,
  type AuditEventData,
  type ChainedAuditEvent,
  GENESIS_HASH,
  chainEvents,
  createChainVerifier,
  hashEvent,
  isAuditAction,
  verifyChain,
} from "./audit-chain";
import { canonicalJson } from "./canonical-json";

const FIRST: AuditEventData = {
  seq: 1,
  at: "2024-05-01T12:00:00.000Z",
  actorId: "user_1",
  action: "claim.verdict_changed",
  entityType: "claim",
  entityId: "claim_9",
  articleId: "article_3",
  before: { verdict: "mostly_true" },
  after: { verdict: "false" },
};

// Non-ASCII text, absent optional fields and a second link, so the vectors pin UTF-8 and chaining.
const SECOND: AuditEventData = {
  seq: 2,
  at: "2024-05-01T12:30:00.000Z",
  actorId: null,
  action: "source.added",
  entityType: "source",
  entityId: "src_\u00e9",
  articleId: null,
  before: undefined,
  after: { title: "Caf\u00e9 \u20ac5 \ud83d\ude00", n: 1.5, list: [true, null] },
};

// Independently computed with python3 hashlib.sha256 over the hand-written canonical JSON.
const FIRST_HASH = "125447aa798ddda61328f5fcfe562cc1b50f0f70720e03c50caedce2a8ef3206";
const SECOND_HASH = "26faf86ce42af6a4c92864e3d9a690f42647b985f1b2278e02ad1562ac96a33d";

const eventArb = fc.record({
  at: fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => d.toISOString()),
  actorId: fc.option(fc.string({ minLength: 1, maxLength: 8 }), { nil: null }),
  action: fc.constantFrom(...AUDIT_ACTIONS),
  entityType: fc.constantFrom("claim", "article", "source", "user"),
  entityId: fc.string({ minLength: 1, maxLength: 8 }),
  articleId: fc.option(fc.string({ minLength: 1, maxLength: 8 }), { nil: null }),
  before: fc.option(fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 })), { nil: null }),
  after: fc.option(fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 })), { nil: null }),
});

const chainArb = (minLength: number) =>
  fc
    .array(eventArb, { minLength, maxLength: 8 })
    .map((events) => chainEvents(events.map((e, i) => ({ ...e, seq: i + 1 }))));

const FIELDS = [
  "seq",
  "at",
  "actorId",
  "action",
  "entityType",
  "entityId",
  "articleId",
  "before",
  "after",
  "prevHash",
  "hash",
] as const;

function flipHex(hash: string): string {
  return (hash[0] === "0" ? "1" : "0") + hash.slice(1);
}

/** A copy of `event` with one field given a value that is certainly different. */
function tamper(event: ChainedAuditEvent, field: (typeof FIELDS)[number]): ChainedAuditEvent {
  switch (field) {
    case "seq":
      return { ...event, seq: event.seq + 100 };
    case "actorId":
    case "articleId":
      return { ...event, [field]: event[field] === null ? "intruder" : null };
    case "before":
    case "after":
      return { ...event, [field]: { tampered: event[field] } };
    case "prevHash":
    case "hash":
      return { ...event, [field]: flipHex(event[field]) };
    default:
      return { ...event, [field]: `${event[field]}x` };
  }
}

describe("hashEvent", () => {
  it("is SHA-256 of prevHash followed by the canonical JSON of the nine event fields", () => {
    const canonical =
      '{"action":"claim.verdict_changed","actorId":"user_1","after":{"verdict":"false"},' +
      '"articleId":"article_3","at":"2024-05-01T12:00:00.000Z","before":{"verdict":"mostly_true"},' +
      '"entityId":"claim_9","entityType":"claim","seq":1}';
    expect(canonicalJson({ ...FIRST })).toBe(canonical);
    // Independently computed: python3 -c "import hashlib; print(hashlib.sha256(('0'*64 + canonical).encode()).hexdigest())"
    expect(hashEvent(GENESIS_HASH, FIRST)).toBe("125447aa798ddda61328f5fcfe562cc1b50f0f70720e03c50caedce2a8ef3206");
  });

  it("ignores extra properties and treats absent before/after as null", () => {
    const withExtras = { ...FIRST, id: "row-1", prevHash: "x", hash: "y" };
    expect(hashEvent(GENESIS_HASH, withExtras)).toBe(hashEvent(GENESIS_HASH, FIRST));
    expect(hashEvent(GENESIS_HASH, { ...FIRST, before: undefined })).toBe(hashEvent(GENESIS_HASH, { ...FIRST, before: null }));
    expect(hashEvent(GENESIS_HASH, { ...FIRST, before: {} })).not.toBe(hashEvent(GENESIS_HASH, { ...FIRST, before: null }));
  });

  it("does not depend on key order in before/after", () => {
    const a = { ...FIRST, after: { verdict: "false", note: "n" } };
    const b = { ...FIRST, after: { note: "n", verdict: "false" } };
    expect(hashEvent(GENESIS_HASH, a)).toBe(hashEvent(GENESIS_HASH, b));
  });
});

describe("verifyChain", () => {
  it("accepts an empty log and reports its head", () => {
    expect(verifyChain([])).toEqual({ ok: true, events: 0, head: GENESIS_HASH });
    expect(verifyChain([], { head: GENESIS_HASH })).toEqual({ ok: true, events: 0, head: GENESIS_HASH });
  });

  it("accepts a valid chain and returns the last hash as head (property)", () => {
    fc.assert(
      fc.property(chainArb(0), (chain) => {
        const last = chain[chain.length - 1];
        expect(verifyChain(chain)).toEqual({ ok: true, events: chain.length, head: last?.hash ?? GENESIS_HASH });
        // A head recorded part-way through is fine: events were appended after it.
        const middle = chain[Math.floor(chain.length / 2)];
        if (middle) expect(verifyChain(chain, { head: middle.hash }).ok).toBe(true);
      }),
    );
  });

  it("continues from a verified prefix: the same verdict as a full check, and a break after it is named (property)", () => {
    fc.assert(
      fc.property(chainArb(2), fc.nat(), (chain, k) => {
        const cut = k % chain.length;
        const prefix = chain.slice(0, cut);
        const from = { seq: cut, hash: prefix[prefix.length - 1]?.hash ?? GENESIS_HASH };
        expect(verifyChain(chain.slice(cut), { from })).toEqual(verifyChain(chain));
        const tampered = chain.slice(cut).map((e, i) => (i === 0 ? { ...e, after: { changed: true } } : e));
        expect(verifyChain(tampered, { from })).toMatchObject({ ok: false, brokenAt: cut + 1 });
      }),
    );
  });

  it("names the tampered seq when any single field of any event changes (property)", () => {
    fc.assert(
      fc.property(chainArb(1), fc.nat(), fc.constantFrom(...FIELDS), (chain, k, field) => {
        const index = k % chain.length;
        const original = chain[index];
        if (!original) throw new Error("unreachable");
        const tampered = chain.map((e, i) => (i === index ? tamper(e, field) : e));
        const result = verifyChain(tampered);
        expect(result).toMatchObject({ ok: false, brokenAt: index + 1 });
      }),
    );
  });

  it("names the seq of a removed event, or catches a removed tail through the head (property)", () => {
    fc.assert(
      fc.property(chainArb(1), fc.nat(), (chain, k) => {
        const index = k % chain.length;
        const shortened = chain.filter((_, i) => i !== index);
        const fullHead = chain[chain.length - 1]?.hash;
        if (index < chain.length - 1) {
          expect(verifyChain(shortened)).toMatchObject({ ok: false, brokenAt: index + 1 });
        } else {
          expect(verifyChain(shortened).ok).toBe(true);
          const result = verifyChain(shortened, { head: fullHead });
          expect(result).toMatchObject({ ok: false, brokenAt: null });
          if (!result.ok) expect(result.reason).toMatch(/^truncated: the recorded head [0-9a-f]{64} is not in the log$/);
        }
      }),
    );
  });

  it("detects any truncated tail when the earlier head is given (property)", () => {
    fc.assert(
      fc.property(chainArb(1), fc.nat(), (chain, k) => {
        const keep = k % chain.length;
        const head = chain[chain.length - 1]?.hash;
        expect(verifyChain(chain.slice(0, keep), { head })).toMatchObject({ ok: false, brokenAt: null });
      }),
    );
  });

  it("names the earlier seq when two events swap places (property)", () => {
    fc.assert(
      fc.property(chainArb(2), fc.nat(), fc.nat(), (chain, x, y) => {
        const i = x % chain.length;
        const j = y % chain.length;
        fc.pre(i !== j);
        const swapped = [...chain];
        const [a, b] = [swapped[i], swapped[j]];
        if (!a || !b) throw new Error("unreachable");
        swapped[i] = b;
        swapped[j] = a;
        expect(verifyChain(swapped)).toMatchObject({ ok: false, brokenAt: Math.min(i, j) + 1 });
        // Renumbering the swapped rows to hide the gap still breaks the links.
        const renumbered = swapped.map((e, n) => ({ ...e, seq: n + 1 }));
        expect(verifyChain(renumbered)).toMatchObject({ ok: false, brokenAt: Math.min(i, j) + 1 });
      }),
    );
  });

  it("gives the same answer when fed in pages", () => {
    fc.assert(
      fc.property(chainArb(1), fc.integer({ min: 1, max: 3 }), (chain, pageSize) => {
        const verifier = createChainVerifier({ head: chain[0]?.hash });
        for (let i = 0; i < chain.length; i += pageSize) {
          for (const event of chain.slice(i, i + pageSize)) verifier.push(event);
        }
        expect(verifier.finish()).toEqual(verifyChain(chain, { head: chain[0]?.hash }));
      }),
    );
  });

  it("continues a chain from an existing head", () => {
    const [first] = chainEvents([FIRST]);
    if (!first) throw new Error("unreachable");
    const [second] = chainEvents([{ ...FIRST, seq: 2, after: { verdict: "true" } }], first.hash);
    if (!second) throw new Error("unreachable");
    expect(verifyChain([first, second])).toEqual({ ok: true, events: 2, head: second.hash });
  });
});

describe("hashEvent vectors", () => {
  it("hashes the UTF-8 bytes of non-ASCII content, with absent fields as null", () => {
    expect(canonicalJson({ ...SECOND, before: null })).toBe(
      '{"action":"source.added","actorId":null,"after":{"list":[true,null],"n":1.5,"title":"Café €5 😀"},' +
        '"articleId":null,"at":"2024-05-01T12:30:00.000Z","before":null,"entityId":"src_é","entityType":"source","seq":2}',
    );
    expect(hashEvent(FIRST_HASH, SECOND)).toBe(SECOND_HASH);
    // The same event after the genesis hash: prevHash is part of the hashed text.
    expect(hashEvent(GENESIS_HASH, SECOND)).toBe("aa3e67a07e6abefa964ce81d1ba0544a8baea098edcdd1666e1689ec4776379b");
  });

  it("links events with chainEvents to the known hashes", () => {
    expect(chainEvents([FIRST, SECOND])).toEqual([
      { ...FIRST, prevHash: GENESIS_HASH, hash: FIRST_HASH },
      { ...SECOND, prevHash: FIRST_HASH, hash: SECOND_HASH },
    ]);
  });
});

describe("isAuditAction", () => {
  it("accepts exactly the listed action names", () => {
    for (const action of AUDIT_ACTIONS) expect(isAuditAction(action)).toBe(true);
    expect(isAuditAction("claim.verdict_changed")).toBe(true);
    expect(isAuditAction("claim.exploded")).toBe(false);
    expect(isAuditAction("Claim.Created")).toBe(false);
    expect(isAuditAction("")).toBe(false);
    expect(isAuditAction(undefined)).toBe(false);
    expect(isAuditAction(null)).toBe(false);
    expect(isAuditAction(["claim.created"])).toBe(false);
  });
});

describe("verifyChain reasons", () => {
  const THIRD: AuditEventData = { ...FIRST, seq: 3, before: { verdict: "false" }, after: { verdict: "true" } };
  const FOURTH: AuditEventData = { ...FIRST, seq: 4, action: "claim.deleted", before: null, after: null };
  const chain = chainEvents([FIRST, SECOND, THIRD, FOURTH]);
  const [e1, e2, e3, e4] = chain;
  if (!e1 || !e2 || !e3 || !e4) throw new Error("unreachable");
  const OTHER = "f".repeat(64);

  it("names a gap as a missing event at the first absent seq", () => {
    expect(verifyChain([e1, e3, e4])).toEqual({
      ok: false,
      events: 3,
      brokenAt: 2,
      reason: "missing event: expected seq 2, found 3",
    });
    expect(verifyChain([e2, e3])).toEqual({
      ok: false,
      events: 2,
      brokenAt: 1,
      reason: "missing event: expected seq 1, found 2",
    });
  });

  it("names a repeated, lower or non-integer seq as out of order", () => {
    expect(verifyChain([e1, e1])).toEqual({
      ok: false,
      events: 2,
      brokenAt: 2,
      reason: "out of order: expected seq 2, found 1",
    });
    expect(verifyChain([e1, e2, e1])).toEqual({
      ok: false,
      events: 3,
      brokenAt: 3,
      reason: "out of order: expected seq 3, found 1",
    });
    expect(verifyChain([{ ...e1, seq: 0 }])).toMatchObject({ brokenAt: 1, reason: "out of order: expected seq 1, found 0" });
    // 1.5 is above the expected seq but is no seq at all, so it is not a gap.
    expect(verifyChain([{ ...e1, seq: 1.5 }])).toMatchObject({
      brokenAt: 1,
      reason: "out of order: expected seq 1, found 1.5",
    });
    expect(verifyChain([{ ...e1, seq: Number.NaN }])).toMatchObject({
      brokenAt: 1,
      reason: "out of order: expected seq 1, found NaN",
    });
  });

  it("names a swapped pair by the earlier seq as a missing event", () => {
    expect(verifyChain([e1, e3, e2, e4])).toEqual({
      ok: false,
      events: 4,
      brokenAt: 2,
      reason: "missing event: expected seq 2, found 3",
    });
  });

  it("names a wrong prevHash as a broken link, before looking at the hash", () => {
    expect(verifyChain([e1, { ...e2, prevHash: OTHER }, e3])).toEqual({
      ok: false,
      events: 3,
      brokenAt: 2,
      reason: "broken link at seq 2: prevHash does not match the hash of the previous event",
    });
    // An event moved to the right seq but still carrying its old link.
    expect(verifyChain([e1, { ...e3, seq: 2 }])).toMatchObject({
      brokenAt: 2,
      reason: "broken link at seq 2: prevHash does not match the hash of the previous event",
    });
  });

  it("names a wrong hash or edited content as a hash mismatch", () => {
    const mismatch = {
      ok: false,
      events: 4,
      brokenAt: 3,
      reason: "hash mismatch at seq 3: the event's content does not match its hash",
    };
    expect(verifyChain([e1, e2, { ...e3, hash: OTHER }, e4])).toEqual(mismatch);
    expect(verifyChain([e1, e2, { ...e3, after: { verdict: "mostly_true" } }, e4])).toEqual(mismatch);
    // Hashes are compared as written: an upper-case copy of the right hash does not match.
    expect(verifyChain([e1, e2, { ...e3, hash: e3.hash.toUpperCase() }, e4])).toEqual(mismatch);
  });

  it("reports the first break only, and counts the events after it", () => {
    expect(verifyChain([e1, { ...e2, hash: OTHER }, e1, e1, e1])).toEqual({
      ok: false,
      events: 5,
      brokenAt: 2,
      reason: "hash mismatch at seq 2: the event's content does not match its hash",
    });
  });

  it("reports a head that is not in the log as truncation, in lower case, and accepts any case of a present head", () => {
    expect(verifyChain(chain, { head: OTHER.toUpperCase() })).toEqual({
      ok: false,
      events: 4,
      brokenAt: null,
      reason: `truncated: the recorded head ${OTHER} is not in the log`,
    });
    expect(verifyChain(chain, { head: e2.hash.toUpperCase() })).toEqual({ ok: true, events: 4, head: e4.hash });
    expect(verifyChain([e1, e2], { head: FIRST_HASH })).toEqual({ ok: true, events: 2, head: SECOND_HASH });
    // A chain break wins over a missing head.
    expect(verifyChain([e1, e1], { head: OTHER })).toMatchObject({ brokenAt: 2 });
  });

  it("continues from a verified prefix: counts it, checks the link to it, and accepts its hash as head", () => {
    const from = { seq: 2, hash: SECOND_HASH };
    expect(verifyChain([e3, e4], { from })).toEqual({ ok: true, events: 4, head: e4.hash });
    expect(verifyChain([], { from })).toEqual({ ok: true, events: 2, head: SECOND_HASH });
    expect(verifyChain([], { from, head: SECOND_HASH.toUpperCase() })).toEqual({ ok: true, events: 2, head: SECOND_HASH });
    expect(verifyChain([e3], { from, head: e4.hash })).toEqual({
      ok: false,
      events: 3,
      brokenAt: null,
      reason: `truncated: the recorded head ${e4.hash} is not in the log`,
    });
    expect(verifyChain([e3, e4], { from: { seq: 2, hash: FIRST_HASH } })).toEqual({
      ok: false,
      events: 4,
      brokenAt: 3,
      reason: "broken link at seq 3: prevHash does not match the hash of the previous event",
    });
    expect(verifyChain([e4], { from })).toEqual({
      ok: false,
      events: 3,
      brokenAt: 3,
      reason: "missing event: expected seq 3, found 4",
    });
    expect(verifyChain([e2, e3], { from })).toEqual({
      ok: false,
      events: 4,
      brokenAt: 3,
      reason: "out of order: expected seq 3, found 2",
    });
  });

  it("keeps state across pages: finish part-way gives the head so far, and a break stays broken", () => {
    const verifier = createChainVerifier();
    verifier.push(e1);
    verifier.push(e2);
    expect(verifier.finish()).toEqual({ ok: true, events: 2, head: SECOND_HASH });
    verifier.push(e3);
    verifier.push(e4);
    expect(verifier.finish()).toEqual({ ok: true, events: 4, head: e4.hash });

    const broken = createChainVerifier({ head: e4.hash });
    broken.push(e1);
    broken.push({ ...e2, prevHash: OTHER });
    broken.push(e3);
    broken.push(e4);
    expect(broken.finish()).toEqual({
      ok: false,
      events: 4,
      brokenAt: 2,
      reason: "broken link at seq 2: prevHash does not match the hash of the previous event",
    });
  });
});
