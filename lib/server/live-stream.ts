// One open article page's live feed (`GET /api/v1/articles/{id}/events`, Server-Sent Events): what
// changed on the article since the page was drawn, and who else has it open.
//
// A change is sent as the audit event's number, action and what it is about (`{seq, action, entity,
// claimId, actor}`), never its content: the page fetches what it shows through the ordinary API and
// server actions, which apply roles, blind review and the public/internal rules themselves. The
// events the reader may not see (blind review: others' assessments and comments) are not sent at all,
// by the same rule as the audit API (withoutHiddenEvents). A reconnecting browser sends the last
// number it got (Last-Event-ID) and receives what it missed, from the audit trail itself.
//
// Presence: while the stream is open, a row says who has the article open, refreshed every heartbeat;
// closing the stream removes it, and a row not refreshed (a server that died) stops counting after
// PRESENCE_TTL_MS, so a closed tab leaves the list within half a minute at most.
import { assertCan, type Actor } from "./actor";
import { withoutHiddenEvents } from "./assessments";
import { auditHead, listAuditEvents, type AuditEventView } from "./audit";
import { db } from "./db";
import { notFound } from "./errors";
import { newId } from "./ids";
import { announce, subscribe, type Wake } from "./live";

export const HEARTBEAT_MS = 8_000;
export const PRESENCE_TTL_MS = 20_000;
/** A stream ends after this long and the browser reconnects at once, signed in afresh: a session ended meanwhile stops the feed. */
export const STREAM_MAX_MS = 5 * 60_000;

export interface LiveChange {
  seq: number;
  action: string;
  entity: { type: string; id: string };
  /** The claim the change concerns (the claim itself, or its source, assessment, comment or assignment), if any. */
  claimId: string | null;
  actor: { id: string; name: string } | null;
}

export interface LivePresence {
  users: { id: string; name: string }[];
}

function claimOf(event: AuditEventView): string | null {
  if (event.entity.type === "claim") return event.entity.id;
  const snapshot = (event.after ?? event.before) as { claimId?: unknown } | null;
  return typeof snapshot?.claimId === "string" ? snapshot.claimId : null;
}

export function liveChange(event: AuditEventView): LiveChange {
  return { seq: event.seq, action: event.action, entity: event.entity, claimId: claimOf(event), actor: event.actor };
}

/** Who has the article open now, each person once, by name. */
export async function presentOn(articleId: string, now = Date.now()): Promise<LivePresence> {
  const rows = await db().presence.findMany({
    where: { articleId, seenAt: { gt: new Date(now - PRESENCE_TTL_MS) } },
    select: { user: { select: { id: true, name: true } } },
  });
  const users = [...new Map(rows.map((r) => [r.user.id, r.user])).values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { users };
}

/**
 * Opens the live feed of an article for the actor. `since`: the last audit sequence number the page
 * knows (the page's own, or Last-Event-ID); without it, from now on. `signal` ends it (the browser left).
 */
export async function openArticleEvents(actor: Actor, articleId: string, opts: { since?: number; signal?: AbortSignal } = {}): Promise<ReadableStream<Uint8Array>> {
  assertCan(actor, "article.read");
  const article = await db().article.findUnique({ where: { id: articleId }, select: { id: true } });
  if (!article) throw notFound("The article");
  let cursor = opts.since ?? (await auditHead()).events;
  const presenceId = newId();
  const encoder = new TextEncoder();
  let closed = false;
  let queued = false;
  let chain: Promise<void> = Promise.resolve();
  let lastPresence = "";
  let heartbeat: NodeJS.Timeout | undefined;
  let lifetime: NodeJS.Timeout | undefined;
  let unsubscribe = () => {};
  // Set once the stream starts: what the browser's leaving (cancel) runs.
  let closeStream = async () => {};

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          void close();
        }
      };

      const catchUp = async () => {
        const events = await listAuditEvents({ articleId, afterSeq: cursor, limit: 500 });
        if (events.length === 0) return;
        const { items } = await withoutHiddenEvents(actor, events);
        for (const event of items) send(`id: ${event.seq}\nevent: change\ndata: ${JSON.stringify(liveChange(event))}\n\n`);
        cursor = events[events.length - 1]!.seq;
        // More than a page behind: the rest on the next turn.
        if (events.length === 500) schedule({ articleId });
      };

      const presence = async () => {
        const now = await presentOn(articleId);
        const text = JSON.stringify(now);
        if (text === lastPresence) return;
        lastPresence = text;
        send(`event: presence\ndata: ${text}\n\n`);
      };

      // One piece of work at a time, in order; wakes that arrive meanwhile fold into one more turn.
      const schedule = (wake: Wake) => {
        if (closed || (wake.articleId !== null && wake.articleId !== articleId)) return;
        if (queued) return;
        queued = true;
        chain = chain
          .then(async () => {
            queued = false;
            if (closed) return;
            await catchUp();
            await presence();
          })
          .catch(() => {
            queued = false;
          });
      };

      const close = async () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the browser
        }
        await db().presence.deleteMany({ where: { id: presenceId } }).catch(() => undefined);
        announce([articleId], { presence: true });
      };

      unsubscribe = subscribe(schedule);
      opts.signal?.addEventListener("abort", () => void close());
      // Reconnect after 2 s when the connection drops; the first comment line also flushes the headers.
      send("retry: 2000\n: connected\n\n");
      heartbeat = setInterval(() => {
        send(": heartbeat\n\n");
        void db()
          .presence.upsert({ where: { id: presenceId }, create: { id: presenceId, articleId, userId: actor.id, seenAt: new Date() }, update: { seenAt: new Date() } })
          .then(() => db().presence.deleteMany({ where: { seenAt: { lt: new Date(Date.now() - 3 * PRESENCE_TTL_MS) } } }))
          .catch(() => undefined)
          .finally(() => schedule({ articleId }));
      }, HEARTBEAT_MS);
      lifetime = setTimeout(() => void close(), STREAM_MAX_MS);
      void db()
        .presence.create({ data: { id: presenceId, articleId, userId: actor.id, seenAt: new Date() } })
        .catch(() => undefined)
        .finally(() => {
          announce([articleId], { presence: true });
          schedule({ articleId });
        });
      closeStream = close;
    },
    cancel() {
      void closeStream();
    },
  });
}
