// Building blocks shared by the input schemas: web links limited to http(s), ISO dates, bounded text.
import { z } from "zod";
import { isHttpUrl } from "@/lib/core/http-url";

// Zod compiles object parsers with `new Function` when it may, and probes for that once per page. The
// pages' CSP forbids eval, so in the browser the probe was refused and reported as a CSP violation on
// every page. The interpreted parsers are fast enough for our inputs, on both sides. Every module with
// schemas imports this one first, so this runs before any schema is built.
z.config({ jitless: true });

/** Text never carries NUL: PostgreSQL cannot store it, and no article or note needs it. */
export const NUL_MESSAGE = "Text cannot contain NUL characters.";
/**
 * Nor a lone UTF-16 surrogate ("a\ud800b" from a JSON body): it is not a character, and each database
 * would silently store something else in its place (SQLite one replacement character, PostgreSQL another).
 */
export const SURROGATE_MESSAGE = "Text cannot contain unpaired surrogate code units (broken characters).";
const LONE_SURROGATE = /\p{Cs}/u;

/** Every text input is built on this: the one place where text that cannot be stored as typed is refused. */
export const safeString = () =>
  z
    .string()
    .refine((value) => !value.includes("\u0000"), NUL_MESSAGE)
    .refine((value) => !LONE_SURROGATE.test(value), SURROGATE_MESSAGE);

export const HTTP_URL_MESSAGE = "Enter a web address starting with http:// or https://.";

export const httpUrl = safeString().trim().max(2000, "Links can be at most 2,000 characters.").refine(isHttpUrl, HTTP_URL_MESSAGE);

export const isoDate = safeString()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date in the form YYYY-MM-DD.")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "This is not a real calendar date.");

export function text(label: string, max: number) {
  return safeString().max(max, `${label} can be at most ${max.toLocaleString("en-US")} characters.`);
}

export function requiredText(label: string, max: number) {
  return safeString().trim().min(1, `${label} is required.`).max(max, `${label} can be at most ${max.toLocaleString("en-US")} characters.`);
}

// Optional fields in a form or API body: an empty string or null means "none" (stored as null); a
// missing key stays undefined, so a partial update leaves that field alone.
const emptyToNull = (value: string | null | undefined) => (value === undefined ? undefined : value ? value : null);

export function optionalText(label: string, max: number) {
  return text(label, max).trim().nullish().transform(emptyToNull);
}

export const optionalHttpUrl = z.union([z.literal(""), httpUrl]).nullish().transform(emptyToNull);

export const optionalIsoDate = z.union([z.literal(""), isoDate]).nullish().transform(emptyToNull);

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const id = z.string({ error: "Not a valid id." }).regex(ID_PATTERN, "Not a valid id.");

/** Zod issues as one message per field, the shape forms and the API's error JSON both use. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    if (!(key in fields)) {
      fields[key] = issue.code === "unrecognized_keys" ? `Unknown field(s): ${issue.keys.join(", ")}.` : issue.message;
    }
  }
  return fields;
}
