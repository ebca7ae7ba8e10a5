import { NextResponse } from "next/server";
import { z } from "zod";
import { api, readJson, searchParams } from "@/lib/server/api";
import { createClaim, listClaims } from "@/lib/server/claims";
import { parseInput } from "@/lib/server/parse-input";

// Claims come in text order; the cursor is the position in that order where the next page starts.
const Page = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  cursor: z.coerce.number().int().min(0).default(0),
});

export const GET = api(async ({ request, actor, params }) => {
  const { limit, cursor, ...filter } = searchParams(request);
  const page = parseInput(Page, { limit, cursor });
  const claims = await listClaims(actor, params.id!, filter);
  const items = claims.slice(page.cursor, page.cursor + page.limit);
  const next = page.cursor + page.limit;
  return NextResponse.json({ items, nextCursor: next < claims.length ? String(next) : null });
});

export const POST = api(async ({ request, actor, params }) => {
  const claim = await createClaim(actor, params.id!, await readJson(request));
  return NextResponse.json(claim, { status: 201 });
});
