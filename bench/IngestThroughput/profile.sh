#!/usr/bin/env bash
# CPU profile of the collector's ingest path: starts a collector on a fresh state dir (with DOTNET_PerfMapEnabled=1
# so perf can name JIT-compiled methods, and W^X off: with it JIT code lives in a memfd mapping perf does not look
# up in the perf map), streams at it with STREAMS sensors, samples its on-CPU stacks with
# `perf record` (299 Hz, all threads) for TRACE_SECONDS once warm, and prints the top symbols by exclusive (self) and
# inclusive (children) CPU time. Root or perf_event_paranoid ≤ 1 is needed.
#
#   bench/IngestThroughput/profile.sh                   # 4 sensors, 30 s trace
#   APISENTINEL_COLLECTOR_CMD="dotnet path/to/apisentinel-collector.dll" STREAMS=16 bench/IngestThroughput/profile.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_DLL="$ROOT/bench/IngestThroughput/bin/Release/net10.0/apisentinel-ingestthroughput.dll"
STREAMS=${STREAMS:-4}
TRACE_SECONDS=${TRACE_SECONDS:-30}
TOP=${TOP:-25}
COLLECTOR_CMD=${APISENTINEL_COLLECTOR_CMD:-dotnet $ROOT/collector/ApiSentinel.Collector.Service/bin/Release/net10.0/apisentinel-collector.dll}

command -v perf >/dev/null || { echo "profile: perf is missing (apt-get install linux-perf)" >&2; exit 1; }
dotnet build "$ROOT/bench/IngestThroughput" -c Release --nologo -v quiet >&2
[[ -n "${APISENTINEL_COLLECTOR_CMD:-}" ]] || dotnet build "$ROOT/collector/ApiSentinel.Collector.Service" -c Release --nologo -v quiet >&2

WORK=$(mktemp -d /tmp/apisentinel-ingest-profile.XXXXXX)
PID=""; CLIENT=""
cleanup() {
  [[ -n "$CLIENT" ]] && kill "$CLIENT" 2>/dev/null || true
  [[ -n "$PID" ]] && kill "$PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK/state"
}
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
head -c 32 /dev/urandom | base64 | tr -d '/+=' >"$WORK/token"
mkdir -p "$WORK/state"
GRPC=$(port); HTTP=$(port)
# shellcheck disable=SC2086
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 $COLLECTOR_CMD --grpc-listen "127.0.0.1:$GRPC" --http-listen "127.0.0.1:$HTTP" --token-file "$WORK/token" \
  --state-dir "$WORK/state" >"$WORK/collector.log" 2>&1 &
PID=$!
for _ in $(seq 1 600); do (exec 3<>"/dev/tcp/127.0.0.1/$GRPC") 2>/dev/null && break; sleep 0.1; done

# Warm-up (JIT, catalog growth) is the client's own; the trace starts once the collector has done some work.
dotnet "$BENCH_DLL" grpc --collector "http://127.0.0.1:$GRPC" --token-file "$WORK/token" --collector-pid "$PID" \
  --streams "$STREAMS" --warmup 5 --warmup-cpu 4 --seconds $((TRACE_SECONDS + 30)) --measure-cpu 1 --out "$WORK/rows.jsonl" \
  --label profile >&2 &
CLIENT=$!
while (( $(awk '{ print int(($14 + $15) / 100) }' "/proc/$PID/stat") < 6 )); do sleep 1; done
echo "[profile] sampling pid $PID for $TRACE_SECONDS s, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
perf record -F 299 -g -p "$PID" -o "$WORK/perf.data" -- sleep "$TRACE_SECONDS" >&2 2>"$WORK/perf.err"
echo "## exclusive (self) CPU by symbol"
perf report -i "$WORK/perf.data" --no-children --sort dso,symbol --stdio -g none --percent-limit 0.7 2>/dev/null | grep -v '^#' | grep -v '^$' | head -n "$TOP" || true
echo "## CPU by shared object (libcoreclr: GC and runtime; [JIT]: managed code; kernel: syscalls, page faults)"
perf report -i "$WORK/perf.data" --no-children --sort dso --stdio -g none --percent-limit 1 2>/dev/null | grep -v '^#' | grep -v '^$' || true
echo "## inclusive (with children) CPU of our code, protobuf, gRPC, SQLite"
perf report -i "$WORK/perf.data" --children --sort symbol --stdio -g none --percent-limit 2 2>/dev/null \
  | grep -E 'ApiSentinel|Google\.Protobuf|Grpc\.|Sqlite|sqlite' | head -n "$((TOP * 2))" || true
wait "$CLIENT" || true; CLIENT=""
echo "[profile] perf data kept at $WORK/perf.data (perf report -i …)" >&2
