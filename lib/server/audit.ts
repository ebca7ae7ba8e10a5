// The audit trail's write and read side. Every audited change runs inside `audited()`: one database
// transaction that holds the audit append lock, makes the change, and appends its events, so a change
// and its events commit or roll back together, and sequence numbers stay gapless. Once it has
// committed, the articles it touched are announced to live pages (lib/server/live).
import type { AuditAction } from "@/lib/core/audit-chain";
import { GENESIS_HASH, createChainVerifier, hashEvent, type AuditEventData } from "@/lib/core/audit-chain";
import { canonicalJson } from "@/lib/core/canonical-json";
import { LOCKS, db, serialisedTransaction, type Tx } from "./db";
import { announce } from "./live";

export interface AuditInput {
  action: AuditAction;
  entityType: "user" | "token" | "article" | "claim" | "source" | "assignment" | "assessment" | "comment";
  entityId: string;
  articleId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditContext {
  tx: Tx;
  record: (event: AuditInput) => Promise<void>;
}

/** Runs `work` in one transaction with the audit append lock held; `record` appends events in order. */
export async function audited<T>(actorId: string | null, work: (ctx: AuditContext) => Promise<T>): Promise<T> {
  const articles = new Set<string>();
  const result = await serialisedTransaction(LOCKS.auditAppend, async (tx) => {
    let last: { seq: number; hash: string } | null | undefined;
    const record = async (event: AuditInput) => {
      last ??= await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
      const data: AuditEventData = {
        seq: (last?.seq ?? 0) + 1,
        at: new Date().toISOString(),
        actorId,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId,
        articleId: event.articleId ?? null,
        before: jsonSafe(event.before),
        after: jsonSafe(event.after),
      };
      const prevHash = last?.hash ?? GENESIS_HASH;
      const hash = hashEvent(prevHash, data);
      await tx.auditEvent.create({
        data: {
          ...data,
          at: new Date(data.at),
          before: data.before === null ? null : canonicalJson(data.before),
          after: data.after === null ? null : canonicalJson(data.after),
          prevHash,
          hash,
        },
      });
      last = { seq: data.seq, hash };
      if (data.articleId) articles.add(data.articleId);
    };
    return work({ tx, record });
  });
  // Committed: the article pages open elsewhere may fetch what changed (lib/server/live).
  announce(articles);
  return result;
}

/** Dates become ISO strings and undefined becomes null, so what is hashed is exactly what is stored. */
function jsonSafe(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as unknown;
}

export interface AuditEventView {
  seq: number;
  at: string;
  actor: { id: string; name: string } | null;
  action: string;
  entity: { type: string; id: string };
  articleId: string | null;
  before: unknown;
  after: unknown;
  hash: string;
}

type AuditRow = {
  seq: number;
  at: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  articleId: string | null;
  before: string | null;
  after: string | null;
  prevHash: string;
  hash: string;
};

function toData(row: AuditRow): AuditEventData & { prevHash: string; hash: string } {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actorId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    articleId: row.articleId,
    before: JSON.parse(row.before ?? "null") as unknown,
    after: JSON.parse(row.after ?? "null") as unknown,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

export async function listAuditEvents(where: {
  articleId?: string;
  entity?: { type: string; id: string };
  entityIds?: string[];
  afterSeq?: number;
  limit?: number;
}): Promise<AuditEventView[]> {
  const rows = await db().auditEvent.findMany({
    where: {
      ...(where.articleId ? { articleId: where.articleId } : {}),
      ...(where.entity ? { entityType: where.entity.type, entityId: where.entity.id } : {}),
      ...(where.entityIds ? { entityId: { in: where.entityIds } } : {}),
      ...(where.afterSeq ? { seq: { gt: where.afterSeq } } : {}),
    },
    // Stryker disable next-line ObjectLiteral: equivalent on SQLite, the mutation run's only database, where seq is the rowid and rows are read in its order; audit.test's edited-event test catches it on PostgreSQL
    orderBy: { seq: "asc" },
    take: where.limit,
    include: { actor: { select: { id: true, name: true } } },
  });
  return rows.map((row) => {
    const data = toData(row);
    return {
      seq: data.seq,
      at: data.at,
      actor: row.actor,
      action: data.action,
      entity: { type: data.entityType, id: data.entityId },
      articleId: data.articleId,
      before: data.before,
      after: data.after,
      hash: data.hash,
    };
  });
}

export type ChainReport =
  | { ok: true; events: number; head: string }
  | { ok: false; events: number; brokenAt: number | null; reason: string };

// The last head this process verified, per database client. A later verification starts from it and
// recomputes only the events appended since, so asking again (any viewer may) costs little.
//
// Trusting the prefix is sound as far as the database's own guard goes: the UPDATE/DELETE (and, on
// PostgreSQL, TRUNCATE) triggers refuse every change to an existing audit row, so what verified once
// still holds; and the cached head row is re-read and must keep its hash, which catches a truncated or
// rewritten log end. Someone who can drop the triggers (the database owner) could still rewrite an
// old event without this process noticing until a full verification: the CLI's `audit verify` and
// `verifyAuditChain({ full: true })` always recompute everything, and a restart forgets the cache.
const verifiedHeads = new WeakMap<object, { seq: number; hash: string }>();

async function trustedPrefix(): Promise<{ seq: number; hash: string } | undefined> {
  const cached = verifiedHeads.get(db());
  if (!cached) return undefined;
  const row = await db().auditEvent.findUnique({ where: { seq: cached.seq }, select: { hash: true } });
  return row?.hash === cached.hash ? cached : undefined;
}

/**
 * Recomputes the chain page by page, so memory stays flat however long the log is: all of it with
 * `full` or a recorded `head` to look for, otherwise only what was appended since this process last
 * verified it (see verifiedHeads).
 */
export async function verifyAuditChain(opts: { head?: string; full?: boolean } = {}): Promise<ChainReport> {
  const client = db();
  const from = opts.full || opts.head !== undefined ? undefined : await trustedPrefix();
  const verifier = createChainVerifier(from ? { from } : { head: opts.head });
  const pageSize = 2000;
  let afterSeq = from?.seq ?? 0;
  for (;;) {
    const rows = await db().auditEvent.findMany({
      where: { seq: { gt: afterSeq } },
      // Stryker disable next-line ObjectLiteral: equivalent while Prisma orders a query with take by its primary key (seq) on its own; asked for anyway, as Prisma does not promise that order
      orderBy: { seq: "asc" },
      take: pageSize,
    });
    for (const row of rows) verifier.push(toData(row));
    if (rows.length < pageSize) break;
    afterSeq = rows[rows.length - 1]!.seq;
  }
  const report = verifier.finish();
  if (report.ok) verifiedHeads.set(client, { seq: report.events, hash: report.head });
  else verifiedHeads.delete(client);
  return report;
}

export async function auditHead(): Promise<{ events: number; head: string }> {
  const last = await db().auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  return { events: last?.seq ?? 0, head: last?.hash ?? GENESIS_HASH };
}
