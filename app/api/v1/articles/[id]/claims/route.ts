import { NextResponse } from "next/server";
import { api, parseQuery, readJson } from "@/lib/server/api";
import { createClaim, listClaims } from "@/lib/server/claims";
import { ClaimListQuerySchema } from "@/lib/validation/claim";
import { routeMethods } from "@/lib/server/route-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  GET: api(async ({ request, actor, params }) => {
    const { limit, cursor, ...filter } = parseQuery(request, ClaimListQuerySchema);
    const claims = await listClaims(actor, params.id!, filter);
    const items = claims.slice(cursor, cursor + limit);
    const next = cursor + limit;
    return NextResponse.json({ items, nextCursor: next < claims.length ? String(next) : null });
  }),
  POST: api(async ({ request, actor, params }) => {
    const claim = await createClaim(actor, params.id!, await readJson(request));
    return NextResponse.json(claim, { status: 201 });
  }),
});
