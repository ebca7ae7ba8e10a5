import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { securityEvent, setSecurityLogDestination, withRequestContext } from "./security-log";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  setSecurityLogDestination(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) {
          raw.push(line);
          lines.push(JSON.parse(line) as Record<string, unknown>);
        }
        done();
      },
    }),
  );
  return { lines, raw };
}

afterEach(() => setSecurityLogDestination(undefined));

describe("the security log", () => {
  it("writes one JSON line per event with time, event, who, client address and request id", () => {
    const { lines } = capture();
    withRequestContext({ requestId: "req-1", clientAddress: "203.0.113.9" }, () => {
      securityEvent("auth.denied", { userId: "u1", status: 403, path: "/api/v1/articles" });
    });
    securityEvent("token.created", { tokenId: "t1", userId: "u2", by: "admin" });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ log: "security", level: "warn", event: "auth.denied", userId: "u1", status: 403, requestId: "req-1", clientAddress: "203.0.113.9" });
    expect(new Date(lines[0]!.time as string).toISOString()).toBe(lines[0]!.time);
    // Outside a request (the CLI) there is no address or request id, and the line says so.
    expect(lines[1]).toMatchObject({ level: "info", event: "token.created", tokenId: "t1", clientAddress: null, requestId: null });
  });

  it("keeps the request context across awaits", async () => {
    const { lines } = capture();
    await withRequestContext({ requestId: "req-2", clientAddress: "198.51.100.1" }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      securityEvent("auth.signout", { userId: "u1" });
    });
    expect(lines[0]).toMatchObject({ requestId: "req-2", clientAddress: "198.51.100.1" });
  });

  it("never writes a password, token, cookie or session id, even when a caller passes one by mistake", () => {
    const { raw } = capture();
    const careless = { email: "a@b.org", password: "hunter2-hunter2", token: "fct_secret", cookie: "next-auth=abc", sessionId: "sid-1" };
    securityEvent("auth.signin.failed", careless);
    expect(raw.join("\n")).toContain("a@b.org");
    for (const secret of ["hunter2-hunter2", "fct_secret", "next-auth=abc", "sid-1"]) expect(raw.join("\n")).not.toContain(secret);
  });
});
