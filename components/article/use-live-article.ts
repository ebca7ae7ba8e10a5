"use client";
// The article page's live feed (GET /api/v1/articles/{id}/events): changes others make arrive as
// small notices, gathered for a moment and handed over together, so the page fetches what changed once;
// who else has the article open; and whether the feed is connected (the browser reconnects by itself,
// and the server sends what was missed meanwhile).
import { useEffect, useRef, useState } from "react";
import type { LiveChange, LivePresence } from "@/lib/server/live-stream";

export type LiveState = "connecting" | "live" | "reconnecting";

const GATHER_MS = 120;

export function useLiveArticle(articleId: string, since: number, onChanges: (changes: LiveChange[]) => void) {
  const [state, setState] = useState<LiveState>("connecting");
  const [present, setPresent] = useState<LivePresence["users"]>([]);
  const handler = useRef(onChanges);
  useEffect(() => {
    handler.current = onChanges;
  }, [onChanges]);
  // The page's own starting point, fixed for the life of the page (reconnects use Last-Event-ID).
  const start = useRef(since);

  useEffect(() => {
    const source = new EventSource(`/api/v1/articles/${encodeURIComponent(articleId)}/events?since=${start.current}`);
    let gathered: LiveChange[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    source.onopen = () => setState("live");
    source.onerror = () => setState("reconnecting");
    source.addEventListener("change", (event) => {
      try {
        gathered.push(JSON.parse((event as MessageEvent<string>).data) as LiveChange);
      } catch {
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(() => {
        const batch = gathered;
        gathered = [];
        handler.current(batch);
      }, GATHER_MS);
    });
    source.addEventListener("presence", (event) => {
      try {
        setPresent((JSON.parse((event as MessageEvent<string>).data) as LivePresence).users);
      } catch {
        // a malformed notice changes nothing
      }
    });
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [articleId]);

  return { state, present };
}
