import { NextResponse } from "next/server";
import { api, parseQuery } from "@/lib/server/api";
import { getArticle } from "@/lib/server/articles";
import { withoutHiddenEvents } from "@/lib/server/assessments";
import { listAuditEvents } from "@/lib/server/audit";
import { assertCan } from "@/lib/server/actor";
import { AuditListQuerySchema } from "@/lib/validation/audit";
import { routeMethods } from "@/lib/server/route-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  GET: api(async ({ request, actor, params }) => {
    assertCan(actor, "audit.read");
    const article = await getArticle(actor, params.id!);
    const { limit, cursor } = parseQuery(request, AuditListQuerySchema);
    const events = await listAuditEvents({ articleId: article.id, afterSeq: cursor, limit: limit + 1 });
    const page = events.slice(0, limit);
    // Blind review: assessments' events are withheld as the assessments are; `hidden` counts them.
    const { items, hidden } = await withoutHiddenEvents(actor, page);
    return NextResponse.json({
      items,
      hidden,
      nextCursor: events.length > limit ? String(page[page.length - 1]!.seq) : null,
    });
  }),
});
