// Password sign-in against real databases, with small limits so every rule is reached in a few tries:
// 3 failures per account and 6 per address in a 10-minute window, sessions of 2 hours.
import { Writable } from "node:stream";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { db } from "./db";
import { setSecurityLogDestination } from "./security-log";
import { INVALID_MESSAGE, recheckPassword, revokeSession, signInWithPassword, throttledMessage } from "./sign-in";
import type * as Password from "./password";
import { TEST_PASSWORD, describeOnDatabases, seedUser } from "./test-databases";

// An unknown email is checked against a dummy hash so both paths cost the same; here that hash is as
// cheap as the seeded users' (see SEEDED_PASSWORD_HASH). password.test covers the app's own dummy.
vi.mock("./password", async (importOriginal) => ({
  ...(await importOriginal<typeof Password>()),
  dummyPasswordHash: () => Promise.resolve("scrypt$10$8$1$BBRbth33VRUDq/T1jW0RSg==$zvpVFcxAHcboR+lkHZ+xT8ZvDdGdaLPBIAXGD9e4DQ8="),
}));

const WINDOW_MS = 10 * 60_000;
// 24 random bytes in base64url; typed as the string it stands for.
const aSessionId = expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) as unknown as string;
const WRONG = "Tr0ub4dor&3";

beforeAll(() => {
  vi.stubEnv("SIGNIN_MAX_FAILURES_PER_ACCOUNT", "3");
  vi.stubEnv("SIGNIN_MAX_FAILURES_PER_ADDRESS", "6");
  vi.stubEnv("SIGNIN_WINDOW_MINUTES", "10");
  vi.stubEnv("SESSION_MAX_AGE_HOURS", "2");
});
afterAll(() => {
  vi.unstubAllEnvs();
});

it("words its refusals the same whether or not the account exists", () => {
  expect(INVALID_MESSAGE).toBe("Email or password is incorrect.");
  expect(throttledMessage(1)).toBe("Too many failed sign-ins. Try again in 1 minute.");
  expect(throttledMessage(15)).toBe("Too many failed sign-ins. Try again in 15 minutes.");
});

