// Signing in and out: anonymous visits, wrong passwords, the failure throttle (which must not tell known
// from unknown emails), session cookies that stop working after sign-out or when an admin disables the
// account, the cookie's flags, and the security headers on every kind of response.
import type { APIRequestContext, Browser, Cookie, Page } from "@playwright/test";
import { addUser, bearer, cli, expect, signIn, signInWith, test, uniqueEmail } from "./fixtures";

const INCORRECT = "Email or password is incorrect.";
const THROTTLED = /^Too many failed sign-ins\. Try again in \d+ minutes?\.$/;

/** One attempt through the form; returns the message the form shows once the server has answered. */
async function attempt(page: Page, email: string, password: string): Promise<string> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  const answered = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await answered;
  // Next.js keeps an empty route announcer with role alert on every page; the form's alert has text.
  const alert = page.getByRole("alert").filter({ hasText: /\S/ });
  await expect(alert).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  return (await alert.textContent())?.trim() ?? "";
}

const sessionCookie = (cookies: Cookie[]) => {
  const cookie = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
  if (!cookie) throw new Error(`no session cookie among ${cookies.map((c) => c.name).join(", ")}`);
  return cookie;
};

/** Replays captured cookies: in a fresh browser context (a page) and as a raw Cookie header (the API). */
async function expectCookiesRejected(browser: Browser, cookies: Cookie[], request: APIRequestContext) {
  const header = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const api = await request.get("/api/v1/articles", { headers: { cookie: header } });
  expect(api.status()).toBe(401);
  expect(((await api.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");

  const context = await browser.newContext();
  try {
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  } finally {
    await context.close();
  }
}

async function expectCookiesAccepted(cookies: Cookie[], request: APIRequestContext) {
  const header = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const api = await request.get("/api/v1/articles", { headers: { cookie: header } });
  expect(api.status()).toBe(200);
}

test("an anonymous visit to any page goes to the sign-in page", async ({ page }) => {
  for (const path of ["/", "/articles/new", "/articles/no-such-article"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  }
});

test("signing in after a deep link lands on the page that was asked for", async ({ page }) => {
  await page.goto("/articles/new");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Farticles%2Fnew$/);
  await page.getByLabel("Email").fill("editor@example.com");
  await page.getByLabel("Password").fill("factcheck-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Add article" })).toBeVisible();
});

test("a wrong password is refused with a message that does not say which part was wrong", async ({ page }) => {
  await page.goto("/sign-in");
  expect(await attempt(page, "alice@example.com", "not-the-password")).toBe(INCORRECT);
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await attempt(page, uniqueEmail("nobody"), "not-the-password")).toBe(INCORRECT);
});

test("five failures lock an email, and an unknown email is locked exactly like a known one", async ({ page }) => {
  const known = addUser("reviewer", "throttled");
  const unknown = uniqueEmail("unknown");
  await page.goto("/sign-in");

  const seen: Record<"known" | "unknown", string[]> = { known: [], unknown: [] };
  for (const [which, email] of [
    ["known", known.email],
    ["unknown", unknown],
  ] as const) {
    for (let i = 1; i <= 5; i++) seen[which].push(await attempt(page, email, `wrong-password-${i}`));
    // The sixth attempt is refused whatever the password, even the right one.
    seen[which].push(await attempt(page, email, which === "known" ? known.password : "any-password-at-all"));
  }

  expect(seen.known.slice(0, 5)).toEqual(Array(5).fill(INCORRECT));
  expect(seen.known[5]).toMatch(THROTTLED);
  expect(seen.unknown).toEqual(seen.known);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a session cookie replayed after sign-out no longer works", async ({ page, context, browser, request }) => {
  await signIn(page, "bob");
  const cookies = await context.cookies();
  await expectCookiesAccepted(cookies, request);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

  await expectCookiesRejected(browser, cookies, request);
});

test("a session cookie stops working once an admin disables the account", async ({ page, context, browser, request }) => {
  const user = addUser("reviewer", "disabled");
  await signInWith(page, user.email, user.password);
  const cookies = await context.cookies();
  await expectCookiesAccepted(cookies, request);

  cli(["user", "disable", "--email", user.email]);

  await expectCookiesRejected(browser, cookies, request);
  // The still-open tab is signed out too.
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the session cookie is HttpOnly and SameSite", async ({ page, context }) => {
  await signIn(page, "viewer");
  const cookie = sessionCookie(await context.cookies());
  expect(cookie.httpOnly).toBe(true);
  expect(["Lax", "Strict"]).toContain(cookie.sameSite);
  expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
});

test("pages, API answers and static assets all carry the security headers", async ({ page, request }) => {
  const staticUrls: string[] = [];
  page.on("response", (r) => {
    if (new URL(r.url()).pathname.startsWith("/_next/static/")) staticUrls.push(r.url());
  });
  const pageResponse = await page.goto("/sign-in");
  expect(pageResponse).not.toBeNull();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect(staticUrls.length).toBeGreaterThan(0);

  const responses = [
    { what: "a page", headers: pageResponse!.headers() },
    { what: "an API answer", headers: (await request.get("/api/v1/articles?limit=1", { headers: bearer("viewer") })).headers() },
    { what: "an API error", headers: (await request.get("/api/v1/articles")).headers() },
    { what: "a static asset", headers: (await request.get(staticUrls[0]!)).headers() },
  ];
  for (const { what, headers } of responses) {
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, `${what}: Content-Security-Policy`).toMatch(/frame-ancestors /);
    expect(csp, `${what}: no unsafe-eval`).not.toContain("unsafe-eval");
    expect(csp, `${what}: script-src`).toMatch(/script-src /);
    expect(headers["x-content-type-options"], `${what}: X-Content-Type-Options`).toBe("nosniff");
    expect(headers["referrer-policy"], `${what}: Referrer-Policy`).toBeTruthy();
  }
});

/** Signs in as the viewer from /sign-in?callbackUrl=…, and returns where the browser ended up. */
async function signInFrom(page: Page, callbackUrl: string) {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("Email").fill("viewer@example.com");
  await page.getByLabel("Password").fill("factcheck-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/sign-in");
  const landed = new URL(page.url());
  await page.context().clearCookies();
  return landed;
}

/** Anything that leaves the site is answered locally, so these tests never depend on the network. */
async function stayOffline(page: Page, baseURL: string) {
  await page.context().route((url) => url.origin !== new URL(baseURL).origin, (route) => route.fulfill({ status: 200, body: "left the site" }));
}

test("after sign-in the form goes back to the page asked for, and never to another site", async ({ page, baseURL }) => {
  await stayOffline(page, baseURL!);
  expect((await signInFrom(page, "/articles/no-such-article")).href).toBe(`${baseURL}/articles/no-such-article`);
  for (const callbackUrl of ["https://evil.example/", "//evil.example/", "http:evil.example"]) {
    await test.step(callbackUrl, async () => {
      expect((await signInFrom(page, callbackUrl)).origin).toBe(new URL(baseURL!).origin);
    });
  }
});

// Browsers read "/\evil.example" as "//evil.example" and drop tabs: neither may lead off the site.
test("a callback path with a backslash or a tab does not lead to another site", async ({ page, baseURL }) => {
  await stayOffline(page, baseURL!);
  for (const callbackUrl of ["/\\evil.example/", "/\t/evil.example/"]) {
    await test.step(JSON.stringify(callbackUrl), async () => {
      expect((await signInFrom(page, callbackUrl)).origin).toBe(new URL(baseURL!).origin);
    });
  }
});
