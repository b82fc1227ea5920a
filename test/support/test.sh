#!/usr/bin/env bash
# `npm test`: the type check, lint and format check (test/support/check.sh) side by side with the
# suite. The suite waits on child processes and stand-in servers more than it computes (159% of two
# cores with four files at a time), so the check's ~100 CPU-seconds fit into its idle share instead
# of adding a minute before it. Fails when either fails; the check's output is printed after the
# suite's. Extra arguments go to vitest.
set -uo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT
bash test/support/check.sh >"$out" 2>&1 &
check=$!
npx vitest run "$@"
rc=$?
if ! wait "$check"; then
  rc=1
  echo "npm test: the check failed (type check, lint or format):" >&2
fi
cat "$out"
exit $rc
