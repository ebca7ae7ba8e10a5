// Every HTTP method of an API route, from the handlers the route has. Next.js answers a method a route
// does not export with an empty 405 and no Allow header; the API's clients get the error JSON instead,
// with Allow listing what the route does support (RFC 9110 §15.5.6). HEAD follows GET, and OPTIONS
// answers 204 with the same Allow, as Next.js would do by itself.
import "server-only";
import { errorResponse } from "./api";
import { AppError } from "./errors";

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

// The context is whatever Next.js passes for the route's segments; handlers that need it say its type.
type RouteHandler<C> = (request: Request, context: C) => Promise<Response> | Response;

/** The value of an Allow header for a route with these handlers. */
export function allowHeader(handlers: Partial<Record<HttpMethod, unknown>>): string {
  const has = (method: HttpMethod) => Boolean(handlers[method]) || (method === "HEAD" && Boolean(handlers.GET)) || method === "OPTIONS";
  return HTTP_METHODS.filter(has).join(", ");
}

/** A route's full set of method exports: `export const { GET, HEAD, POST, ... } = routeMethods({ GET, POST })`. */
export function routeMethods<C>(handlers: Partial<Record<Exclude<HttpMethod, "HEAD" | "OPTIONS">, RouteHandler<C>>>): Record<HttpMethod, RouteHandler<C>> {
  const allow = allowHeader(handlers);
  const notAllowed = (request: Request) => {
    const response = errorResponse(new AppError("method_not_allowed", `${request.method} is not supported here. Use ${allow}.`));
    response.headers.set("Allow", allow);
    return response;
  };
  const options = () => new Response(null, { status: 204, headers: { Allow: allow } });
  return {
    GET: handlers.GET ?? notAllowed,
    HEAD: handlers.GET ?? notAllowed,
    POST: handlers.POST ?? notAllowed,
    PUT: handlers.PUT ?? notAllowed,
    PATCH: handlers.PATCH ?? notAllowed,
    DELETE: handlers.DELETE ?? notAllowed,
    OPTIONS: options,
  };
}
