// Inputs for articles: the editor's "add article" form, the metadata editor and the REST API.
import { z } from "zod";
import { id, optionalHttpUrl, optionalIsoDate, optionalText, requiredText } from "./common";
import { queryInt } from "./query";

export const MAX_ARTICLE_CHARS = 200_000;

export const ArticleCreateSchema = z.strictObject({
  title: requiredText("Title", 300),
  publisher: optionalText("Publisher", 200),
  byline: optionalText("Byline", 300),
  url: optionalHttpUrl,
  publishedOn: optionalIsoDate,
  text: requiredText("Text", MAX_ARTICLE_CHARS),
  // The page or file name it was imported from (an import's review step): the first revision's origin.
  importedFrom: optionalText("Imported from", 2048),
});
export type ArticleCreateInput = z.infer<typeof ArticleCreateSchema>;

export const ArticleUpdateSchema = z
  .strictObject({
    version: z.number().int().min(1).optional(),
    title: requiredText("Title", 300).optional(),
    publisher: optionalText("Publisher", 200),
    byline: optionalText("Byline", 300),
    url: optionalHttpUrl,
    publishedOn: optionalIsoDate,
    text: requiredText("Text", MAX_ARTICLE_CHARS).optional(),
    requireAssignment: z.boolean({ error: "requireAssignment is true or false." }).optional(),
    independentReview: z.boolean({ error: "independentReview is true or false." }).optional(),
    blind: z.boolean({ error: "blind is true or false." }).optional(),
  });
export type ArticleUpdateInput = z.input<typeof ArticleUpdateSchema>;

/** The article list, newest first: `?limit=&cursor=` (the id the next page starts after). */
export const ArticleListQuerySchema = z.object({
  limit: queryInt(1, 200).default(50),
  cursor: id.optional(),
});

/** The largest revision number an article can have (far above any real article's history). */
export const MAX_REVISION = 1_000_000;

/** A revision's diff: `?from=` the revision to compare with (default: the one before). */
export const RevisionDiffQuerySchema = z.object({
  from: queryInt(1, MAX_REVISION).optional(),
});

/** A revision number in a path (`/revisions/{n}`): a whole number, else there is nothing at the address. */
export function revisionNumber(segment: string): number | null {
  return /^\d{1,7}$/.test(segment) && Number(segment) >= 1 && Number(segment) <= MAX_REVISION ? Number(segment) : null;
}

/**
 * An import: `{url}` fetches the page, `{html, url?}` reads HTML the editor already has (`url`: where it
 * came from, for links and the canonical address). `preview: true` only extracts, for the editor to
 * correct before saving; otherwise the article is added as extracted.
 */
export const ArticleImportSchema = z
  .strictObject({
    url: z.string().trim().max(2048, "Use at most 2,048 characters.").optional(),
    html: z.string().max(5 * 1024 * 1024, "The HTML is larger than 5 MB.").optional(),
    preview: z.boolean({ error: "preview is true or false." }).optional(),
  })
  .refine((v) => v.url !== undefined || v.html !== undefined, { message: "Give the page's address (url), or its HTML (html).", path: ["url"] });
export type ArticleImportInput = z.infer<typeof ArticleImportSchema>;
