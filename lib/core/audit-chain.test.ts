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
