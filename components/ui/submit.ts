// A form's submit, the same for every form: the input is checked first with the schema the server
// uses (field errors show at once, without a round trip), then the server action runs; a refusal comes
// back as field errors and a message for the form to show.
import type { ZodType } from "zod";
import type { ActionResult } from "@/lib/server/action";
import { fieldErrors } from "@/lib/validation/common";

export type Submitted<T> = { ok: true; data: T } | { ok: false; fields: Record<string, string>; message: string | null };

export async function submitChecked<T>(schema: ZodType, input: unknown, send: () => Promise<ActionResult<T>>): Promise<Submitted<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, fields: fieldErrors(parsed.error), message: null };
  const result = await send();
  return result.ok ? result : { ok: false, fields: result.error.fields ?? {}, message: result.error.message };
}