describeOnDatabases("sign-in", () => {
  const events: Array<Record<string, unknown>> = [];
  let seq = 0;
  // Each test its own user and client address, so counts never carry over.
  let email = "";
  let userId = "";
  let address = "";

  beforeAll(() => {
    setSecurityLogDestination(
      new Writable({ write: (chunk: Buffer, _e, done) => (events.push(JSON.parse(chunk.toString("utf8")) as Record<string, unknown>), done()) }),
    );
  });
  afterAll(() => setSecurityLogDestination(undefined));
  beforeEach(async () => {
    seq++;
    email = `user${seq}@test.org`;
    address = `192.0.2.${seq}`;
    userId = (await seedUser(email, `User ${seq}`, "reviewer")).id;
    events.length = 0;
  });
  afterEach(() => {
    expect(JSON.stringify(events)).not.toContain(TEST_PASSWORD);
    expect(JSON.stringify(events)).not.toContain(WRONG);
  });

  const failures = (scope: "account" | "address", key: string) => db().signInFailure.count({ where: { scope, key } });

  it("signs in with the email in any case and spaces around it, and opens a session of the configured length", async () => {
    const before = Date.now();
    const result = await signInWithPassword(`  ${email.toUpperCase()} `, TEST_PASSWORD, address);
    const after = Date.now();
    expect(result).toEqual({ ok: true, user: { id: userId, email, name: `User ${seq}`, role: "reviewer" }, sessionId: aSessionId });
    const sessionId = (result as { sessionId: string }).sessionId;
    const session = await db().session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session.userId).toBe(userId);
    expect(session.revokedAt).toBeNull();
    expect(session.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 2 * 3600_000);
    expect(session.expiresAt.getTime()).toBeLessThanOrEqual(after + 2 * 3600_000);
    expect(events).toEqual([expect.objectContaining({ event: "auth.signin.succeeded", email, userId, clientAddress: address })]);
    // Nothing is left counted against the account or the address.
    expect(await failures("account", email)).toBe(0);
    expect(await failures("address", address)).toBe(0);
  });

  it("refuses a wrong password, an unknown email and a disabled account alike, saying why only in the security log", async () => {
    expect(await signInWithPassword(email, WRONG, address)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword(`nobody${seq}@test.org`, TEST_PASSWORD, address)).toEqual({ ok: false, reason: "invalid" });
    await db().user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
    expect(await signInWithPassword(email, TEST_PASSWORD, address)).toEqual({ ok: false, reason: "invalid" });
    expect(events).toEqual([
      expect.objectContaining({ event: "auth.signin.failed", email, userId, clientAddress: address, reason: "wrong password" }),
      expect.objectContaining({ event: "auth.signin.failed", email: `nobody${seq}@test.org`, userId: null, reason: "unknown email" }),
      expect.objectContaining({ event: "auth.signin.failed", email, userId, reason: "disabled account" }),
    ]);
    expect(await db().session.count({ where: { userId } })).toBe(0);
  });

  it("locks an account after 3 failures in the window, for the whole window, even with the right password", async () => {
    for (let i = 0; i < 3; i++) expect(await signInWithPassword(email, WRONG, `198.51.100.${i}`)).toEqual({ ok: false, reason: "invalid" });
    expect(await failures("account", email)).toBe(3);
    expect(await signInWithPassword(email, TEST_PASSWORD, "198.51.100.9")).toEqual({ ok: false, reason: "throttled", retryAfterMinutes: 10 });
    expect(events.map((e) => e.event)).toEqual(["auth.signin.failed", "auth.signin.failed", "auth.signin.failed", "auth.signin.locked"]);
    expect(events[3]).toMatchObject({ email, clientAddress: "198.51.100.9" });
    // A refused attempt is not counted again, and an unknown email locks the same way.
    expect(await failures("account", email)).toBe(3);
    const stranger = `stranger${seq}@test.org`;
    for (let i = 0; i < 3; i++) await signInWithPassword(stranger, WRONG, `198.51.101.${i}`);
    expect(await signInWithPassword(stranger, WRONG, "198.51.101.9")).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("counts only the failures inside the window, and the lock lasts until the oldest leaves it", async () => {
    const now = Date.now();
    const at = (msAgo: number) => new Date(now - msAgo);
    // Two failures long ago and one 4 minutes ago: only one is in the window.
    await db().signInFailure.createMany({
      data: [
        { scope: "account", key: email, at: at(WINDOW_MS + 60_000) },
        { scope: "account", key: email, at: at(WINDOW_MS + 1_000) },
        { scope: "account", key: email, at: at(4 * 60_000) },
      ],
    });
    expect(await signInWithPassword(email, WRONG, address)).toEqual({ ok: false, reason: "invalid" });
    // Now 2 in the window; the third failure locks, until the one from 4 minutes ago is 10 minutes old.
    expect(await signInWithPassword(email, WRONG, address)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword(email, TEST_PASSWORD, address)).toEqual({ ok: false, reason: "throttled", retryAfterMinutes: 6 });
  });

  it("gives the later of the two retry times when both the account and the address are locked", async () => {
    const now = Date.now();
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000);
    const otherAddress = `198.51.102.${seq}`;
    // The account's oldest counted failure is 8 minutes old: free in 2 minutes. The address's oldest is
    // 3 minutes old: free in 7. The other address's oldest is 9 minutes old: free in 1.
    await db().signInFailure.createMany({
      data: [
        ...[8, 6, 5].map((m) => ({ scope: "account", key: email, at: at(m) })),
        ...[3, 3, 2, 2, 1, 1].map((m) => ({ scope: "address", key: address, at: at(m) })),
        ...[9, 9, 8, 8, 7, 7].map((m) => ({ scope: "address", key: otherAddress, at: at(m) })),
      ],
    });
    expect(await signInWithPassword(email, TEST_PASSWORD, address)).toEqual({ ok: false, reason: "throttled", retryAfterMinutes: 7 });
    expect(await signInWithPassword(email, TEST_PASSWORD, otherAddress)).toEqual({ ok: false, reason: "throttled", retryAfterMinutes: 2 });
  });

  it("locks a client address after 6 failures across accounts, and a success takes back only its own count", async () => {
    for (let i = 0; i < 5; i++) await signInWithPassword(`someone${seq}-${i}@test.org`, WRONG, address);
    expect(await failures("address", address)).toBe(5);
    // A success from the address: its own attempt is taken back, the others stay.
    expect(await signInWithPassword(email, TEST_PASSWORD, address)).toMatchObject({ ok: true });
    expect(await failures("address", address)).toBe(5);
    await signInWithPassword(`someone${seq}-5@test.org`, WRONG, address);
    expect(await failures("address", address)).toBe(6);
    expect(await signInWithPassword(email, TEST_PASSWORD, address)).toEqual({ ok: false, reason: "throttled", retryAfterMinutes: 10 });
    // Another address is not locked.
    expect(await signInWithPassword(email, TEST_PASSWORD, `203.0.113.${seq}`)).toMatchObject({ ok: true });
  });

  it("clears the account's failures on success, and forgets failures older than a day when it counts a new one", async () => {
    await signInWithPassword(email, WRONG, address);
    await signInWithPassword(email, WRONG, "198.51.100.77");
    expect(await failures("account", email)).toBe(2);
    expect(await signInWithPassword(email, TEST_PASSWORD, address)).toMatchObject({ ok: true });
    expect(await failures("account", email)).toBe(0);
    // The failed attempts still count against the addresses they came from.
    expect(await failures("address", address)).toBe(1);
    expect(await failures("address", "198.51.100.77")).toBe(1);

    const old = new Date(Date.now() - 24 * 3600_000 - 60_000);
    const recent = new Date(Date.now() - 23 * 3600_000);
    await db().signInFailure.createMany({ data: [{ scope: "address", key: "old", at: old }, { scope: "address", key: "recent", at: recent }] });
    await signInWithPassword(email, WRONG, address);
    expect(await failures("address", "old")).toBe(0);
    expect(await failures("address", "recent")).toBe(1);
  });

  it("lets exactly the limit of parallel wrong passwords through to a password check", async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => signInWithPassword(email, `${WRONG}${i}`, `10.9.${seq}.${i}`)));
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(3);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(5);
  });

  it("counts an IPv6 client by its /64", async () => {
    await signInWithPassword(`v6a${seq}@test.org`, WRONG, "2001:db8:aa:bb:1:2:3:4");
    await signInWithPassword(`v6b${seq}@test.org`, WRONG, "2001:db8:aa:bb:ffff::9");
    expect(await failures("address", "2001:db8:aa:bb::/64")).toBe(2);
  });

  it("revokes a session once: the sign-out is logged, a second sign-out or an unknown id does nothing", async () => {
    const result = await signInWithPassword(email, TEST_PASSWORD, address);
    const sessionId = (result as { sessionId: string }).sessionId;
    events.length = 0;
    await revokeSession(sessionId);
    const revokedAt = (await db().session.findUniqueOrThrow({ where: { id: sessionId } })).revokedAt;
    expect(revokedAt).toBeInstanceOf(Date);
    expect(events).toEqual([expect.objectContaining({ event: "auth.signout", userId })]);
    await revokeSession(sessionId);
    await revokeSession("no-such-session");
    expect(events).toHaveLength(1);
    expect((await db().session.findUniqueOrThrow({ where: { id: sessionId } })).revokedAt).toEqual(revokedAt);
  });

  it("revokes only the session signed out of: the user's other session keeps working", async () => {
    const first = (await signInWithPassword(email, TEST_PASSWORD, address)) as { sessionId: string };
    const second = (await signInWithPassword(email, TEST_PASSWORD, `203.0.113.${seq}`)) as { sessionId: string };
    await revokeSession(first.sessionId);
    expect((await db().session.findUniqueOrThrow({ where: { id: first.sessionId } })).revokedAt).toBeInstanceOf(Date);
    expect((await db().session.findUniqueOrThrow({ where: { id: second.sessionId } })).revokedAt).toBeNull();
  });

  it("rechecks a signed-in user's password under the same throttle: a wrong one counts, a right one takes back only its own count", async () => {
    const stored = (await db().user.findUniqueOrThrow({ where: { email } })).passwordHash;
    const other = `other${seq}@test.org`;
    expect(await signInWithPassword(other, WRONG, address)).toEqual({ ok: false, reason: "invalid" });
    expect(await recheckPassword(email, stored, WRONG, address)).toEqual({ ok: false, reason: "invalid" });
    expect([await failures("account", email), await failures("address", address)]).toEqual([1, 2]);
    expect(await recheckPassword(email, stored, TEST_PASSWORD, address)).toEqual({ ok: true });
    // Its own attempt is taken back; the earlier failures, and the other account's, stay.
    expect([await failures("account", email), await failures("address", address), await failures("account", other)]).toEqual([1, 2, 1]);
    expect(await recheckPassword(email, stored, WRONG, address)).toEqual({ ok: false, reason: "invalid" });
    expect(await recheckPassword(email, stored, WRONG, address)).toEqual({ ok: false, reason: "invalid" });
    expect(await recheckPassword(email, stored, TEST_PASSWORD, address)).toEqual({ ok: false, reason: "throttled", retryAfterMinutes: 10 });
  });
});
