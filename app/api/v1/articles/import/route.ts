import { NextResponse } from "next/server";
import { api, isMultipart, readForm, readJson } from "@/lib/server/api";
import { MAX_FILE_BYTES } from "@/lib/server/article-extract";
import { extractFileForImport, extractForImport, saveImported, type ImportedArticle } from "@/lib/server/article-import";
import { AppError } from "@/lib/server/errors";
import { routeMethods } from "@/lib/server/route-methods";

// A form's fields beside the file, and JSON's quoting of 5 MB of HTML, fit in this much more.
const BODY_ALLOWANCE = 1024 * 1024;

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  POST: api(async ({ request, actor }) => {
    let imported: ImportedArticle;
    let preview: boolean;
    if (isMultipart(request)) {
      const form = await readForm(request, MAX_FILE_BYTES + BODY_ALLOWANCE);
      const file = form.get("file");
      if (!(file instanceof File)) throw new AppError("validation_failed", "Attach the file as the form field “file”.", { file: "Choose a file." });
      preview = form.get("preview") === "true";
      imported = await extractFileForImport(actor, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), type: file.type });
    } else {
      ({ preview, ...imported } = await extractForImport(actor, await readJson(request, MAX_FILE_BYTES + BODY_ALLOWANCE)));
    }
    if (preview) return NextResponse.json(imported);
    const article = await saveImported(actor, imported);
    return NextResponse.json({ article, ...imported }, { status: 201 });
  }),
});
