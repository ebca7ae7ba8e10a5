// Sessions and API tokens turned into the acting user, against real databases: every way a credential
// stops working (revoked, expired, user disabled, unknown role) gives no one, and a token's use is
// recorded at most once a minute.
import { Writable } from "node:stream";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "./actor";
import { TOKEN_USE_RECORD_MS, actorForSession, actorForToken, bearerToken } from "./credentials";
import { db } from "./db";
import { setSecurityLogDestination } from "./security-log";
import { describeOnDatabases, seedUser } from "./test-databases";
import { SYSTEM_ACTOR, createToken } from "./users";

const TOKEN = "abcdefghijklmnopqrstuvwxyz_0123456789-AB";

describe("bearerToken", () => {
  it("takes the token of a well-formed Bearer header, spaces around it allowed", () => {
    expect(bearerToken(`Bearer ${TOKEN}`)).toBe(TOKEN);
    expect(bearerToken(`  Bearer   ${TOKEN}  `)).toBe(TOKEN);
    expect(bearerToken(`Bearer\t${TOKEN}`)).toBe(TOKEN);
  });

  it("takes tokens of 20 to 200 URL-safe characters and nothing else", () => {
    expect(bearerToken(`Bearer ${"a".repeat(20)}`)).toBe("a".repeat(20));
    expect(bearerToken(`Bearer ${"a".repeat(200)}`)).toBe("a".repeat(200));
    expect(bearerToken(`Bearer ${"a".repeat(19)}`)).toBeNull();
    expect(bearerToken(`Bearer ${"a".repeat(201)}`)).toBeNull();
    for (const bad of ["a".repeat(19) + "+", "a".repeat(19) + "/", "a".repeat(19) + "=", "a".repeat(19) + ".", "ä".repeat(20)]) {
      expect(bearerToken(`Bearer ${bad}`)).toBeNull();
    }
  });

  it("refuses other schemes, a missing token and text around the header", () => {
    for (const header of [TOKEN, `Basic ${TOKEN}`, `Token ${TOKEN}`, `Bearer`, `Bearer `, `Bearer${TOKEN}`, `Bearer ${TOKEN} extra`, `x Bearer ${TOKEN}`]) {
      expect(bearerToken(header)).toBeNull();
    }
  });
});

