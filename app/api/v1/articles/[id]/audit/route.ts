import { NextResponse } from "next/server";
import { z } from "zod";
import { api, searchParams } from "@/lib/server/api";
import { getArticle } from "@/lib/server/articles";
import { listAuditEvents } from "@/lib/server/audit";
import { parseInput } from "@/lib/server/parse-input";
import { assertCan } from "@/lib/server/actor";

const Query = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  cursor: z.coerce.number().int().min(0).optional(),
});

export const GET = api(async ({ request, actor, params }) => {
  assertCan(actor, "audit.read");
  const article = await getArticle(actor, params.id!);
  const { limit, cursor } = parseInput(Query, searchParams(request));
  const events = await listAuditEvents({ articleId: article.id, afterSeq: cursor, limit: limit + 1 });
  const items = events.slice(0, limit);
  return NextResponse.json({
    items,
    nextCursor: events.length > limit ? String(items[items.length - 1]!.seq) : null,
  });
});
