// The audit append and its read side against real databases: what is stored is exactly what is hashed
// (canonical JSON, null for nothing), sequence numbers continue and each event names the hash before
// it, the listing filters as asked, and the verifier reports the head it checked.
import { createHash } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { chainEvents } from "@/lib/core/audit-chain";
import type { Actor } from "./actor";
import { audited, auditHead, listAuditEvents, verifyAuditChain } from "./audit";
import { db } from "./db";
import { describeOnDatabases, seedUser, tamperWithAuditEvent } from "./test-databases";

const ZEROS = "0".repeat(64);
// Matchers typed as the strings they stand for.
const aString = expect.any(String) as unknown as string;
const aHash = expect.stringMatching(/^[0-9a-f]{64}$/) as unknown as string;

/** The chain's hash, computed apart from the code under test for flat events (keys already sorted). */
function expectedHash(prevHash: string, e: { seq: number; at: string; actorId: string | null; action: string; entityType: string; entityId: string; articleId: string | null; before: string; after: string }) {
  const json = `{"action":"${e.action}","actorId":${e.actorId === null ? "null" : `"${e.actorId}"`},"after":${e.after},"articleId":${e.articleId === null ? "null" : `"${e.articleId}"`},"at":"${e.at}","before":${e.before},"entityId":"${e.entityId}","entityType":"${e.entityType}","seq":${e.seq}}`;
  return createHash("sha256").update(prevHash + json, "utf8").digest("hex");
}

describeOnDatabases("audit trail", () => {
  let ann: Actor;

  beforeAll(async () => {
    ann = await seedUser("ann@test.org", "Ann", "editor");
  });

  it("starts empty at the genesis head, then appends events numbered from 1, each naming the hash before it", async () => {
    expect(await auditHead()).toEqual({ events: 0, head: ZEROS });
    expect(await verifyAuditChain()).toEqual({ ok: true, events: 0, head: ZEROS });

    const result = await audited(ann.id, async ({ record }) => {
      await record({ action: "article.created", entityType: "article", entityId: "a1", articleId: "a1", after: { title: "T", b: 2 } });
      await record({ action: "claim.created", entityType: "claim", entityId: "c1", before: { z: [1, "x"], a: new Date(Date.UTC(2026, 0, 2)) } });
      return "done";
    });
    expect(result).toBe("done");

    const rows = await db().auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.seq, r.actorId, r.action, r.entityType, r.entityId, r.articleId, r.before, r.after])).toEqual([
      [1, ann.id, "article.created", "article", "a1", "a1", null, '{"b":2,"title":"T"}'],
      [2, ann.id, "claim.created", "claim", "c1", null, '{"a":"2026-01-02T00:00:00.000Z","z":[1,"x"]}', null],
    ]);
    const [first, second] = rows as [(typeof rows)[number], (typeof rows)[number]];
    expect(first.prevHash).toBe(ZEROS);
    expect(first.hash).toBe(
      expectedHash(ZEROS, { seq: 1, at: first.at.toISOString(), actorId: ann.id, action: "article.created", entityType: "article", entityId: "a1", articleId: "a1", before: "null", after: '{"b":2,"title":"T"}' }),
    );
    expect(second.prevHash).toBe(first.hash);
    expect(second.hash).toBe(
      expectedHash(first.hash, { seq: 2, at: second.at.toISOString(), actorId: ann.id, action: "claim.created", entityType: "claim", entityId: "c1", articleId: null, before: '{"a":"2026-01-02T00:00:00.000Z","z":[1,"x"]}', after: "null" }),
    );
    expect(Math.abs(first.at.getTime() - Date.now())).toBeLessThan(60_000);

    expect(await auditHead()).toEqual({ events: 2, head: second.hash });
    expect(await verifyAuditChain()).toEqual({ ok: true, events: 2, head: second.hash });
    expect(await verifyAuditChain({ head: second.hash })).toEqual({ ok: true, events: 2, head: second.hash });
    expect(await verifyAuditChain({ head: first.hash })).toEqual({ ok: true, events: 2, head: second.hash });
    // A head recorded elsewhere that the log does not hold: the log was cut or rewritten.
    expect(await verifyAuditChain({ head: "f".repeat(64) })).toMatchObject({ ok: false, events: 2 });

    // The next transaction continues the numbering; an actor-less (system) event has a null actor.
    await audited(null, ({ record }) => record({ action: "user.created", entityType: "user", entityId: "u9" }));
    const third = await db().auditEvent.findUniqueOrThrow({ where: { seq: 3 } });
    expect([third.actorId, third.prevHash, third.before, third.after]).toEqual([null, second.hash, null, null]);
  });

  it("writes nothing when the work fails, and the next event takes the next number", async () => {
    const before = await auditHead();
    await expect(
      audited(ann.id, async ({ record }) => {
        await record({ action: "claim.updated", entityType: "claim", entityId: "c1" });
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await auditHead()).toEqual(before);
    await audited(ann.id, ({ record }) => record({ action: "claim.updated", entityType: "claim", entityId: "c1" }));
    const head = await auditHead();
    expect(head.events).toBe(before.events + 1);
    expect((await db().auditEvent.findUniqueOrThrow({ where: { seq: head.events } })).prevHash).toBe(before.head);
  });

  it("lists events in order, with the actor's name and the snapshots parsed, filtered as asked", async () => {
    await audited(ann.id, async ({ record }) => {
      await record({ action: "claim.created", entityType: "claim", entityId: "L1", articleId: "LA", after: { n: 1 } });
      await record({ action: "source.added", entityType: "source", entityId: "L2", articleId: "LA", after: { n: 2 } });
      await record({ action: "claim.created", entityType: "claim", entityId: "L3", articleId: "LB", before: { n: 0 }, after: { n: 3 } });
    });
    const all = await listAuditEvents({ articleId: "LA" });
    const base = all[0]!.seq;
    expect(all).toEqual([
      { seq: base, at: aString, actor: { id: ann.id, name: "Ann" }, action: "claim.created", entity: { type: "claim", id: "L1" }, articleId: "LA", before: null, after: { n: 1 }, hash: aHash },
      { seq: base + 1, at: aString, actor: { id: ann.id, name: "Ann" }, action: "source.added", entity: { type: "source", id: "L2" }, articleId: "LA", before: null, after: { n: 2 }, hash: aHash },
    ]);
    expect(all[0]!.at).toBe((await db().auditEvent.findUniqueOrThrow({ where: { seq: base } })).at.toISOString());
    const ids = async (where: Parameters<typeof listAuditEvents>[0]) => (await listAuditEvents(where)).map((e) => e.entity.id);
    expect(await ids({ entity: { type: "claim", id: "L3" } })).toEqual(["L3"]);
    expect(await ids({ entity: { type: "source", id: "L3" } })).toEqual([]);
    expect(await ids({ entityIds: ["L1", "L3"] })).toEqual(["L1", "L3"]);
    expect(await ids({ entityIds: ["L1", "L2", "L3"], afterSeq: base })).toEqual(["L2", "L3"]);
    expect(await ids({ entityIds: ["L1", "L2", "L3"], limit: 2 })).toEqual(["L1", "L2"]);
    expect((await listAuditEvents({ entity: { type: "claim", id: "L3" } }))[0]).toMatchObject({ articleId: "LB", before: { n: 0 }, after: { n: 3 } });
    expect((await listAuditEvents({})).map((e) => e.seq)).toEqual(Array.from({ length: base + 2 }, (_, i) => i + 1));
  });
});

