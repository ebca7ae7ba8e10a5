// The admin CLI run as a real child process against a temporary SQLite database, and the demo seed.
// Every tsx start costs about a second and every password hash a third of one, so the commands that
// build the shared state run once in beforeAll and each test checks one aspect of what they did;
// tests that change the database (tampering, truncating) work on copies of it.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { verifyAuditChain } from "@/lib/server/audit";
import { parseDatabaseUrl } from "@/lib/server/database-url";
import { db } from "@/lib/server/db";
import { applyMigrations } from "@/lib/server/migrate";
import { hashPassword, verifyPassword } from "@/lib/server/password";
import { DEMO_PASSWORD, openDemoAccounts, seedDemo, shouldLoadDemo } from "@/lib/server/seed";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const DAY_MS = 86_400_000;
const PASSWORD = "correct horse battery staple";

type Run = { code: number | null; stdout: string; stderr: string };

function cli(dbFile: string, args: string[], stdin = ""): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ["scripts/cli.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `file:${dbFile}` },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

function field(output: string, name: string): string {
  const value = new RegExp(`^${name}:\\s+(\\S+)$`, "m").exec(output)?.[1];
  if (!value) throw new Error(`no "${name}:" line in:\n${output}`);
  return value;
}

function openDb(file: string, readonly = true) {
  return new Database(file, { readonly, fileMustExist: true });
}

/** A private copy of the shared database, for tests that damage it. */
async function copyOf(source: string, target: string) {
  const from = openDb(source);
  try {
    await from.backup(target);
  } finally {
    from.close();
  }
  return target;
}

function triggerNames(file: string): string[] {
  const conn = openDb(file);
  try {
    return (conn.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'AuditEvent'").all() as {
      name: string;
    }[]).map((row) => row.name);
  } finally {
    conn.close();
  }
}

/** Runs SQL on `file` with the append-only triggers dropped, as an attacker with file access could. */
function tamper(file: string, sql: string) {
  const conn = openDb(file, false);
  try {
    for (const name of triggerNames(file)) conn.exec(`DROP TRIGGER "${name}"`);
    conn.exec(sql);
  } finally {
    conn.close();
  }
}

