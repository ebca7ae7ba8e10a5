// Readable history for the claim panel and the article activity page: audit events with the actor's
// name, a one-line description and the before/after difference, computed by the pure core.
import { diffValues, describeAuditEvent, type FieldChange } from "@/lib/core/audit-diff";
import { assertCan, type Actor } from "./actor";
import { withoutHiddenEvents } from "./assessments";
import { listAuditEvents, type AuditEventView } from "./audit";
import { db } from "./db";
import { notFound } from "./errors";

export interface HistoryEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: { type: string; id: string };
  summary: string;
  changes: FieldChange[];
  hash: string;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

export function toHistoryEntry(event: AuditEventView): HistoryEntry {
  const changes = diffValues(asRecord(event.before), asRecord(event.after)).filter((c) => c.field !== "version");
  return {
    seq: event.seq,
    at: event.at,
    actor: event.actor?.name ?? "Command line",
    action: event.action,
    entity: event.entity,
    summary: describeAuditEvent(event.action, changes),
    changes,
    hash: event.hash,
  };
}

/** Events about one claim, its sources, assignments, assessments and comments (those the actor may see), oldest first. */
export async function claimHistory(actor: Actor, claimId: string): Promise<HistoryEntry[]> {
  assertCan(actor, "audit.read");
  const claim = await db().claim.findUnique({ where: { id: claimId }, select: { articleId: true } });
  if (!claim) throw notFound("The claim");
  const events = (await listAuditEvents({ articleId: claim.articleId }))
    .filter((e) => {
      if (e.entity.type === "claim") return e.entity.id === claimId;
      // A source's, a claim assignment's, an assessment's and a comment's events name the claim in their snapshots.
      if (!["source", "assignment", "assessment", "comment"].includes(e.entity.type)) return false;
      return (asRecord(e.after) ?? asRecord(e.before))?.claimId === claimId;
    });
  return (await withoutHiddenEvents(actor, events)).items.map(toHistoryEntry);
}

export async function articleHistory(actor: Actor, articleId: string): Promise<HistoryEntry[]> {
  assertCan(actor, "audit.read");
  return (await withoutHiddenEvents(actor, await listAuditEvents({ articleId }))).items.map(toHistoryEntry);
}
