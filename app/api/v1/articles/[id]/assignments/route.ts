import { NextResponse } from "next/server";
import { api, readJson } from "@/lib/server/api";
import { assignReviewers, listAssignments } from "@/lib/server/assignments";
import { routeMethods } from "@/lib/server/route-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  GET: api(async ({ actor, params }) => NextResponse.json({ items: await listAssignments(actor, params.id!) })),
  POST: api(async ({ request, actor, params }) => {
    const items = await assignReviewers(actor, params.id!, await readJson(request));
    return NextResponse.json({ items }, { status: 201 });
  }),
});
