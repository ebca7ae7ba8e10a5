// The benchmarks' starting point: a fresh database (DATABASE_URL must already name it: the SQLite file
// given, emptied first, or a new PostgreSQL database) with the committed migrations, the demo accounts and
// the sample article, and the editor to act as.
import { rmSync } from "node:fs";
import { SQLITE_COMPANION_SUFFIXES } from "../lib/server/data-dir";

export async function freshBenchDatabase(file: string | null) {
  if (file) for (const suffix of ["", ...SQLITE_COMPANION_SUFFIXES]) rmSync(file + suffix, { force: true });
  const { parseDatabaseUrl } = await import("../lib/server/database-url");
  const { applyMigrations } = await import("../lib/server/migrate");
  await applyMigrations(parseDatabaseUrl(process.env.DATABASE_URL!));
  const { seedDemo } = await import("../lib/server/seed");
  await seedDemo();
  const { db } = await import("../lib/server/db");
  const editor = await db().user.findUniqueOrThrow({ where: { email: "editor@example.com" } });
  const actor = { id: editor.id, name: editor.name, email: editor.email, role: "editor" as const, via: "cli" as const };
  const sample = await db().article.findFirstOrThrow();
  return { actor, sample };
}
