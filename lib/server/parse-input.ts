// Re-parses an input with its shared Zod schema on the server; failures become a 400 with one
// message per field, the shape both forms and the API use.
import type { z } from "zod";
import { fieldErrors } from "@/lib/validation/common";
import { AppError } from "./errors";

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const fields = fieldErrors(result.error);
    const first = Object.values(fields)[0] ?? "The input is invalid.";
    throw new AppError("validation_failed", first, fields);
  }
  return result.data;
}
