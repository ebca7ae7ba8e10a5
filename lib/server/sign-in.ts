// Checking a password with throttling. Failures are counted in the database per account and per
// client address, so a restart does not reset them; unknown emails count exactly like known ones, and
// every refusal says the same thing whether or not the account exists.
import { randomBytes } from "node:crypto";
import { db } from "./db";
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

async function throttle(scope: "account" | "address", key: string, max: number, since: Date) {
  const failures = await db().signInFailure.findMany({
    where: { scope, key, at: { gte: since } },
    orderBy: { at: "desc" },
    take: max,
    select: { at: true },
  });
  if (failures.length < max) return null;
  // Locked until the oldest of the last `max` failures leaves the window.
  return failures[failures.length - 1]!.at;
}

export async function signInWithPassword(emailRaw: string, password: string, clientAddress: string): Promise<SignInResult> {
  const { SIGNIN_MAX_FAILURES_PER_ACCOUNT, SIGNIN_MAX_FAILURES_PER_ADDRESS, SIGNIN_WINDOW_MINUTES, SESSION_MAX_AGE_HOURS } =
    env();
  const email = emailRaw.trim().toLowerCase();
  const windowMs = SIGNIN_WINDOW_MINUTES * 60_000;
  const now = Date.now();
  const since = new Date(now - windowMs);

  const lockedFrom = [
    await throttle("account", email, SIGNIN_MAX_FAILURES_PER_ACCOUNT, since),
    await throttle("address", clientAddress, SIGNIN_MAX_FAILURES_PER_ADDRESS, since),
  ].filter((d): d is Date => d !== null);
  if (lockedFrom.length) {
    const until = Math.max(...lockedFrom.map((d) => d.getTime() + windowMs));
    return { ok: false, reason: "throttled", retryAfterMinutes: Math.max(1, Math.ceil((until - now) / 60_000)) };
  }

  const user = await db().user.findUnique({ where: { email } });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !valid || user.disabledAt) {
    await db().signInFailure.createMany({
      data: [
        { scope: "account", key: email },
        { scope: "address", key: clientAddress },
      ],
    });
    // Keep the table small: rows older than a day no longer matter to any window.
    await db().signInFailure.deleteMany({ where: { at: { lt: new Date(now - 24 * 3600_000) } } });
    return { ok: false, reason: "invalid" };
  }

  await db().signInFailure.deleteMany({ where: { scope: "account", key: email } });
  const sessionId = randomBytes(24).toString("base64url");
  await db().session.create({
    data: { id: sessionId, userId: user.id, expiresAt: new Date(now + SESSION_MAX_AGE_HOURS * 3600_000) },
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role }, sessionId };
}

export async function revokeSession(sessionId: string) {
  await db().session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}
