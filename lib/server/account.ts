// A user's own account, and an admin's reset of someone's password. Every change is audited (never
// with a password or hash) and logged to the security log. Changing a password signs out every other
// session of the account; an admin's reset signs out all of them, and the user must choose a new
// password at their next sign-in before they can do anything else.
import { randomInt } from "node:crypto";
import { AccountNameSchema, PasswordChangeSchema } from "@/lib/validation/user";
import { assertCan, type Actor } from "./actor";
import { audited } from "./audit";
import { AppError, notFound } from "./errors";
import { parseInput } from "./parse-input";
import { hashPassword, verifyPassword } from "./password";
import { requestClientAddress, securityEvent } from "./security-log";
import { recheckPassword, throttledMessage } from "./sign-in";
import { db, type Tx } from "./db";
import { userSnapshot } from "./users";

/** Revokes the user's open sessions except `keep`; returns how many. */
async function revokeSessions(tx: Tx, userId: string, keep: string | null): Promise<number> {
  const where = { userId, revokedAt: null, ...(keep ? { id: { not: keep } } : {}) };
  return (await tx.session.updateMany({ where, data: { revokedAt: new Date() } })).count;
}

export interface AccountView {
  id: string;
  email: string;
  name: string;
  role: string;
  mustChangePassword: boolean;
}

function accountView(u: AccountView): AccountView {
  return { id: u.id, email: u.email, name: u.name, role: u.role, mustChangePassword: u.mustChangePassword };
}

export async function getOwnAccount(actor: Actor): Promise<AccountView> {
  assertCan(actor, "account.own");
  const user = await db().user.findUnique({ where: { id: actor.id } });
  if (!user) throw notFound("The account");
  return accountView(user);
}

/** The name others see on claims, comments and reports. */
export async function renameOwnAccount(actor: Actor, input: unknown): Promise<AccountView> {
  assertCan(actor, "account.own");
  const { name } = parseInput(AccountNameSchema, input);
  return audited(actor.id, async ({ tx, record }) => {
    const user = await tx.user.findUnique({ where: { id: actor.id } });
    if (!user) throw notFound("The account");
    if (user.name === name) return accountView(user);
    const updated = await tx.user.update({ where: { id: user.id }, data: { name } });
    await record({ action: "user.updated", entityType: "user", entityId: user.id, before: userSnapshot(user), after: userSnapshot(updated) });
    return accountView(updated);
  });
}

/**
 * A new password, given the current one; every other session of the account is signed out (`keep` is
 * the session making the change, if any). Returns how many sessions were signed out.
 */
export async function changeOwnPassword(actor: Actor, input: unknown, keep: string | null): Promise<{ signedOut: number }> {
  assertCan(actor, "account.own");
  const data = parseInput(PasswordChangeSchema, input);
  const user = await db().user.findUnique({ where: { id: actor.id } });
  if (!user) throw notFound("The account");
  // Throttled like signing in: a stolen session must not become a way to guess the password.
  const checked = await recheckPassword(user.email, user.passwordHash, data.current, requestClientAddress());
  if (!checked.ok) {
    securityEvent("auth.password_change.refused", { userId: user.id, email: user.email, reason: checked.reason === "throttled" ? "throttled" : "wrong current password" });
    if (checked.reason === "throttled") throw new AppError("throttled", throttledMessage(checked.retryAfterMinutes));
    throw new AppError("validation_failed", "The current password is not right.", { current: "Not your current password." });
  }
  if (await verifyPassword(data.password, user.passwordHash)) {
    throw new AppError("validation_failed", "Choose a password different from the current one.", { password: "The same as the current password." });
  }
  const passwordHash = await hashPassword(data.password);
  const signedOut = await audited(actor.id, async ({ tx, record }) => {
    // The hash read above must still be the stored one: a change made meanwhile wins, this one is refused.
    const current = await tx.user.findUnique({ where: { id: user.id } });
    if (!current || current.passwordHash !== user.passwordHash) {
      throw new AppError("conflict", "The password was changed meanwhile. Sign in again with the new one.");
    }
    const updated = await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
    const count = await revokeSessions(tx, user.id, keep);
    await record({ action: "user.password_changed", entityType: "user", entityId: user.id, before: userSnapshot(current), after: userSnapshot(updated) });
    return count;
  });
  securityEvent("auth.password_changed", { userId: user.id, email: user.email, reason: `${signedOut} other session(s) signed out` });
  return { signedOut };
}

// 16 characters from the 31 letters and digits that cannot be mistaken for each other (no 0/O, 1/I/L):
// 79 bits, read out or typed without doubt, in four groups.
const TEMPORARY_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export function temporaryPassword(): string {
  const chars = Array.from({ length: 16 }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]!);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join("")).join("-");
}

/**
 * An admin resets someone else's password: a temporary password (returned once, to hand over), every
 * session of the user signed out, and a new password required at their next sign-in.
 */
export async function resetUserPassword(actor: Actor, who: { id: string } | { email: string }): Promise<{ email: string; temporaryPassword: string }> {
  assertCan(actor, "user.manage");
  const where = "id" in who ? { id: who.id } : { email: who.email.trim().toLowerCase() };
  if (where.id === actor.id || where.email === actor.email) throw new AppError("forbidden", "Change your own password on your Account page.");
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const reset = await audited(actor.id ? actor.id : null, async ({ tx, record }) => {
    const user = await tx.user.findUnique({ where });
    if (!user) throw notFound("The user");
    const updated = await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: true } });
    const signedOut = await revokeSessions(tx, user.id, null);
    await record({ action: "user.password_reset", entityType: "user", entityId: user.id, before: userSnapshot(user), after: userSnapshot(updated) });
    return { userId: user.id, email: user.email, signedOut };
  });
  securityEvent("auth.password_reset", { userId: reset.userId, email: reset.email, by: actor.id ? actor.id : null, reason: `${reset.signedOut} session(s) signed out` });
  return { email: reset.email, temporaryPassword: password };
}
