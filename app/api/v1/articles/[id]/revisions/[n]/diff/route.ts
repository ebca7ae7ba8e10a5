import { NextResponse } from "next/server";
import { api, parseQuery } from "@/lib/server/api";
import { AppError } from "@/lib/server/errors";
import { revisionDiff } from "@/lib/server/revisions";
import { routeMethods } from "@/lib/server/route-methods";
import { RevisionDiffQuerySchema, revisionNumber } from "@/lib/validation/article";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  GET: api(async ({ request, actor, params }) => {
    const to = revisionNumber(params.n!);
    if (to === null) throw new AppError("not_found", "Nothing exists at this address.");
    const { from } = parseQuery(request, RevisionDiffQuerySchema);
    return NextResponse.json(await revisionDiff(actor, params.id!, to, from));
  }),
});
