#!/usr/bin/env bash
# `npm run coverage [-- --min N]`: the suite with coverage of the vitest workers and of every process
# and worker thread it starts (NODE_V8_COVERAGE), one table over src/. Fails when a test fails, or
# with --min N when statements, branches or lines are below N%.
set -uo pipefail
cd "$(dirname "$0")/../.."
rm -rf coverage
NODE_V8_COVERAGE="$PWD/coverage/raw" npx vitest run --coverage
rc=$?
npx c8 report --temp-directory coverage/raw --reporter json --report-dir coverage/children \
  --include 'src/**' --exclude-after-remap || rc=1
npx tsx test/support/coverage-report.ts "$@" || rc=1
exit $rc
