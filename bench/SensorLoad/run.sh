#!/usr/bin/env bash
# Sensor CPU and memory under live traffic. Two network namespaces joined by a veth pair: nginx serving small JSON in
# the server namespace, wrk (fixed rates through connections × a per-response pause, see load.lua) in the client one;
# apisentinel-sensor captures on the server's veth end and streams to an apisentinel-collector on the server
# namespace's loopback. Per rate: the sensor process's CPU (utime + stime over the measured interval) and RSS, then
# the reference at the same rate on the same interface: a bare `tcpdump -w /dev/null` (same snap length).
# Finally a sustained run at the highest rate for the sensor's RSS over time. Root is required (namespaces, capture).
#
#   bench/SensorLoad/run.sh                                  # rates 1000 2000 5000 10000, 20 s each, 120 s sustained
#   RATES="1000 5000" MEASURE=10 SUSTAIN=30 bench/SensorLoad/run.sh    # shorter
#
# Variables: RATES (target exchanges/s; connections = rate/100 with a 10 ms pause each), WARMUP (5 s), MEASURE (20 s),
# SUSTAIN (120 s; 0 skips), SENSOR_WARMUP (30 s of traffic at the top rate before measuring; 0 skips), REFERENCE (1; 0 skips the tcpdump runs), SENSOR_DLL / COLLECTOR_DLL (built Release outputs by default), SENSOR_EXTRA (more sensor
# options). Prints a Markdown report (also saved as bench/data/sensor-load-<time>.md).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/bench/SensorLoad"
RATES=${RATES:-1000 2000 5000 10000}
WARMUP=${WARMUP:-5}
MEASURE=${MEASURE:-20}
SUSTAIN=${SUSTAIN:-120}
REFERENCE=${REFERENCE:-1}
SENSOR_WARMUP=${SENSOR_WARMUP:-30}
PAUSE_MS=10
SENSOR_DLL=${SENSOR_DLL:-$ROOT/sensor/ApiSentinel.Sensor.Daemon/bin/Release/net10.0/apisentinel-sensor.dll}
COLLECTOR_DLL=${COLLECTOR_DLL:-$ROOT/collector/ApiSentinel.Collector.Service/bin/Release/net10.0/apisentinel-collector.dll}
read -r -a SENSOR_EXTRA <<<"${SENSOR_EXTRA:-}"

[[ $(id -u) == 0 ]] || { echo "sensor-load: root is required (network namespaces, live capture)" >&2; exit 1; }
for cmd in ip nginx wrk tcpdump curl; do
  command -v "$cmd" >/dev/null || { echo "sensor-load: $cmd is missing (scripts/setup.sh bench installs it)" >&2; exit 1; }
done

