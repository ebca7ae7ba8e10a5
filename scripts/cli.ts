// `npm run cli -- <command>`: the administrator's tool for whoever runs the server: accounts, API tokens,
// checking the audit trail and backing up the database. It calls the same audited data-access functions
// as the app, acting as SYSTEM_ACTOR, and applies pending migrations first so it works on a fresh clone.
// Exit codes: 0 done, 1 the command failed (one line on stderr says why), 2 the command line was wrong.
import { readFileSync, writeFileSync } from "node:fs";
import { isRole } from "@/lib/core/roles";
import { importAnnotations } from "@/lib/server/annotation-import";
import { recheckArticles } from "@/lib/server/article-import";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS, UserCreateSchema } from "@/lib/validation/user";
import { resetUserPassword } from "@/lib/server/account";
import { fieldErrors } from "@/lib/validation/common";
import { verifyAuditChain } from "@/lib/server/audit";
import { BackupError, backupSqlite, postgresBackupAdvice } from "@/lib/server/backup";
import { parseDatabaseUrl } from "@/lib/server/database-url";
import { db } from "@/lib/server/db";
import { EnvError, parseEnv, type Env } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";
import { renderExport } from "@/lib/server/report-export";
import { articlesReviewedBetween, buildReport } from "@/lib/server/reports";
import { REPORT_FORMATS, ReportSelectionSchema, exportAudience, reportFormat } from "@/lib/validation/report";
import { prepareDatabase } from "@/lib/server/database-setup";
import {
  SYSTEM_ACTOR,
  createToken,
  createUser,
  listTokens,
  listUsers,
  revokeToken,
  setUserDisabled,
} from "@/lib/server/users";

const PROGRAM = "npm run cli --";
// Standard output is for the person at the terminal; security events go to standard error.
process.env.FACTCHECK_SECURITY_LOG ??= "stderr";

/** A wrong command line: exit 2 with a pointer to the help. */
class UsageError extends Error {}
/** An expected failure: exit 1 with the message. */
class CliError extends Error {}

type OptionSpec = { type: "string" | "boolean"; short?: string; value?: string; help: string };
type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

interface Command {
  name: string;
  synopsis: string;
  summary: string;
  description?: string;
  options: Record<string, OptionSpec>;
  /** Touches the database through Prisma: migrations are applied first and the client closed after. */
  usesDb: boolean;
  run(values: Values, env: Env): Promise<number>;
}

const out = (text: string) => process.stdout.write(`${text}\n`);
const err = (text: string) => process.stderr.write(`${text}\n`);

function stringOption(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

function requiredOption(values: Values, name: string): string {
  const value = stringOption(values, name);
  if (value === undefined || value.trim() === "") throw new UsageError(`--${name} is required.`);
  return value;
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(headers), ...rows.map(line)].join("\n");
}

// ---- password input ----

async function readFirstLine(): Promise<string | null> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  try {
    for await (const line of rl) return line;
    return null;
  } finally {
    rl.close();
  }
}

