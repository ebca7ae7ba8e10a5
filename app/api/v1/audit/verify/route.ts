import { NextResponse } from "next/server";
import { assertCan } from "@/lib/server/actor";
import { api } from "@/lib/server/api";
import { verifyAuditChain } from "@/lib/server/audit";
import { asHeavyJob } from "@/lib/server/heavy-jobs";
import { routeMethods } from "@/lib/server/route-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  GET: api(async ({ actor }) => {
    assertCan(actor, "audit.read");
    return asHeavyJob(actor.id, "an audit verification", async () => NextResponse.json(await verifyAuditChain()));
  }),
});