# Build what comes from this tree (either may be given prebuilt from elsewhere).
if [[ "$SENSOR_DLL" == "$ROOT"/* ]]; then
  echo "[sensor-load] building the sensor (Release)" >&2
  dotnet build "$ROOT/sensor/ApiSentinel.Sensor.Daemon" -c Release --nologo -v quiet >&2
fi
if [[ "$COLLECTOR_DLL" == "$ROOT"/* ]]; then
  echo "[sensor-load] building the collector (Release)" >&2
  dotnet build "$ROOT/collector/ApiSentinel.Collector.Service" -c Release --nologo -v quiet >&2
fi

# Names carry our pid so parallel runs never collide; addresses are the TEST-NET-2 /30 at the top of the range,
# inside the two namespaces only (nothing is added to the root namespace).
NS_SRV="asbench-srv-$$"; NS_CLI="asbench-cli-$$"
IF_SRV="asbs$$"; IF_CLI="asbc$$"
IF_SRV=${IF_SRV:0:15}; IF_CLI=${IF_CLI:0:15}
SRV_ADDR=198.51.100.253; CLI_ADDR=198.51.100.254
WORK=$(mktemp -d /tmp/apisentinel-sensor-load.XXXXXX)
PIDS=()

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  ip netns delete "$NS_SRV" 2>/dev/null || true
  ip netns delete "$NS_CLI" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

in_srv() { ip netns exec "$NS_SRV" "$@"; }
in_cli() { ip netns exec "$NS_CLI" "$@"; }

ip netns add "$NS_SRV"; ip netns add "$NS_CLI"
ip link add "$IF_SRV" type veth peer name "$IF_CLI"
ip link set "$IF_SRV" netns "$NS_SRV"; ip link set "$IF_CLI" netns "$NS_CLI"
in_srv ip addr add "$SRV_ADDR/30" dev "$IF_SRV"; in_cli ip addr add "$CLI_ADDR/30" dev "$IF_CLI"
in_srv ip link set "$IF_SRV" up; in_cli ip link set "$IF_CLI" up
in_srv ip link set lo up; in_cli ip link set lo up

# CPU seconds (utime + stime, all threads) and RSS of a process, from /proc.
cpu_seconds() { awk '{ print ($14 + $15) / 100 }' "/proc/$1/stat"; }
rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 * 1024 / 1e6 }' "/proc/$1/status"; }
hwm_mb() { awk '/^VmHWM:/ { printf "%.0f", $2 * 1024 / 1e6 }' "/proc/$1/status"; }
load1() { cut -d' ' -f1 /proc/loadavg; }
# Resident memory grouped by what is mapped (a file's name, or [heap], [anon], the capture ring's packet socket),
# largest first: tells the runtime's and the assemblies' file pages from the process's own memory.
smaps_top() {
  awk '/^[0-9a-f]+-[0-9a-f]+ / { name = NF >= 6 ? $6 : "[anon]"; for (i = 7; i <= NF; i++) name = name " " $i; next }
       /^Rss:/ { rss[name] += $2 } /^Private_Dirty:/ { dirty[name] += $2 }
       END { for (n in rss) if (rss[n] > 0) printf "%.1f %.1f %s\n", rss[n] / 1024, dirty[n] / 1024, n }' "/proc/$1/smaps" \
    | sort -rn | head -12 | awk '{ name = $3; for (i = 4; i <= NF; i++) name = name " " $i; printf "- %s: %s (private dirty %s)\n", name, $1, $2 }'
}

wait_http() { # URL [namespace-runner]
  for _ in $(seq 1 600); do
    if "${@:2}" curl -s -o /dev/null "$1"; then return 0; fi
    sleep 0.1
  done
  echo "sensor-load: $1 did not answer within 60 s" >&2; return 1
}

# nginx
sed -e "s|@ADDRESS@|$SRV_ADDR|" -e "s|@WORK@|$WORK|g" "$HERE/nginx.conf" >"$WORK/nginx.conf"
# Background processes are started with `ip netns exec` itself (it execs the command), so $! is their pid.
ip netns exec "$NS_SRV" nginx -c "$WORK/nginx.conf" -p "$WORK" -g 'daemon off;' </dev/null >/dev/null 2>&1 &
PIDS+=($!)
wait_http "http://$SRV_ADDR:8080/api/v1/users/1" in_cli

# collector and sensor, both in the server namespace (the collector on its loopback)
head -c 32 /dev/urandom | base64 | tr -d '/+=' >"$WORK/token"
mkdir -p "$WORK/state"
ip netns exec "$NS_SRV" dotnet "$COLLECTOR_DLL" --grpc-listen 127.0.0.1:50051 --http-listen 127.0.0.1:50052 --token-file "$WORK/token" \
  --state-dir "$WORK/state" </dev/null >"$WORK/collector.log" 2>&1 &
COLLECTOR_PID=$!; PIDS+=("$COLLECTOR_PID")
wait_http "http://127.0.0.1:50052/healthz" in_srv
ip netns exec "$NS_SRV" dotnet "$SENSOR_DLL" --interface "$IF_SRV" --collector http://127.0.0.1:50051 --token-file "$WORK/token" \
  --http-listen 127.0.0.1:50053 "${SENSOR_EXTRA[@]}" </dev/null >"$WORK/sensor.log" 2>&1 &
SENSOR_PID=$!; PIDS+=("$SENSOR_PID")
wait_http "http://127.0.0.1:50053/metrics" in_srv

# A sensor counter from its /metrics (Prometheus text), summed over labels: sensor_metric exchanges → the value of
# apisentinel_sensor_exchanges_total (names: sensor/ApiSentinel.Sensor.Daemon/Metrics/CounterNames.cs).
sensor_metric() {
  in_srv curl -s http://127.0.0.1:50053/metrics \
    | awk -v n="apisentinel_sensor_$1_total" '$0 !~ /^#/ { name = $1; sub(/\{.*/, "", name); if (name == n) s += $NF } END { printf "%d", s }'
}
sensor_exchanges() { sensor_metric exchanges; }

