// Data at rest is for the app's own user only: folders this app creates for its data are 0700, and the
// SQLite database (with its -wal, -shm and -journal files), backups and secrets are 0600. SQLite gives
// its -wal, -shm and -journal files the permissions of the database file, so a database file created
// 0600 keeps its companions private too.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, realpathSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** The files SQLite keeps beside a database: its write-ahead log, shared memory and rollback journal. */
export const SQLITE_COMPANION_SUFFIXES = ["-wal", "-shm", "-journal"] as const;

/** Creates `dir` and any missing parents 0700. A folder that already exists is the owner's choice: left as it is. */
export function ensurePrivateDir(dir: string): void {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Narrows an existing file to 0600 (a missing file, or one of another owner that we may not chmod, is left alone). */
export function restrictFile(file: string): void {
  try {
    if ((statSync(file).mode & 0o777) !== PRIVATE_FILE_MODE) chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "EPERM") throw error;
  }
}

/**
 * Before SQLite opens `file`: its folder exists (0700 if created now), the database file exists 0600 (an
 * empty file is an empty database), and an existing database and its companion files are narrowed to 0600.
 */
export function preparePrivateSqliteFile(file: string): void {
  ensurePrivateDir(path.dirname(file));
  closeSync(openSync(file, "a", PRIVATE_FILE_MODE));
  for (const name of [file, ...SQLITE_COMPANION_SUFFIXES.map((suffix) => file + suffix)]) restrictFile(name);
}

/**
 * Writes a secret (or any private file) 0600, in a folder created 0700 if missing. `flag` as for
 * fs.writeFileSync: "wx" refuses to replace an existing file. For scripts/start.ts's data/nextauth-secret.
 */
export function writePrivateFile(file: string, contents: string, flag: "w" | "wx" = "wx"): void {
  ensurePrivateDir(path.dirname(file));
  writeFileSync(file, contents, { mode: PRIVATE_FILE_MODE, flag });
  restrictFile(file);
}

/**
 * Whether writing `target` would write over the SQLite database `dbFile` or one of its companion files,
 * however the path is spelled: `..`, symlinks to the file or to a folder on its way (realpath), or a
 * hard link to it (the same inode).
 */
export function isSqliteFileOrCompanion(target: string, dbFile: string): boolean {
  const live = new Set<string>();
  for (const base of [path.resolve(dbFile), resolveReal(dbFile)]) {
    live.add(base);
    for (const suffix of SQLITE_COMPANION_SUFFIXES) live.add(base + suffix);
  }
  if (live.has(path.resolve(target)) || live.has(resolveReal(target))) return true;
  if (!existsSync(target)) return false;
  const { dev, ino } = statSync(target);
  return [...live].some((file) => {
    if (!existsSync(file)) return false;
    const other = statSync(file);
    return other.dev === dev && other.ino === ino;
  });
}

/** The real path of `file`, or for a file that does not exist yet, its folder's real path and its name. */
function resolveReal(file: string): string {
  const absolute = path.resolve(file);
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return path.join(realpathSync(path.dirname(absolute)), path.basename(absolute));
    } catch {
      return absolute;
    }
  }
}