describe("the admin CLI", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "factcheck-cli-"));
  const dbFile = path.join(dir, "t.db");
  const r: Record<string, Run> = {};

  beforeAll(async () => {
    const run = async (key: string, args: string[], stdin?: string) => {
      r[key] = await cli(dbFile, args, stdin);
      return r[key];
    };
    await run("add", ["user", "add", "--email", "Alice@Example.com", "--name", "Alice Reviewer", "--role", "reviewer"], `${PASSWORD}\n`);
    await run("short", ["user", "add", "--email", "bob@example.com", "--name", "Bob", "--role", "viewer"], "too-short\n");
    await run("badRole", ["user", "add", "--email", "carol@example.com", "--name", "Carol", "--role", "boss"]);
    await run("list", ["user", "list"]);
    await run("token", ["token", "create", "--email", "alice@example.com", "--name", "ci"]);
    const week = await run("week", ["token", "create", "--email", "alice@example.com", "--days", "7"]);
    await run("revoke", ["token", "revoke", "--id", field(week.stdout, "id")]);
    await run("tokenList", ["token", "list"]);
    await run("disable", ["user", "disable", "--email", "alice@example.com"]);
    await run("listAfter", ["user", "list"]);
    await run("verify", ["audit", "verify"]);
    // Eleven processes of about 3 s of CPU each: generous, so a busy machine does not fail the run.
  }, 240_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("user add reads the password from the first line of stdin", async () => {
    expect(r.add).toMatchObject({ code: 0, stderr: "" });
    expect(r.add?.stdout).toContain("Created alice@example.com");
    expect(r.list?.stdout).toMatch(/^alice@example\.com\s+Alice Reviewer\s+reviewer\s+no$/m);
    const conn = openDb(dbFile);
    const row = conn.prepare(`SELECT "passwordHash" FROM "User" WHERE email = ?`).get("alice@example.com") as {
      passwordHash: string;
    };
    conn.close();
    expect(await verifyPassword(PASSWORD, row.passwordHash)).toBe(true);
  });

  test("user add refuses bad input with one line and exit 1", () => {
    expect(r.short?.code).toBe(1);
    expect(r.short?.stderr.trim()).toBe("error: Passwords need at least 12 characters.");
    expect(r.badRole?.code).toBe(1);
    expect(r.badRole?.stderr).toMatch(/^error: --role: .*viewer.*admin/);
    expect(r.badRole?.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.list?.stdout).not.toContain("bob@example.com");
    expect(r.list?.stdout).not.toContain("carol@example.com");
  });

  test("token create prints a token whose SHA-256 is stored, expiring in 90 days or --days", () => {
    const conn = openDb(dbFile);
    const rowOf = (id: string) =>
      conn.prepare(`SELECT "tokenHash", "expiresAt", "revokedAt", name FROM "ApiToken" WHERE id = ?`).get(id) as {
        tokenHash: string;
        expiresAt: string;
        revokedAt: string | null;
        name: string;
      };
    try {
      for (const [key, days] of [["token", 90], ["week", 7]] as const) {
        const out = r[key]?.stdout ?? "";
        expect(r[key]?.code).toBe(0);
        const token = field(out, "token");
        expect(token).toMatch(/^fct_/);
        const row = rowOf(field(out, "id"));
        expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
        const expiresIn = new Date(row.expiresAt).getTime() - Date.now();
        expect(Math.abs(expiresIn - days * DAY_MS)).toBeLessThan(5 * 60_000);
        expect(new Date(field(out, "expires")).getTime()).toBeCloseTo(new Date(row.expiresAt).getTime(), -4);
      }
      expect(rowOf(field(r.token?.stdout ?? "", "id")).name).toBe("ci");
      expect(rowOf(field(r.token?.stdout ?? "", "id")).revokedAt).toBeNull();
    } finally {
      conn.close();
    }
  });

  test("token revoke marks the token revoked", () => {
    expect(r.revoke?.code).toBe(0);
    const id = field(r.week?.stdout ?? "", "id");
    const conn = openDb(dbFile);
    const row = conn.prepare(`SELECT "revokedAt" FROM "ApiToken" WHERE id = ?`).get(id) as { revokedAt: string | null };
    conn.close();
    expect(row.revokedAt).not.toBeNull();
    expect(r.tokenList?.stdout).toMatch(new RegExp(`^${id}\\s.*\\srevoked$`, "m"));
    expect(r.tokenList?.stdout).not.toContain("fct_");
  });

  test("user disable disables the account", () => {
    expect(r.disable?.code).toBe(0);
    expect(r.listAfter?.stdout).toMatch(/^alice@example\.com\s+Alice Reviewer\s+reviewer\s+yes$/m);
  });

  test("audit verify counts the events the commands wrote", () => {
    // user.created, token.created twice, token.revoked, user.disabled; the refused commands wrote none.
    expect(r.verify?.code).toBe(0);
    expect(r.verify?.stdout.trim()).toMatch(/^ok: 5 events, head [0-9a-f]{64}$/);
  });

  test("audit verify names the first event whose content was changed", async () => {
    const copy = await copyOf(dbFile, path.join(dir, "tampered.db"));
    expect(triggerNames(copy).length).toBeGreaterThan(0);
    tamper(copy, `UPDATE "AuditEvent" SET "after" = '{"revoked":false}' WHERE seq = 4`);
    const result = await cli(copy, ["audit", "verify"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/broken at seq 4\b/);
  });

  test("audit verify --head detects a truncated log that the chain alone cannot", async () => {
    const head = /head ([0-9a-f]{64})/.exec(r.verify?.stdout ?? "")?.[1] ?? "";
    const copy = await copyOf(dbFile, path.join(dir, "truncated.db"));
    tamper(copy, `DELETE FROM "AuditEvent" WHERE seq = (SELECT MAX(seq) FROM "AuditEvent")`);
    const [withHead, plain] = await Promise.all([cli(copy, ["audit", "verify", "--head", head]), cli(copy, ["audit", "verify"])]);
    expect(withHead.code).toBe(1);
    expect(withHead.stdout).toMatch(/truncated/);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^ok: 4 events/);
  });

  test("backup writes a copy that opens and holds the same users, and will not overwrite it", async () => {
    const target = path.join(dir, "backup.db");
    const first = await cli(dbFile, ["backup", "--out", target]);
    expect(first.code).toBe(0);
    const count = (file: string) => {
      const conn = openDb(file);
      try {
        return (conn.prepare(`SELECT COUNT(*) AS n FROM "User"`).get() as { n: number }).n;
      } finally {
        conn.close();
      }
    };
    expect(count(target)).toBe(count(dbFile));
    expect(count(target)).toBe(1);

    const [again, forced] = [await cli(dbFile, ["backup", "--out", target]), await cli(dbFile, ["backup", "--out", target, "--force"])];
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists.*--force/);
    expect(forced.code).toBe(0);
    expect(count(target)).toBe(1);
    // One self-contained file: no temporary copy or WAL files left beside it.
    expect(readdirSync(dir).filter((name) => name.includes("backup.db"))).toEqual(["backup.db"]);
  });

  test("backup refuses to write over the live database or its -wal, -shm and -journal files, however the path is spelled", async () => {
    const count = () => {
      const conn = openDb(dbFile);
      try {
        return (conn.prepare(`SELECT COUNT(*) AS n FROM "User"`).get() as { n: number }).n;
      } finally {
        conn.close();
      }
    };
    const before = count();
    // Keep a connection open so the WAL and shared-memory files exist, as while the server runs.
    const live = new Database(dbFile);
    live.pragma("journal_mode = WAL");
    live.exec(`CREATE TABLE IF NOT EXISTS "keep" (x)`);
    try {
      expect(existsSync(`${dbFile}-wal`)).toBe(true);
      const linkedDir = path.join(dir, "linked-dir");
      symlinkSync(dir, linkedDir);
      symlinkSync(dbFile, path.join(dir, "link-to-db"));
      symlinkSync(`${dbFile}-wal`, path.join(dir, "link-to-wal"));
      linkSync(dbFile, path.join(dir, "hard-link-to-db"));
      const targets = [
        dbFile,
        `${dbFile}-wal`,
        `${dbFile}-shm`,
        `${dbFile}-journal`,
        path.join(dir, "..", path.basename(dir), "t.db"),
        path.join(dir, "link-to-db"),
        path.join(dir, "link-to-wal"),
        path.join(linkedDir, "t.db"),
        path.join(linkedDir, "t.db-wal"),
        path.join(dir, "hard-link-to-db"),
      ];
      // With --force, which would otherwise replace an existing file (and so lose the WAL's commits).
      const runs = await Promise.all(targets.map((target) => cli(dbFile, ["backup", "--out", target, "--force"])));
      runs.forEach((run, i) => {
        expect(run.code, `${targets[i]}: ${run.stderr}`).toBe(1);
        expect(run.stderr).toMatch(/^error: .* is the live database or one of its -wal, -shm or -journal files/);
      });
      expect(existsSync(`${dbFile}-wal`)).toBe(true);
      expect(existsSync(`${dbFile}-journal`)).toBe(false);
      expect(lstatSync(path.join(dir, "link-to-db")).isSymbolicLink()).toBe(true);
    } finally {
      live.close();
    }
    expect(count()).toBe(before);
    const elsewhere = await cli(dbFile, ["backup", "--out", path.join(dir, "linked-dir", "fine.db")]);
    expect(elsewhere.code, elsewhere.stderr).toBe(0);
  }, 120_000);

  test("user reset-password prints a temporary password once and makes the user choose a new one", async () => {
    const file = path.join(dir, "reset.db");
    expect((await cli(file, ["user", "add", "--email", "dora@example.com", "--name", "Dora", "--role", "editor"], `${PASSWORD}\n`)).code).toBe(0);
    const reset = await cli(file, ["user", "reset-password", "--email", " Dora@Example.com "]);
    expect(reset.code, reset.stderr).toBe(0);
    expect(field(reset.stdout, "temporary password")).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/);
    expect(field(reset.stdout, "user")).toBe("dora@example.com");
    expect(reset.stderr).toBe("This is the only time it is shown; give it to the user through a safe channel.\n");
    const conn = openDb(file);
    try {
      expect(conn.prepare(`SELECT "mustChangePassword" FROM "User" WHERE email = ?`).get("dora@example.com")).toEqual({ mustChangePassword: 1 });
      expect(conn.prepare(`SELECT action FROM "AuditEvent" ORDER BY seq DESC LIMIT 1`).get()).toEqual({ action: "user.password_reset" });
    } finally {
      conn.close();
    }
    const unknown = await cli(file, ["user", "reset-password", "--email", "nobody@example.com"]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("The user was not found.");
  }, 60_000);

  test("--help prints the usage of the tool and of every command, without touching the database", async () => {
    const untouched = path.join(dir, "never-created.db");
    const commands = [
      "user add",
      "user list",
      "user disable",
      "user enable",
      "user reset-password",
      "token create",
      "token list",
      "token revoke",
      "audit verify",
      "backup",
    ];
    const runs = await Promise.all([
      cli(untouched, ["--help"]),
      ...commands.map((command) => cli(untouched, [...command.split(" "), "--help"])),
    ]);
    const [tool, ...each] = runs;
    expect(tool?.code).toBe(0);
    for (const command of commands) expect(tool?.stdout).toContain(command);
    each.forEach((run, i) => {
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: npm run cli -- ${commands[i]}\\b`));
      expect(run.stdout).toContain("--help");
    });
    expect(existsSync(untouched)).toBe(false);
  });

  test("an unknown command or option prints the usage and exits 2", async () => {
    const untouched = path.join(dir, "never-created.db");
    const [command, option] = await Promise.all([
      cli(untouched, ["frobnicate"]),
      cli(untouched, ["user", "list", "--verbose"]),
    ]);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/Unknown command: frobnicate[\s\S]*Usage:/);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/--verbose[\s\S]*Usage: npm run cli -- user list/);
    expect(existsSync(untouched)).toBe(false);
  });
});

describe("shouldLoadDemo", () => {
  test("loads by default only into SQLite, never with 0, into PostgreSQL only with 1", () => {
    expect(shouldLoadDemo("sqlite", undefined)).toBe(true);
    expect(shouldLoadDemo("postgresql", undefined)).toBe(false);
    expect(shouldLoadDemo("sqlite", "0")).toBe(false);
    expect(shouldLoadDemo("postgresql", "0")).toBe(false);
    expect(shouldLoadDemo("sqlite", "1")).toBe(true);
    expect(shouldLoadDemo("postgresql", "1")).toBe(true);
  });
});

describe("seedDemo", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "factcheck-seed-"));
  const url = `file:${path.join(dir, "seed.db")}`;

  beforeAll(async () => {
    // db() reads DATABASE_URL on first use; nothing else in this file opens it in-process.
    process.env.DATABASE_URL = url;
    await applyMigrations(parseDatabaseUrl(url));
  });

  afterAll(async () => {
    await db().$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  test("fills an empty database with the demo accounts and article, once", async () => {
    const lines: string[] = [];
    expect(await seedDemo((line) => lines.push(line))).toBe(true);
    expect(lines.join("\n")).toContain(DEMO_PASSWORD);

    const users = await db().user.findMany({ orderBy: { email: "asc" } });
    expect(users.map((u) => [u.email, u.name, u.role])).toEqual([
      ["admin@example.com", "Ada Admin", "admin"],
      ["alice@example.com", "Alice Reviewer", "reviewer"],
      ["bob@example.com", "Bob Reviewer", "reviewer"],
      ["editor@example.com", "Eddie Editor", "editor"],
      ["erin@example.com", "Erin Editor", "editor"],
      ["viewer@example.com", "Vera Viewer", "viewer"],
    ]);
    expect(await verifyPassword(DEMO_PASSWORD, users[0]?.passwordHash ?? "")).toBe(true);

    const articles = await db().article.findMany();
    expect(articles).toHaveLength(1);
    const [article] = articles;
    expect(article?.title).toBe("Putin and Tokayev discuss efforts to “restore order” in Kazakhstan");
    expect(article?.text.startsWith("Kazakhstan President")).toBe(true);
    expect(article?.text).not.toMatch(/date 2022/);
    expect(article?.publishedOn).toBe("2022-01-08");
    expect(article?.publisher).toBeNull();
    expect(article?.url).toBeNull();
    expect(article?.createdById).toBe(users[0]?.id);
    expect(await db().claim.count()).toBe(0);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, events: 7 });

    expect(await seedDemo()).toBe(false);
    expect(await db().user.count()).toBe(6);
    expect(await db().article.count()).toBe(1);
  });

  test("names the enabled demo accounts that still have the published password, and no others", async () => {
    expect(await openDemoAccounts()).toEqual(["admin@example.com", "alice@example.com", "bob@example.com", "editor@example.com", "erin@example.com", "viewer@example.com"]);
    await db().user.update({ where: { email: "alice@example.com" }, data: { passwordHash: await hashPassword("a password of her own") } });
    await db().user.update({ where: { email: "bob@example.com" }, data: { disabledAt: new Date() } });
    expect(await openDemoAccounts()).toEqual(["admin@example.com", "editor@example.com", "erin@example.com", "viewer@example.com"]);
  });
});

describe("data at rest", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "factcheck-modes-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);

  test("the data folder is created 0700, the database, its WAL files and backups 0600", async () => {
    const dbFile = path.join(dir, "new", "data", "f.db");
    const run = await cli(dbFile, ["user", "list"]);
    expect(run.code, run.stderr).toBe(0);
    expect([mode(path.join(dir, "new")), mode(path.join(dir, "new", "data")), mode(dbFile)]).toEqual(["700", "700", "600"]);
    // SQLite creates the WAL and shared-memory files with the database file's permissions.
    const live = new Database(dbFile);
    try {
      live.pragma("journal_mode = WAL");
      live.exec(`CREATE TABLE IF NOT EXISTS "keep" (x)`);
      expect([mode(`${dbFile}-wal`), mode(`${dbFile}-shm`)]).toEqual(["600", "600"]);
    } finally {
      live.close();
    }
    const backup = path.join(dir, "backup.db");
    const copied = await cli(dbFile, ["backup", "--out", backup]);
    expect(copied.code, copied.stderr).toBe(0);
    expect(mode(backup)).toBe("600");
  });

  test("a database left readable by others is narrowed to 0600 on the next run; an existing folder is left as it is", async () => {
    const folder = path.join(dir, "old");
    mkdirSync(folder, { mode: 0o755 });
    chmodSync(folder, 0o755);
    const dbFile = path.join(folder, "o.db");
    const first = await cli(dbFile, ["user", "list"]);
    expect(first.code, first.stderr).toBe(0);
    chmodSync(dbFile, 0o644);
    const again = await cli(dbFile, ["user", "list"]);
    expect(again.code, again.stderr).toBe(0);
    expect([mode(folder), mode(dbFile)]).toEqual(["755", "600"]);
  });
});
