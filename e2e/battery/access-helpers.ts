// Helpers of the role × action matrix (access.spec.ts): a fingerprint of every row a write could change,
// so "refused" also means "nothing changed", and the CLI run side by side.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { DATABASE_URL, tokenFromCliOutput } from "../fixtures";
import { query } from "./db";

/**
 * What a write can change, one line per row: the mutable columns of every table the app writes
 * (Prisma bumps `updatedAt` on every update), and the audit trail's length. Token use
 * (`lastUsedAt`) and sign-ins are left out: reading with a token or signing in is no write.
 */
const FINGERPRINT_SQL = [
  `SELECT 'Article' AS t, "id" AS id, CAST("version" AS TEXT) AS a, CAST("updatedAt" AS TEXT) AS b, CAST(NULL AS TEXT) AS c FROM "Article"`,
  `SELECT 'Claim', "id", CAST("version" AS TEXT), CAST("updatedAt" AS TEXT), CAST("deletedAt" AS TEXT) FROM "Claim"`,
  `SELECT 'Source', "id", "claimId", CAST("updatedAt" AS TEXT), NULL FROM "Source"`,
  `SELECT 'User', "id", "role", CAST("updatedAt" AS TEXT), CAST("disabledAt" AS TEXT) FROM "User"`,
  `SELECT 'ApiToken', "id", CAST("expiresAt" AS TEXT), CAST("revokedAt" AS TEXT), NULL FROM "ApiToken"`,
  `SELECT 'Session', "id", CAST("revokedAt" AS TEXT), NULL, NULL FROM "Session"`,
  `SELECT 'Assignment', "id", CAST("due" AS TEXT), CAST("updatedAt" AS TEXT), NULL FROM "Assignment"`,
  `SELECT 'Assessment', "id", CAST("version" AS TEXT), CAST("updatedAt" AS TEXT), "verdict" FROM "Assessment"`,
  `SELECT 'Comment', "id", CAST("version" AS TEXT), CAST("updatedAt" AS TEXT), CAST("deletedAt" AS TEXT) FROM "Comment"`,
  `SELECT 'CommentMention', "commentId", "userId", CAST("seenAt" AS TEXT), NULL FROM "CommentMention"`,
  `SELECT 'ArticleRevision', "id", CAST("number" AS TEXT), "origin", NULL FROM "ArticleRevision"`,
  `SELECT 'ArticleCheck', "articleId", CAST("checkedAt" AS TEXT), "error", NULL FROM "ArticleCheck"`,
  `SELECT 'AuditEvent', '', CAST(COUNT(*) AS TEXT), CAST(MAX("seq") AS TEXT), NULL FROM "AuditEvent"`,
].join(" UNION ALL ");

export interface Fingerprint {
  /** A hash per table of its rows' mutable columns. */
  tables: Record<string, string>;
  auditEvents: number;
}

export async function fingerprint(): Promise<Fingerprint> {
  const rows = await query<{ t: string; id: string; a: string | null; b: string | null; c: string | null }>(FINGERPRINT_SQL);
  const byTable = new Map<string, string[]>();
  let auditEvents = 0;
  for (const row of rows) {
    if (row.t === "AuditEvent") auditEvents = Number(row.a);
    const lines = byTable.get(row.t) ?? [];
    lines.push(JSON.stringify([row.id, row.a, row.b, row.c]));
    byTable.set(row.t, lines);
  }
  const tables: Record<string, string> = {};
  for (const [table, lines] of byTable) {
    tables[table] = `${lines.length} rows ${createHash("sha256").update(lines.sort().join("\n")).digest("hex").slice(0, 16)}`;
  }
  return { tables, auditEvents };
}

/**
 * The admin CLI without blocking, so that several commands (each a tsx start-up of seconds on a busy
 * machine) run side by side; `cli` in the fixtures is the blocking one.
 */
export function cliAsync(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("node_modules/.bin/tsx", ["scripts/cli.ts", ...args], { env: { ...process.env, DATABASE_URL }, encoding: "utf8" }, (error, stdout, stderr) => {
      if (error) reject(new Error(`cli ${args.join(" ")} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

/** A new API token (valid one day) and its id, made with the CLI as an admin would. */
export async function tokenFor(email: string): Promise<{ token: string; id: string }> {
  return tokenFromCliOutput(await cliAsync(["token", "create", "--email", email, "--days", "1"]));
}
