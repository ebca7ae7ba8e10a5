// The article's live feed: Server-Sent Events of what changed (ids only) and who has it open.
import { z } from "zod";
import { api } from "@/lib/server/api";
import { openArticleEvents } from "@/lib/server/live-stream";
import { parseInput } from "@/lib/server/parse-input";
import { routeMethods } from "@/lib/server/route-methods";

const since = z.coerce.number({ error: "since is an audit event number." }).int().min(0).max(Number.MAX_SAFE_INTEGER).optional();
const QuerySchema = z.object({ since });

export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  GET: api(async ({ request, actor, params }) => {
    const url = new URL(request.url);
    // A reconnecting EventSource names the last event it got; a fresh page, the last one it was drawn with.
    const lastEventId = request.headers.get("last-event-id");
    const query = parseInput(QuerySchema, { since: lastEventId || url.searchParams.get("since") || undefined });
    const stream = await openArticleEvents(actor, params.id!, { since: query.since, signal: request.signal });
    return new Response(stream, {
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        // no-transform: nothing (Next's compression, a proxy) may buffer the stream to compress it.
        "Cache-Control": "no-cache, no-transform",
        "X-Accel-Buffering": "no",
      },
    });
  }),
});
