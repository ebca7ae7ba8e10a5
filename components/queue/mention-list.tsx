"use client";
// The comments that mention the reader and wait for them, newest first: who wrote what on which claim,
// a link to the claim, and "Mark as read" to take one out of the queue (replying on the claim does too).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { QueueMention } from "@/lib/server/comments";
import { markMentionReadAction } from "@/app/queue/actions";
import { formatDateTime } from "@/components/ui/format";

export function MentionList({ mentions, own }: { mentions: QueueMention[]; own: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  if (mentions.length === 0) return null;

  async function markRead(commentId: string) {
    const result = await markMentionReadAction(commentId);
    if (result.ok) router.refresh();
    else setError(result.error.message);
  }

  return (
    <section aria-labelledby="mentions-heading" className="mt-6">
      <h2 id="mentions-heading" className="text-lg font-semibold">
        Mentions ({mentions.length})
      </h2>
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
      <ul className="mt-3 space-y-3" aria-label="Mentions">
        {mentions.map((m) => (
          <li key={m.commentId} className="card p-4">
            <p className="text-sm text-stone-700">
              <span className="font-medium text-stone-900">{m.by.name}</span> mentioned {own ? "you" : "them"} on{" "}
              <Link href={`/articles/${m.article.id}?claim=${m.claimId}`} className="underline decoration-stone-300 underline-offset-2 hover:decoration-stone-800">
                “{m.claim}”
              </Link>{" "}
              in {m.article.title} · {formatDateTime(m.at)}
            </p>
            <p className="mt-2 line-clamp-4 whitespace-pre-wrap break-words border-l-2 border-stone-200 pl-3 text-sm text-stone-900">{m.body}</p>
            {own ? (
              <button type="button" className="btn btn-secondary mt-3 text-sm" onClick={() => void markRead(m.commentId)}>
                Mark as read
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
