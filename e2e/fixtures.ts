// Shared helpers for the browser and API specs: demo accounts, signing in through the form as a user
// would, API tokens made through the CLI's own functions, and a fresh copy of the sample article per
// test so no test depends on another's claims.
import { execFileSync } from "node:child_process";
import { test as base, expect, request as playwrightRequest, type APIRequestContext, type Browser, type Page } from "@playwright/test";

export const PASSWORD = "factcheck-demo";
export const USERS = {
  admin: { email: "admin@example.com", name: "Ada Admin" },
  editor: { email: "editor@example.com", name: "Eddie Editor" },
  erin: { email: "erin@example.com", name: "Erin Editor" },
  alice: { email: "alice@example.com", name: "Alice Reviewer" },
  bob: { email: "bob@example.com", name: "Bob Reviewer" },
  viewer: { email: "viewer@example.com", name: "Vera Viewer" },
} as const;
export type DemoUser = keyof typeof USERS;

export const SAMPLE_TITLE = "Putin and Tokayev discuss efforts to “restore order” in Kazakhstan";
export const CLAIM_QUOTE = "reportedly sent a force of about 2,500 soldiers";

export async function signIn(page: Page, user: DemoUser) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(USERS[user].email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
}

const tokens = new Map<DemoUser, string>();

/** A personal API token for a demo user, made with the CLI as an admin would. */
export function apiToken(user: DemoUser): string {
  const known = tokens.get(user);
  if (known) return known;
  const out = execFileSync("node_modules/.bin/tsx", ["scripts/cli.ts", "token", "create", "--email", USERS[user].email, "--days", "1"], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db" },
    encoding: "utf8",
  });
  const token = /fct_[A-Za-z0-9_-]+/.exec(out)?.[0];
  if (!token) throw new Error(`no token in CLI output: ${out}`);
  tokens.set(user, token);
  return token;
}

export function bearer(user: DemoUser) {
  return { Authorization: `Bearer ${apiToken(user)}` };
}

/** Adds a fresh copy of the sample article (same text, its own id) through the API, as the editor. */
export async function freshArticle(request: APIRequestContext, title = `Sample ${Math.random().toString(36).slice(2, 8)}`) {
  const list = await request.get("/api/v1/articles?limit=200", { headers: bearer("editor") });
  const articles = (await list.json()) as { items: { id: string; title: string }[] };
  const sample = articles.items.find((a) => a.title === SAMPLE_TITLE);
  if (!sample) throw new Error("the demo article is missing");
  const full = (await (await request.get(`/api/v1/articles/${sample.id}`, { headers: bearer("editor") })).json()) as {
    text: string;
    publishedOn: string | null;
  };
  const created = await request.post("/api/v1/articles", {
    headers: bearer("editor"),
    data: { title, text: full.text, publishedOn: full.publishedOn },
  });
  expect(created.status()).toBe(201);
  return (await created.json()) as { id: string; title: string; text: string };
}

export const test = base;
export { expect };

/** Drags the mouse across `quote` in the article text, as a reader selecting it would. */
export async function selectWithMouse(page: Page, quote: string) {
  const box = await page.getByRole("region", { name: "Article text" }).evaluate((root, q) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    let all = "";
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push(n as Text);
      all += (n as Text).data;
    }
    const at = all.indexOf(q);
    if (at < 0) throw new Error(`"${q}" is not in the article text`);
    const point = (offset: number) => {
      let rest = offset;
      for (const node of nodes) {
        if (rest < node.data.length) return { node, offset: rest };
        rest -= node.data.length;
      }
      const last = nodes[nodes.length - 1]!;
      return { node: last, offset: last.data.length };
    };
    const rect = (offset: number) => {
      const p = point(offset);
      const r = document.createRange();
      r.setStart(p.node, p.offset);
      r.setEnd(p.node, p.offset + 1);
      return r.getBoundingClientRect();
    };
    const first = rect(at);
    const last = rect(at + q.length - 1);
    return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
  }, quote);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 5 });
  await page.mouse.move(box.x2, box.y2, { steps: 5 });
  await page.mouse.up();
}

// ---- helpers for the auth, marking, viewer and API specs ----

/** The database the server under test uses, as the CLI and the test-only database shortcut need it. */
export const DATABASE_URL = process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db";

