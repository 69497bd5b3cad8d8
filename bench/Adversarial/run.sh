#!/usr/bin/env bash
# Measures peak RSS and wall time of the apisentinel CLI on every hostile input of issue 6 (items 8-18) at the
# issue's sizes, one case after the other (the cases are big; do not run them beside other heavy work).
#
#   bench/Adversarial/run.sh CLI_DLL [CASE...]
#
# CLI_DLL    the built CLI, e.g. cli/bin/Release/net10.0/apisentinel.dll (of any checkout: before/after figures)
# CASE       input names (see `apisentinel-adversarial list`); default: all
# Env:       TIMEOUT (s per run, default 300), HEAP_LIMIT (GC hard limit, default 0x100000000 = 4 GiB),
#            INPUTS (where generated inputs are cached, default /tmp/apisentinel-adversarial-inputs)
# Output:    a Markdown table on stdout: case, issue item, command, input size, exit code, peak RSS, wall time,
#            and the last stderr line (what a user sees; cut to 100 characters).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cli="$(realpath "${1:?usage: run.sh CLI_DLL [CASE...]}")"
shift
timeout_s="${TIMEOUT:-300}"
heap_limit="${HEAP_LIMIT:-0x100000000}"
inputs="${INPUTS:-/tmp/apisentinel-adversarial-inputs}"

dotnet build "$here" -c Release --nologo -v quiet >/dev/null
gen="$here/bin/Release/net10.0/apisentinel-adversarial.dll"
mapfile -t cases < <(if (($# > 0)); then printf '%s\n' "$@"; else dotnet "$gen" list | cut -f1; fi)

echo "| case | item | command | input | exit | peak RSS | wall | last stderr line |"
echo "|---|---|---|---|---|---|---|---|"
for name in "${cases[@]}"; do
  line="$(dotnet "$gen" list | awk -F'\t' -v n="$name" '$1 == n')"
  item="$(cut -f2 <<<"$line")"
  commands="$(cut -f4 <<<"$line")"
  dir="$inputs/$name"
  if [[ ! -f "$dir/args" ]]; then
    mkdir -p "$dir"
    dotnet "$gen" generate "$name" "$dir" > "$dir/args.tmp"
    mv "$dir/args.tmp" "$dir/args"
  fi
  mapfile -t cli_args < "$dir/args"
  size="$(du -ch $(grep -E "^$dir/" "$dir/args" | sort -u) | tail -1 | cut -f1)"
  for command in ${commands//,/ }; do
    err="$(mktemp)"
    stats="$(mktemp)"
    set +e
    # time(1) outside timeout(1), which reaps the CLI itself (--foreground): ru_maxrss covers it even when killed.
    DOTNET_GCHeapHardLimit="$heap_limit" /usr/bin/time -f '%M %e' -o "$stats" \
      timeout --foreground --signal=KILL "$timeout_s" dotnet "$cli" "$command" "${cli_args[@]}" --quiet >/dev/null 2>"$err"
    code=$?
    set -e
    read -r kb secs < <(tail -1 "$stats")
    rss="$(awk -v k="$kb" 'BEGIN { printf "%.0f MB", k / 1024 }')"
    wall="${secs} s"
    ((code == 137)) && wall="> ${timeout_s} s (killed)"
    last="$(tail -1 "$err" | tr -d '\000-\037|' | cut -c1-100)"
    lines="$(wc -l < "$err")"
    ((lines > 1)) && last="$last (+$((lines - 1)) lines)"
    echo "| $name | $item | $command | $size | $code | $rss | $wall | ${last:--} |"
    rm -f "$err" "$stats"
  done
done
