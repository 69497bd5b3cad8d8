#!/usr/bin/env bash
# Catalog accuracy benchmark: generates seeded traffic (pcap + HAR) from bench/Accuracy/specs/, runs
# `apisentinel analyze` on it with the "published" spec copies (and once without specs), and prints the scores
# as Markdown. See bench/Accuracy/README.md for what each figure means and the targets.
#
# usage: bench/run-accuracy.sh
#
# environment (all optional):
#   ACCURACY_SEED     generator seed (default 20250304)
#   ACCURACY_OUT      where traffic, published specs, truth.json and report.md go (default bench/data/accuracy)
#   APISENTINEL_CMD   command used for apisentinel (default: dotnet cli/bin/Release/net10.0/apisentinel.dll,
#                     built here); word-split, then called as: $APISENTINEL_CMD analyze ...
#
# exit status: 0 when measured (targets are reported, not enforced), 1 on any failure.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SEED=${ACCURACY_SEED:-20250304}
OUT=${ACCURACY_OUT:-$ROOT/bench/data/accuracy}

log() { printf '[accuracy] %s\n' "$*" >&2; }

if [[ -z "${APISENTINEL_CMD:-}" ]]; then
    log "building cli (Release)"
    dotnet build "$ROOT/cli" -c Release --nologo -v quiet >&2
    APISENTINEL_CMD="dotnet $ROOT/cli/bin/Release/net10.0/apisentinel.dll"
fi
log "building bench/Accuracy (Release)"
dotnet build "$ROOT/bench/Accuracy" -c Release --nologo -v quiet >&2

rm -rf "$OUT"
mkdir -p "$OUT"
dotnet "$ROOT/bench/Accuracy/bin/Release/net10.0/apisentinel-accuracy.dll" \
    --seed "$SEED" --out "$OUT" --specs "$ROOT/bench/Accuracy/specs" --cli "$APISENTINEL_CMD"
log "report: $OUT/report.md"
