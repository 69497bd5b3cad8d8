#!/usr/bin/env bash
# Peak RSS and wall time of `apisentinel analyze` on each generated flood. Usage: run.sh [BUILD_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../../cli/bin/Release/net10.0}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$here/flood.py" hosts 200000 "$work/hosts.pcap"
python3 "$here/flood.py" methods 200000 "$work/methods.pcap"
python3 "$here/flood.py" endpoints 200000 "$work/endpoints.pcap"
python3 "$here/flood.py" scanners 10000 "$work/scanners.pcap"
python3 "$here/flood.py" har 54000 "$work/big.har"
for input in hosts.pcap methods.pcap endpoints.pcap scanners.pcap big.har; do
  kind=--pcap; [[ $input == *.har ]] && kind=--har
  /usr/bin/time -v dotnet "$build/apisentinel.dll" analyze "$kind" "$work/$input" --format json >/dev/null 2>"$work/err" || true
  printf '%-16s %8s KB peak RSS  %s\n' "$input" \
    "$(awk -F': ' '/Maximum resident/ {print $2}' "$work/err")" "$(awk -F': ' '/Elapsed/ {print $2}' "$work/err")"
  grep '^apisentinel:' "$work/err" | sed 's/^/    /'
done
