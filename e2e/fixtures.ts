// Shared helpers for the browser and API specs: demo accounts, signing in through the form as a user
// would, API tokens made through the CLI's own functions, and a fresh copy of the sample article per
// test so no test depends on another's claims.
import { execFileSync } from "node:child_process";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";

export const PASSWORD = "factcheck-demo";
export const USERS = {
  admin: { email: "admin@example.com", name: "Ada Admin" },
  editor: { email: "editor@example.com", name: "Eddie Editor" },
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
