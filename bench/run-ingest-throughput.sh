#!/usr/bin/env bash
# Collector ingest over gRPC on loopback: builds bench/IngestThroughput and apisentinel-collector (Release), then per
# seed runs the in-process references (decode alone, engine alone) and, per number of concurrent sensors, starts a
# collector on a fresh state dir, streams realistic batches at it for a warm-up and a measured interval, and stops it.
# Prints a Markdown table (also saved as bench/data/ingest-throughput-<time>.md); the raw JSON lines stay next to it.
# See bench/README.md ("Collector ingest over gRPC") for what the figures mean.
#
#   bench/run-ingest-throughput.sh                           # 3 seeds × 1, 4, 16 sensors, 15 s each
#   BENCH_SEEDS="1" BENCH_STREAMS="4" BENCH_SECONDS=10 bench/run-ingest-throughput.sh   # smoke run
#
# Variables: BENCH_SEEDS (1 2 3), BENCH_STREAMS (1 4 16), BENCH_SECONDS (15), BENCH_WARMUP (5), BENCH_WARMUP_CPU (3)
# and BENCH_MEASURE_CPU (10: each phase also lasts until the collector used that many CPU-seconds), BENCH_WINDOW (8),
# BENCH_BATCH (512), BENCH_REFERENCE_CALLS (300k; 0 skips the references), BENCH_LABEL (free text per row),
# BENCH_EXTRA (further client options, e.g. "--endpoints 2000"), BENCH_KINDS ("collector null": the collector and the
# null collector of bench/IngestThroughput, the transport floor; "null" alone needs no collector build),
# APISENTINEL_COLLECTOR_CMD (command to start instead of the built collector; it gets the options below appended),
# COLLECTOR_ENV (environment assignments for the collector, e.g. "DOTNET_gcServer=0").
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DLL="$ROOT/bench/IngestThroughput/bin/Release/net10.0/apisentinel-ingestthroughput.dll"
COLLECTOR_DLL="$ROOT/collector/ApiSentinel.Collector.Service/bin/Release/net10.0/apisentinel-collector.dll"
SEEDS=${BENCH_SEEDS:-1 2 3}
STREAMS=${BENCH_STREAMS:-1 4 16}
SECONDS_MEASURED=${BENCH_SECONDS:-15}
WARMUP=${BENCH_WARMUP:-5}
# Phases also last until the collector has used this much CPU (a loaded machine gives it a fraction of a core).
WARMUP_CPU=${BENCH_WARMUP_CPU:-3}
MEASURE_CPU=${BENCH_MEASURE_CPU:-10}
WINDOW=${BENCH_WINDOW:-8}
BATCH=${BENCH_BATCH:-512}
REFERENCE_CALLS=${BENCH_REFERENCE_CALLS:-300k}
LABEL=${BENCH_LABEL:-$(git -C "$ROOT" rev-parse --short HEAD)}
read -r -a EXTRA <<<"${BENCH_EXTRA:-}"
# What to run per case: the collector, and the null collector (the transport floor: decode and ack only).
KINDS=${BENCH_KINDS:-collector null}

echo "[bench] building bench/IngestThroughput and the collector (Release)" >&2
dotnet build "$ROOT/bench/IngestThroughput" -c Release --nologo -v quiet >&2
if [[ -z "${APISENTINEL_COLLECTOR_CMD:-}" && " ${BENCH_KINDS:-collector} " == *" collector "* ]]; then
  dotnet build "$ROOT/collector/ApiSentinel.Collector.Service" -c Release --nologo -v quiet >&2
fi

mkdir -p "$ROOT/bench/data"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS="$ROOT/bench/data/ingest-throughput-$STAMP.jsonl"
REPORT="$ROOT/bench/data/ingest-throughput-$STAMP.md"
WORK=$(mktemp -d /tmp/apisentinel-ingest-bench.XXXXXX)
COLLECTOR_PID=""

