// Any /api/v1 path no route serves: the API's 404 JSON for every method, instead of Next.js's HTML page.
// Answered without authentication: it names nothing that exists, and the API's paths are documented,
// so a 401 here would tell a caller no more and cost a session lookup per probe.
import { errorResponse } from "@/lib/server/api";
import { AppError } from "@/lib/server/errors";

function noSuchEndpoint() {
  return errorResponse(new AppError("not_found", "There is no API endpoint at this address; the endpoints are listed in the README."));
}

export const GET = noSuchEndpoint;
export const HEAD = noSuchEndpoint;
export const POST = noSuchEndpoint;
export const PUT = noSuchEndpoint;
export const PATCH = noSuchEndpoint;
export const DELETE = noSuchEndpoint;
export const OPTIONS = noSuchEndpoint;
