// Who is acting. Pages and server actions call requireActor() (anonymous → /sign-in); route handlers
// call authenticateRequest() (session cookie or Bearer token; anonymous → 401). Both re-check the
// server-side session or token and the user's state on every request, so sign-out, revocation and
// disabling a user take effect at once; the role is read fresh, never trusted from the cookie.
import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { forbidden as forbiddenPage, notFound as notFoundPage, redirect } from "next/navigation";
import { can, type Permission } from "@/lib/core/roles";
import type { Actor } from "./actor";
import { authOptions } from "./auth-options";
import { actorForSession, actorForToken, bearerToken } from "./credentials";
import { ID_PATTERN } from "@/lib/validation/common";
import { REQUEST_PATH_HEADER } from "./client-address";
import { AppError, forbidden } from "./errors";
import { securityEvent } from "./security-log";

export type { Actor } from "./actor";

async function actorFromSession(): Promise<Actor | null> {
  const session = await getServerSession(authOptions());
  return session?.sid ? actorForSession(session.sid) : null;
}

/** The sign-in page, remembering the page asked for (without Next's internal query parameters). */
async function signInRedirect(): Promise<never> {
  const requested = (await headers()).get(REQUEST_PATH_HEADER);
  if (!requested || requested === "/" || !requested.startsWith("/")) redirect("/sign-in");
  const url = new URL(requested, "http://placeholder.invalid");
  url.searchParams.delete("_rsc");
  redirect(`/sign-in?callbackUrl=${encodeURIComponent(url.pathname + url.search)}`);
}

/** Where a user whose password an admin reset is sent, whatever they asked for. */
export const PASSWORD_CHANGE_PAGE = "/account?password=required";

const PASSWORD_CHANGE_REQUIRED = "Choose a new password on your Account page first: an admin reset yours.";

/**
 * For pages: the signed-in actor; anonymous → the sign-in page, not allowed → the 403 page. A user who
 * must choose a new password is sent to the account page, the one page that says `passwordChange`.
 */
export async function requireActor(permission: Permission = "article.read", opts: { passwordChange?: true } = {}): Promise<Actor> {
  const actor = await actorFromSession();
  if (!actor) return signInRedirect();
  if (actor.mustChangePassword && !opts.passwordChange) redirect(PASSWORD_CHANGE_PAGE);
  if (!can(actor.role, permission)) {
    securityEvent("auth.denied", { userId: actor.id, status: 403, reason: `page needs ${permission}` });
    forbiddenPage();
  }
  return actor;
}

/**
 * For server actions: anonymous → the sign-in page; a missing permission, or a password that must be
 * changed first (except by the action that changes it), is a value the form shows.
 */
export async function requireActionActor(permission: Permission, opts: { passwordChange?: true } = {}): Promise<Actor> {
  const actor = await actorFromSession();
  if (!actor) redirect("/sign-in");
  if (actor.mustChangePassword && !opts.passwordChange) throw passwordChangeRequired(actor);
  if (!can(actor.role, permission)) {
    securityEvent("auth.denied", { userId: actor.id, status: 403, reason: `action needs ${permission}` });
    throw forbidden();
  }
  return actor;
}

/** For pages: a route parameter that is a record id; anything else is the not-found page. */
export function pageId(value: string): string {
  if (!ID_PATTERN.test(value)) notFoundPage();
  return value;
}

/** For pages: a data-access call whose "not found" or "forbidden" becomes the matching page. */
export async function orPage<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFoundPage();
    if (error instanceof AppError && error.code === "forbidden") forbiddenPage();
    throw error;
  }
}

export async function currentActor(): Promise<Actor | null> {
  return actorFromSession();
}

/** For route handlers: Bearer token or session cookie; 401 when neither is valid. */
export async function authenticateRequest(request: Request): Promise<Actor> {
  const header = request.headers.get("authorization");
  if (header) {
    const token = bearerToken(header);
    const actor = token ? await actorForToken(token) : null;
    if (!actor) throw new AppError("unauthenticated", "The API token is invalid, expired or revoked.");
    return actor;
  }
  const actor = await actorFromSession();
  if (!actor) throw new AppError("unauthenticated", "Sign in or send an API token (Authorization: Bearer …).");
  if (actor.mustChangePassword) throw passwordChangeRequired(actor);
  return actor;
}

function passwordChangeRequired(actor: Actor): AppError {
  securityEvent("auth.password_change.required", { userId: actor.id, status: 403 });
  return forbidden(PASSWORD_CHANGE_REQUIRED);
}

/** The id of the signed-in session: a password change keeps it and signs out the others. */
export async function currentSessionId(): Promise<string | null> {
  const session = await getServerSession(authOptions());
  return session?.sid ?? null;
}
