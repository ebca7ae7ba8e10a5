import { NextResponse } from "next/server";
import { api, readJson } from "@/lib/server/api";
import { getArticle, updateArticle } from "@/lib/server/articles";
import { listClaims } from "@/lib/server/claims";

export const GET = api(async ({ actor, params }) => {
  const article = await getArticle(actor, params.id!);
  return NextResponse.json({ ...article, claims: await listClaims(actor, article.id) });
});

export const PATCH = api(async ({ request, actor, params }) => {
  return NextResponse.json(await updateArticle(actor, params.id!, await readJson(request)));
});
