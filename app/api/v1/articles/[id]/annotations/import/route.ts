import { NextResponse } from "next/server";
import { assertCan } from "@/lib/server/actor";
import { MAX_IMPORT_BYTES, importAnnotations } from "@/lib/server/annotation-import";
import { api, readJson } from "@/lib/server/api";
import { routeMethods } from "@/lib/server/route-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  POST: api(async ({ request, actor, params }) => {
    // Who may import is settled before a byte of the (up to 10 MB) body is read.
    assertCan(actor, "article.write");
    const result = await importAnnotations(actor, params.id!, await readJson(request, MAX_IMPORT_BYTES));
    return NextResponse.json(result, { status: result.created.length > 0 ? 201 : 200 });
  }),
});
