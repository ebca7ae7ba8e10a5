import { NextResponse } from "next/server";
import { assertCan } from "@/lib/server/actor";
import { api } from "@/lib/server/api";
import { verifyAuditChain } from "@/lib/server/audit";

export const GET = api(async ({ actor }) => {
  assertCan(actor, "audit.read");
  return NextResponse.json(await verifyAuditChain());
});
