#!/usr/bin/env bash
# Catalog engine throughput: builds bench/CatalogThroughput in Release and runs it. Arguments are passed through
# (defaults: --endpoints 50,500,5000 --calls 1M,5M,10M --pool 200000 --repeat 3 --seed 42 --rate 10000 --stage-calls 1M).
# Each repeat also times a reference (a dictionary count by host, method, path) and each engine part alone, so the
# report gives the engine as a multiple of the reference and its growth from the fewest to the most endpoints.
# The Markdown report goes to stdout and to bench/data/catalog-throughput-<time>.md; progress goes to stderr.
# See bench/CatalogThroughput/README.md for what the figures mean.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DLL="$ROOT/bench/CatalogThroughput/bin/Release/net10.0/apisentinel-catalogthroughput.dll"

echo "[bench] building bench/CatalogThroughput (Release)" >&2
dotnet build "$ROOT/bench/CatalogThroughput" -c Release --nologo -v quiet >&2

mkdir -p "$ROOT/bench/data"
REPORT="$ROOT/bench/data/catalog-throughput-$(date -u +%Y%m%dT%H%M%SZ).md"
dotnet "$DLL" "$@" | tee "$REPORT"
echo "[bench] report saved to ${REPORT#"$ROOT"/}" >&2
