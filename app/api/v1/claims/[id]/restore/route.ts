import { NextResponse } from "next/server";
import { api } from "@/lib/server/api";
import { restoreClaim } from "@/lib/server/claims";
import { routeMethods } from "@/lib/server/route-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  POST: api(async ({ actor, params }) => NextResponse.json(await restoreClaim(actor, params.id!))),
});
