import { NextResponse } from "next/server";
import { api, readJson } from "@/lib/server/api";
import { addComment, listComments } from "@/lib/server/comments";
import { routeMethods } from "@/lib/server/route-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  GET: api(async ({ actor, params }) => NextResponse.json(await listComments(actor, params.id!))),
  POST: api(async ({ request, actor, params }) => NextResponse.json(await addComment(actor, params.id!, await readJson(request)), { status: 201 })),
});
