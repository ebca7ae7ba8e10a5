// Expected failures as values the routes turn into the API's error JSON or a form's error messages.
// Anything that is not an AppError is a bug and becomes a 500.

export type ErrorCode =
  | "bad_request"
  | "validation_failed"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "quote_not_found"
  | "ambiguous_quote"
  | "throttled"
  | "too_many_articles"
  | "not_importable"
  | "busy"
  | "not_assigned"
  | "not_in_independent_review"
  | "reason_required"
  | "not_approvable"
  | "self_approval"
  | "address_not_allowed"
  | "fetch_failed"
  | "not_an_article";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  quote_not_found: 422,
  ambiguous_quote: 422,
  throttled: 429,
  too_many_articles: 422,
  not_importable: 422,
  busy: 429,
  not_assigned: 403,
  not_in_independent_review: 422,
  reason_required: 422,
  not_approvable: 422,
  self_approval: 403,
  address_not_allowed: 422,
  fetch_failed: 422,
  not_an_article: 422,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    /** Extra JSON for the body, e.g. the current claim on a 409. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found.`);
export const forbidden = (message = "You do not have permission to do that.") => new AppError("forbidden", message);
