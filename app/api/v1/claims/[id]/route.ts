import { NextResponse } from "next/server";
import { api, readJson } from "@/lib/server/api";
import { deleteClaim, getClaim, updateClaim } from "@/lib/server/claims";

export const GET = api(async ({ actor, params }) => NextResponse.json(await getClaim(actor, params.id!)));

export const PATCH = api(async ({ request, actor, params }) =>
  NextResponse.json(await updateClaim(actor, params.id!, await readJson(request))),
);

export const DELETE = api(async ({ actor, params }) => {
  await deleteClaim(actor, params.id!);
  return new Response(null, { status: 204 });
});
