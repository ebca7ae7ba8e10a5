import { NextResponse } from "next/server";
import { api, readJson } from "@/lib/server/api";
import { approveClaim } from "@/lib/server/claims";
import { routeMethods } from "@/lib/server/route-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  POST: api(async ({ request, actor, params }) => NextResponse.json(await approveClaim(actor, params.id!, await readJson(request)))),
});
