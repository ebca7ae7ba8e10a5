// Live updates' bus: wakes every open article page's event stream (lib/server/live-stream.ts) when
// something may have changed. A wake carries no content, only which article (or "any") and up to which
// audit sequence number: each stream then reads the audit trail itself, with the reader's own
// permissions, so the bus never needs to know who may see what.
//
// Where wakes come from:
// - this process, after a change's transaction commits (lib/server/audit's audited(): never inside it,
//   so a rolled-back change is never announced);
// - on PostgreSQL, the other processes (servers and the CLI), through NOTIFY on one channel, heard by
//   LISTEN on a dedicated connection of each server process with an open stream (not Prisma's pool);
// - a poll of the audit trail's head while any stream is open (every second on SQLite, where the CLI
//   or another process may write; every 5 s on PostgreSQL, in case a notification was missed while the
//   listening connection was down). A wake that finds nothing new costs one small query per stream.
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import pg from "pg";
import { db, dbProvider, dbTarget } from "./db";

export interface Wake {
  /** The article whose events grew, or null: any article may have changed. */
  articleId: string | null;
  /** Presence changed (someone opened or left the article). */
  presence?: boolean;
}

const CHANNEL = "factcheck_live";
const POLL_MS = { sqlite: 1_000, postgresql: 5_000 } as const;

interface Bus {
  emitter: EventEmitter;
  subscribers: number;
  poll: NodeJS.Timeout | null;
  head: number | null;
  listener: pg.Client | null;
  connecting: Promise<pg.Client | null> | null;
  /** Names this process in its notifications, so it skips its own. */
  origin: string;
}

const globalForLive = globalThis as unknown as { factcheckLive?: Bus };

function bus(): Bus {
  if (!globalForLive.factcheckLive) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    globalForLive.factcheckLive = { emitter, subscribers: 0, poll: null, head: null, listener: null, connecting: null, origin: randomUUID() };
  }
  return globalForLive.factcheckLive;
}

function emit(wake: Wake) {
  bus().emitter.emit("wake", wake);
}

/**
 * Announces, after their transaction committed, that these articles' audit trails grew (or that
 * presence on them changed): here at once, and to the other processes on PostgreSQL.
 */
export function announce(articleIds: Iterable<string>, opts: { presence?: boolean } = {}): void {
  const ids = [...new Set(articleIds)];
  if (ids.length === 0) return;
  for (const articleId of ids) emit({ articleId, ...(opts.presence ? { presence: true } : {}) });
  if (dbProvider() !== "postgresql") return;
  // Through the ordinary pool, so a process that never listens (the CLI) opens no extra connection and
  // exits when done. Payloads stay far below PostgreSQL's 8,000-byte limit: an id and a flag.
  const origin = bus().origin;
  void (async () => {
    for (const articleId of ids) {
      const payload = JSON.stringify({ a: articleId, p: opts.presence ? 1 : 0, o: origin });
      await db().$executeRaw`SELECT pg_notify(${CHANNEL}, ${payload})`.catch(() => undefined);
    }
  })();
}

/** Calls `onWake` for every wake until the returned function is called. */
export function subscribe(onWake: (wake: Wake) => void): () => void {
  const b = bus();
  b.emitter.on("wake", onWake);
  b.subscribers++;
  startPolling();
  if (dbProvider() === "postgresql") void listenerClient();
  let done = false;
  return () => {
    if (done) return;
    done = true;
    b.emitter.off("wake", onWake);
    b.subscribers--;
    if (b.subscribers === 0) {
      stopPolling();
      // Nobody here listens any more: the connection is given back (the next stream opens another).
      const client = b.listener;
      b.listener = null;
      if (client) {
        client.removeAllListeners();
        client.on("error", () => undefined);
        void client.end().catch(() => undefined);
      }
    }
  };
}

function startPolling() {
  const b = bus();
  if (b.poll) return;
  b.poll = setInterval(() => void pollHead(), POLL_MS[dbProvider()]);
  b.poll.unref();
  void pollHead();
}

function stopPolling() {
  const b = bus();
  if (b.poll) clearInterval(b.poll);
  b.poll = null;
  b.head = null;
}

async function pollHead() {
  const b = bus();
  const last = await db()
    .auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } })
    .catch(() => null);
  const seq = last?.seq ?? 0;
  // The first reading has nothing to compare with: a change made between a stream's own catch-up and
  // this reading would go unnoticed, so every stream looks once more.
  if (b.head === null || seq > b.head) emit({ articleId: null });
  b.head = seq;
}

/**
 * This process's PostgreSQL connection for LISTEN and NOTIFY, connected on first use; after it
 * drops, the next use connects again and every stream is woken to catch up on what it missed.
 */
function listenerClient(): Promise<pg.Client | null> {
  const b = bus();
  if (b.listener) return Promise.resolve(b.listener);
  b.connecting ??= (async () => {
    const target = dbTarget();
    if (target.provider !== "postgresql") return null;
    const client = new pg.Client({ connectionString: target.url });
    try {
      await client.connect();
      client.on("notification", (message) => {
        if (message.channel !== CHANNEL || !message.payload) return;
        try {
          const { a, p, o } = JSON.parse(message.payload) as { a?: unknown; p?: unknown; o?: unknown };
          // This process's own announcements were emitted here already.
          if (o === b.origin || typeof a !== "string") return;
          emit({ articleId: a, ...(p === 1 ? { presence: true } : {}) });
        } catch {
          emit({ articleId: null });
        }
      });
      const dropped = () => {
        if (b.listener === client) b.listener = null;
        client.removeAllListeners();
        void client.end().catch(() => undefined);
        emit({ articleId: null });
      };
      client.on("error", dropped);
      client.on("end", dropped);
      await client.query(`LISTEN ${CHANNEL}`);
      if (b.subscribers === 0) {
        // Every stream closed while this connected.
        client.removeAllListeners();
        client.on("error", () => undefined);
        await client.end().catch(() => undefined);
        return null;
      }
      b.listener = client;
      return client;
    } catch {
      await client.end().catch(() => undefined);
      return null;
    } finally {
      b.connecting = null;
    }
  })();
  return b.connecting;
}
