#!/usr/bin/env bash
# `npm run coverage [-- --min N | --thresholds]`: the suite with coverage of the vitest workers and
# of every process and worker thread it starts (NODE_V8_COVERAGE), one table over src/. Fails when a
# test fails, or when statements, branches or lines are below N% (--min N) or below the floors CI
# holds (--thresholds, THRESHOLDS in coverage-report.ts; `npm run test:ci`). Ends by naming the tests
# that failed (test/support/failures.ts).
set -uo pipefail
cd "$(dirname "$0")/../.."
rm -rf coverage
NODE_V8_COVERAGE="$PWD/coverage/raw" npx vitest run --coverage \
  --reporter=default --reporter=json --outputFile.json=coverage/results.json
rc=$?
echo "coverage: suite ${SECONDS}s; $(find coverage/raw -type f | wc -l) process reports, $(du -sm coverage/raw | cut -f1) MB"
start=$SECONDS
npx c8 report --temp-directory coverage/raw --reporter json --report-dir coverage/children \
  --include 'src/**' --exclude-after-remap || rc=1
echo "coverage: child processes converted in $((SECONDS - start))s"
npx tsx test/support/coverage-report.ts "$@" || rc=1
# Last, so that the end of a CI log names them.
npx tsx test/support/failures.ts || rc=1
exit $rc
