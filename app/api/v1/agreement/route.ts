import { NextResponse } from "next/server";
import { api, parseQuery } from "@/lib/server/api";
import { agreement } from "@/lib/server/assessments";
import { routeMethods } from "@/lib/server/route-methods";
import { AgreementQuerySchema } from "@/lib/validation/assessment";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  GET: api(async ({ request, actor }) => NextResponse.json(await agreement(actor, parseQuery(request, AgreementQuerySchema).articles))),
});
