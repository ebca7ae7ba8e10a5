import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/core/roles";
import { deskQueues, getQueue, type Queue } from "@/lib/server/assignments";
import { orPage, requireActor } from "@/lib/server/session";
import { QueueQuerySchema } from "@/lib/validation/assignment";
import { pageQuery, type PageSearchParams } from "@/lib/validation/query";
import { MentionList } from "@/components/queue/mention-list";
import { DeskTable, QueueList } from "@/components/queue/queue-views";

export const metadata: Metadata = { title: "Queue" };

export default async function QueuePage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const actor = await requireActor("article.read");
  const { user } = pageQuery(QueueQuerySchema, await searchParams);
  const other = user !== undefined && user !== actor.id;
  const now = new Date();
  const queue: Queue = await orPage(getQueue(actor, user, now));
  const desk = !other && can(actor.role, "assignment.manage") ? await deskQueues(actor, now) : null;
  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      {other ? (
        <p className="mb-2 text-sm">
          <Link href="/queue" className="btn-link">
            ← Back to the desk
          </Link>
        </p>
      ) : null}
      <h1 className="text-2xl font-semibold tracking-tight">{other ? `${queue.user.name}'s queue` : "My queue"}</h1>
      <p className="mt-1 text-sm text-stone-600" aria-live="polite">
        {queue.items.length === 0 && queue.mentions.length === 0
          ? other
            ? "Nothing is assigned to them."
            : "Nothing is assigned to you."
          : `${queue.waiting} waiting · ${queue.overdue} overdue · ${queue.items.length} article${queue.items.length === 1 ? "" : "s"} assigned`}
      </p>
      <MentionList mentions={queue.mentions} own={!other} />
      <QueueList items={queue.items} />
      {desk ? <DeskTable queues={desk} /> : null}
    </div>
  );
}
