import { NextResponse } from "next/server";
import { api } from "@/lib/server/api";
import { recheckArticle } from "@/lib/server/article-import";
import { routeMethods } from "@/lib/server/route-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  POST: api(async ({ actor, params }) => NextResponse.json(await recheckArticle(actor, params.id!))),
});
