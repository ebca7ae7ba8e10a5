import { NextResponse } from "next/server";
import { ArticleListQuerySchema } from "@/lib/validation/article";
import { api, parseQuery, readJson } from "@/lib/server/api";
import { createArticle, listArticles } from "@/lib/server/articles";
import { routeMethods } from "@/lib/server/route-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  GET: api(async ({ request, actor }) => {
    return NextResponse.json(await listArticles(actor, parseQuery(request, ArticleListQuerySchema)));
  }),
  POST: api(async ({ request, actor }) => {
    const article = await createArticle(actor, await readJson(request));
    return NextResponse.json(article, { status: 201 });
  }),
});
