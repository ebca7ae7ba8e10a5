// Data access for accounts and API tokens, used by the admin's user page, the Tokens page and the CLI;
// each change is audited. Token values are shown once and stored only as their SHA-256.
import { randomBytes } from "node:crypto";
import { can, type Role } from "@/lib/core/roles";
import { TokenCreateSchema, UserCreateSchema } from "@/lib/validation/user";
import { audited } from "./audit";
import { securityEvent } from "./security-log";
import { db } from "./db";
import { AppError, notFound } from "./errors";
import { newId } from "./ids";
import { parseInput } from "./parse-input";
import { hashPassword } from "./password";
import { assertCan, hashToken, type Actor } from "./actor";

/** The actor for changes made from the command line by whoever runs the server. */
export const SYSTEM_ACTOR: Actor = { id: "", name: "Command line", email: "", role: "admin", via: "cli" };
const actorId = (actor: Actor) => (actor.id ? actor.id : null);

/** What the audit trail records of an account, by every writer of accounts: never a password or its hash. */
export function userSnapshot(u: { email: string; name: string; role: string; disabledAt: Date | null; mustChangePassword: boolean }) {
  return { email: u.email, name: u.name, role: u.role, disabled: u.disabledAt !== null, mustChangePassword: u.mustChangePassword };
}

export async function createUser(actor: Actor, input: unknown) {
  assertCan(actor, "user.manage");
  const data = parseInput(UserCreateSchema, input);
  const passwordHash = await hashPassword(data.password);
  return audited(actorId(actor), async ({ tx, record }) => {
    if (await tx.user.findUnique({ where: { email: data.email } })) {
      throw new AppError("conflict", "A user with this email already exists.", { email: "Already in use." });
    }
    const user = await tx.user.create({
      data: { id: newId(), email: data.email, name: data.name, role: data.role, passwordHash },
    });
    await record({ action: "user.created", entityType: "user", entityId: user.id, after: userSnapshot(user) });
    return { id: user.id, email: user.email, name: user.name, role: user.role as Role };
  });
}

export async function listUsers(actor: Actor) {
  assertCan(actor, "user.manage");
  const users = await db().user.findMany({ orderBy: { email: "asc" } });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    disabled: u.disabledAt !== null,
    mustChangePassword: u.mustChangePassword,
  }));
}

export async function setUserDisabled(actor: Actor, email: string, disabled: boolean) {
  assertCan(actor, "user.manage");
  const changed = await audited(actorId(actor), async ({ tx, record }) => {
    const user = await tx.user.findUnique({ where: { email: email.trim().toLowerCase() } });
    if (!user) throw notFound("The user");
    if ((user.disabledAt !== null) === disabled) return null;
    if (disabled && user.id === actor.id) throw new AppError("forbidden", "You cannot disable your own account.");
    const updated = await tx.user.update({ where: { id: user.id }, data: { disabledAt: disabled ? new Date() : null } });
    const revoked = disabled ? (await tx.session.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } })).count : 0;
    await record({
      action: disabled ? "user.disabled" : "user.enabled",
      entityType: "user",
      entityId: user.id,
      before: userSnapshot(user),
      after: userSnapshot(updated),
    });
    return { user, revoked };
  });
  if (changed) {
    securityEvent(disabled ? "user.disabled" : "user.enabled", { userId: changed.user.id, email: changed.user.email, by: actorId(actor) });
    if (changed.revoked) securityEvent("auth.session.revoked", { userId: changed.user.id, email: changed.user.email, reason: `${changed.revoked} session(s) of a disabled account` });
  }
}

