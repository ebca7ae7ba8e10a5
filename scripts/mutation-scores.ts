// Prints the mutation score of each file and folder of the mutation run's scope (stryker.config.mjs)
// from Stryker's JSON report, and fails when a folder is below the score it must keep.
// `npm run test:mutation` runs it after Stryker; `tsx scripts/mutation-scores.ts report.json…` (one
// report per part of the scope; a folder with no mutants in the reports read is not judged).
import { readFileSync } from "node:fs";

/** The share of mutants each folder's tests must kill, in percent. */
export const THRESHOLDS: Record<string, number> = { "lib/core": 85, "lib/server": 75 };

type Status = "Killed" | "Survived" | "NoCoverage" | "Timeout" | "CompileError" | "RuntimeError" | "Ignored" | "Pending";

interface Mutant {
  status: Status;
  statusReason?: string;
}

export interface MutationReport {
  files: Record<string, { mutants: Mutant[] }>;
}

export interface Tally {
  name: string;
  killed: number;
  survived: number;
  /** Mutants no test runs: survivors too, listed apart. */
  noCoverage: number;
  /** Module-level code (tables, constants) Stryker does not run: ignoreStatic in stryker.config.mjs. */
  static: number;
  /** Excluded where they are, with a reason (`// Stryker disable …: reason`). */
  excluded: number;
  /** Killed (timeouts included) out of killed, survived and uncovered; null when there are none. */
  score: number | null;
}

const isStatic = (m: Mutant) => m.status === "Ignored" && /^Static mutant/.test(m.statusReason ?? "");

function tally(name: string, mutants: Mutant[]): Tally {
  const count = (...s: Status[]) => mutants.filter((m) => s.includes(m.status)).length;
  const killed = count("Killed", "Timeout");
  const survived = count("Survived");
  const noCoverage = count("NoCoverage");
  const valid = killed + survived + noCoverage;
  const staticCount = mutants.filter(isStatic).length;
  return { name, killed, survived, noCoverage, static: staticCount, excluded: count("Ignored") - staticCount, score: valid === 0 ? null : (100 * killed) / valid };
}

/** The folder a file's score counts towards: the longest threshold folder holding it. */
export function folderOf(file: string): string | null {
  const path = file.replaceAll("\\", "/");
  const folders = Object.keys(THRESHOLDS).filter((f) => path.startsWith(`${f}/`));
  return folders.sort((a, b) => b.length - a.length)[0] ?? null;
}

export function scores(report: MutationReport): { folders: Tally[]; files: Tally[] } {
  const byFolder = new Map<string, Mutant[]>();
  const files: Tally[] = [];
  for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    files.push(tally(file, mutants));
    const folder = folderOf(file);
    if (folder) byFolder.set(folder, [...(byFolder.get(folder) ?? []), ...mutants]);
  }
  const folders = Object.keys(THRESHOLDS).map((f) => tally(f, byFolder.get(f) ?? []));
  return { folders, files };
}

/** The folders below their threshold (a folder without mutants fails: the scope lost it). */
export function failing(folders: Tally[]): Tally[] {
  return folders.filter((f) => f.score === null || f.score < THRESHOLDS[f.name]!);
}

const COLUMNS: Array<[string, number, (t: Tally) => string]> = [
  ["score", 7, (t) => (t.score === null ? "—" : `${t.score.toFixed(1)}%`)],
  ["killed", 8, (t) => String(t.killed)],
  ["survived", 10, (t) => String(t.survived)],
  ["no coverage", 13, (t) => String(t.noCoverage)],
  ["static", 8, (t) => String(t.static)],
  ["excluded", 10, (t) => String(t.excluded)],
];

function row(t: Tally, threshold?: number) {
  const cells = COLUMNS.map(([, width, cell]) => cell(t).padStart(width)).join("");
  return `${t.name.padEnd(36)}${cells}${threshold === undefined ? "" : `   (must be ≥ ${threshold}%)`}`;
}

function main() {
  const paths = process.argv.slice(2);
  if (paths.length === 0) throw new Error("usage: tsx scripts/mutation-scores.ts reports/mutation/<part>.json…");
  const report: MutationReport = { files: {} };
  for (const path of paths) Object.assign(report.files, (JSON.parse(readFileSync(path, "utf8")) as MutationReport).files);
  const judged = new Set(Object.keys(report.files).map(folderOf));
  const { folders: all, files } = scores(report);
  const folders = all.filter((f) => judged.has(f.name));
  const file = paths.join(", ");
  const header = "".padEnd(36) + COLUMNS.map(([title, width]) => title.padStart(width)).join("");
  console.log(`\nMutation scores (${file})\n${header}`);
  for (const f of files) console.log(row(f));
  console.log("");
  for (const f of folders) console.log(row(f, THRESHOLDS[f.name]));
  const low = failing(folders);
  if (low.length > 0) {
    console.error(`\nBelow threshold: ${low.map((f) => `${f.name} (${f.score === null ? "no mutants" : `${f.score.toFixed(1)}% < ${THRESHOLDS[f.name]}%`})`).join(", ")}`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
