// Prisma's schema engine, run as WebAssembly under plain Node, for authoring migrations
// (scripts/make-migration.ts) and for checking that they match the schema (prisma/migrations.test.ts).
// The native engine binary cannot be downloaded on our machines; @prisma/schema-engine-wasm can, but it
// is packaged for bundlers (`import * as wasm from "./x.wasm"`), so we instantiate the .wasm ourselves
// with the package's own JS glue as its imports. The engine talks to databases only through a driver
// adapter. Never imported by the app at run time: lib/server/migrate.ts applies SQL without it.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { DatabaseTarget } from "../lib/server/database-url";

export type { SchemaEngine };
export type Provider = DatabaseTarget["provider"];

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The Prisma schema of each provider (prisma/postgres/schema.prisma is generated from the SQLite one). */
export const schemaPaths: Record<Provider, string> = {
  sqlite: path.join(projectRoot, "prisma", "schema.prisma"),
  postgresql: path.join(projectRoot, "prisma", "postgres", "schema.prisma"),
};

let loaded: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start(): void };
    glue.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return loaded;
}

// PostgreSQL introspection selects `"char"` columns (pg_constraint.contype and the like). pg hands
// them over as one-character strings, but @prisma/adapter-pg has no column type for their oid (18),
// so the engine fails with "Column type 'char' could not be deserialized". We relabel such columns as
// text (oid 25) in the adapter's own query step, before it maps column types; the values are already
// strings. This reaches into an undocumented method (performIO) of the adapter: if a new version
// renames it, we leave the adapter alone and the error above comes back, loudly.
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type PgQueryResult = { fields: { dataTypeID: number }[] };
type PgQueryable = { performIO?: (query: unknown) => Promise<PgQueryResult> };

function relabelCharColumns<T extends object>(queryable: T): T {
  const pgQueryable = queryable as T & PgQueryable;
  const performIO = pgQueryable.performIO;
  if (typeof performIO !== "function") return queryable;
  pgQueryable.performIO = async (query: unknown) => {
    const result = await performIO.call(queryable, query);
    for (const field of result.fields) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
    return result;
  };
  return queryable;
}

function withCharColumnsAsText(adapter: SqlDriverAdapter): SqlDriverAdapter {
  relabelCharColumns(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => relabelCharColumns(await startTransaction(...args));
  return adapter;
}

export function adapterFactoryFor(target: DatabaseTarget): SqlMigrationAwareDriverAdapterFactory {
  return target.provider === "sqlite"
    ? new PrismaBetterSqlite3({ url: `file:${target.file}` })
    : new PrismaPg({ connectionString: target.url });
}

export type OpenEngine = { engine: SchemaEngine; close: () => Promise<void> };

/**
 * Starts a schema engine over the database `target` names. For a datamodel-to-datamodel diff any
 * database of the right provider serves (an in-memory SQLite one, or any PostgreSQL database).
 * close() frees the engine and closes the connections it opened.
 */
export async function openSchemaEngine(
  target: DatabaseTarget,
  log: (line: string) => void = () => {},
): Promise<OpenEngine> {
  await loadWasm();
  const factory = adapterFactoryFor(target);
  const opened: SqlDriverAdapter[] = [];
  const track = (adapter: SqlDriverAdapter) => {
    opened.push(adapter);
    return target.provider === "postgresql" ? withCharColumnsAsText(adapter) : adapter;
  };
  const patched: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => track(await factory.connect()),
    connectToShadowDb: async () => track(await factory.connectToShadowDb()),
  };
  const engine = await glue.SchemaEngine.new(
    { datamodels: undefined },
    (line: string) => log(line),
    bindMigrationAwareSqlAdapterFactory(patched),
  );
  return {
    engine,
    async close() {
      engine.free();
      await Promise.all(opened.splice(0).map((adapter) => adapter.dispose()));
    },
  };
}

export async function readSchema(provider: Provider) {
  const schemaPath = schemaPaths[provider];
  return { files: [{ path: schemaPath, content: await readFile(schemaPath, "utf8") }] };
}

const noFilters = { externalTables: [], externalEnums: [] };

/**
 * The SQL script that takes the database the engine is connected to up to the provider's Prisma
 * schema; "" when they already match.
 */
export async function diffDatabaseToSchema(engine: SchemaEngine, provider: Provider): Promise<string> {
  const schema = await readSchema(provider);
  // "schemaDatasource" is the schema's datasource, which in the wasm engine means the database behind
  // its driver adapter (Prisma 7 schemas carry no URL).
  const result = await engine.diff({
    from: { tag: "schemaDatasource", files: schema.files, configDir: projectRoot },
    to: { tag: "schemaDatamodel", files: schema.files },
    script: true,
    exitCode: true,
    filters: noFilters,
  });
  return result.exitCode === 2 ? (result.stdout ?? "") : "";
}

/**
 * Creates an empty PostgreSQL database named `<prefix>_<random>` on the server `serverUrl` points at;
 * drop() removes it again (closing any connection still open to it).
 */
export async function createScratchPostgresDatabase(serverUrl: string, prefix: string) {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
