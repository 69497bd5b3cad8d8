#!/usr/bin/env bash
# Builds and runs the whole test suite, then prints one closing line "N passed, N failed, N skipped" summed over
# every test project (dotnet test prints one summary per project, which CI's log reader does not parse).
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
dotnet build ApiSentinel.sln -c Release -warnaserror 2>&1 | tail -n 3
build=${PIPESTATUS[0]}
if [[ $build -ne 0 ]]; then
  dotnet build ApiSentinel.sln -c Release 2>&1 | grep -E 'error|warning' | sort -u | head -50
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi
# Default verbosity prints each failure with its message and stack, and one summary line per test project.
dotnet test ApiSentinel.sln -c Release --no-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
read -r passed failed skipped < <(grep -E '(Passed|Failed)!\s+-' "$log" | sed -E 's/.*Failed:\s*([0-9]+), Passed:\s*([0-9]+), Skipped:\s*([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
rm -f "$log"
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi   # a crashed test host counts as a failure
echo "$passed passed, $failed failed, $skipped skipped"
[[ $status -eq 0 ]]
