import { describe, expect, it } from "vitest";
import { guardRequest, hasDotSegment, hostAllowed, isLoopbackHostname, requestOrigin, sameOrigin, type GuardConfig } from "./request-guard";

const config: GuardConfig = { publicUrls: ["https://factcheck.example.org", "http://localhost:3000"], trustProxy: false };

describe("hostAllowed", () => {
  it.each([
    ["localhost:3000", true],
    ["LOCALHOST:4000", true],
    ["app.localhost", true],
    ["127.0.0.1:3000", true],
    ["127.8.9.10", true],
    ["[::1]:3000", true],
    ["factcheck.example.org", true],
    ["factcheck.example.org:443", true], // the default port of https is the same host
    ["FactCheck.Example.org", true],
    ["factcheck.example.org:8443", false],
    ["evil.example", false],
    ["localhost.evil.example", false],
    ["127.0.0.1.nip.io", false],
    ["192.168.1.20:3000", false],
    ["10.0.0.1", false],
    ["", false],
    ["evil.example/@localhost", false],
    ["localhost@evil.example", false],
  ])("%s → %s", (host, allowed) => {
    expect(hostAllowed(host, config)).toBe(allowed);
  });

  it("refuses a missing Host", () => {
    expect(hostAllowed(undefined, config)).toBe(false);
  });

  it("knows the loopback names", () => {
    expect(["localhost", "a.localhost", "127.0.0.1", "127.255.255.254", "[::1]", "localhost."].every(isLoopbackHostname)).toBe(true);
    expect(["localhostx", "128.0.0.1", "127.0.0.256", "127.0.0", "::2", "0.0.0.0"].some(isLoopbackHostname)).toBe(false);
  });
});

describe("requestOrigin and sameOrigin", () => {
  it("takes the scheme from the connection, or from a trusted proxy's last X-Forwarded-Proto", () => {
    expect(requestOrigin({ headers: { host: "localhost:3000" } }, false)).toBe("http://localhost:3000");
    expect(requestOrigin({ headers: { host: "localhost:3000" }, encrypted: true }, false)).toBe("https://localhost:3000");
    expect(requestOrigin({ headers: { host: "desk.example", "x-forwarded-proto": "https" } }, false)).toBe("http://desk.example");
    expect(requestOrigin({ headers: { host: "desk.example", "x-forwarded-proto": "https" } }, true)).toBe("https://desk.example");
    expect(requestOrigin({ headers: { host: "desk.example", "x-forwarded-proto": "https, http" } }, true)).toBe("http://desk.example");
    expect(requestOrigin({ headers: { host: "desk.example:443", "x-forwarded-proto": "https" } }, true)).toBe("https://desk.example");
    expect(requestOrigin({ headers: {} }, false)).toBeNull();
  });

  it("compares scheme, host and port", () => {
    expect(sameOrigin("http://localhost:3000", "http://localhost:3000")).toBe(true);
    expect(sameOrigin("https://localhost:3000", "http://localhost:3000")).toBe(false);
    expect(sameOrigin("http://localhost:3000", "https://localhost:3000")).toBe(false);
    expect(sameOrigin("http://localhost:3001", "http://localhost:3000")).toBe(false);
    expect(sameOrigin("http://localhost.evil:3000", "http://localhost:3000")).toBe(false);
    expect(sameOrigin("null", "http://localhost:3000")).toBe(false);
    expect(sameOrigin("not a url", "http://localhost:3000")).toBe(false);
    expect(sameOrigin(undefined, "http://localhost:3000")).toBe(false);
  });
});

describe("hasDotSegment", () => {
  it.each([
    ["/api/v1/../x", true],
    ["/api/v1/./articles", true],
    ["/api/v1/%2e%2E/x", true],
    ["/api/v1/.%2e", true],
    ["/a\\..\\b", true],
    ["/..", true],
    ["/api/v1/articles?x=../y", false],
    ["/articles/a..b", false],
    ["/.well-known/x", false],
    ["/api/v1/%E0%A4%A/x", false],
  ])("%s → %s", (url, has) => {
    expect(hasDotSegment(url)).toBe(has);
  });
});

describe("guardRequest", () => {
  const get = (headers: Record<string, string>, url = "/") => guardRequest({ method: "GET", url, headers }, config);
  const post = (headers: Record<string, string>, url = "/api/v1/articles") => guardRequest({ method: "POST", url, headers }, config);

  it("passes ordinary requests", () => {
    expect(get({ host: "localhost:3000" })).toBeNull();
    expect(post({ host: "localhost:3000", origin: "http://localhost:3000" })).toBeNull();
    expect(post({ host: "localhost:3000", authorization: "Bearer x" })).toBeNull(); // API clients send no Origin
    expect(post({ host: "localhost:3000", origin: "http://localhost:3000", "next-action": "abc" }, "/")).toBeNull();
  });

  it("refuses TRACE with 405 and the methods that are served", () => {
    for (const method of ["TRACE", "trace"]) {
      const refusal = guardRequest({ method, url: "/api/v1/articles", headers: { host: "localhost:3000" } }, config);
      expect(refusal).toMatchObject({ status: 405, code: "method_not_allowed" });
      expect(refusal?.headers?.Allow).toContain("GET");
    }
  });

  it("refuses a foreign Host with 421, even for reads", () => {
    expect(get({ host: "rebound.evil.example:3000" })).toMatchObject({ status: 421, code: "misdirected_request" });
  });

  it("refuses dot segments with 400", () => {
    expect(get({ host: "localhost:3000" }, "/api/v1/../api/v1/articles")).toMatchObject({ status: 400, code: "bad_request" });
  });

  it("refuses writes from another origin, another scheme included, and server actions without an Origin", () => {
    expect(post({ host: "localhost:3000", origin: "https://evil.example" })).toMatchObject({ status: 403, code: "forbidden" });
    expect(post({ host: "localhost:3000", origin: "https://localhost:3000" })).toMatchObject({ status: 403 });
    expect(post({ host: "localhost:3000", "next-action": "abc" }, "/")).toMatchObject({ status: 403 });
    expect(guardRequest({ method: "DELETE", url: "/api/v1/sources/x", headers: { host: "localhost:3000", origin: "null" } }, config)).toMatchObject({
      status: 403,
    });
    // Reads carry no Origin check: a cross-origin GET cannot read the answer anyway.
    expect(get({ host: "localhost:3000", origin: "https://evil.example" })).toBeNull();
  });
});
