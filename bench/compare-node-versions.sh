#!/usr/bin/env bash
# The load benchmark on two Node.js releases back to back: same commit, same build, same demo databases, same
# machine. The machine's own Node (e.g. 20) runs in a throw-away copy of the repo whose better-sqlite3 is built for
# it; Node 24 runs here through scripts/lts-node.mjs. Arguments go to bench/fhir-api-load.mjs (e.g. --duration 5
# --warmup 2). Output: both reports, then one table side by side (bench/lib/compare-runs.mjs); the two runs are kept
# as data/bench/last-run-node<major>.json.
#   npm run build && bash bench/compare-node-versions.sh --duration 5 --warmup 2
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
MACHINE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
OTHER="$(mktemp -d /tmp/facade-node${MACHINE_MAJOR}-XXXX)"
trap 'rm -rf "$OTHER"' EXIT
mkdir -p data/bench
echo "copying the build to $OTHER and building better-sqlite3 for Node $(node -v)..." >&2
tar -C "$ROOT" --exclude=./node_modules --exclude=./data --exclude=./.cache --exclude=./.git -cf - . | tar -C "$OTHER" -xf -
cp -a node_modules "$OTHER/"
(cd "$OTHER" && npm rebuild better-sqlite3 >/dev/null)
mkdir -p "$OTHER/data" && ln -s "$ROOT/data/bench" "$OTHER/data/bench"

(cd "$OTHER" && node bench/fhir-api-load.mjs "$@")
cp data/bench/last-run.json "data/bench/last-run-node${MACHINE_MAJOR}.json"
node scripts/lts-node.mjs node bench/fhir-api-load.mjs "$@"
LTS_MAJOR="$(node -p 'require("./data/bench/last-run.json").node.slice(1).split(".")[0]')"
cp data/bench/last-run.json "data/bench/last-run-node${LTS_MAJOR}.json"
node bench/lib/compare-runs.mjs "data/bench/last-run-node${MACHINE_MAJOR}.json" "data/bench/last-run-node${LTS_MAJOR}.json"
