// Inputs for a claim's sources. Links are http(s) only: anything else is refused with a clear message.
import { z } from "zod";
import { SOURCE_STANCES } from "@/lib/core/claim";
import { httpUrl, optionalHttpUrl, optionalIsoDate, text } from "./common";

const fields = {
  url: httpUrl,
  title: text("The title", 500).trim(),
  publisher: text("The publisher", 200).trim(),
  quote: text("The quote", 5000).trim(),
  stance: z.enum(SOURCE_STANCES, { error: "Choose whether the source supports, contradicts or gives context." }),
  archivedUrl: optionalHttpUrl,
  accessedOn: optionalIsoDate,
};

export const SourceCreateSchema = z.strictObject({
  ...fields,
  title: fields.title.default(""),
  publisher: fields.publisher.default(""),
  quote: fields.quote.default(""),
});
export type SourceCreateInput = z.infer<typeof SourceCreateSchema>;

export const SourceUpdateSchema = z.strictObject({
  url: fields.url.optional(),
  title: fields.title.optional(),
  publisher: fields.publisher.optional(),
  quote: fields.quote.optional(),
  stance: fields.stance.optional(),
  archivedUrl: fields.archivedUrl,
  accessedOn: fields.accessedOn,
});
export type SourceUpdateInput = z.infer<typeof SourceUpdateSchema>;
