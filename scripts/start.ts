// `npm start`: everything a fresh clone needs, in order, saying what it does: validate the
// configuration, keep a generated session secret under data/ for the quick start, apply pending
// migrations, load the demo content into an empty embedded database, build if the build is missing or
// older than the sources, then serve. `npm run dev` does the same with Next's development server.
import "dotenv/config";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseDatabaseUrl } from "../lib/server/database-url";
import { EnvError, parseEnv } from "../lib/server/env";
import { restrictFile, writePrivateFile } from "../lib/server/data-dir";
import { prepareDatabase } from "../lib/server/database-setup";
import { startServer } from "./server";

const root = process.cwd();
const dev = process.argv.includes("--dev");
const say = (line: string) => console.log(`factcheck: ${line}`);
const warn = (line: string) => console.warn(`factcheck: WARNING: ${line}`);

function fail(message: string): never {
  console.error(`factcheck: ${message}`);
  process.exit(1);
}

function newestSourceTime(): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const name of readdirSync(p)) if (!name.startsWith(".") && name !== "node_modules") visit(path.join(p, name));
    } else if (!/\.test\.tsx?$/.test(p)) newest = Math.max(newest, stat.mtimeMs);
  };
  for (const p of ["app", "components", "lib", "public", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json"]) {
    visit(path.join(root, p));
  }
  return newest;
}

function buildIfNeeded() {
  const buildId = path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= newestSourceTime()) {
    say(`using the existing production build (${path.relative(root, path.dirname(buildId))})`);
    return;
  }
  say(existsSync(buildId) ? "sources changed since the last build: building (about a minute)…" : "no production build yet: building (about a minute)…");
  const result = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) fail("the build failed (see above)");
}

async function main() {
  let settings;
  try {
    settings = parseEnv();
  } catch (error) {
    if (error instanceof EnvError) fail(error.message);
    throw error;
  }
  let target;
  try {
    target = parseDatabaseUrl(settings.DATABASE_URL);
  } catch (error) {
    fail((error as Error).message);
  }
  process.env.DATABASE_URL = settings.DATABASE_URL;

  const { DEMO_PASSWORD, openDemoAccounts, seedDemo, shouldLoadDemo } = await import("../lib/server/seed");
  const demo = shouldLoadDemo(target.provider, settings.FACTCHECK_DEMO);

  if (!settings.NEXTAUTH_SECRET) {
    if (!demo) fail("NEXTAUTH_SECRET is required when demo content is off (set it to 32 or more random characters)");
    const secretFile = path.join(root, "data", "nextauth-secret");
    if (!existsSync(secretFile)) {
      writePrivateFile(secretFile, randomBytes(32).toString("base64url"));
      say("generated a session secret in data/nextauth-secret");
    } else {
      restrictFile(secretFile);
    }
    process.env.NEXTAUTH_SECRET = readFileSync(secretFile, "utf8").trim();
  }
  process.env.NEXTAUTH_URL ??= `http://localhost:${settings.PORT}`;

  say(`database: ${target.provider === "sqlite" ? path.relative(root, target.file) || target.file : "PostgreSQL"}`);
  await prepareDatabase(settings, (line) => say(line));
  if (demo) {
    if (await seedDemo((line) => say(line))) say("loaded the demo accounts and the sample article");
  }
  // Demo accounts with the published password are an open door: unless HOST says otherwise, only
  // this machine can reach the server while they exist.
  const open = await openDemoAccounts();
  const hosts = settings.HOST ? [settings.HOST] : open.length ? ["127.0.0.1", "::1"] : [];
  if (open.length) {
    warn(
      `${open.length} demo account${open.length === 1 ? "" : "s"} (${open.join(", ")}) still use${open.length === 1 ? "s" : ""} ` +
        `the published password "${DEMO_PASSWORD}": anyone who can reach this server can sign in with ${open.length === 1 ? "it" : "them"}.`,
    );
    warn(
      settings.HOST
        ? `HOST=${settings.HOST} is set, so the server listens there anyway. Disable the demo accounts (Users page, or npm run cli -- user disable --email …) before others can reach it.`
        : "Listening on this machine only (127.0.0.1 and ::1). Disable the demo accounts (Users page, or npm run cli -- user disable --email …), or set HOST to listen elsewhere.",
    );
  }
  if (!dev) buildIfNeeded();
  say(`starting ${dev ? "the development server" : "the server"}…`);
  const publicUrls = [settings.FACTCHECK_PUBLIC_URL, process.env.NEXTAUTH_URL].filter((u): u is string => Boolean(u));
  await startServer({ dir: root, port: settings.PORT, hosts, dev, trustProxy: settings.TRUST_PROXY === "1", publicUrls });
  say(`ready on http://localhost:${settings.PORT}${hosts.length ? ` (listening on ${hosts.join(", ")})` : ""}`);
  if (settings.FACTCHECK_RECHECK_MINUTES > 0) {
    const { startRecheckSchedule } = await import("../lib/server/recheck-schedule");
    startRecheckSchedule(settings.FACTCHECK_RECHECK_MINUTES, (line) => say(line));
    say(`re-checking articles' web pages for changes every ${settings.FACTCHECK_RECHECK_MINUTES} minutes`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
