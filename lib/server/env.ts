// Server configuration, read from the environment once and validated with Zod. A bad value stops the
// server with one line naming the variable (see formatEnvError); .env.example documents each one.
import { z } from "zod";
import { isHttpUrl } from "@/lib/core/http-url";

const flag = z.enum(["0", "1"]);
// An http(s) URL with a host: the same rule as every link (not "http:///x", which URL parsers repair).
const httpUrlSetting = (error: string) => z.url({ protocol: /^https?$/, error }).refine(isHttpUrl, error);

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
    .default("file:./data/factcheck.db"),
  // PostgreSQL: the owner's URL, for migrations only; DATABASE_URL is then a role of the app's own.
  MIGRATION_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL (the database owner's)").optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  NEXTAUTH_URL: httpUrlSetting("must be an http(s) URL such as https://factcheck.example.org").optional(),
  FACTCHECK_DEMO: flag.optional(),
  TRUST_PROXY: flag.default("0"),
  SIGNIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
  SIGNIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100000).default(100),
  SIGNIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  SESSION_MAX_AGE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  FACTCHECK_PUBLIC_URL: httpUrlSetting("must be an http(s) URL").optional(),
  FACTCHECK_ORG_NAME: z.string().trim().min(1).max(200).default("Factcheck Desk"),
  FACTCHECK_ORG_URL: httpUrlSetting("must be an http(s) URL").optional(),
  // Read by lib/server/security-log.ts itself (the CLI and the server each set it up); listed to be checked.
  FACTCHECK_SECURITY_LOG: z.string().min(1).optional(),
  FACTCHECK_PUBLISH_BASE_URL: httpUrlSetting("must be an http(s) URL").optional(),
  // Fetching articles from the web: 1 lets the server fetch loopback, private and link-local addresses
  // (tests, intranets); by default they are refused.
  FACTCHECK_FETCH_ALLOW_PRIVATE: flag.default("0"),
  // Minutes between the server's own re-checks of each article's web page (silent edits); unset or 0: off.
  FACTCHECK_RECHECK_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60, "must be at most 10080 (a week)")
    .refine((n) => n === 0 || n >= 5, "must be 0 (off) or at least 5")
    .default(0),
});

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings count as unset, as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = issue ? String(issue.path[0]) : "environment";
    throw new EnvError(`Invalid configuration: ${name} ${issue?.message ?? "is invalid"}`);
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
