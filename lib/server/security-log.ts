// The security event log: one JSON line per event on standard output (standard error for the CLI,
// whose standard output is for people), for an operator's log collector. Each line has the time, the
// event, the user or email concerned, the client address and the request id. Passwords, tokens,
// cookies and session ids never appear: callers pass none, and the logger redacts those keys anyway.
//
// The client address and request id come from the request context that the app's server
// (scripts/server.ts) opens around each request, so data-access code logs without passing them on.
// The context lives on globalThis because the server script and the app's bundled code each load
// their own copy of this module.
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Logger } from "pino";

export type SecurityEvent =
  | "auth.signin.succeeded"
  | "auth.signin.failed"
  | "auth.signin.locked"
  | "auth.signout"
  | "auth.session.revoked"
  | "auth.password_changed"
  | "auth.password_change.refused"
  | "auth.password_reset"
  | "auth.password_change.required"
  | "auth.denied"
  | "token.created"
  | "token.used"
  | "token.revoked"
  | "user.role.changed"
  | "user.disabled"
  | "user.enabled"
  | "request.refused";

export interface RequestContext {
  requestId: string;
  clientAddress: string;
}

const CONTEXT_KEY = Symbol.for("factcheck.requestContext");
const holder = globalThis as unknown as { [CONTEXT_KEY]?: AsyncLocalStorage<RequestContext> };
const requestContext = (holder[CONTEXT_KEY] ??= new AsyncLocalStorage<RequestContext>());

/** The client address of the request being handled, for throttles; "unknown" outside a request (CLI, tests). */
export function requestClientAddress(): string {
  return requestContext.getStore()?.clientAddress ?? "unknown";
}

/** Runs `work` with a request's id and client address available to every security event it logs. */
export function withRequestContext<T>(context: RequestContext, work: () => T): T {
  return requestContext.run(context, work);
}

const REDACT = ["password", "token", "cookie", "authorization", "sessionId", "*.password", "*.token", "*.cookie", "*.authorization"];

let logger: Logger | undefined;

function createLogger(destination: DestinationStream | number): Logger {
  return pino(
    {
      base: { log: "security" },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: "message",
      redact: { paths: REDACT, censor: "[redacted]" },
      formatters: { level: (label) => ({ level: label }) },
    },
    typeof destination === "number" ? pino.destination({ fd: destination, sync: true }) : destination,
  );
}

/**
 * Where the lines go, from FACTCHECK_SECURITY_LOG: `stdout` (the default), `stderr`, `off`, or a file
 * to append to (created 0600, its folder too).
 */
function defaultLogger(): Logger {
  const where = process.env.FACTCHECK_SECURITY_LOG ?? "stdout";
  if (where === "off") return pino({ enabled: false });
  if (where === "stdout" || where === "stderr") return createLogger(where === "stderr" ? 2 : 1);
  return createLogger(pino.destination({ dest: where, mkdir: true, sync: true, mode: 0o600 }));
}

/** Sends the log to another stream (tests read it back this way); undefined restores the default. */
export function setSecurityLogDestination(destination: DestinationStream | undefined) {
  logger = destination ? createLogger(destination) : undefined;
}

export interface SecurityEventFields {
  userId?: string | null;
  email?: string | null;
  /** Overrides the request context's address (the sign-in throttle knows the one it counted). */
  clientAddress?: string;
  status?: number;
  path?: string;
  reason?: string;
  tokenId?: string;
  by?: string | null;
  role?: { from: string; to: string };
}

export function securityEvent(event: SecurityEvent, fields: SecurityEventFields = {}) {
  logger ??= defaultLogger();
  const context = requestContext.getStore();
  const level = event === "auth.signin.locked" || event === "auth.denied" || event === "request.refused" || event === "auth.signin.failed" ? "warn" : "info";
  logger[level]({
    event,
    ...fields,
    clientAddress: fields.clientAddress ?? context?.clientAddress ?? null,
    requestId: context?.requestId ?? null,
  });
}
