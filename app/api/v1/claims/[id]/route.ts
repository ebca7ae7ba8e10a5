import { NextResponse } from "next/server";
import { api, readJson } from "@/lib/server/api";
import { deleteClaim, getClaim, updateClaim } from "@/lib/server/claims";
import { routeMethods } from "@/lib/server/route-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  GET: api(async ({ actor, params }) => NextResponse.json(await getClaim(actor, params.id!))),
  PATCH: api(async ({ request, actor, params }) =>
    NextResponse.json(await updateClaim(actor, params.id!, await readJson(request))),
  ),
  DELETE: api(async ({ actor, params }) => {
    await deleteClaim(actor, params.id!);
    return new Response(null, { status: 204 });
  }),
});
