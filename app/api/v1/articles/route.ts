import { NextResponse } from "next/server";
import { pagination } from "@/lib/validation/common";
import { api, readJson, searchParams } from "@/lib/server/api";
import { createArticle, listArticles } from "@/lib/server/articles";
import { parseInput } from "@/lib/server/parse-input";

export const GET = api(async ({ request, actor }) => {
  const page = parseInput(pagination, searchParams(request));
  return NextResponse.json(await listArticles(actor, page));
});

export const POST = api(async ({ request, actor }) => {
  const article = await createArticle(actor, await readJson(request));
  return NextResponse.json(article, { status: 201 });
});