describeOnDatabases(
  "credentials",
  () => {
    const now = Date.UTC(2026, 11, 2, 12, 0, 0);
    let userId = "";
    let sessionSeq = 0;
    const events: Array<Record<string, unknown>> = [];

    beforeAll(async () => {
      userId = (await db().user.findUniqueOrThrow({ where: { email: "rita@test.org" } })).id;
      setSecurityLogDestination(
        new Writable({ write: (chunk: Buffer, _e, done) => (events.push(JSON.parse(chunk.toString("utf8")) as Record<string, unknown>), done()) }),
      );
    });
    afterEach(async () => {
      events.length = 0;
      await db().user.update({ where: { id: userId }, data: { disabledAt: null, role: "reviewer" } });
    });

    async function session(data: { expiresAt: number; revokedAt?: Date | null }) {
      const id = `session-${++sessionSeq}`;
      await db().session.create({ data: { id, userId, expiresAt: new Date(data.expiresAt), revokedAt: data.revokedAt ?? null } });
      return id;
    }

    const rita = { name: "Rita", email: "rita@test.org", role: "reviewer" };

    it("gives the session's user, with the role read from the database", async () => {
      const id = await session({ expiresAt: now + 1 });
      expect(await actorForSession(id, now)).toEqual({ id: userId, ...rita, via: "session" });
      await db().user.update({ where: { id: userId }, data: { role: "editor" } });
      expect(await actorForSession(id, now)).toEqual({ id: userId, ...rita, role: "editor", via: "session" });
    });

    it("gives no one for an unknown, revoked or expired session, a disabled user or an unknown role", async () => {
      expect(await actorForSession("no-such-session", now)).toBeNull();
      expect(await actorForSession(await session({ expiresAt: now + 3600_000, revokedAt: new Date(now - 1) }), now)).toBeNull();
      expect(await actorForSession(await session({ expiresAt: now }), now)).toBeNull();
      expect(await actorForSession(await session({ expiresAt: now - 1 }), now)).toBeNull();
      const live = await session({ expiresAt: now + 3600_000 });
      await db().user.update({ where: { id: userId }, data: { disabledAt: new Date(now - 1) } });
      expect(await actorForSession(live, now)).toBeNull();
      await db().user.update({ where: { id: userId }, data: { disabledAt: null, role: "superuser" } });
      expect(await actorForSession(live, now)).toBeNull();
      await db().user.update({ where: { id: userId }, data: { role: "viewer" } });
      expect(await actorForSession(live, now)).toEqual({ id: userId, ...rita, role: "viewer", via: "session" });
    });

    it("gives the token's user and records its use at most once a minute, without the token", async () => {
      const created = await createToken(SYSTEM_ACTOR, "rita@test.org", { days: 30, name: "ci" });
      const t0 = Date.now();
      expect(await actorForToken(created.token, t0)).toEqual({ id: userId, ...rita, via: "token" });
      const lastUsed = async () => (await db().apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt?.getTime();
      expect(await lastUsed()).toBe(t0);
      expect(events.filter((e) => e.event === "token.used")).toEqual([
        expect.objectContaining({ event: "token.used", tokenId: created.id, userId, email: "rita@test.org" }),
      ]);
      expect(JSON.stringify(events)).not.toContain(created.token);

      // Within the minute: used, not recorded again.
      expect(await actorForToken(created.token, t0 + TOKEN_USE_RECORD_MS - 1)).toEqual({ id: userId, ...rita, via: "token" });
      expect(await lastUsed()).toBe(t0);
      expect(events.filter((e) => e.event === "token.used")).toHaveLength(1);
      // A minute later: recorded again.
      expect(await actorForToken(created.token, t0 + TOKEN_USE_RECORD_MS)).not.toBeNull();
      expect(await lastUsed()).toBe(t0 + TOKEN_USE_RECORD_MS);
      expect(events.filter((e) => e.event === "token.used")).toHaveLength(2);
    });

    it("gives no one for an unknown, revoked or expired token, a disabled user or an unknown role", async () => {
      const t = Date.now();
      const token = (name: string) => `${name}-${"x".repeat(24)}`;
      const add = (name: string, data: { expiresAt: number; revokedAt?: Date }) =>
        db().apiToken.create({
          data: { id: `token-${name}`, userId, name, tokenHash: hashToken(token(name)), expiresAt: new Date(data.expiresAt), revokedAt: data.revokedAt ?? null },
        });
      await add("revoked", { expiresAt: t + 3600_000, revokedAt: new Date(t - 1) });
      await add("expired", { expiresAt: t });
      await add("live", { expiresAt: t + 3600_000 });
      expect(await actorForToken(token("unknown"), t)).toBeNull();
      expect(await actorForToken(token("revoked"), t)).toBeNull();
      expect(await actorForToken(token("expired"), t)).toBeNull();
      expect(await actorForToken(token("expired"), t - 1)).toEqual({ id: userId, ...rita, via: "token" });
      await db().user.update({ where: { id: userId }, data: { disabledAt: new Date(t - 1) } });
      expect(await actorForToken(token("live"), t)).toBeNull();
      await db().user.update({ where: { id: userId }, data: { disabledAt: null, role: "superuser" } });
      expect(await actorForToken(token("live"), t)).toBeNull();
      // None of the refusals counted as a use.
      expect(events.filter((e) => e.event === "token.used")).toEqual([expect.objectContaining({ tokenId: "token-expired" })]);
    });
  },
  {
    setup: async () => {
      await seedUser("rita@test.org", "Rita", "reviewer");
    },
  },
);
