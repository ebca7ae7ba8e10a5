import { NextResponse } from "next/server";
import { api } from "@/lib/server/api";
import { listRevisions } from "@/lib/server/revisions";
import { routeMethods } from "@/lib/server/route-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  GET: api(async ({ actor, params }) => NextResponse.json({ items: await listRevisions(actor, params.id!) })),
});
