// Prisma CLI configuration for the SQLite database (the embedded default). Prisma 7 reads the
// datasource URL from here, not from schema.prisma, and does not load .env by itself.
//
// The app applies migrations itself at start (lib/server/migrate.ts), without Prisma's schema-engine
// binary. On a machine that has the engine, the stock commands work on the same folders:
//   npx prisma migrate deploy                                           (SQLite, this file)
//   npx prisma migrate deploy --config prisma/postgres/prisma.config.ts (PostgreSQL)
// New migrations are authored with `npm run db:migration -- <name>`, not `prisma migrate dev`, so that
// both providers get one. `prisma generate` runs from scripts/prisma-generate.mjs (npm postinstall).
import "dotenv/config";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from "./lib/server/database-url";

const root = path.dirname(fileURLToPath(import.meta.url));
const target = parseDatabaseUrl(process.env.DATABASE_URL || DEFAULT_DATABASE_URL, root);

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // A relative SQLite path is made absolute against the project root, the way the app resolves it,
  // so the CLI and the app open the same file whatever directory the CLI runs from. A PostgreSQL
  // DATABASE_URL belongs to prisma/postgres/prisma.config.ts: migrate commands then stop with
  // Prisma's "datasource.url is required" error instead of touching the wrong database.
  datasource: target.provider === "sqlite" ? { url: `file:${target.file}` } : {},
});
