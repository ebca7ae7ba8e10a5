// Online backup of the SQLite database, safe while the server is running: SQLite's backup API on a
// connection of its own copies a consistent snapshot (in WAL mode the server's writers are not blocked).
// PostgreSQL has pg_dump for this, so there we only explain how to run it.
import { randomBytes } from "node:crypto";
import { closeSync, copyFileSync, constants, existsSync, linkSync, openSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PRIVATE_FILE_MODE, SQLITE_COMPANION_SUFFIXES, isSqliteFileOrCompanion, restrictFile } from "./data-dir";

export class BackupError extends Error {}

/** What to tell someone who asks for a backup of a PostgreSQL database. */
export function postgresBackupAdvice(out: string): string {
  const file = JSON.stringify(out);
  return [
    "The database is PostgreSQL; back it up with pg_dump, which takes a consistent snapshot while the server runs:",
    `  pg_dump --format=custom --file=${file} "$DATABASE_URL"`,
    "Restore into an empty database with:",
    `  pg_restore --no-owner --dbname="$DATABASE_URL" ${file}`,
  ].join("\n");
}

/**
 * Copies the SQLite database `sourceFile` to `outFile`. The copy is written next to the target under a
 * temporary name, checked, and only then given its name, so a failed backup never leaves a half-written
 * file behind or destroys the previous one. An existing `outFile` is kept unless `force` is set. The
 * live database and its -wal/-shm/-journal files are refused as `outFile` however the path reaches
 * them (with --force, writing over the WAL would silently lose committed data). The copy is 0600.
 */
export async function backupSqlite(
  sourceFile: string,
  outFile: string,
  opts: { force?: boolean } = {},
): Promise<{ file: string; bytes: number }> {
  const source = path.resolve(sourceFile);
  const out = path.resolve(outFile);
  if (!existsSync(source)) throw new BackupError(`There is no database at ${source}.`);
  if (isSqliteFileOrCompanion(out, source)) {
    throw new BackupError(`${out} is the live database or one of its -wal, -shm or -journal files; choose another file for the backup.`);
  }
  if (existsSync(out) && !opts.force) {
    throw new BackupError(`${out} already exists; pass --force to overwrite it.`);
  }
  const dir = path.dirname(out);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new BackupError(`The folder ${dir} does not exist.`);

  const temp = path.join(dir, `.${path.basename(out)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    // Created 0600 before SQLite writes to it, so the copy (and its journal) is never readable by others.
    closeSync(openSync(temp, "wx", PRIVATE_FILE_MODE));
    const db = new Database(source, { fileMustExist: true });
    try {
      db.pragma("busy_timeout = 15000");
      // All remaining pages in one step: one read snapshot, so concurrent writes cannot restart the copy.
      await db.backup(temp, { progress: () => 0x7fffffff });
    } finally {
      db.close();
    }
    checkCopy(temp);
    publish(temp, out, opts.force === true);
    restrictFile(out);
    return { file: out, bytes: statSync(out).size };
  } finally {
    for (const suffix of ["", ...SQLITE_COMPANION_SUFFIXES]) rmSync(temp + suffix, { force: true });
  }
}

/** Makes the copy one self-contained file (no WAL beside it) and checks it. */
function checkCopy(file: string) {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
    const result = copy.pragma("quick_check", { simple: true });
    if (result !== "ok") throw new BackupError(`The copy failed SQLite's integrity check: ${String(result)}`);
  } finally {
    copy.close();
  }
}

function publish(temp: string, out: string, force: boolean) {
  if (force) {
    rmSync(out, { force: true });
  }
  try {
    // A hard link fails if `out` appeared meanwhile, unlike a rename, which would replace it.
    linkSync(temp, out);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new BackupError(`${out} already exists; pass --force to overwrite it.`);
    }
    // File systems without hard links: an exclusive copy keeps the same no-overwrite guarantee.
    copyFileSync(temp, out, constants.COPYFILE_EXCL);
  }
}
