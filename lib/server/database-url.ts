// Which database DATABASE_URL names. SQLite (a `file:` URL) is the embedded default; PostgreSQL is
// chosen by a `postgres://` or `postgresql://` URL. Pure, so the migration runner, the Prisma client
// module and scripts all agree on the provider and on where a relative SQLite path points.
import path from "node:path";

export type DatabaseTarget =
  | { provider: "sqlite"; url: string; file: string }
  | { provider: "postgresql"; url: string };

/** The URL used when DATABASE_URL is unset. */
export const DEFAULT_DATABASE_URL = "file:./data/factcheck.db";

/**
 * Parses a DATABASE_URL. A relative SQLite path resolves against `cwd` (the app always starts from
 * the project root), so `file:./data/factcheck.db` is `<root>/data/factcheck.db`. Query parameters on a
 * `file:` URL (`?connection_limit=1` and the like) are not part of the path.
 */
export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): DatabaseTarget {
  const trimmed = url.trim();
  if (/^file:/i.test(trimmed)) {
    let filePath = trimmed.slice("file:".length);
    const query = filePath.indexOf("?");
    if (query !== -1) filePath = filePath.slice(0, query);
    // file:///abs/path and file://localhost/abs/path are absolute file URLs; file:path is a plain path.
    if (filePath.startsWith("//")) filePath = filePath.replace(/^\/\/(localhost)?/i, "");
    if (filePath === "" || filePath === ":memory:") {
      throw new Error(`DATABASE_URL must name an SQLite file, got "${url}"`);
    }
    const file = path.resolve(cwd, decodeURIComponent(filePath));
    return { provider: "sqlite", url: trimmed, file };
  }
  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    return { provider: "postgresql", url: trimmed };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1];
  throw new Error(
    `DATABASE_URL must be a file: URL (SQLite) or a postgres:// or postgresql:// URL (PostgreSQL); ` +
      (scheme ? `got the scheme "${scheme}:"` : trimmed === "" ? "it is empty" : "it has no scheme"),
  );
}
