// `npm run bench:article`: how fast a long article with many claims is to read. Seeds a fresh SQLite
// database with an article of 1,000 claims (30% of them overlapping another), serves the production
// build, and prints (1) the server's render time of the article page, as the time to the complete
// HTML response, and (2) the browser's time from navigation until every highlight is laid out.
// Goals on a 2-core machine: (1) ≤ 300 ms, (2) ≤ 1 s. Medians of several runs; nothing is asserted.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { freshBenchDatabase } from "./bench-db";

const root = process.cwd();
const port = Number(process.env.BENCH_PORT ?? 3291);
const dbFile = path.join(root, "data", "bench-article.db");
const CLAIMS = 1000;
const RUNS = 9;
process.env.DATABASE_URL = `file:${dbFile}`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;

async function seed(): Promise<string> {
  const { actor, sample } = await freshBenchDatabase(dbFile);
  const { db } = await import("../lib/server/db");
  const { createArticle } = await import("../lib/server/articles");
  const { createClaim, updateClaim } = await import("../lib/server/claims");
  const { VERDICT_IDS } = await import("../lib/core/claim");
  const { wordUnits } = await import("../lib/core/text-units");
  // A long read: the sample article fourteen times over in numbered sections, about 6,500 words.
  const sections = Array.from({ length: 14 }, (_, i) => `Section ${i + 1}.\n\n${sample.text}`);
  const article = await createArticle(actor, { title: "Benchmark: 1,000 claims", text: sections.join("\n\n") });
  const words = wordUnits(article.text);
  const started = Date.now();
  let w = 0;
  let previous: { start: number; end: number } | null = null;
  for (let i = 0; i < CLAIMS; i++) {
    let start: number;
    let end: number;
    if (previous && i % 10 < 3) {
      // Overlapping: starts inside the previous claim and runs past its end.
      const inside = words.findIndex((u) => u.start > previous!.start && u.start < previous!.end);
      start = words[inside === -1 ? w : inside]!.start;
      end = words[Math.min(w + 2, words.length - 1)]!.end;
      if (end <= previous.end) end = words[Math.min(w + 3, words.length - 1)]!.end;
    } else {
      w += 3;
      start = words[w]!.start;
      end = words[Math.min(w + 4, words.length - 1)]!.end;
      w += 4;
    }
    const claim = await createClaim(actor, article.id, { exact: sliceWords(article.text, start, end), start, end });
    if (i % 2 === 0) await updateClaim(actor, claim.id, { version: claim.version, verdict: VERDICT_IDS[i % VERDICT_IDS.length] });
    previous = { start, end };
  }
  console.log(`seeded ${CLAIMS} claims (30% overlapping) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await db().$disconnect();
  return article.id;
}

function sliceWords(text: string, start: number, end: number) {
  return [...text].slice(start, end).join("");
}

async function startServer(): Promise<() => void> {
  const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/start.ts"], {
    env: { ...process.env, PORT: String(port), FACTCHECK_DEMO: "1", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      if (/factcheck: (no production build|sources changed)/.test(text)) process.stdout.write(text);
      if (text.includes("ready on")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return () => child.kill("SIGTERM");
}

async function signInCookies(): Promise<string> {
  const base = `http://localhost:${port}`;
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, v] = pair!.split("=");
      jar.set(k!, v!);
    }
  };
  keep(csrfResponse);
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(), origin: base },
    body: new URLSearchParams({ csrfToken, email: "alice@example.com", password: "factcheck-demo", json: "true" }),
  });
  keep(login);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error("sign-in failed");
  return cookieHeader();
}

async function main() {
  if (!existsSync(path.join(root, "node_modules", ".bin", "next"))) throw new Error("run npm install first");
  const articleId = await seed();
  const stop = await startServer();
  try {
    const cookie = await signInCookies();
    const url = `http://localhost:${port}/articles/${articleId}`;
    const server: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS + 1; i++) {
      const t0 = performance.now();
      const response = await fetch(url, { headers: { cookie } });
      const html = await response.text();
      if (response.status !== 200) throw new Error(`page answered ${response.status}`);
      if (i > 0) server.push(performance.now() - t0);
      bytes = html.length;
    }

    const browser = await chromium.launch({
      ...(existsSync("/usr/bin/chromium") ? { executablePath: "/usr/bin/chromium" } : {}),
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addCookies(
      cookie.split("; ").map((pair) => {
        const [name, value] = pair.split("=");
        return { name: name!, value: value!, domain: "localhost", path: "/" };
      }),
    );
    const browserTimes: number[] = [];
    let marks = 0;
    for (let i = 0; i < RUNS + 1; i++) {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: "commit" });
      // Highlights exist in the server HTML; "laid out" is when the hydrated page has them all in the
      // DOM and the browser has computed their boxes.
      await page.waitForFunction((n) => document.querySelectorAll("mark[data-claim-id]").length >= n && document.readyState !== "loading", CLAIMS);
      const t = await page.evaluate(async () => {
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const all = document.querySelectorAll("mark[data-claim-id]");
        all[all.length - 1]!.getBoundingClientRect();
        return { ms: performance.now(), marks: all.length };
      });
      if (i > 0) browserTimes.push(t.ms);
      marks = t.marks;
      await page.close();
    }
    await browser.close();

    console.log(`article page: ${(bytes / 1024).toFixed(0)} KiB of HTML, ${marks} <mark> elements`);
    console.log(`server render (complete HTML response): median ${median(server).toFixed(0)} ms, p95 ${p95(server).toFixed(0)} ms over ${RUNS} runs (goal ≤ 300 ms)`);
    console.log(`browser, navigation → highlights laid out: median ${median(browserTimes).toFixed(0)} ms, p95 ${p95(browserTimes).toFixed(0)} ms over ${RUNS} runs (goal ≤ 1000 ms)`);
  } finally {
    stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