export async function setUserRole(actor: Actor, email: string, role: unknown) {
  assertCan(actor, "user.manage");
  const parsed = parseInput(UserCreateSchema.shape.role, role);
  const changed = await audited(actorId(actor), async ({ tx, record }) => {
    const user = await tx.user.findUnique({ where: { email: email.trim().toLowerCase() } });
    if (!user) throw notFound("The user");
    if (user.role === parsed) return null;
    if (user.id === actor.id) throw new AppError("forbidden", "You cannot change your own role; ask another admin.");
    const updated = await tx.user.update({ where: { id: user.id }, data: { role: parsed } });
    await record({ action: "user.updated", entityType: "user", entityId: user.id, before: userSnapshot(user), after: userSnapshot(updated) });
    return { user, to: updated.role };
  });
  if (changed) {
    securityEvent("user.role.changed", { userId: changed.user.id, email: changed.user.email, role: { from: changed.user.role, to: changed.to }, by: actorId(actor) });
  }
}

/** May `actor` manage the tokens of the user with this id? Their own (everyone), anyone's (admins, the CLI). */
function assertTokenOwner(actor: Actor, userId: string) {
  assertCan(actor, userId === actor.id ? "account.own" : "user.manage");
}

/**
 * A new API token for the account with this email: one's own, or anyone's for an admin or the CLI. The
 * token's value is returned here once and stored only as its SHA-256.
 */
export async function createToken(actor: Actor, email: string, input: unknown) {
  const data = parseInput(TokenCreateSchema, input);
  const token = `fct_${randomBytes(32).toString("base64url")}`;
  const created = await audited(actorId(actor), async ({ tx, record }) => {
    const user = await tx.user.findUnique({ where: { email: email.trim().toLowerCase() } });
    if (!user) {
      assertCan(actor, "user.manage");
      throw notFound("The user");
    }
    assertTokenOwner(actor, user.id);
    const row = await tx.apiToken.create({
      data: {
        id: newId(),
        userId: user.id,
        name: data.name,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + data.days * 86_400_000),
      },
    });
    await record({
      action: "token.created",
      entityType: "token",
      entityId: row.id,
      after: { userId: user.id, name: row.name, expiresAt: row.expiresAt.toISOString() },
    });
    return { id: row.id, token, expiresAt: row.expiresAt, email: user.email, userId: user.id };
  });
  securityEvent("token.created", { tokenId: created.id, userId: created.userId, email: created.email, by: actorId(actor) });
  return { id: created.id, token: created.token, name: data.name, expiresAt: created.expiresAt, email: created.email };
}

export interface TokenView {
  id: string;
  userId: string;
  email: string;
  owner: string;
  name: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  state: "active" | "expired" | "revoked";
}

/** API tokens, never their values: the actor's own, or with `all` every user's (admins, the CLI). */
export async function listTokens(actor: Actor, opts: { all?: boolean } = {}): Promise<TokenView[]> {
  assertCan(actor, opts.all ? "user.manage" : "account.own");
  const now = Date.now();
  const rows = await db().apiToken.findMany({
    where: opts.all ? {} : { userId: actor.id },
    include: { user: { select: { email: true, name: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((t) => ({
    id: t.id,
    userId: t.userId,
    email: t.user.email,
    owner: t.user.name,
    name: t.name,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    lastUsedAt: t.lastUsedAt,
    state: t.revokedAt ? "revoked" : t.expiresAt.getTime() <= now ? "expired" : "active",
  }));
}

/** Revokes a token: one's own, or anyone's for an admin or the CLI. Another user's token is "not found" to others. */
export async function revokeToken(actor: Actor, id: string) {
  assertCan(actor, "account.own");
  const revoked = await audited(actorId(actor), async ({ tx, record }) => {
    const row = await tx.apiToken.findUnique({ where: { id } });
    if (!row || (row.userId !== actor.id && !can(actor.role, "user.manage"))) throw notFound("The token");
    if (row.revokedAt) return null;
    await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await record({ action: "token.revoked", entityType: "token", entityId: id, before: { revoked: false }, after: { revoked: true } });
    return row;
  });
  if (revoked) securityEvent("token.revoked", { tokenId: id, userId: revoked.userId, by: actorId(actor) });
}
