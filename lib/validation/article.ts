// Inputs for articles: the editor's "add article" form, the metadata editor and the REST API.
import { z } from "zod";
import { id, optionalHttpUrl, optionalIsoDate, optionalText, requiredText } from "./common";
import { queryInt } from "./query";

export const MAX_ARTICLE_CHARS = 200_000;

export const ArticleCreateSchema = z.strictObject({
  title: requiredText("Title", 300),
  publisher: optionalText("Publisher", 200),
  url: optionalHttpUrl,
  publishedOn: optionalIsoDate,
  text: requiredText("Text", MAX_ARTICLE_CHARS),
});
export type ArticleCreateInput = z.infer<typeof ArticleCreateSchema>;

export const ArticleUpdateSchema = z
  .strictObject({
    version: z.number().int().min(1).optional(),
    title: requiredText("Title", 300).optional(),
    publisher: optionalText("Publisher", 200),
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
