import { NextResponse } from "next/server";
import { api, parseQuery } from "@/lib/server/api";
import { getQueue } from "@/lib/server/assignments";
import { routeMethods } from "@/lib/server/route-methods";
import { QueueQuerySchema } from "@/lib/validation/assignment";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  GET: api(async ({ request, actor }) => NextResponse.json(await getQueue(actor, parseQuery(request, QueueQuerySchema).user))),
});
