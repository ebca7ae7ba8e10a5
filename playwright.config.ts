// Playwright runs against a production build served by `npm start`'s own script, on a fresh database
// per run: SQLite by default, PostgreSQL when E2E_DATABASE_URL names one (scripts/test.sh creates it).
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3217);
const databaseUrl = process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db";
const chromium = "/usr/bin/chromium";
export const securityLog = process.env.E2E_SECURITY_LOG ?? "data/e2e-security.log";

/** Where the battery's specs append their figures (one JSON line each); scripts/test.sh prints them. */
export const batteryFigures = process.env.BATTERY_FIGURES ?? "data/battery-figures.jsonl";

export default defineConfig({
  testDir: "e2e",
  // The browser and API specs, then the security and reliability battery (e2e/battery): one server,
  // one run, the battery's checks last because they are the heaviest.
  projects: [
    { name: "e2e", testIgnore: "battery/**" },
    { name: "battery", testDir: "e2e/battery", timeout: 600_000, dependencies: ["e2e"] },
  ],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 30_000,
  expect: { timeout: 7_000 },
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      ...(existsSync(chromium) ? { executablePath: chromium } : {}),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "node_modules/.bin/tsx scripts/start.ts",
    url: `http://localhost:${port}/sign-in`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      FACTCHECK_DEMO: "1",
      NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123456789",
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
      // The security events go to a file the specs read back (e2e/server-guard.spec.ts).
      FACTCHECK_SECURITY_LOG: securityLog,
      // The import and re-check specs serve article pages from a local server (e2e/revisions.spec.ts);
      // the refusal of private addresses is covered by lib/server's unit tests.
      FACTCHECK_FETCH_ALLOW_PRIVATE: "1",
      // PostgreSQL in CI: the owner migrates, the app runs as a role that cannot rewrite the audit trail.
      ...(process.env.E2E_MIGRATION_DATABASE_URL ? { MIGRATION_DATABASE_URL: process.env.E2E_MIGRATION_DATABASE_URL } : {}),
    },
  },
});
