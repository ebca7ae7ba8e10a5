import { NextResponse } from "next/server";
import { importAnnotations } from "@/lib/server/annotation-import";
import { api, readJson } from "@/lib/server/api";

export const POST = api(async ({ request, actor, params }) => {
  // Annotation files from other tools can be large: 10 MB here, 1 MB elsewhere.
  const result = await importAnnotations(actor, params.id!, await readJson(request, 10_000_000));
  return NextResponse.json(result, { status: result.created.length > 0 ? 201 : 200 });
});
