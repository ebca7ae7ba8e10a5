#!/usr/bin/env bash
# `npm test`: everything CI runs, in order, stopping at the first failure: typecheck, lint, unit tests,
# the incremental mutation run of lib/core and lib/server with their score thresholds, one production
# build, then the Playwright suite (browser and API) on SQLite, and, when TEST_DATABASE_URL names a
# PostgreSQL server, the migration tests, the API tests and a browser smoke test on PostgreSQL too,
# from the same build.
# The Playwright runs end with the security and reliability battery (e2e/battery), whose figures are
# printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
step() { printf '\n== %s\n' "$*"; }

step "typecheck"
npx tsc --noEmit

step "lint"
npx eslint --max-warnings 0 .

step "unit tests${TEST_DATABASE_URL:+ (migration tests on SQLite and PostgreSQL)}"
npx vitest run 2>&1 | tee "$logs/unit.log"

# Re-tests only the mutants whose code or covering tests changed since mutation/core.json and
# mutation/server.json, then fails when lib/core or lib/server kills fewer than its share
# (scripts/mutation-scores.ts).
step "mutation testing of lib/core and lib/server (incremental)"
npm run --silent test:mutation 2>&1 | tee "$logs/mutation.log"

step "production build"
npx next build

step "browser and API tests on SQLite"
rm -f data/e2e.db data/e2e.db-*
BATTERY_FIGURES="$logs/battery-sqlite.jsonl" npx playwright test 2>&1 | tee "$logs/e2e-sqlite.log"

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  step "API tests and browser smoke test on PostgreSQL"
  scratch="factcheck_e2e_$$"
  # The app runs as a role that may only SELECT and INSERT the audit trail; the owner migrates.
  E2E_MIGRATION_DATABASE_URL=$(npx tsx scripts/pg-scratch-db.ts create "$scratch")
  E2E_DATABASE_URL=$(npx tsx scripts/pg-scratch-db.ts app-role "$scratch")
  export E2E_DATABASE_URL E2E_MIGRATION_DATABASE_URL
  BATTERY_FIGURES="$logs/battery-postgres.jsonl" npx playwright test --grep @pg 2>&1 | tee "$logs/e2e-postgres.log"
  npx tsx scripts/pg-scratch-db.ts drop "$scratch"
else
  step "PostgreSQL: skipped (TEST_DATABASE_URL is not set)"
fi

# The security and reliability battery's figures, one line per check and database.
if compgen -G "$logs/battery-*.jsonl" >/dev/null; then
  step "battery figures"
  cat "$logs"/battery-*.jsonl | node -e '
    const lines = require("fs").readFileSync(0, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    for (const f of lines) console.log(`${f.database.padEnd(10)} ${f.check.padEnd(12)} ${f.summary}`);'
fi

# The mutation scores per folder, as the mutation step judged them.
if [ -f "$logs/mutation.log" ]; then
  step "mutation scores"
  grep -aE '^lib/(core|server) .*must be' "$logs/mutation.log" || true
fi

# One closing line for the whole run.
plain() { sed -E 's/\x1b\[[0-9;]*[A-Za-z]//g' "$1"; }
unit=$(plain "$logs/unit.log" | grep -aoE 'Tests +[0-9]+ passed' | grep -oE '[0-9]+' | tail -1)
e2e=0
for f in "$logs"/e2e-*.log; do
  n=$(plain "$f" | grep -aoE '^ +[0-9]+ passed' | grep -oE '[0-9]+' | tail -1)
  e2e=$((e2e + ${n:-0}))
done
printf '\n%s passed, 0 failed\n' "$((${unit:-0} + e2e))"
