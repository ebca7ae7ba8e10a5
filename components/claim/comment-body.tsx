// A comment's words as the reader sees them: plain text with its line breaks, links (http(s) only,
// checked by lib/core/comment) that open in a new tab without handing it this page, and mentions
// picked out. Everything is rendered as text; nothing from the body becomes markup.
import type { CommentSegment } from "@/lib/core/comment";

export function CommentBody({ segments }: { segments: CommentSegment[] }) {
  return (
    <p className="whitespace-pre-wrap break-words text-sm text-stone-900">
      {segments.map((segment, i) =>
        segment.kind === "link" ? (
          <a key={i} href={segment.href} target="_blank" rel="noopener noreferrer nofollow ugc" className="text-sky-800 underline decoration-sky-300 underline-offset-2 hover:decoration-sky-800">
            {segment.text}
          </a>
        ) : segment.kind === "mention" ? (
          <span key={i} className="rounded bg-sky-50 px-0.5 font-medium text-sky-900">
            {segment.text}
          </span>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </p>
  );
}
