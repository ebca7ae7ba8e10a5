// Checking a password with throttling. Attempts are counted in the database per account and per
// client address (an IPv6 client by its /64), so a restart does not reset them; unknown emails count
// exactly like known ones, and every refusal says the same thing whether or not the account exists.
import { randomBytes } from "node:crypto";
import { addressThrottleKey } from "./client-address";
import { LOCKS, db, serialisedTransaction, type Tx } from "./db";
import { securityEvent } from "./security-log";
import { env } from "./env";
import { dummyPasswordHash, verifyPassword } from "./password";

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; role: string }; sessionId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

export const INVALID_MESSAGE = "Email or password is incorrect.";
export function throttledMessage(minutes: number) {
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/** The last `max` attempts in the window; locked until the oldest of them leaves it. */
async function lockedUntil(tx: Tx, scope: "account" | "address", key: string, max: number, since: Date, windowMs: number) {
  const attempts = await tx.signInFailure.findMany({
    where: { scope, key, at: { gte: since } },
    orderBy: { at: "desc" },
    take: max,
    select: { at: true },
  });
  return attempts.length < max ? null : attempts[attempts.length - 1]!.at.getTime() + windowMs;
}

/**
 * The throttle's check and count as one atomic step, taken before the password is verified: either
 * the account or address is locked, or one attempt is recorded against both. Parallel attempts queue
 * on one lock, so exactly `max` of them get as far as a password check.
 */
async function admitAttempt(email: string, addressKey: string, now: number) {
  const { SIGNIN_MAX_FAILURES_PER_ACCOUNT, SIGNIN_MAX_FAILURES_PER_ADDRESS, SIGNIN_WINDOW_MINUTES } = env();
  const windowMs = SIGNIN_WINDOW_MINUTES * 60_000;
  const since = new Date(now - windowMs);
  return serialisedTransaction(LOCKS.signInThrottle, async (tx) => {
    const until = [
      await lockedUntil(tx, "account", email, SIGNIN_MAX_FAILURES_PER_ACCOUNT, since, windowMs),
      await lockedUntil(tx, "address", addressKey, SIGNIN_MAX_FAILURES_PER_ADDRESS, since, windowMs),
    ].filter((t): t is number => t !== null);
    if (until.length) return { admitted: false as const, retryAfterMinutes: Math.max(1, Math.ceil((Math.max(...until) - now) / 60_000)) };
    const at = new Date(now);
    const account = await tx.signInFailure.create({ data: { scope: "account", key: email, at }, select: { id: true } });
    const address = await tx.signInFailure.create({ data: { scope: "address", key: addressKey, at }, select: { id: true } });
    return { admitted: true as const, attemptIds: [account.id, address.id] };
  });
}

export async function signInWithPassword(emailRaw: string, password: string, clientAddress: string): Promise<SignInResult> {
  const email = emailRaw.trim().toLowerCase();
  const now = Date.now();
  const admission = await admitAttempt(email, addressThrottleKey(clientAddress), now);
  if (!admission.admitted) {
    securityEvent("auth.signin.locked", { email, clientAddress });
    return { ok: false, reason: "throttled", retryAfterMinutes: admission.retryAfterMinutes };
  }

  const user = await db().user.findUnique({ where: { email } });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !valid || user.disabledAt) {
    // The attempt already counts as a failure. Keep the table small: rows older than a day no longer
    // matter to any window.
    await db().signInFailure.deleteMany({ where: { at: { lt: new Date(now - 24 * 3600_000) } } });
    securityEvent("auth.signin.failed", { email, userId: user?.id ?? null, clientAddress, reason: !user ? "unknown email" : user.disabledAt ? "disabled account" : "wrong password" });
    return { ok: false, reason: "invalid" };
  }

  // A success clears the account's failures and takes back this attempt's count against the address.
  await db().signInFailure.deleteMany({
    where: { OR: [{ scope: "account", key: email }, { id: { in: admission.attemptIds } }] },
  });
  const sessionId = randomBytes(24).toString("base64url");
  await db().session.create({
    data: { id: sessionId, userId: user.id, expiresAt: new Date(now + env().SESSION_MAX_AGE_HOURS * 3600_000) },
  });
  securityEvent("auth.signin.succeeded", { email, userId: user.id, clientAddress });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role }, sessionId };
}

/** Sign-out: the session's id stops working even if its cookie is replayed. */
export async function revokeSession(sessionId: string) {
  const session = await db().session.findUnique({ where: { id: sessionId }, select: { userId: true, revokedAt: true } });
  if (!session || session.revokedAt) return;
  await db().session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
  securityEvent("auth.signout", { userId: session.userId });
}

/**
 * A signed-in user's password checked again (to change it) under the same throttle as signing in, so a
 * stolen session cannot be used to guess the password: a wrong one counts as a failed sign-in of the
 * account and the client address, and a locked account or address is refused before any check.
 */
export async function recheckPassword(
  email: string,
  stored: string,
  password: string,
  clientAddress: string,
): Promise<{ ok: true } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; retryAfterMinutes: number }> {
  const now = Date.now();
  const admission = await admitAttempt(email, addressThrottleKey(clientAddress), now);
  if (!admission.admitted) return { ok: false, reason: "throttled", retryAfterMinutes: admission.retryAfterMinutes };
  if (!(await verifyPassword(password, stored))) return { ok: false, reason: "invalid" };
  await db().signInFailure.deleteMany({ where: { id: { in: admission.attemptIds } } });
  return { ok: true };
}
