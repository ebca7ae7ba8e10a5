// The caller marks their mention in a comment as read: it leaves their queue.
import { api } from "@/lib/server/api";
import { markMentionRead } from "@/lib/server/comments";
import { routeMethods } from "@/lib/server/route-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  POST: api(async ({ actor, params }) => {
    await markMentionRead(actor, params.id!);
    return new Response(null, { status: 204 });
  }),
});