/**
 * A valid chain of `count` events written straight to the table in one statement: far quicker than
 * appending thousands one by one, and it leaves the append out of these tests.
 */
async function writeChain(count: number) {
  const events = chainEvents(
    Array.from({ length: count }, (_, i) => ({ seq: i + 1, at: "2026-01-02T03:04:05.678Z", actorId: null, action: "claim.updated", entityType: "claim", entityId: `c${i + 1}`, articleId: null, before: null, after: null })),
  );
  await db().auditEvent.createMany({ data: events.map((e) => ({ ...e, at: new Date(e.at), before: null, after: null })) });
}

const hashAt = async (seq: number) => (await db().auditEvent.findUniqueOrThrow({ where: { seq } })).hash;

// Each scenario on a database of its own: a broken chain stays broken.
describeOnDatabases("audit chain longer than one page", () => {
  it("verifies every event of a log longer than the 2,000 read at a time, and finds a recorded head on the second page", async () => {
    await writeChain(2001);
    const head = await hashAt(2001);
    expect(await verifyAuditChain({ full: true })).toEqual({ ok: true, events: 2001, head });
    expect(await verifyAuditChain({ head: await hashAt(1) })).toEqual({ ok: true, events: 2001, head });
    expect(await verifyAuditChain({ head })).toEqual({ ok: true, events: 2001, head });
  });
});

describeOnDatabases("audit chain with a missing event", () => {
  it("reports the missing event on every verification, not trusting what a failed one read", async () => {
    await writeChain(3);
    // An event written straight into the table after a gap (inserting is all the triggers allow).
    await db().auditEvent.create({
      data: { seq: 5, at: new Date(), actorId: null, action: "claim.updated", entityType: "claim", entityId: "forged", prevHash: await hashAt(3), hash: "e".repeat(64) },
    });
    const report = { ok: false, events: 4, brokenAt: 4, reason: "missing event: expected seq 4, found 5" };
    expect(await verifyAuditChain()).toEqual(report);
    expect(await verifyAuditChain()).toEqual(report);
    expect(await verifyAuditChain({ full: true })).toEqual(report);
  });
});

describeOnDatabases("audit chain with an edited event", () => {
  it("reports an event edited behind the triggers at its own seq, and still lists the events in seq order", async () => {
    await writeChain(4);
    // The edited row's new version is stored after the others on PostgreSQL (an indexed column changed),
    // so the table no longer returns its rows in seq order unless asked to.
    await tamperWithAuditEvent(2, "entityId", "c20");
    expect(await verifyAuditChain({ full: true })).toEqual({
      ok: false,
      events: 4,
      brokenAt: 2,
      reason: "hash mismatch at seq 2: the event's content does not match its hash",
    });
    expect((await listAuditEvents({})).map((e) => [e.seq, e.entity.id])).toEqual([
      [1, "c1"],
      [2, "c20"],
      [3, "c3"],
      [4, "c4"],
    ]);
  });
});