# One load interval: wrk at RATE for WARMUP + MEASURE seconds; prints "cpu_s interval_s requests_per_s rss_peak".
measure() { # PID RATE
  local pid=$1 rate=$2 conns=$(( $2 / (1000 / PAUSE_MS) ))
  (( conns < 1 )) && conns=1
  WRK_DELAY_MS=$PAUSE_MS ip netns exec "$NS_CLI" wrk -t1 -c"$conns" -d"$((WARMUP + MEASURE + 2))s" --timeout 5s \
    -s "$HERE/load.lua" "http://$SRV_ADDR:8080" </dev/null >"$WORK/wrk.out" 2>&1 &
  local wrk=$!
  sleep "$WARMUP"
  local c0 t0 peak=0 r ex0 ex1
  c0=$(cpu_seconds "$pid"); t0=$(date +%s.%N); ex0=0; ex1=0
  [[ "$pid" == "$SENSOR_PID" ]] && ex0=$(sensor_exchanges)
  for _ in $(seq 1 "$MEASURE"); do
    sleep 1
    r=$(rss_mb "$pid"); (( r > peak )) && peak=$r
  done
  local c1 t1
  c1=$(cpu_seconds "$pid"); t1=$(date +%s.%N)
  [[ "$pid" == "$SENSOR_PID" ]] && ex1=$(sensor_exchanges)
  wait "$wrk" || true
  local rps
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/wrk.out")
  # wrk's own failures (timeouts close connections mid-exchange, which the sensor then sees cut short).
  awk -v rate="$rate" '/Socket errors|Non-2xx/ { sub(/^ +/, ""); print rate "/s: " $0 }' "$WORK/wrk.out" >>"$WORK/wrk-errors.txt"
  # Exchanges per second: the sensor's own count over the interval when it exports one, else wrk's completed rate.
  local exps
  exps=$(awk -v a="${ex0:-0}" -v b="${ex1:-0}" -v t0="$t0" -v t1="$t1" -v w="$rps" 'BEGIN { d = b - a; if (d > 0) printf "%.0f", d / (t1 - t0); else printf "%.0f", w }')
  awk -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v r="$rps" -v e="$exps" -v p="$peak" \
    'BEGIN { printf "%.2f %.2f %.0f %s %s\n", c1 - c0, t1 - t0, r, e, p }'
}

REPORT="$ROOT/bench/data/sensor-load-$(date -u +%Y%m%dT%H%M%SZ).md"
mkdir -p "$ROOT/bench/data"
{
  echo "| target/s | wrk req/s | sensor exchanges/s | sensor CPU % of a core | per 1,000 exchanges/s | CPU µs per exchange | above idle, per 1,000/s | tcpdump % of a core | tcpdump per 1,000 req/s | sensor peak RSS MB | load |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
} >"$WORK/table.md"

