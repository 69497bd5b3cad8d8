#!/usr/bin/env bash
# The collector's Kubernetes sink under load (issue 9): builds bench/KubernetesSink and apisentinel-collector (Release),
# then per seed starts a fake API server (in the bench process, loopback) with the repository's CRDs and Services for
# the synthetic hosts, a real collector writing to it (--kubeconfig), streams every one of BENCH_ENDPOINTS endpoints
# once and then continuous Zipf traffic, waits until every endpoint is written with its latest status, watches a
# steady state with no traffic, restarts the collector on its state and watches the start-up reconcile. Every figure
# comes from the fake server's request log. Prints a Markdown table with the worst case over seeds (also saved as
# bench/data/kubernetes-sink-<time>.md; the raw JSON lines stay next to it). Not a timed test: it reports.
#
#   bench/run-kubernetes-sink.sh                                              # 3 seeds, 5,000 endpoints, 60 s of traffic
#   BENCH_SEEDS=1 BENCH_ENDPOINTS=500 BENCH_SECONDS=15 BENCH_FLUSH=2 bench/run-kubernetes-sink.sh   # smoke run
#
# Variables: BENCH_SEEDS (1 2 3), BENCH_ENDPOINTS (5000), BENCH_HOSTS (20), BENCH_RATE (calls/s, 1000), BENCH_SECONDS
# (traffic, 60), BENCH_FLUSH (--kube-flush-interval seconds, 10), BENCH_QPS (50), BENCH_BURST (100), BENCH_QUIET
# (flush intervals watched in the steady and restart phases, 3), BENCH_LABEL (free text per row).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DLL="$ROOT/bench/KubernetesSink/bin/Release/net10.0/apisentinel-kubesinkbench.dll"
COLLECTOR_DLL="$ROOT/collector/ApiSentinel.Collector.Service/bin/Release/net10.0/apisentinel-collector.dll"
SEEDS=${BENCH_SEEDS:-1 2 3}
LABEL=${BENCH_LABEL:-$(git -C "$ROOT" rev-parse --short HEAD)}

echo "[bench] building bench/KubernetesSink and the collector (Release)" >&2
dotnet build "$ROOT/bench/KubernetesSink" -c Release --nologo -v quiet >&2
dotnet build "$ROOT/collector/ApiSentinel.Collector.Service" -c Release --nologo -v quiet >&2

mkdir -p "$ROOT/bench/data"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS="$ROOT/bench/data/kubernetes-sink-$STAMP.jsonl"
REPORT="$ROOT/bench/data/kubernetes-sink-$STAMP.md"

status=0
for seed in $SEEDS; do
  echo "[bench] seed $seed: load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  dotnet "$BENCH_DLL" run --collector-dll "$COLLECTOR_DLL" --crds "$ROOT/crds" --out "$RESULTS" --seed "$seed" \
    --endpoints "${BENCH_ENDPOINTS:-5000}" --hosts "${BENCH_HOSTS:-20}" --rate "${BENCH_RATE:-1000}" \
    --traffic-seconds "${BENCH_SECONDS:-60}" --flush-interval "${BENCH_FLUSH:-10}" --qps "${BENCH_QPS:-50}" \
    --burst "${BENCH_BURST:-100}" --quiet-intervals "${BENCH_QUIET:-3}" --label "$LABEL" || status=$?
done

dotnet "$BENCH_DLL" report --in "$RESULTS" | tee "$REPORT"
echo "[bench] report saved to ${REPORT#"$ROOT"/} (raw rows: ${RESULTS#"$ROOT"/})" >&2
exit "$status"
