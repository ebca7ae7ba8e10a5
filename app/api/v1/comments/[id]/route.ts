import { NextResponse } from "next/server";
import { api, readJson } from "@/lib/server/api";
import { deleteComment, editComment } from "@/lib/server/comments";
import { routeMethods } from "@/lib/server/route-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  PATCH: api(async ({ request, actor, params }) => NextResponse.json(await editComment(actor, params.id!, await readJson(request)))),
  DELETE: api(async ({ actor, params }) => {
    await deleteComment(actor, params.id!);
    return new Response(null, { status: 204 });
  }),
});
