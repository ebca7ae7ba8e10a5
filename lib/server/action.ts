// The shell of every server action: who is acting (anonymous → sign-in), then the shared data-access
// function; expected failures come back as values the form shows, bugs propagate.
import "server-only";
import type { Permission } from "@/lib/core/roles";
import type { Actor } from "./actor";
import { id } from "@/lib/validation/common";
import { AppError, notFound } from "./errors";
import { securityEvent } from "./security-log";
import { requireActionActor } from "./session";

export type ActionError = {
  code: string;
  message: string;
  fields?: Record<string, string>;
  current?: unknown;
};
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export async function runAction<T>(
  permission: Permission,
  work: (actor: Actor) => Promise<T>,
  opts: { passwordChange?: true } = {},
): Promise<ActionResult<T>> {
  let actor: Actor;
  try {
    actor = await requireActionActor(permission, opts);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
    throw error;
  }
  try {
    return { ok: true, data: await work(actor) };
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === "forbidden") securityEvent("auth.denied", { userId: actor.id, status: 403, reason: error.message });
      return {
        ok: false,
        error: {
          code: error.code,
          message: error.message,
          ...(error.fields ? { fields: error.fields } : {}),
          ...(error.extra && "current" in error.extra ? { current: error.extra.current } : {}),
        },
      };
    }
    throw error;
  }
}

/**
 * A server action's record-id argument. Actions are public endpoints: a client can call one with a
 * number, an object or a megabyte of text where the form passes an id. Like a malformed id in an API
 * path, that names no record.
 */
export function recordId(value: unknown, what: string): string {
  if (!id.safeParse(value).success) throw notFound(what);
  return value as string;
}
