import { NextResponse } from "next/server";
import { api } from "@/lib/server/api";
import { restoreClaim } from "@/lib/server/claims";

export const POST = api(async ({ actor, params }) => NextResponse.json(await restoreClaim(actor, params.id!)));
