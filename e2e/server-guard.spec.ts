// What the app's own server refuses before the app sees a request, tried as an attacker would with raw
// HTTP (a browser or Playwright's client would fix up the Host, the dots and the Origin): foreign Host
// names (DNS rebinding), dot segments, writes and server actions from another origin or scheme. Also
// the demo server's guard: with demo accounts still on the published password it listens on this
// machine only, and admins see a banner saying so.
import { readFileSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { networkInterfaces } from "node:os";
import { securityLog } from "../playwright.config";
import { bearer, expect, signIn, test } from "./fixtures";
import { port, raw, type RawResponse } from "./raw-http";

function expectJsonError(response: RawResponse, status: number, code: string) {
  expect(response.status, response.body).toBe(status);
  expect(response.headers["content-type"]).toContain("application/json");
  expect((JSON.parse(response.body) as { error: { code: string; message: string } }).error.code).toBe(code);
  // Refusals carry the same security headers as every other answer.
  expect(response.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(response.headers["x-content-type-options"]).toBe("nosniff");
}

test.describe("the server's request guard @pg", () => {
  test("answers only to loopback names and its public address: a rebound foreign Host gets 421", async () => {
    for (const host of ["rebound.evil.example", `rebound.evil.example:${port}`, `192.0.2.10:${port}`, `localhost.evil.example:${port}`]) {
      await test.step(host, async () => {
        expectJsonError(await raw({ path: "/api/v1/articles", headers: { host, ...bearer("viewer") } }), 421, "misdirected_request");
        const page = await raw({ path: "/sign-in", headers: { host } });
        expect(page.status).toBe(421);
        expect(page.body).not.toContain("<html");
      });
    }
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `LOCALHOST:${port}`]) {
      expect((await raw({ path: "/api/v1/articles?limit=1", headers: { host, ...bearer("viewer") } })).status, host).toBe(200);
    }
  });

  test("answers TRACE with 405 and an Allow header, not a 500", async () => {
    const response = await raw({ method: "TRACE", path: "/api/v1/articles", headers: bearer("viewer") });
    expectJsonError(response, 405, "method_not_allowed");
    expect(response.headers.allow).toContain("GET");
  });

  test("refuses dot segments with 400 instead of redirecting", async () => {
    for (const path of ["/api/v1/../api/v1/articles", "/api/v1/%2e%2e/v1/articles", "/articles/./x"]) {
      const response = await raw({ path, headers: bearer("viewer") });
      expect(response.status, path).toBe(400);
      expect(response.headers.location).toBeUndefined();
    }
    expectJsonError(await raw({ path: "/api/v1/./articles", headers: bearer("viewer") }), 400, "bad_request");
  });

  test("refuses writes whose Origin differs in scheme, host or port, and server actions from elsewhere with 403, not 500", async () => {
    const body = JSON.stringify({ title: "Cross-origin", text: "Some text." });
    for (const origin of [`https://localhost:${port}`, `http://localhost:${port + 1}`, "https://evil.example", "null"]) {
      await test.step(`Origin: ${origin}`, async () => {
        expectJsonError(
          await raw({ method: "POST", path: "/api/v1/articles", headers: { ...bearer("editor"), origin, "content-type": "application/json" }, body }),
          403,
          "forbidden",
        );
        // A server action (the UI's forms) from another site: refused by the server, not a 500 from Next.
        const action = await raw({ method: "POST", path: "/", headers: { origin, "next-action": "0".repeat(40), "content-type": "text/plain" }, body: "[]" });
        expect(action.status).toBe(403);
      });
    }
    const noOrigin = await raw({ method: "POST", path: "/", headers: { "next-action": "0".repeat(40), "content-type": "text/plain" }, body: "[]" });
    expect(noOrigin.status).toBe(403);
    // The same write from its own origin passes the guard (and is then a normal API call).
    const own = await raw({ method: "POST", path: "/api/v1/articles", headers: { ...bearer("editor"), origin: `http://localhost:${port}`, "content-type": "application/json" }, body });
    expect(own.status, own.body).toBe(201);
  });
});

