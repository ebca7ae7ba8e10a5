// Creates or drops a scratch PostgreSQL database on the server TEST_DATABASE_URL names, for the test
// run's PostgreSQL pass. `create` prints the new database's URL (its owner's); `app-role` makes sure
// the login role factcheck_app exists and prints the same database's URL for that role, so the suite
// runs the app as a role that cannot change the audit trail. Fails loudly when the server is down.
import pg from "pg";

const [command, name] = process.argv.slice(2);
const serverUrl = process.env.TEST_DATABASE_URL;
const APP_ROLE = "factcheck_app";
if (!serverUrl || !command || !name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: TEST_DATABASE_URL=postgresql://… tsx scripts/pg-scratch-db.ts create|app-role|drop <name>");
  process.exit(2);
}

const client = new pg.Client({ connectionString: serverUrl });
try {
  await client.connect();
} catch (error) {
  console.error(`PostgreSQL at ${new URL(serverUrl).host} is not reachable: ${(error as Error).message}`);
  process.exit(1);
}
if (command === "create") {
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  console.log(url.toString());
} else if (command === "app-role") {
  const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [APP_ROLE]);
  if (exists.rowCount === 0) await client.query(`CREATE ROLE "${APP_ROLE}" LOGIN`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  url.username = APP_ROLE;
  url.password = "";
  console.log(url.toString());
} else if (command === "drop") {
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
} else {
  console.error(`unknown command ${command}`);
  process.exitCode = 2;
}
await client.end();
