#!/usr/bin/env bash
# Measures demo EHR generation (not a test): PATIENTS patients (default 10,000) into a new SQLite file, and into a
# new PostgreSQL database when PG_ADMIN_URL is set (e.g. postgres://postgres@127.0.0.1:5432). Run from anywhere:
#   libs/demo-ehr/bench/demo-generation.sh
#   PG_ADMIN_URL=postgres://postgres@127.0.0.1:5432 PATIENTS=10000 libs/demo-ehr/bench/demo-generation.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
PATIENTS="${PATIENTS:-10000}"
SEED="${SEED:-1}"
npm run --silent build >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== SQLite, ${PATIENTS} patients"
time node dist/libs/demo-ehr/src/cli.js --patients "$PATIENTS" --seed "$SEED" --out "sqlite:$work/demo.sqlite" | grep -E '^Done'
ls -lh "$work/demo.sqlite" | awk '{print "file size:", $5}'

if [ -n "${PG_ADMIN_URL:-}" ]; then
  db="demo_bench_$$"
  echo "== PostgreSQL, ${PATIENTS} patients"
  time node dist/libs/demo-ehr/src/cli.js --patients "$PATIENTS" --seed "$SEED" --out "${PG_ADMIN_URL%/}/$db" | grep -E '^Done'
  psql "${PG_ADMIN_URL%/}/postgres" -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || echo "(drop database $db by hand)"
fi
