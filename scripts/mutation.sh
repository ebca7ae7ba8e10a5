#!/usr/bin/env bash
# `npm run test:mutation [core|server]`: the mutation run of each part of the scope (stryker.config.mjs),
# incremental from mutation/<part>.json, then the scores per folder, failing below the thresholds.
set -euo pipefail
cd "$(dirname "$0")/.."
# The data-access tests run on SQLite only here: the unit tests already run them on both databases, and
# the committed results were made without PostgreSQL (its tests would be new tests to Stryker).
unset TEST_DATABASE_URL
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(core server)
reports=()
for part in "${parts[@]}"; do
  printf '\n== mutation testing: lib/%s\n' "$part"
  MUTATION_PART="$part" npx stryker run
  reports+=("reports/mutation/$part.json")
done
npx tsx scripts/mutation-scores.ts "${reports[@]}"
