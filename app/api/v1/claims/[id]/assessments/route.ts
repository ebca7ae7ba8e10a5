import { NextResponse } from "next/server";
import { api } from "@/lib/server/api";
import { listAssessments } from "@/lib/server/assessments";
import { routeMethods } from "@/lib/server/route-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  GET: api(async ({ actor, params }) => NextResponse.json(await listAssessments(actor, params.id!))),
});