# Warm-up: traffic at the top rate before anything is measured. The sensor's code is jitted on first use and
# recompiled at tier 1 (with PGO) after enough calls, on a background thread charged to the process: measured from
# start, the first rate carries that one-time cost (5–10× the steady cost per exchange at 1,000/s). Its CPU is
# reported on its own line below.
warm_line=""
if (( SENSOR_WARMUP > 0 )); then
  top=$(echo "$RATES" | tr ' ' '\n' | sort -n | tail -1)
  echo "[sensor-load] warming the sensor up at $top/s for $SENSOR_WARMUP s, load $(load1)" >&2
  w0=$(cpu_seconds "$SENSOR_PID"); wx0=$(sensor_exchanges)
  WRK_DELAY_MS=$PAUSE_MS ip netns exec "$NS_CLI" wrk -t1 -c"$(( top / (1000 / PAUSE_MS) ))" -d"${SENSOR_WARMUP}s" --timeout 5s \
    -s "$HERE/load.lua" "http://$SRV_ADDR:8080" </dev/null >"$WORK/wrk-warmup.out" 2>&1 || true
  sleep 2
  w1=$(cpu_seconds "$SENSOR_PID"); wx1=$(sensor_exchanges)
  warm_line=$(awk -v a="$w0" -v b="$w1" -v x0="$wx0" -v x1="$wx1" -v t="$SENSOR_WARMUP" -v top="$top" 'BEGIN {
    per = x1 > x0 ? 1e6 * (b - a) / (x1 - x0) : 0;
    printf "Warm-up (not in the table): %d s at the %d/s target, %d exchanges, sensor CPU %.2f s = %.1f µs per exchange.", t, top, x1 - x0, b - a, per }')
fi

# The sensor with no traffic: its fixed cost (clock ticks, poll loop, runtime, status and metrics), which the
# per-rate rows include and the "above idle" column takes out.
echo "[sensor-load] idle sensor for $MEASURE s, load $(load1)" >&2
sleep "$WARMUP"
i0=$(cpu_seconds "$SENSOR_PID"); it0=$(date +%s.%N); l0=$(load1)
sleep "$MEASURE"
i1=$(cpu_seconds "$SENSOR_PID"); it1=$(date +%s.%N)
IDLE_PCT=$(awk -v a="$i0" -v b="$i1" -v t0="$it0" -v t1="$it1" 'BEGIN { printf "%.2f", 100 * (b - a) / (t1 - t0) }')
echo "| 0 (idle) | 0 | 0 | $IDLE_PCT | — | — | — | — | — | $(rss_mb "$SENSOR_PID") | $l0–$(load1) |" >>"$WORK/table.md"

for rate in $RATES; do
  echo "[sensor-load] $rate/s: sensor, load $(load1)" >&2
  l0=$(load1)
  read -r s_cpu s_t s_rps s_ex s_peak < <(measure "$SENSOR_PID" "$rate")
  d_cpu=0; d_t=1; d_rps=0
  if (( REFERENCE )); then
    echo "[sensor-load] $rate/s: tcpdump reference" >&2
    ip netns exec "$NS_SRV" tcpdump -i "$IF_SRV" -s 262144 -B 16384 -n -q -w /dev/null </dev/null 2>"$WORK/tcpdump.err" &
    TCPDUMP_PID=$!; PIDS+=("$TCPDUMP_PID")
    sleep 1
    read -r d_cpu d_t d_rps _ _ < <(measure "$TCPDUMP_PID" "$rate")
    kill -TERM "$TCPDUMP_PID"; wait "$TCPDUMP_PID" 2>/dev/null || true
  fi
  l1=$(load1)
  awk -v rate="$rate" -v sc="$s_cpu" -v st="$s_t" -v sr="$s_rps" -v se="$s_ex" -v sp="$s_peak" -v idle="$IDLE_PCT" \
      -v dc="$d_cpu" -v dt="$d_t" -v dr="$d_rps" -v l0="$l0" -v l1="$l1" 'BEGIN {
    sp_core = 100 * sc / st; dp_core = 100 * dc / dt;
    s_per = se > 0 ? sp_core / (se / 1000) : 0; d_per = dr > 0 ? dp_core / (dr / 1000) : 0;
    m_per = se > 0 ? (sp_core - idle) / (se / 1000) : 0;
    # /proc counts CPU in 10 ms ticks: below one tick over the interval is reported as such, not as 0.
    tick = 100 * 0.01 / dt;
    d_txt = dr == 0 ? "—" : dc > 0 ? sprintf("%.2f", dp_core) : sprintf("< %.2f", tick);
    d_per_txt = dr == 0 ? "—" : dc > 0 ? sprintf("%.3f", d_per) : sprintf("< %.3f", tick / (dr / 1000));
    # The same figure as CPU time per exchange (3 % of a core per 1,000/s is 30 µs), independent of the interval.
    us_per = se > 0 ? 1e6 * sc / (se * st) : 0;
    printf "| %d | %d | %d | %.1f | %.2f | %.1f | %.2f | %s | %s | %d | %s–%s |\n", rate, sr, se, sp_core, s_per, us_per, m_per, d_txt, d_per_txt, sp, l0, l1 }' >>"$WORK/table.md"
