// The REST API's common shell: authentication, the origin and content-type rules for state-changing
// requests, bounded JSON bodies, and errors as {"error": {code, message, fields}} with the right status.
// Bad input never becomes a 5xx; only bugs do.
import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { ID_PATTERN } from "@/lib/validation/common";
import { readQuery } from "@/lib/validation/query";
import { type Actor } from "./actor";
import { AppError } from "./errors";
import { REQUEST_ORIGIN_HEADER, sameOrigin } from "./request-guard";
import { securityEvent } from "./security-log";
import { authenticateRequest } from "./session";

export const MAX_BODY_BYTES = 1_000_000;

type Params = Record<string, string>;
type Handler = (ctx: { request: Request; actor: Actor; params: Params }) => Promise<Response>;

export function errorResponse(error: AppError) {
  const retryAfter = error.extra?.retryAfter;
  return NextResponse.json(
    { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) }, ...error.extra },
    { status: error.status, headers: typeof retryAfter === "number" ? { "Retry-After": String(retryAfter) } : undefined },
  );
}

/**
 * A foreign Origin is refused, scheme included; a request without Origin only when it carries a Bearer
 * token. The app's server vouches for the origin it was reached at (REQUEST_ORIGIN_HEADER, set from
 * the connection and never from the client); without it, the request URL's own origin counts.
 */
function checkOrigin(request: Request, actor: Actor) {
  const origin = request.headers.get("origin");
  if (!origin) {
    if (actor.via !== "token") throw new AppError("forbidden", "Requests without an Origin header need an API token.");
    return;
  }
  const expected = request.headers.get(REQUEST_ORIGIN_HEADER) ?? new URL(request.url).origin;
  if (!sameOrigin(origin, expected)) throw new AppError("forbidden", "Cross-origin requests are not allowed.");
}

/** The request body, read up to `maxBytes` (413 past it, without reading further). */
async function readBody(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooLarge = () => new AppError("payload_too_large", `The request body is larger than ${maxBytes / 1_000_000} MB.`);
  if (declared > maxBytes) throw tooLarge();
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}

export async function readJson(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
  }
  const text = (await readBody(request, maxBytes)).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}

/** Whether the request sends a multipart form (a file upload). */
export function isMultipart(request: Request): boolean {
  return /^multipart\/form-data\s*;/i.test(request.headers.get("content-type") ?? "");
}

/** A multipart form body (a file upload), read up to `maxBytes` before it is parsed. */
export async function readForm(request: Request, maxBytes: number): Promise<FormData> {
  const body = await readBody(request, maxBytes);
  try {
    return await new Response(new Uint8Array(body), { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw new AppError("bad_request", "The request body is not a valid multipart form.");
  }
}

export function api(handler: Handler) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<Response> => {
    let actor: Actor | undefined;
    try {
      actor = await authenticateRequest(request);
      if (!["GET", "HEAD", "OPTIONS"].includes(request.method)) checkOrigin(request, actor);
      // Routes without dynamic segments get no params at all.
      const params: Params = (await context.params) ?? {};
      // Every path parameter is a record id; anything else names no record.
      if (Object.values(params).some((value) => !ID_PATTERN.test(value))) throw new AppError("not_found", "Nothing exists at this address.");
      return await handler({ request, actor, params });
    } catch (error) {
      if (error instanceof AppError) {
        if (error.status === 401 || error.status === 403) {
          securityEvent("auth.denied", { userId: actor?.id ?? null, status: error.status, path: new URL(request.url).pathname, reason: error.message });
        }
        return errorResponse(error);
      }
      console.error(error);
      return NextResponse.json({ error: { code: "internal", message: "Something went wrong on the server." } }, { status: 500 });
    }
  };
}

/**
 * The request's query string read with its schema: a parameter given twice where one is expected, a
 * wrong value or a number out of range is a 400 naming the parameter.
 */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const result = readQuery(schema, new URL(request.url).searchParams);
  if (!result.success) {
    throw new AppError("validation_failed", Object.values(result.fields)[0] ?? "The query is invalid.", result.fields);
  }
  return result.data;
}
