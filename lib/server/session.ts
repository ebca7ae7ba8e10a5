// Who is acting. Pages and server actions call requireActor() (anonymous → /sign-in); route handlers
// call authenticateRequest() (session cookie or Bearer token; anonymous → 401). Both re-check the
// server-side session or token and the user's state on every request, so sign-out, revocation and
// disabling a user take effect at once; the role is read fresh, never trusted from the cookie.
import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { forbidden as forbiddenPage, notFound as notFoundPage, redirect } from "next/navigation";
import { can, isRole, type Permission } from "@/lib/core/roles";
import { hashToken, type Actor } from "./actor";
import { authOptions } from "./auth-options";
import { db } from "./db";
import { ID_PATTERN } from "@/lib/validation/common";
import { REQUEST_PATH_HEADER } from "./client-address";
import { AppError, forbidden } from "./errors";
import { securityEvent } from "./security-log";

export type { Actor } from "./actor";

async function actorFromSession(): Promise<Actor | null> {
  const session = await getServerSession(authOptions());
  const sid = session?.sid;
  if (!sid) return null;
  const row = await db().session.findUnique({ where: { id: sid }, include: { user: true } });
  if (!row || row.revokedAt || row.expiresAt.getTime() < Date.now() || row.user.disabledAt) return null;
  if (!isRole(row.user.role)) return null;
  return { id: row.user.id, name: row.user.name, email: row.user.email, role: row.user.role, via: "session" };
}

async function actorFromToken(token: string): Promise<Actor | null> {
  const row = await db().apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  const now = Date.now();
  if (!row || row.revokedAt || row.expiresAt.getTime() <= now || row.user.disabledAt || !isRole(row.user.role)) return null;
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > 60_000) {
    // At most once a minute per token, like its "last used" time: enough to see where a token is used.
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
    securityEvent("token.used", { tokenId: row.id, userId: row.user.id, email: row.user.email });
  }
  return { id: row.user.id, name: row.user.name, email: row.user.email, role: row.user.role, via: "token" };
}

/** The sign-in page, remembering the page asked for (without Next's internal query parameters). */
async function signInRedirect(): Promise<never> {
  const requested = (await headers()).get(REQUEST_PATH_HEADER);
  if (!requested || requested === "/" || !requested.startsWith("/")) redirect("/sign-in");
  const url = new URL(requested, "http://placeholder.invalid");
  url.searchParams.delete("_rsc");
  redirect(`/sign-in?callbackUrl=${encodeURIComponent(url.pathname + url.search)}`);
}

/** For pages: the signed-in actor; anonymous → the sign-in page, not allowed → the 403 page. */
export async function requireActor(permission: Permission = "article.read"): Promise<Actor> {
  const actor = await actorFromSession();
  if (!actor) return signInRedirect();
  if (!can(actor.role, permission)) {
    securityEvent("auth.denied", { userId: actor.id, status: 403, reason: `page needs ${permission}` });
    forbiddenPage();
  }
  return actor;
}

/** For server actions: anonymous → the sign-in page; a missing permission is a value the form shows. */
export async function requireActionActor(permission: Permission): Promise<Actor> {
  const actor = await actorFromSession();
  if (!actor) redirect("/sign-in");
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
    const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header.trim());
    const actor = match ? await actorFromToken(match[1]!) : null;
    if (!actor) throw new AppError("unauthenticated", "The API token is invalid, expired or revoked.");
    return actor;
  }
  const actor = await actorFromSession();
  if (!actor) throw new AppError("unauthenticated", "Sign in or send an API token (Authorization: Bearer …).");
  return actor;
}
