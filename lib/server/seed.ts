// Demo content for a first look at the app: six accounts, one per role and a second editor (approval), and one real news article to
// mark claims in. Loaded only into a database without any users, so it never mixes with real accounts.
// Everything goes through the audited data-access functions, so the demo's audit trail verifies too.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Role } from "@/lib/core/roles";
import { parseSampleArticle } from "@/lib/core/text";
import type { Actor } from "./actor";
import { createArticle } from "./articles";
import { db } from "./db";
import { findProjectRoot } from "./migrate";
import { verifyPassword } from "./password";
import { SYSTEM_ACTOR, createUser } from "./users";

export const DEMO_PASSWORD = "factcheck-demo";

export const DEMO_USERS: readonly { email: string; name: string; role: Role }[] = [
  { email: "admin@example.com", name: "Ada Admin", role: "admin" },
  { email: "editor@example.com", name: "Eddie Editor", role: "editor" },
  { email: "erin@example.com", name: "Erin Editor", role: "editor" },
  { email: "alice@example.com", name: "Alice Reviewer", role: "reviewer" },
  { email: "bob@example.com", name: "Bob Reviewer", role: "reviewer" },
  { email: "viewer@example.com", name: "Vera Viewer", role: "viewer" },
];

// The file names neither its publisher nor its address, so the article has none: never made up.
const DEMO_ARTICLE = {
  file: "kazakhstan-unrest-2022-01-08.txt",
  title: "Putin and Tokayev discuss efforts to “restore order” in Kazakhstan",
};

/**
 * Whether to load the demo at start: by default only into SQLite (a local try-out); PostgreSQL means a
 * real deployment, so only when asked with FACTCHECK_DEMO=1; never with FACTCHECK_DEMO=0.
 */
export function shouldLoadDemo(provider: "sqlite" | "postgresql", flag: "0" | "1" | undefined): boolean {
  if (flag === "0") return false;
  if (flag === "1") return true;
  return provider === "sqlite";
}

/** Seeds the demo into a database that has no users at all; returns whether it did. */
export async function seedDemo(log: (line: string) => void = () => {}): Promise<boolean> {
  if ((await db().user.count()) > 0) return false;

  let admin: Actor | undefined;
  for (const user of DEMO_USERS) {
    const created = await createUser(SYSTEM_ACTOR, { ...user, password: DEMO_PASSWORD });
    if (created.role === "admin" && !admin) {
      admin = { id: created.id, name: created.name, email: created.email, role: "admin", via: "cli" };
    }
  }
  if (!admin) throw new Error("the demo accounts include no admin");

  const raw = readFileSync(path.join(findProjectRoot(), "prisma", "demo", DEMO_ARTICLE.file), "utf8");
  const { publishedOn, text } = parseSampleArticle(raw);
  await createArticle(admin, { title: DEMO_ARTICLE.title, publisher: null, url: null, publishedOn, text });

  log(
    `demo: created ${DEMO_USERS.length} accounts (${DEMO_USERS.map((u) => u.email).join(", ")}; ` +
      `password "${DEMO_PASSWORD}") and 1 article`,
  );
  return true;
}

// Verifying a password costs a third of a second, so a result is remembered per stored hash: an
// unchanged hash gives the same answer, and a changed password is a new hash. On globalThis, so the
// check `npm start` makes before serving also serves the app's own (separately bundled) copy.
const CACHE_KEY = Symbol.for("factcheck.demoPasswordByHash");
const cacheHolder = globalThis as unknown as { [CACHE_KEY]?: Map<string, Promise<boolean>> };
const demoPasswordByHash = (cacheHolder[CACHE_KEY] ??= new Map<string, Promise<boolean>>());

/**
 * The demo accounts that are enabled and still have the published demo password: anyone who can reach
 * the server can sign in with them. Cheap to call again (one query while no password changes).
 */
export async function openDemoAccounts(): Promise<string[]> {
  const users = await db().user.findMany({
    where: { email: { in: DEMO_USERS.map((u) => u.email) }, disabledAt: null },
    select: { email: true, passwordHash: true },
    orderBy: { email: "asc" },
  });
  // One at a time: each check holds 128 MB of scrypt memory, and the answers are kept anyway.
  const open: string[] = [];
  for (const user of users) {
    let check = demoPasswordByHash.get(user.passwordHash);
    if (!check) {
      check = verifyPassword(DEMO_PASSWORD, user.passwordHash);
      demoPasswordByHash.set(user.passwordHash, check);
    }
    if (await check) open.push(user.email);
  }
  return open;
}