/** Reads one line from the terminal without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = (result: () => void) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
      result();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n" || ch === "\u0004") return finish(() => resolve(value));
        if (ch === "\u0003") return finish(() => reject(new CliError("Cancelled.")));
        if (ch === "\u007f" || ch === "\b") value = Array.from(value).slice(0, -1).join("");
        else value += ch;
      }
    };
    process.stderr.write(prompt);
    stdin.setEncoding("utf8");
    stdin.setRawMode(true);
    stdin.on("data", onData);
    stdin.resume();
  });
}

async function readNewPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const line = await readFirstLine();
    if (!line) throw new CliError("No password on standard input: give it as the first line.");
    return line;
  }
  const first = await promptHidden("Password: ");
  // Checked before the second prompt so a too-short password is not typed twice for nothing.
  const checked = UserCreateSchema.shape.password.safeParse(first);
  if (!checked.success) throw new CliError(checked.error.issues[0]?.message ?? "The password is not valid.");
  const second = await promptHidden("Repeat the password: ");
  if (first !== second) throw new CliError("The passwords do not match.");
  return first;
}

// ---- commands ----

const emailOption: OptionSpec = { type: "string", value: "EMAIL", help: "the account's email address" };

const COMMANDS: Command[] = [
  {
    name: "user add",
    synopsis: "--email EMAIL --name NAME --role ROLE",
    summary: "Create an account",
    description:
      "The password is the first line of standard input when that is not a terminal (e.g. piped in), " +
      "otherwise it is asked for twice without echo. It needs at least 12 characters.",
    options: {
      email: emailOption,
      name: { type: "string", value: "NAME", help: "the name shown in the app and the audit trail" },
      role: { type: "string", value: "ROLE", help: "viewer, reviewer, editor or admin" },
    },
    usesDb: true,
    async run(values) {
      const fields = {
        email: requiredOption(values, "email"),
        name: requiredOption(values, "name"),
        role: requiredOption(values, "role"),
      };
      // The other fields first, so nobody types a password for a command that cannot succeed.
      const checked = UserCreateSchema.omit({ password: true }).safeParse(fields);
      if (!checked.success) {
        const [field, message] = Object.entries(fieldErrors(checked.error))[0] ?? ["input", "is not valid"];
        throw new CliError(`--${field}: ${message}`);
      }
      const password = await readNewPassword();
      const user = await createUser(SYSTEM_ACTOR, { ...fields, password });
      out(`Created ${user.email} (${user.name}), role ${user.role}.`);
      return 0;
    },
  },
  {
    name: "user list",
    synopsis: "",
    summary: "List the accounts",
    options: {},
    usesDb: true,
    async run() {
      const users = await listUsers(SYSTEM_ACTOR);
      if (users.length === 0) {
        out("No users yet. Add one with: npm run cli -- user add --email EMAIL --name NAME --role admin");
        return 0;
      }
      out(table(["EMAIL", "NAME", "ROLE", "DISABLED"], users.map((u) => [u.email, u.name, u.role, u.disabled ? "yes" : "no"])));
      return 0;
    },
  },
  {
    name: "user disable",
    synopsis: "--email EMAIL",
    summary: "Disable an account and sign out its sessions",
    description: "A disabled account cannot sign in, and its API tokens stop working.",
    options: { email: emailOption },
    usesDb: true,
    async run(values) {
      const email = requiredOption(values, "email");
      await setUserDisabled(SYSTEM_ACTOR, email, true);
      out(`${email.trim().toLowerCase()} is disabled.`);
      return 0;
    },
  },
  {
    name: "user enable",
    synopsis: "--email EMAIL",
    summary: "Enable a disabled account again",
    options: { email: emailOption },
    usesDb: true,
    async run(values) {
      const email = requiredOption(values, "email");
      await setUserDisabled(SYSTEM_ACTOR, email, false);
      out(`${email.trim().toLowerCase()} is enabled.`);
      return 0;
    },
  },
  {
    name: "user reset-password",
    synopsis: "--email EMAIL",
    summary: "Give an account a temporary password (shown once) and sign out its sessions",
    description: "The user must choose a new password on their Account page at their next sign-in before anything else.",
    options: { email: emailOption },
    usesDb: true,
    async run(values) {
      const reset = await resetUserPassword(SYSTEM_ACTOR, { email: requiredOption(values, "email") });
      out(`temporary password: ${reset.temporaryPassword}`);
      out(`user:               ${reset.email}`);
      err("This is the only time it is shown; give it to the user through a safe channel.");
      return 0;
    },
  },
  {
    name: "token create",
    synopsis: "--email EMAIL [--days N] [--name NAME]",
    summary: "Create an API token for an account (shown once)",
    description:
      "The token acts as the account, with its role. It is printed once and stored only as its SHA-256: " +
      "copy it now.",
    options: {
      email: emailOption,
      days: { type: "string", value: "N", help: `days until it expires (default ${DEFAULT_TOKEN_DAYS}, at most ${MAX_TOKEN_DAYS})` },
      name: { type: "string", value: "NAME", help: 'a label to recognise it by (default "API token")' },
    },
    usesDb: true,
    async run(values) {
      const email = requiredOption(values, "email");
      const daysText = stringOption(values, "days") ?? String(DEFAULT_TOKEN_DAYS);
      const days = /^\d+$/.test(daysText) ? Number(daysText) : NaN;
      if (!(days >= 1 && days <= MAX_TOKEN_DAYS)) {
        throw new UsageError(`--days must be a whole number from 1 to ${MAX_TOKEN_DAYS}.`);
      }
      const name = stringOption(values, "name")?.trim();
      const created = await createToken(SYSTEM_ACTOR, email, { days, ...(name ? { name } : {}) });
      out(`token:   ${created.token}`);
      out(`id:      ${created.id}`);
      out(`user:    ${created.email}`);
      out(`expires: ${isoSeconds(created.expiresAt)}`);
      err("This is the only time the token is shown; store it now.");
      return 0;
    },
  },
  {
    name: "token list",
    synopsis: "",
    summary: "List API tokens (never their values)",
    options: {},
    usesDb: true,
    async run() {
      const tokens = await listTokens(SYSTEM_ACTOR, { all: true });
      if (tokens.length === 0) {
        out("No API tokens.");
        return 0;
      }
      out(
        table(
          ["ID", "EMAIL", "NAME", "CREATED", "EXPIRES", "LAST USED", "STATUS"],
          tokens.map((t) => [
            t.id,
            t.email,
            t.name,
            isoSeconds(t.createdAt),
            isoSeconds(t.expiresAt),
            t.lastUsedAt ? isoSeconds(t.lastUsedAt) : "never",
            t.state,
          ]),
        ),
      );
      return 0;
    },
  },
  {
    name: "token revoke",
    synopsis: "--id ID",
    summary: "Revoke an API token",
    options: { id: { type: "string", value: "ID", help: "the token's id, as shown by token create or token list" } },
    usesDb: true,
    async run(values) {
      const id = requiredOption(values, "id").trim();
      await revokeToken(SYSTEM_ACTOR, id);
      out(`Token ${id} is revoked.`);
      return 0;
    },
  },
  {
    name: "audit verify",
    synopsis: "[--head HASH]",
    summary: "Check the audit trail's hash chain",
    description:
      "Recomputes every event's hash. Prints `ok: N events, head HASH` and exits 0, or names the first " +
      "broken event and exits 1. Keep the printed head somewhere else; passing it back with --head also " +
      "detects events removed from the end of the log, which the chain alone cannot show.",
    options: { head: { type: "string", value: "HASH", help: "a head printed by an earlier verify (64 hex digits)" } },
    usesDb: true,
    async run(values) {
      const head = stringOption(values, "head")?.trim();
      if (head !== undefined && !/^[0-9a-f]{64}$/i.test(head)) {
        throw new UsageError("--head must be a SHA-256 hash: 64 hexadecimal digits.");
      }
      const report = await verifyAuditChain(head === undefined ? { full: true } : { head });
      if (report.ok) {
        out(`ok: ${report.events} events, head ${report.head}`);
        return 0;
      }
      out(
        report.brokenAt === null
          ? `FAILED: the audit log was cut short (${report.events} events): ${report.reason}`
          : `FAILED: the audit log is broken at seq ${report.brokenAt} (${report.events} events): ${report.reason}`,
      );
      return 1;
    },
  },
  {
    name: "report",
    synopsis: "(--article ID | --articles ID,ID | --from DATE --to DATE) --format FORMAT --out FILE",
    summary: "Export a review report or data file",
    description:
      `FORMAT is one of ${REPORT_FORMATS.join(", ")} (w3c: one article at a time). --audience public leaves ` +
      "out internal notes and reviewers' emails. Several articles: chosen by --articles, or every article " +
      "whose claims were reviewed between --from and --to (YYYY-MM-DD); a progress line counts them.",
    options: {
      article: { type: "string", value: "ID", help: "the article to report on" },
      articles: { type: "string", value: "ID,ID", help: "several articles, comma-separated" },
      from: { type: "string", value: "DATE", help: "first day of a review date range" },
      to: { type: "string", value: "DATE", help: "last day of a review date range" },
      format: { type: "string", value: "FORMAT", help: REPORT_FORMATS.join(" | ") },
      audience: { type: "string", value: "WHO", help: "internal (default) or public" },
      "page-size": { type: "string", value: "SIZE", help: "PDF page size: a4 (default) or letter" },
      out: { type: "string", value: "FILE", help: "where to write the file" },
      force: { type: "boolean", help: "overwrite FILE if it exists" },
    },
    usesDb: true,
    async run(values) {
      const file = requiredOption(values, "out");
      const format = reportFormat.safeParse(requiredOption(values, "format"));
      if (!format.success) throw new UsageError(format.error.issues[0]?.message ?? "Unknown format.");
      const articles = stringOption(values, "articles") ?? stringOption(values, "article");
      if (format.data === "w3c" && (!stringOption(values, "article") || stringOption(values, "articles"))) {
        throw new UsageError("W3C annotations are exported one article at a time: use --article.");
      }
      const given = { articles, from: stringOption(values, "from"), to: stringOption(values, "to"), audience: stringOption(values, "audience"), pageSize: stringOption(values, "page-size") };
      const query = ReportSelectionSchema.safeParse(Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)));
      if (!query.success) throw new UsageError(Object.values(fieldErrors(query.error))[0] ?? "Invalid options.");
      const { audience, pageSize, from, to } = query.data;
      const ids = query.data.articles ?? (await articlesReviewedBetween(SYSTEM_ACTOR, from ?? null, to ?? null));
      if (ids.length === 0) throw new CliError("No article matches: nothing was reviewed in that range.");
      const progress = ids.length > 1 ? (done: number, total: number) => process.stderr.write(`\rreport: ${done}/${total} articles`) : undefined;
      const report = await buildReport(SYSTEM_ACTOR, ids, exportAudience(format.data, audience), progress);
      if (progress) process.stderr.write("\n");
      const exported = await renderExport(report, format.data, { pageSize });
      try {
        writeFileSync(file, exported.body, { flag: values.force === true ? "w" : "wx" });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") throw new CliError(`${file} exists; add --force to overwrite it.`);
        throw error;
      }
      out(`Wrote ${file} (${format.data}, ${report.meta.audience}, ${ids.length} article${ids.length === 1 ? "" : "s"}, ${Buffer.byteLength(exported.body)} bytes).`);
      return 0;
    },
  },
  {
    name: "import",
    synopsis: "--article ID --file FILE --as EMAIL",
    summary: "Import annotations (W3C Web Annotations or a Hypothesis export) into an article",
    description:
      "Each annotation is placed by its selectors: position, then exact quote, then a fuzzy quote match. " +
      "Prints how many were placed exactly, placed fuzzily, or not placed, and lists the unplaced. The claims " +
      "are attributed to the editor named by --as; every claim and the import itself are audited.",
    options: {
      article: { type: "string", value: "ID", help: "the article to import into" },
      file: { type: "string", value: "FILE", help: "a JSON file: W3C collection or array, or Hypothesis export" },
      as: { type: "string", value: "EMAIL", help: "the editor the imported claims are attributed to" },
    },
    usesDb: true,
    async run(values) {
      const articleId = requiredOption(values, "article");
      const file = requiredOption(values, "file");
      const email = requiredOption(values, "as").trim().toLowerCase();
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(file, "utf8")) as unknown;
      } catch (error) {
        throw new CliError(`${file} is not a readable JSON file: ${errorMessage(error)}`);
      }
      const user = await db().user.findUnique({ where: { email } });
      if (!user || user.disabledAt || !isRole(user.role)) throw new CliError(`No active user ${email}.`);
      process.stderr.write(`import: placing annotations in article ${articleId}…\n`);
      const result = await importAnnotations({ id: user.id, name: user.name, email: user.email, role: user.role, via: "cli" }, articleId, json);
      out(`Imported ${result.format} annotations: ${result.counts.exact} placed exactly, ${result.counts.fuzzy} placed fuzzily, ${result.counts.unplaced} not placed.`);
      for (const u of result.unplaced) out(`  not placed: “${u.exact.length > 70 ? `${u.exact.slice(0, 69)}…` : u.exact}” — ${u.reason}`);
      for (const w of result.warnings) out(`  left out: ${w}`);
      return 0;
    },
  },
  {
    name: "recheck",
    synopsis: "(--article ID | --all)",
    summary: "Fetch articles' pages again and keep a changed text as a new revision",
    description:
      "For a cron job: fetches the web address of one article, or of every article that has one, extracts " +
      "the text again and compares it with the latest revision. A changed text (a correction, a silent " +
      "edit) becomes the next revision, every claim is re-anchored to it, and claims whose words changed go " +
      "back to review. Prints one line per article; exits 1 when a page could not be checked.",
    options: {
      article: { type: "string", value: "ID", help: "the article to check" },
      all: { type: "boolean", help: "every article that has a web address" },
    },
    usesDb: true,
    async run(values) {
      const articleId = stringOption(values, "article")?.trim();
      if ((articleId === undefined) === (values.all !== true)) throw new UsageError("Give either --article ID or --all.");
      let failed = 0;
      await recheckArticles(null, articleId, (report) => {
        if ("failed" in report) {
          failed++;
          out(`${report.articleId} failed: ${report.failed}`);
        } else if (!report.changed) out(`${report.articleId} unchanged`);
        else {
          const r = report.reanchor;
          out(`${report.articleId} changed: revision ${report.revision} (claims: ${r.exact} exact, ${r.moved} moved, ${r.fuzzy} fuzzy, ${r.orphaned} orphaned)`);
        }
      });
      return failed > 0 ? 1 : 0;
    },
  },
  {
    name: "backup",
    synopsis: "--out FILE [--force]",
    summary: "Copy the database to a file, safely while the server runs",
    description:
      "SQLite: a consistent online copy through SQLite's backup API; restore by stopping the server and " +
      "putting the copy in place of the database file. PostgreSQL: prints how to use pg_dump instead. " +
      "Migrations are not applied first, so a backup taken before an upgrade is of the old schema.",
    options: {
      out: { type: "string", value: "FILE", help: "where to write the copy" },
      force: { type: "boolean", help: "overwrite FILE if it exists" },
    },
    usesDb: false,
    async run(values, env) {
      const file = requiredOption(values, "out");
      const target = parseDatabaseUrl(env.DATABASE_URL);
      if (target.provider === "postgresql") {
        out(postgresBackupAdvice(file));
        return 0;
      }
      const result = await backupSqlite(target.file, file, { force: values.force === true });
      out(`Backed up ${target.file} to ${result.file} (${result.bytes} bytes).`);
      return 0;
    },
  },
];

// ---- help ----

function optionLines(options: Record<string, OptionSpec>): string[] {
  const entries = [
    ...Object.entries(options).map(([name, spec]) => [`--${name}${spec.value ? ` ${spec.value}` : ""}`, spec.help]),
    ["-h, --help", "show this help"],
  ];
  const width = Math.max(...entries.map(([flag]) => (flag ?? "").length));
  return entries.map(([flag, help]) => `  ${(flag ?? "").padEnd(width)}  ${help ?? ""}`);
}

function commandHelp(command: Command): string {
  return [
    `Usage: ${PROGRAM} ${command.name}${command.synopsis ? ` ${command.synopsis}` : ""}`,
    "",
    `${command.summary}.${command.description ? ` ${command.description}` : ""}`,
    "",
    "Options:",
    ...optionLines(command.options),
  ].join("\n");
}

function usage(group?: string): string {
  const shown = COMMANDS.filter((c) => group === undefined || c.name.startsWith(`${group} `));
  const heads = shown.map((c) => `${c.name}${c.synopsis ? ` ${c.synopsis}` : ""}`);
  const width = Math.max(...heads.map((h) => h.length));
  return [
    `Usage: ${PROGRAM} ${group ?? "<command>"} ${group ? "<subcommand> " : ""}[options]`,
    "",
    "Commands:",
    ...shown.map((c, i) => `  ${(heads[i] ?? "").padEnd(width)}  ${c.summary}`),
    "",
    `Run \`${PROGRAM} <command> --help\` for a command's details.`,
    "The database is DATABASE_URL (default file:./data/factcheck.db); pending migrations are applied first.",
  ].join("\n");
}

const isHelp = (arg: string | undefined) => arg === "--help" || arg === "-h";

// ---- main ----

function findCommand(args: string[]): { command: Command; rest: string[] } | { exit: number } {
  const [first, second] = args;
  if (first === undefined) {
    err(usage());
    return { exit: 2 };
  }
  if (isHelp(first) || first === "help") {
    out(usage());
    return { exit: 0 };
  }
  const single = COMMANDS.find((c) => c.name === first);
  if (single) return { command: single, rest: args.slice(1) };
  const isGroup = COMMANDS.some((c) => c.name.startsWith(`${first} `));
  if (isGroup && isHelp(second)) {
    out(usage(first));
    return { exit: 0 };
  }
  const command = isGroup ? COMMANDS.find((c) => c.name === `${first} ${second}`) : undefined;
  if (command) return { command, rest: args.slice(2) };
  err(
    isGroup && second === undefined
      ? `"${first}" needs a subcommand.\n\n${usage(first)}`
      : `Unknown command: ${args.slice(0, isGroup ? 2 : 1).join(" ")}\n\n${usage(isGroup ? first : undefined)}`,
  );
  return { exit: 2 };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(argv: string[]): Promise<number> {
  const found = findCommand(argv[0] === "--" ? argv.slice(1) : argv);
  if ("exit" in found) return found.exit;
  const { command, rest } = found;

  let values: Values;
  try {
    const options = Object.fromEntries(
      Object.entries(command.options).map(([name, spec]) => [name, { type: spec.type, ...(spec.short ? { short: spec.short } : {}) }]),
    );
    values = parseArgs({
      args: rest,
      options: { ...options, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    err(`${errorMessage(error)}\n\n${commandHelp(command)}`);
    return 2;
  }
  if (values.help === true) {
    out(commandHelp(command));
    return 0;
  }

  let env: Env;
  try {
    env = parseEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      err(error.message);
      return 1;
    }
    throw error;
  }

  try {
    if (command.usesDb) {
      // Quiet: only the migration runner's warnings are worth a line in a command's output.
      await prepareDatabase(env, (line) => {
        if (line.includes("warning")) err(line);
      });
    }
    return await command.run(values, env);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`${error.message} See \`${PROGRAM} ${command.name} --help\`.`);
      return 2;
    }
    if (error instanceof AppError || error instanceof CliError || error instanceof BackupError) {
      err(`error: ${error.message}`);
      return 1;
    }
    err(`error: ${errorMessage(error)}`);
    return 1;
  } finally {
    if (command.usesDb) await db().$disconnect();
  }
}

process.exitCode = await main(process.argv.slice(2));
