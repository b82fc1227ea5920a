#!/usr/bin/env bash
# `npm run check`: type check, lint and format check side by side (they are independent, and on two
# cores the three together take about as long as the lint alone), each one's output printed whole
# once it ends. Fails when any of them fails. The type check and the lint keep their state in
# node_modules/.cache (a clean clone, as in CI, checks everything); the lint's cache is per file, so
# a type that changed elsewhere can leave a cached file's typed-lint result stale until it is edited
# or the cache is removed — CI always starts without one.
set -uo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
npx tsc -p tsconfig.json --noEmit --incremental \
  --tsBuildInfoFile node_modules/.cache/jobscout/check.tsbuildinfo >"$out/tsc" 2>&1 &
tsc=$!
npx eslint --cache --cache-strategy content --cache-location node_modules/.cache/jobscout/eslint/ . >"$out/eslint" 2>&1 &
eslint=$!
npx prettier --check --cache --log-level warn . >"$out/prettier" 2>&1 &
prettier=$!
rc=0
for step in tsc eslint prettier; do
  if ! wait "${!step}"; then
    echo "check: $step failed" >&2
    rc=1
  fi
  cat "$out/$step"
done
exit $rc
