// Query strings, for the API and for pages: one reading of `?a=1&a=2` (a parameter given twice is an
// error unless the schema says it may repeat), and whole numbers bounded to the 32-bit columns they are
// compared with, so no query value can reach the database as something it cannot hold.
import { z } from "zod";
import { fieldErrors } from "./common";

/** The largest value of an `Int` column: PostgreSQL's int4 (SQLite would take more; the answer must not differ). */
export const INT4_MAX = 2_147_483_647;

/** A whole number written in decimal digits ("1e3", "0x10", "-1", " 5" are not), from min to max. */
export function queryInt(min: number, max: number) {
  const message = `Use a whole number from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}.`;
  return z
    .string()
    .regex(/^\d{1,10}$/, message)
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message));
}

/** A page's `searchParams` as Next.js gives it: a repeated key holds an array. */
export type PageSearchParams = Record<string, string | string[] | undefined>;
/** What a query can arrive as: URLSearchParams (route handlers, the browser) or a page's `searchParams`. */
export type QueryInput = URLSearchParams | PageSearchParams;

export const repeatedMessage = (key: string) => `${key} is given more than once; give it once.`;
/** How a single-valued field (string, number, enum) refuses the array a repeated key arrives as. */
const REFUSED_ARRAY = new Set<string>(["invalid_type", "invalid_value", "invalid_union"]);

/** Every key with all its values, in order. */
function valuesByKey(input: QueryInput): Map<string, string[]> {
  const values = new Map<string, string[]>();
  const entries: [string, unknown][] = input instanceof URLSearchParams ? [...input.entries()] : Object.entries(input);
  for (const [key, value] of entries) {
    const list = values.get(key) ?? [];
    if (typeof value === "string") list.push(value);
    else if (Array.isArray(value)) list.push(...value.filter((v): v is string => typeof v === "string"));
    values.set(key, list);
  }
  return values;
}

export type QueryResult<T> = { success: true; data: T } | { success: false; fields: Record<string, string> };

/**
 * Reads a query with its schema. A key given once reaches the schema as a string, a repeated key as the
 * array of its values: a field that may repeat accepts an array, any other refuses it,
 * and that refusal says the parameter was given twice.
 */
export function readQuery<S extends z.ZodType>(schema: S, input: QueryInput): QueryResult<z.output<S>> {
  const record: Record<string, string | string[]> = {};
  for (const [key, values] of valuesByKey(input)) {
    if (values.length > 0) record[key] = values.length === 1 ? values[0]! : values;
  }
  const result = schema.safeParse(record);
  if (result.success) return { success: true, data: result.data };
  const fields = fieldErrors(result.error);
  for (const issue of result.error.issues) {
    const key = issue.path.length === 1 ? issue.path[0] : undefined;
    if (typeof key === "string" && Array.isArray(record[key]) && REFUSED_ARRAY.has(issue.code)) fields[key] = repeatedMessage(key);
  }
  return { success: false, fields };
}

/**
 * For pages: the query as a typed value, where anything malformed (repeated, wrong type, out of range)
 * means what no query means. A page never fails on its query string; the schema must accept `{}`.
 */
export function pageQuery<S extends z.ZodType>(schema: S, input: QueryInput): z.output<S> {
  const result = readQuery(schema, input);
  return result.success ? result.data : schema.parse({});
}
