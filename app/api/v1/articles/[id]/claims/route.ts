import { NextResponse } from "next/server";
import { api, readJson, searchParams } from "@/lib/server/api";
import { createClaim, listClaims } from "@/lib/server/claims";

export const GET = api(async ({ request, actor, params }) => {
  return NextResponse.json({ items: await listClaims(actor, params.id!, searchParams(request)) });
});

export const POST = api(async ({ request, actor, params }) => {
  const claim = await createClaim(actor, params.id!, await readJson(request));
  return NextResponse.json(claim, { status: 201 });
});