stop_collector() {
  if [[ -n "$COLLECTOR_PID" ]] && kill -0 "$COLLECTOR_PID" 2>/dev/null; then
    kill -TERM "$COLLECTOR_PID" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$COLLECTOR_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$COLLECTOR_PID" 2>/dev/null || true
    wait "$COLLECTOR_PID" 2>/dev/null || true
  fi
  COLLECTOR_PID=""
}
cleanup() { stop_collector; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# A random token, in a file as a Kubernetes Secret would mount it.
head -c 32 /dev/urandom | base64 | tr -d '/+=' >"$WORK/token"

start_collector() {
  local state="$WORK/state-$1" grpc http
  rm -rf "$state"; mkdir -p "$state"
  grpc=$(free_port); http=$(free_port)
  local args=(--grpc-listen "127.0.0.1:$grpc" --http-listen "127.0.0.1:$http" --token-file "$WORK/token" --state-dir "$state")
  if [[ "${2:-}" == null ]]; then
    dotnet "$BENCH_DLL" null-collector --port "$grpc" --token-file "$WORK/token" >"$WORK/collector-$1.log" 2>&1 &
  elif [[ -n "${APISENTINEL_COLLECTOR_CMD:-}" ]]; then
    # shellcheck disable=SC2086 # the command is meant to be split
    env ${COLLECTOR_ENV:-} $APISENTINEL_COLLECTOR_CMD "${args[@]}" >"$WORK/collector-$1.log" 2>&1 &
  else
    # shellcheck disable=SC2086
    env ${COLLECTOR_ENV:-} dotnet "$COLLECTOR_DLL" "${args[@]}" >"$WORK/collector-$1.log" 2>&1 &
  fi
  COLLECTOR_PID=$!
  COLLECTOR_URL="http://127.0.0.1:$grpc"
  # Ready when /readyz answers 200; a collector without an HTTP endpoint is ready when the gRPC port accepts.
  local code
  for _ in $(seq 1 600); do
    if ! kill -0 "$COLLECTOR_PID" 2>/dev/null; then
      echo "[bench] the collector exited at start; its log:" >&2; tail -20 "$WORK/collector-$1.log" >&2; return 1
    fi
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http/readyz" || true)
    if [[ "$code" == 200 ]] || { [[ "$code" == 000 ]] && (exec 3<>"/dev/tcp/127.0.0.1/$grpc") 2>/dev/null; }; then
      return 0
    fi
    sleep 0.1
  done
  echo "[bench] the collector did not become ready within 60 s" >&2; return 1
}

for seed in $SEEDS; do
  if [[ "$REFERENCE_CALLS" != "0" ]]; then
    echo "[bench] seed $seed: references (decode alone, engine alone; no collector running), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    dotnet "$BENCH_DLL" reference --seed "$seed" --calls "$REFERENCE_CALLS" --batch "$BATCH" --out "$RESULTS" "${EXTRA[@]}"
  fi
  for n in $STREAMS; do
    for kind in $KINDS; do
      echo "[bench] seed $seed, $n sensor(s), $kind: fresh process, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
      start_collector "$seed-$n-$kind" "$kind"
      label=$LABEL; [[ "$kind" == null ]] && label="floor: null collector"
      if ! dotnet "$BENCH_DLL" grpc --collector "$COLLECTOR_URL" --token-file "$WORK/token" --collector-pid "$COLLECTOR_PID" \
          --seed "$seed" --streams "$n" --window "$WINDOW" --batch "$BATCH" --warmup "$WARMUP" --seconds "$SECONDS_MEASURED" \
          --warmup-cpu "$WARMUP_CPU" --measure-cpu "$MEASURE_CPU" \
          --label "$label" --out "$RESULTS" "${EXTRA[@]}"; then
        echo "[bench] case failed; collector log tail:" >&2; tail -20 "$WORK/collector-$seed-$n-$kind.log" >&2
        stop_collector; exit 1
      fi
      stop_collector
    done
  done
done

dotnet "$BENCH_DLL" report --in "$RESULTS" | tee "$REPORT"
echo "[bench] report saved to ${REPORT#"$ROOT"/} (raw rows: ${RESULTS#"$ROOT"/})" >&2
