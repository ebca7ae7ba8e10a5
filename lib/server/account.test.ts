// A user's own account and tokens, and an admin's password reset, against real databases: what each
// role may do, what each change does to sessions, what the audit trail records (never a password or a
// hash), and that every refusal writes nothing.
import { beforeAll, expect, it } from "vitest";
import { changeOwnPassword, getOwnAccount, renameOwnAccount, resetUserPassword, temporaryPassword } from "./account";
import type { Actor } from "./actor";
import { actorForSession, actorForToken } from "./credentials";
import { db } from "./db";
import { signInWithPassword } from "./sign-in";
import { TEST_PASSWORD, describeOnDatabases, expectRefused, seedUser } from "./test-databases";
import { SYSTEM_ACTOR, createToken, listTokens, revokeToken } from "./users";

const NEW_PASSWORD = "a brand new passphrase";
const TEMPORARY = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/;

async function lastEvent() {
  const e = await db().auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
  return { action: e.action, actorId: e.actorId, entityId: e.entityId, before: JSON.parse(e.before ?? "null") as unknown, after: JSON.parse(e.after ?? "null") as unknown };
}

function refused(work: () => Promise<unknown>, code: string, message?: string, fields?: Record<string, string>) {
  return expectRefused(work, { code, message, fields }, ["user", "session", "apiToken"]);
}

let seq = 0;
/** A fresh user of this role with two open sessions (as from two browsers). */
async function userWithSessions(role: Actor["role"]) {
  seq++;
  const email = `user${seq}@test.org`;
  const actor = await seedUser(email, `User ${seq}`, role);
  const sessions: string[] = [];
  for (const address of [`192.0.2.${seq}`, `198.51.100.${seq}`]) {
    const result = await signInWithPassword(email, TEST_PASSWORD, address);
    if (!result.ok) throw new Error("sign-in failed");
    sessions.push(result.sessionId);
  }
  return { actor, email, sessions };
}

