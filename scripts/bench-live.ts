// `npm run bench:live`: how fast a change reaches another person's open page. A signed-in browser keeps
// an article open (its claim list); a script changes the claim's statement through the REST API 50
// times, each time timing from just before the request until the new words show in the browser.
// Prints p50 and p95 (and the worst) for SQLite (one server process) and for PostgreSQL with two server
// processes: the browser on one, the API writes through the other, so every change crosses processes
// (LISTEN/NOTIFY). PostgreSQL: TEST_DATABASE_URL's server (default postgresql://postgres@127.0.0.1:5432/postgres);
// skipped with a note when it is not reachable. Goal: within 2 s. Needs a production build (`npx next build`).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import pg from "pg";

const root = process.cwd();
const CHANGES = 50;
const PORTS = [Number(process.env.BENCH_PORT ?? 3311), Number(process.env.BENCH_PORT ?? 3311) + 1];
const SECRET = "bench-secret-bench-secret-bench-secret-0123";
const PASSWORD = "factcheck-demo";

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * p) - 1)]!;

function startServer(port: number, databaseUrl: string, demo: boolean): Promise<ChildProcess> {
  const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: SECRET,
      NEXTAUTH_URL: `http://localhost:${port}`,
      FACTCHECK_SECURITY_LOG: "off",
      NEXT_TELEMETRY_DISABLED: "1",
      ...(demo ? { FACTCHECK_DEMO: "1" } : {}),
    },
    stdio: "ignore",
  });
  return (async () => {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the server on port ${port} exited with ${child.exitCode}`);
      if (await fetch(`http://localhost:${port}/sign-in`).then((r) => r.ok, () => false)) return child;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    child.kill();
    throw new Error(`the server on port ${port} did not start`);
  })();
}

function editorToken(databaseUrl: string): string {
  const out = execFileSync(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/cli.ts", "token", "create", "--email", "editor@example.com", "--days", "1"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, FACTCHECK_SECURITY_LOG: "off" },
    encoding: "utf8",
  });
  const token = /fct_[A-Za-z0-9_-]+/.exec(out)?.[0];
  if (!token) throw new Error(`no token in the CLI's output: ${out}`);
  return token;
}

async function api<T>(base: string, token: string, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function openPage(base: string, articleId: string, claimId: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const browser = await chromium.launch({ ...(existsSync("/usr/bin/chromium") ? { executablePath: "/usr/bin/chromium" } : {}), args: ["--no-sandbox", "--disable-gpu"] });
  const page = await browser.newPage({ baseURL: base });
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("alice@example.com");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Articles" }).waitFor();
  await page.goto(`/articles/${articleId}?claim=${claimId}`);
  await page.getByRole("region", { name: "Who is here" }).getByText("Live", { exact: true }).waitFor();
  return { page, close: () => browser.close() };
}

async function measure(label: string, databaseUrl: string, processes: 1 | 2) {
  const servers: ChildProcess[] = [];
  try {
    servers.push(await startServer(PORTS[0]!, databaseUrl, true));
    if (processes === 2) servers.push(await startServer(PORTS[1]!, databaseUrl, false));
    const reader = `http://localhost:${PORTS[0]}`;
    const writer = `http://localhost:${PORTS[processes - 1]}`;
    const token = editorToken(databaseUrl);
    const articles = await api<{ items: { id: string }[] }>(reader, token, "GET", "/api/v1/articles");
    const articleId = articles.items[0]!.id;
    const claim = await api<{ id: string; version: number }>(reader, token, "POST", `/api/v1/articles/${articleId}/claims`, { exact: "Almaty" });
    const { page, close } = await openPage(reader, articleId, claim.id);
    const list = page.getByRole("list", { name: "Claims in text order" });
    let version = claim.version;
    const latencies: number[] = [];
    for (let i = 1; i <= CHANGES; i++) {
      const words = `Bench change ${i} of ${CHANGES}`;
      const started = performance.now();
      const saved = await api<{ version: number }>(writer, token, "PATCH", `/api/v1/claims/${claim.id}`, { version, statement: words });
      version = saved.version;
      await list.getByText(words, { exact: true }).waitFor({ timeout: 30_000 });
      latencies.push(performance.now() - started);
      // A desk's pace, not a flood: the next change after a pause.
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await close();
    const ms = (x: number) => `${Math.round(x)} ms`;
    console.log(`${label}: ${CHANGES} changes, API write to the other browser showing it: p50 ${ms(percentile(latencies, 0.5))}, p95 ${ms(percentile(latencies, 0.95))}, worst ${ms(Math.max(...latencies))}`);
  } finally {
    for (const server of servers) server.kill("SIGTERM");
  }
}

async function main() {
  if (!existsSync(path.join(root, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"))) {
    console.error("bench:live needs a production build first: npx next build");
    process.exit(1);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-live-"));
  try {
    await measure("SQLite, one server process", `file:${path.join(dir, "live.db")}`, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const serverUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`PostgreSQL: skipped, ${new URL(serverUrl).host} is not reachable (${(error as Error).message})`);
    return;
  }
  const name = `factcheck_bench_live_${process.pid}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    await measure("PostgreSQL, two server processes (browser on one, writes through the other)", url.toString(), 2);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

await main();
