// Tamper-evident audit log: each event's hash covers the previous hash, so editing, removing or reordering
// any row breaks every later link. hash = lowercase hex SHA-256 over the UTF-8 bytes of
// prevHash + canonicalJson({seq, at, actorId, action, entityType, entityId, articleId, before, after}).
// canonicalJson is RFC 8785 (JCS); the first event's prevHash is 64 zeros; absent actorId, articleId,
// before and after are null. Exactly these nine fields are hashed, never prevHash, hash or row ids.

import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";

export const AUDIT_ACTIONS = [
  "user.created",
  "user.updated",
  "user.disabled",
  "user.enabled",
  "user.password_changed",
  "user.password_reset",
  "token.created",
  "token.revoked",
  "article.created",
  "article.updated",
  "article.annotations_imported",
  "article.revised",
  "claim.created",
  "claim.updated",
  "claim.status_changed",
  "claim.verdict_changed",
  "claim.final_proposed",
  "claim.approved",
  "claim.corrected",
  "claim.deleted",
  "claim.restored",
  "claim.reanchored",
  "source.added",
  "source.updated",
  "source.removed",
  "assignment.created",
  "assignment.updated",
  "assignment.removed",
  "assessment.submitted",
  "assessment.revised",
  "comment.added",
  "comment.edited",
  "comment.deleted",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(x: unknown): x is AuditAction {
  return typeof x === "string" && (AUDIT_ACTIONS as readonly string[]).includes(x);
}

export interface AuditEventData {
  seq: number;
  /** ISO-8601 UTC with milliseconds, e.g. 2024-05-01T12:00:00.000Z. */
  at: string;
  actorId: string | null;
  /** One of AUDIT_ACTIONS when written; a string when read back, so unknown values can be reported. */
  action: string;
  entityType: string;
  entityId: string;
  articleId: string | null;
  before: unknown;
  after: unknown;
}

export type ChainedAuditEvent = AuditEventData & { prevHash: string; hash: string };

export const GENESIS_HASH = "0".repeat(64);

/** The hash of one event given the hash before it; see the header for the exact definition. */
export function hashEvent(prevHash: string, event: AuditEventData): string {
  const hashed = {
    seq: event.seq,
    at: event.at,
    actorId: event.actorId ?? null,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    articleId: event.articleId ?? null,
    before: event.before ?? null,
    after: event.after ?? null,
  };
  return createHash("sha256")
    .update(prevHash + canonicalJson(hashed), "utf8")
    .digest("hex");
}

export type ChainVerdict =
  | { ok: true; events: number; head: string }
  | { ok: false; events: number; brokenAt: number | null; reason: string };

export interface ChainVerifierOptions {
  /** A head hash recorded elsewhere earlier; if the log no longer contains it, the log was truncated. */
  head?: string;
  /**
   * Continue after a prefix already verified: its last event's seq and hash. Only the events after it
   * are pushed and checked; `events` in the verdict still counts the whole log.
   */
  from?: { seq: number; hash: string };
}

export interface ChainVerifier {
  /** Feed the next event in seq order. Events after the first break are counted but not checked. */
  push(event: ChainedAuditEvent): void;
  finish(): ChainVerdict;
}

/**
 * Incremental verifier for logs too big to hold in memory: push pages of events in seq order, then call
 * finish. On failure, brokenAt is the first seq that cannot be trusted (the seq expected at that point).
 * `events` counts every event pushed.
 */
export function createChainVerifier(opts: ChainVerifierOptions = {}): ChainVerifier {
  const wantedHead = opts.head?.toLowerCase();
  let prevHash = opts.from?.hash ?? GENESIS_HASH;
  let headSeen = wantedHead === prevHash;
  let expectedSeq = (opts.from?.seq ?? 0) + 1;
  let count = opts.from?.seq ?? 0;
  let failure: { brokenAt: number; reason: string } | null = null;

  return {
    push(event) {
      count++;
      if (failure) return;
      if (event.seq !== expectedSeq) {
        failure = {
          brokenAt: expectedSeq,
          reason:
            event.seq > expectedSeq && Number.isInteger(event.seq)
              ? `missing event: expected seq ${expectedSeq}, found ${event.seq}`
              : `out of order: expected seq ${expectedSeq}, found ${String(event.seq)}`,
        };
        return;
      }
      if (event.prevHash !== prevHash) {
        failure = {
          brokenAt: expectedSeq,
          reason: `broken link at seq ${expectedSeq}: prevHash does not match the hash of the previous event`,
        };
        return;
      }
      if (hashEvent(prevHash, event) !== event.hash) {
        failure = {
          brokenAt: expectedSeq,
          reason: `hash mismatch at seq ${expectedSeq}: the event's content does not match its hash`,
        };
        return;
      }
      if (event.hash === wantedHead) headSeen = true;
      prevHash = event.hash;
      expectedSeq++;
    },
    finish() {
      if (failure) return { ok: false, events: count, ...failure };
      if (wantedHead !== undefined && !headSeen) {
        return {
          ok: false,
          events: count,
          brokenAt: null,
          reason: `truncated: the recorded head ${wantedHead} is not in the log`,
        };
      }
      return { ok: true, events: count, head: prevHash };
    },
  };
}

/** Verifies a whole chain given in seq order; see createChainVerifier for the paged form. */
export function verifyChain(events: Iterable<ChainedAuditEvent>, opts: ChainVerifierOptions = {}): ChainVerdict {
  const verifier = createChainVerifier(opts);
  for (const event of events) verifier.push(event);
  return verifier.finish();
}

/** Links new events onto a chain: fills prevHash and hash. Used by writers and by tests. */
export function chainEvents(events: Iterable<AuditEventData>, prevHash: string = GENESIS_HASH): ChainedAuditEvent[] {
  const chained: ChainedAuditEvent[] = [];
  let prev = prevHash;
  for (const event of events) {
    const hash = hashEvent(prev, event);
    chained.push({ ...event, prevHash: prev, hash });
    prev = hash;
  }
  return chained;
}