done

sustain_line=""
if (( SUSTAIN > 0 )); then
  top=$(echo "$RATES" | tr ' ' '\n' | sort -n | tail -1)
  echo "[sensor-load] sustained $top/s for $SUSTAIN s (RSS every 10 s), load $(load1)" >&2
  conns=$(( top / (1000 / PAUSE_MS) ))
  WRK_DELAY_MS=$PAUSE_MS ip netns exec "$NS_CLI" wrk -t1 -c"$conns" -d"${SUSTAIN}s" --timeout 5s -s "$HERE/load.lua" \
    "http://$SRV_ADDR:8080" </dev/null >"$WORK/wrk-sustain.out" 2>&1 &
  wrk_pid=$!
  c0=$(cpu_seconds "$SENSOR_PID"); series=""
  for ((i = 10; i <= SUSTAIN; i += 10)); do sleep 10; series+="$(rss_mb "$SENSOR_PID") "; done
  wait "$wrk_pid" || true
  awk '/Socket errors|Non-2xx/ { sub(/^ +/, ""); print "sustained: " $0 }' "$WORK/wrk-sustain.out" >>"$WORK/wrk-errors.txt"
  c1=$(cpu_seconds "$SENSOR_PID")
  sustain_line="Sustained: $top/s target ($(awk '/^Requests\/sec:/ { print $2 }' "$WORK/wrk-sustain.out") req/s by wrk) for $SUSTAIN s: sensor RSS every 10 s (MB): ${series% }; peak (VmHWM) $(hwm_mb "$SENSOR_PID") MB; sensor CPU $(awk -v a="$c0" -v b="$c1" -v t="$SUSTAIN" 'BEGIN { printf "%.1f", 100 * (b - a) / t }') % of a core; load at end $(load1)."
fi

{
  cat "$WORK/table.md"
  echo
  [[ -n "$warm_line" ]] && echo "$warm_line" && echo
  [[ -n "$sustain_line" ]] && echo "$sustain_line" && echo
  echo "Sensor counters at the end: packets $(sensor_metric packets_captured), kernel drops $(sensor_metric kernel_drops), decode losses $(sensor_metric decode_losses), reassembly gaps $(sensor_metric reassembly_gaps), exchanges $(sensor_metric exchanges), calls acknowledged $(sensor_metric calls_acknowledged), calls dropped $(sensor_metric calls_dropped)."
  echo "Calls dropped by reason: $(in_srv curl -s http://127.0.0.1:50053/metrics | awk '/^apisentinel_sensor_calls_dropped_total\{/ && $NF > 0 { printf "%s %s  ", $1, $NF }')"
  [[ -s "$WORK/wrk-errors.txt" ]] && echo "wrk errors: $(paste -sd ';' "$WORK/wrk-errors.txt")"
  echo "Sensor memory at the end (/proc status, MB): $(awk '/^(VmRSS|RssAnon|RssFile|RssShmem|VmHWM):/ { printf "%s %.0f  ", $1, $2 * 1024 / 1e6 }' "/proc/$SENSOR_PID/status")"
  echo
  echo "Sensor resident memory by mapping at the end (/proc/PID/smaps, largest 12, MB):"
  smaps_top "$SENSOR_PID"
  echo "Collector peak RSS (VmHWM) $(hwm_mb "$COLLECTOR_PID") MB, CPU $(cpu_seconds "$COLLECTOR_PID") s over the whole run."
} | tee "$REPORT"
echo "[sensor-load] report saved to ${REPORT#"$ROOT"/}" >&2
