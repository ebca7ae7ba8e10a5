// Data access for accounts and API tokens. Used by the admin CLI and, later, an admin page; each
// change is audited. Token values are shown once and stored only as their SHA-256.
import { randomBytes } from "node:crypto";
import type { Role } from "@/lib/core/roles";
import { UserCreateSchema } from "@/lib/validation/user";
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

function userSnapshot(u: { email: string; name: string; role: string; disabledAt: Date | null }) {
  return { email: u.email, name: u.name, role: u.role, disabled: u.disabledAt !== null };
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
  return users.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, disabled: u.disabledAt !== null }));
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

export async function createToken(actor: Actor, email: string, opts: { days: number; name?: string }) {
  assertCan(actor, "user.manage");
  const token = `fct_${randomBytes(32).toString("base64url")}`;
  const created = await audited(actorId(actor), async ({ tx, record }) => {
    const user = await tx.user.findUnique({ where: { email: email.trim().toLowerCase() } });
    if (!user) throw notFound("The user");
    const row = await tx.apiToken.create({
      data: {
        id: newId(),
        userId: user.id,
        name: opts.name ?? "API token",
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + opts.days * 86_400_000),
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
  return { id: created.id, token: created.token, expiresAt: created.expiresAt, email: created.email };
}

export async function listTokens(actor: Actor) {
  assertCan(actor, "user.manage");
  const rows = await db().apiToken.findMany({ include: { user: { select: { email: true } } }, orderBy: { createdAt: "asc" } });
  return rows.map((t) => ({
    id: t.id,
    email: t.user.email,
    name: t.name,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    lastUsedAt: t.lastUsedAt,
    revoked: t.revokedAt !== null,
  }));
}

export async function revokeToken(actor: Actor, id: string) {
  assertCan(actor, "user.manage");
  const revoked = await audited(actorId(actor), async ({ tx, record }) => {
    const row = await tx.apiToken.findUnique({ where: { id } });
    if (!row) throw notFound("The token");
    if (row.revokedAt) return null;
    await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await record({ action: "token.revoked", entityType: "token", entityId: id, before: { revoked: false }, after: { revoked: true } });
    return row;
  });
  if (revoked) securityEvent("token.revoked", { tokenId: id, userId: revoked.userId, by: actorId(actor) });
}
