import { NextResponse } from "next/server";
import { api, readJson } from "@/lib/server/api";
import { getArticle, updateArticle } from "@/lib/server/articles";
import { listClaims } from "@/lib/server/claims";
import { routeMethods } from "@/lib/server/route-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  GET: api(async ({ actor, params }) => {
    const article = await getArticle(actor, params.id!);
    return NextResponse.json({ ...article, claims: await listClaims(actor, article.id) });
  }),
  PATCH: api(async ({ request, actor, params }) => {
    return NextResponse.json(await updateArticle(actor, params.id!, await readJson(request)));
  }),
});
