import { NextResponse } from "next/server";
import { api, readJson } from "@/lib/server/api";
import { submitAssessment } from "@/lib/server/assessments";
import { routeMethods } from "@/lib/server/route-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  PUT: api(async ({ request, actor, params }) => NextResponse.json(await submitAssessment(actor, params.id!, await readJson(request)))),
});
