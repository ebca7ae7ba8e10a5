// Who a session id or an API token stands for, checked against the database on every request: a
// revoked or expired session or token, a disabled user or an unknown role gives no one. Free of
// Next.js so it is tested against real databases; lib/server/session.ts reads the cookie or header
// and calls these.
import { isRole } from "@/lib/core/roles";
import { hashToken, type Actor } from "./actor";
import { db } from "./db";
import { securityEvent } from "./security-log";

/** How often a token's "last used" time is refreshed (and a `token.used` event logged), at most. */
export const TOKEN_USE_RECORD_MS = 60_000;

/** The Bearer token of an Authorization header, or null when the header is not a well-formed one. */
export function bearerToken(header: string): string | null {
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header.trim());
  return match ? match[1]! : null;
}

export async function actorForSession(sessionId: string, now = Date.now()): Promise<Actor | null> {
  const row = await db().session.findUnique({ where: { id: sessionId }, include: { user: true } });
  if (!row || row.revokedAt || row.expiresAt.getTime() <= now || row.user.disabledAt) return null;
  if (!isRole(row.user.role)) return null;
  return {
    id: row.user.id,
    name: row.user.name,
    email: row.user.email,
    role: row.user.role,
    via: "session",
    ...(row.user.mustChangePassword ? { mustChangePassword: true as const } : {}),
  };
}

export async function actorForToken(token: string, now = Date.now()): Promise<Actor | null> {
  const row = await db().apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row || row.revokedAt || row.expiresAt.getTime() <= now || row.user.disabledAt || !isRole(row.user.role)) return null;
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= TOKEN_USE_RECORD_MS) {
    // At most once a minute per token: enough to see where a token is used.
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
    securityEvent("token.used", { tokenId: row.id, userId: row.user.id, email: row.user.email });
  }
  return { id: row.user.id, name: row.user.name, email: row.user.email, role: row.user.role, via: "token" };
}
