// Inputs for articles: the editor's "add article" form, the metadata editor and the REST API.
import { z } from "zod";
import { optionalHttpUrl, optionalIsoDate, optionalText, requiredText } from "./common";

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
  });
export type ArticleUpdateInput = z.input<typeof ArticleUpdateSchema>;