/** Runs the admin CLI against the test database; `input` is piped to standard input (user add's password). */
export function cli(args: string[], input?: string): string {
  return execFileSync("node_modules/.bin/tsx", ["scripts/cli.ts", ...args], {
    env: { ...process.env, DATABASE_URL },
    encoding: "utf8",
    stdio: ["pipe", "pipe", "pipe"],
    ...(input === undefined ? {} : { input }),
  });
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** A throwaway account made with `user add`, so tests that lock or disable accounts never touch the demo ones. */
export function addUser(role: "viewer" | "reviewer" | "editor" | "admin", prefix = "throwaway") {
  const email = uniqueEmail(prefix);
  const name = `Temp ${role} ${Math.random().toString(36).slice(2, 6)}`;
  const password = `pw-${Math.random().toString(36).slice(2)}-long-enough`;
  const out = cli(["user", "add", "--email", email, "--name", name, "--role", role], `${password}\n`);
  if (!out.includes(`Created ${email}`)) throw new Error(`user add did not create ${email}: ${out}`);
  return { email, name, password };
}

/** The token and its id from `cli token create`'s output. */
export function tokenFromCliOutput(out: string): { token: string; id: string } {
  const token = /fct_[A-Za-z0-9_-]+/.exec(out)?.[0];
  const id = /^id:\s+(\S+)$/m.exec(out)?.[1];
  if (!token || !id) throw new Error(`no token or id in CLI output: ${out}`);
  return { token, id };
}

/** A new API token (never cached) with its id, for tests that revoke or expire it. */
export function newToken(email: string, days = 1): { token: string; id: string } {
  return tokenFromCliOutput(cli(["token", "create", "--email", email, "--days", String(days)]));
}

/**
 * A request context holding a session, signed in as the sign-in form does it: next-auth's CSRF token,
 * then the credentials callback with the same origin. Throws when no session cookie came back.
 */
export async function sessionContext(baseURL: string, email: string, password: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await context.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    headers: { Origin: baseURL },
    maxRedirects: 0,
  });
  const cookies = (await context.storageState()).cookies;
  if (!cookies.some((c) => c.name === "next-auth.session-token")) {
    throw new Error(`signing in as ${email} set no session cookie (status ${response.status()})`);
  }
  return context;
}

/**
 * Test-only shortcut: moves a token's expiry into the past directly in the database, since no
 * command makes an already expired token.
 */
export async function expireTokenInDatabase(id: string) {
  if (DATABASE_URL.startsWith("file:")) {
    const { default: Database } = await import("better-sqlite3");
    const file = DATABASE_URL.slice("file:".length);
    const sqlite = new Database(file);
    try {
      // The same text form Prisma's SQLite adapter stores dates in.
      const changed = sqlite.prepare(`UPDATE "ApiToken" SET "expiresAt" = ? WHERE "id" = ?`).run("2000-01-01T00:00:00.000+00:00", id);
      if (changed.changes !== 1) throw new Error(`token ${id} not found`);
    } finally {
      sqlite.close();
    }
    return;
  }
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const changed = await client.query(`UPDATE "ApiToken" SET "expiresAt" = $1 WHERE "id" = $2`, [new Date("2000-01-01T00:00:00Z"), id]);
    if (changed.rowCount !== 1) throw new Error(`token ${id} not found`);
  } finally {
    await client.end();
  }
}

/** Signs in through the form with any account, e.g. one made by addUser. */
export async function signInWith(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
}

/** A page in a browser context of its own (its own cookies and storage), signed in as a demo user or an added one: another person at the desk. */
export async function signedInPage(browser: Browser, user: DemoUser | { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  if (typeof user === "string") await signIn(page, user);
  else await signInWith(page, user.email, user.password);
  return page;
}

/** How many events the whole audit log holds, from the verify endpoint (which also checks the chain). */
export async function auditEvents(request: APIRequestContext): Promise<number> {
  const response = await request.get("/api/v1/audit/verify", { headers: bearer("admin") });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { ok: boolean; events: number };
  expect(body.ok).toBe(true);
  return body.events;
}

export interface ApiClaim {
  id: string;
  articleId: string;
  exact: string;
  start: number;
  end: number;
  statement: string | null;
  status: string;
  verdict: string | null;
  rationale: string;
  note: string;
  version: number;
  author: { id: string; name: string };
  sources: { id: string; url: string; title: string; publisher: string; quote: string; stance: string; archivedUrl: string | null; accessedOn: string | null }[];
  deletedAt?: string;
}

/** Marks a claim through the API as `user`, by its exact quote (and position when given). */
export async function apiClaim(request: APIRequestContext, user: DemoUser, articleId: string, body: Record<string, unknown>) {
  const response = await request.post(`/api/v1/articles/${articleId}/claims`, { headers: bearer(user), data: body });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as ApiClaim;
}

export async function apiGetClaim(request: APIRequestContext, id: string) {
  const response = await request.get(`/api/v1/claims/${id}`, { headers: bearer("editor") });
  expect(response.status()).toBe(200);
  return (await response.json()) as ApiClaim;
}