test.describe("kept-alive connections @pg", () => {
  test("a connection left idle longer than Node's default 5 s still answers its next request", async () => {
    // A client that reuses a connection the server has just closed gets a reset, not an answer: that
    // is how an API test calling the CLI between two requests once failed.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const get = () =>
        new Promise<{ status: number; reused: boolean; keepAlive: string }>((resolve, reject) => {
          const req = httpRequest({ agent, host: "127.0.0.1", port, path: "/api/v1/articles?limit=1", headers: { host: `localhost:${port}`, ...bearer("viewer") } }, (res) => {
            res.resume();
            res.on("end", () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket, keepAlive: String(res.headers["keep-alive"]) }));
          });
          req.on("error", reject);
          req.end();
        });
      const first = await get();
      expect(first.status).toBe(200);
      expect(first.keepAlive).toBe("timeout=65");
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(await get()).toEqual({ status: 200, reused: true, keepAlive: "timeout=65" });
    } finally {
      agent.destroy();
    }
  });
});

test.describe("the security log @pg", () => {
  /** The events logged under a request id, leaving out token.used (logged at a token's first use in a minute). */
  function eventsOf(requestId: string) {
    return readFileSync(securityLog, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((e) => e.requestId === requestId && e.event !== "token.used");
  }

  test("records refused requests, refused tokens and denied roles under the request id the answer carries, never the token", async () => {
    const refused = await raw({ path: "/api/v1/articles", headers: { host: "rebound.evil.example" } });
    const badToken = `fct_${"B".repeat(43)}`;
    const unauthenticated = await raw({ path: "/api/v1/articles", headers: { authorization: `Bearer ${badToken}` } });
    const denied = await raw({ method: "POST", path: "/api/v1/articles", headers: { ...bearer("viewer"), "content-type": "application/json" }, body: "{}" });
    expect([refused.status, unauthenticated.status, denied.status]).toEqual([421, 401, 403]);
    await expect
      .poll(() => eventsOf(String(denied.headers["x-request-id"])).length)
      .toBeGreaterThan(0);
    expect(eventsOf(String(refused.headers["x-request-id"]))).toMatchObject([{ event: "request.refused", status: 421, path: "/api/v1/articles" }]);
    expect(eventsOf(String(unauthenticated.headers["x-request-id"]))).toMatchObject([{ event: "auth.denied", status: 401, clientAddress: "127.0.0.1" }]);
    expect(eventsOf(String(denied.headers["x-request-id"]))).toMatchObject([{ event: "auth.denied", status: 403, userId: expect.any(String) }]);
    expect(readFileSync(securityLog, "utf8")).not.toContain(badToken);
  });
});

test.describe("the demo server", () => {
  test("listens on this machine only while demo accounts have the published password", async () => {
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && !a.internal && a.family === "IPv4")?.address;
    test.skip(!outside, "this machine has no network address besides loopback");
    const reached = await raw({ host: outside, path: "/sign-in" }).then(
      () => "answered",
      (error: NodeJS.ErrnoException) => error.code ?? "error",
    );
    expect(reached).toBe("ECONNREFUSED");
    expect((await raw({ path: "/sign-in" })).status).toBe(200);
    expect((await raw({ host: "::1", path: "/sign-in", headers: { host: `[::1]:${port}` } })).status).toBe(200);
  });

  test("shows admins, and only admins, which demo accounts are open", async ({ page }) => {
    await signIn(page, "admin");
    const banner = page.getByRole("region", { name: "Security warning" });
    await expect(banner).toContainText("Demo accounts are open");
    await expect(banner).toContainText("admin@example.com");
    await expect(banner.getByRole("link", { name: "Users page" })).toHaveAttribute("href", "/admin/users");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await signIn(page, "editor");
    await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Security warning" })).toHaveCount(0);
  });
});
