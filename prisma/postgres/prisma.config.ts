// Prisma CLI configuration for PostgreSQL (DATABASE_URL=postgresql://...). Use it with --config:
//   npx prisma migrate deploy --config prisma/postgres/prisma.config.ts
// Paths here are relative to this file. schema.prisma next to it is generated from
// prisma/schema.prisma by scripts/prisma-generate.mjs; the migrations are PostgreSQL's own history,
// authored with `npm run db:migration -- <name>` and applied at app start by lib/server/migrate.ts.
import "dotenv/config";
import { defineConfig } from "prisma/config";
import { parseDatabaseUrl } from "../../lib/server/database-url";

const url = process.env.DATABASE_URL;

export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  // Without a PostgreSQL DATABASE_URL (unset, or the SQLite default), `prisma generate` still works
  // and migrate commands stop with Prisma's "datasource.url is required" error.
  datasource: url && parseDatabaseUrl(url).provider === "postgresql" ? { url } : {},
});