describeOnDatabases("accounts", () => {
  let admin: Actor;
  beforeAll(async () => {
    admin = await seedUser("admin@test.org", "Ada Admin", "admin");
  });

  it("lets anyone rename themselves, audited; the same name again writes nothing; a blank name is refused", async () => {
    const { actor } = await userWithSessions("viewer");
    const renamed = await renameOwnAccount(actor, { name: "  Vera Viewer " });
    expect(renamed).toEqual({ id: actor.id, email: actor.email, name: "Vera Viewer", role: "viewer", mustChangePassword: false });
    expect(await lastEvent()).toEqual({
      action: "user.updated",
      actorId: actor.id,
      entityId: actor.id,
      before: { email: actor.email, name: actor.name, role: "viewer", disabled: false, mustChangePassword: false },
      after: { email: actor.email, name: "Vera Viewer", role: "viewer", disabled: false, mustChangePassword: false },
    });
    const events = await db().auditEvent.count();
    expect(await renameOwnAccount(actor, { name: "Vera Viewer" })).toEqual(renamed);
    expect(await db().auditEvent.count()).toBe(events);
    await refused(() => renameOwnAccount(actor, { name: "   " }), "validation_failed", undefined, { name: "Name is required." });
    await refused(() => renameOwnAccount(actor, { name: "x", role: "admin" }), "validation_failed");
    expect(await getOwnAccount(actor)).toEqual(renamed);
  });

  it("changes a password given the current one, signs out the other sessions and keeps this one", async () => {
    const { actor, email, sessions } = await userWithSessions("reviewer");
    const [kept, other] = sessions as [string, string];
    expect(await changeOwnPassword(actor, { current: TEST_PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, kept)).toEqual({ signedOut: 1 });
    expect(await actorForSession(kept)).toMatchObject({ id: actor.id });
    expect(await actorForSession(other)).toBeNull();
    expect(await signInWithPassword(email, TEST_PASSWORD, "203.0.113.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword(email, NEW_PASSWORD, "203.0.113.1")).toMatchObject({ ok: true });
    const event = await lastEvent();
    expect(event).toEqual({
      action: "user.password_changed",
      actorId: actor.id,
      entityId: actor.id,
      before: { email, name: actor.name, role: "reviewer", disabled: false, mustChangePassword: false },
      after: { email, name: actor.name, role: "reviewer", disabled: false, mustChangePassword: false },
    });
    const stored = (await db().user.findUniqueOrThrow({ where: { id: actor.id } })).passwordHash;
    expect(JSON.stringify(await db().auditEvent.findMany())).not.toContain(stored.split("$")[5]!);
  });

  it("refuses a wrong current password, the same password again and two new ones that differ, changing nothing", async () => {
    const { actor, sessions } = await userWithSessions("editor");
    await refused(
      () => changeOwnPassword(actor, { current: "not my password", password: NEW_PASSWORD, confirm: NEW_PASSWORD }, sessions[0]!),
      "validation_failed",
      "The current password is not right.",
      { current: "Not your current password." },
    );
    await refused(
      () => changeOwnPassword(actor, { current: TEST_PASSWORD, password: TEST_PASSWORD, confirm: TEST_PASSWORD }, sessions[0]!),
      "validation_failed",
      "Choose a password different from the current one.",
      { password: "The same as the current password." },
    );
    await refused(
      () => changeOwnPassword(actor, { current: TEST_PASSWORD, password: NEW_PASSWORD, confirm: `${NEW_PASSWORD}!` }, sessions[0]!),
      "validation_failed",
      undefined,
      { confirm: "The two new passwords differ." },
    );
    await refused(() => changeOwnPassword(actor, { current: TEST_PASSWORD, password: "short", confirm: "short" }, null), "validation_failed", undefined, {
      password: "Passwords need at least 12 characters.",
    });
  });

  it("counts a wrong current password as a failed sign-in: the account locks, even for the right one", async () => {
    // The default limit: 5 failures per account in 15 minutes.
    const { actor, email, sessions } = await userWithSessions("reviewer");
    const change = (current: string) => changeOwnPassword(actor, { current, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, sessions[0]!);
    for (let i = 0; i < 5; i++) await refused(() => change(`wrong guess ${i}`), "validation_failed", "The current password is not right.");
    await refused(() => change(TEST_PASSWORD), "throttled", "Too many failed sign-ins. Try again in 15 minutes.");
    expect(await signInWithPassword(email, TEST_PASSWORD, "203.0.113.9")).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("lets an admin reset someone's password: a temporary one, every session ended, a new one required", async () => {
    const { actor, email, sessions } = await userWithSessions("reviewer");
    const { email: resetEmail, temporaryPassword: temporary } = await resetUserPassword(admin, { id: actor.id });
    expect(resetEmail).toBe(email);
    expect(temporary).toMatch(TEMPORARY);
    for (const session of sessions) expect(await actorForSession(session)).toBeNull();
    expect(await lastEvent()).toEqual({
      action: "user.password_reset",
      actorId: admin.id,
      entityId: actor.id,
      before: { email, name: actor.name, role: "reviewer", disabled: false, mustChangePassword: false },
      after: { email, name: actor.name, role: "reviewer", disabled: false, mustChangePassword: true },
    });
    expect(await signInWithPassword(email, TEST_PASSWORD, "203.0.113.2")).toEqual({ ok: false, reason: "invalid" });
    const signedIn = await signInWithPassword(email, temporary, "203.0.113.2");
    if (!signedIn.ok) throw new Error("the temporary password did not work");
    // The new session is marked: the app lets it do nothing but choose a new password.
    expect(await actorForSession(signedIn.sessionId)).toEqual({ id: actor.id, name: actor.name, email, role: "reviewer", via: "session", mustChangePassword: true });
    expect(await getOwnAccount(actor)).toMatchObject({ mustChangePassword: true });

    await changeOwnPassword(actor, { current: temporary, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, signedIn.sessionId);
    expect(await actorForSession(signedIn.sessionId)).toEqual({ id: actor.id, name: actor.name, email, role: "reviewer", via: "session" });
    expect(await lastEvent()).toMatchObject({ action: "user.password_changed", after: { mustChangePassword: false } });
  });

  it("lets only admins reset passwords, never their own, and only of users that exist", async () => {
    const { actor: editor } = await userWithSessions("editor");
    const { actor: other } = await userWithSessions("reviewer");
    await refused(() => resetUserPassword(editor, { id: other.id }), "forbidden");
    await refused(() => resetUserPassword(admin, { email: " ADMIN@test.org" }), "forbidden", "Change your own password on your Account page.");
    await refused(() => resetUserPassword(admin, { id: "no-such-user" }), "not_found", "The user was not found.");
  });

  it("makes temporary passwords of 16 unambiguous characters in four groups, different each time", () => {
    const made = new Set(Array.from({ length: 200 }, () => temporaryPassword()));
    expect(made.size).toBe(200);
    for (const p of made) expect(p).toMatch(TEMPORARY);
    // Over 200 passwords (3,200 characters) every one of the 31 characters turns up.
    expect(new Set([...made].join("").replaceAll("-", "")).size).toBe(31);
  });

  it("lets anyone make, list and revoke their own API tokens; admins see and revoke everyone's", async () => {
    const { actor: viewer } = await userWithSessions("viewer");
    const { actor: reviewer } = await userWithSessions("reviewer");
    const mine = await createToken(viewer, viewer.email, { name: "  sync script ", days: 30 });
    expect(mine).toMatchObject({ name: "sync script", email: viewer.email });
    expect(await actorForToken(mine.token)).toMatchObject({ id: viewer.id, via: "token" });
    expect(await lastEvent()).toMatchObject({ action: "token.created", actorId: viewer.id, entityId: mine.id, after: { userId: viewer.id, name: "sync script" } });
    const theirs = await createToken(SYSTEM_ACTOR, reviewer.email, {});
    expect(theirs).toMatchObject({ name: "API token" });
    expect(Math.round((theirs.expiresAt.getTime() - Date.now()) / 86_400_000)).toBe(90);

    // One's own, never the value.
    const listed = await listTokens(viewer);
    expect(listed.map((t) => [t.id, t.name, t.email, t.state])).toEqual([[mine.id, "sync script", viewer.email, "active"]]);
    expect(JSON.stringify(listed)).not.toContain(mine.token);
    const all = await listTokens(admin, { all: true });
    expect(all.map((t) => t.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));

    // Someone else's token is not theirs to make, see or revoke.
    await refused(() => createToken(viewer, reviewer.email, { name: "x", days: 1 }), "forbidden");
    await refused(() => createToken(viewer, "nobody@test.org", { name: "x", days: 1 }), "forbidden");
    await refused(() => listTokens(viewer, { all: true }), "forbidden");
    await refused(() => revokeToken(viewer, theirs.id), "not_found", "The token was not found.");
    await refused(() => createToken(viewer, viewer.email, { name: "x", days: 0 }), "validation_failed");
    await refused(() => createToken(viewer, viewer.email, { name: "x", days: 3651 }), "validation_failed");

    await revokeToken(viewer, mine.id);
    expect(await actorForToken(mine.token)).toBeNull();
    expect((await listTokens(viewer))[0]?.state).toBe("revoked");
    await revokeToken(admin, theirs.id);
    expect(await lastEvent()).toMatchObject({ action: "token.revoked", actorId: admin.id, entityId: theirs.id });
    expect(await actorForToken(theirs.token)).toBeNull();
    // Revoking again changes nothing.
    const events = await db().auditEvent.count();
    await revokeToken(viewer, mine.id);
    expect(await db().auditEvent.count()).toBe(events);
  });
});
