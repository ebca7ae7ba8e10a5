// The battery's figures: each check appends one JSON line to the figures file and prints a one-line
// summary, so a run's log and scripts/test.sh's closing table both show what was tried and what held.
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { batteryFigures } from "../../playwright.config";

export const DATABASE_KIND = (process.env.E2E_DATABASE_URL ?? "file:").startsWith("file:") ? "SQLite" : "PostgreSQL";

/** Records one check's figures, e.g. `recordFigures("xss", "0 executions of 64 vectors over 412 page loads", {...})`. */
export function recordFigures(check: string, summary: string, figures: Record<string, number | string | boolean> = {}) {
  mkdirSync(dirname(batteryFigures), { recursive: true });
  appendFileSync(batteryFigures, `${JSON.stringify({ check, database: DATABASE_KIND, summary, ...figures })}\n`);
  console.log(`battery [${DATABASE_KIND}] ${check}: ${summary}`);
}
