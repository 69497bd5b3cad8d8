#!/usr/bin/env bash
# Throughput benchmark of `apisentinel exchanges` against the bare pcap read (tcpdump) and tshark, on one
# generated capture. See bench/README.md for what each number means and the targets.
#
# usage: bench/run-exchanges.sh [SIZE]          SIZE like 1GB (default), 200MB, 20MB (decimal units)
#
# environment (all optional):
#   BENCH_SIZE            same as the SIZE argument
#   BENCH_SEED            generator seed (default 42)
#   BENCH_CONCURRENCY     simultaneously open connections in the generated traffic (default 1000)
#   BENCH_PCAP            benchmark this capture instead of a generated one (no generator count to check)
#   APISENTINEL_CMD       command used for apisentinel (default: publish cli/ to out/apisentinel and use it);
#                         word-split, then called as: $APISENTINEL_CMD exchanges --pcap FILE --format jsonl
#   TSHARK_MODE           auto (default) | full | prefix | skip
#   TSHARK_MAX_SECONDS    auto mode runs tshark on the whole file only if that is estimated to take at
#                         most this long (default 600); otherwise the prefix result is reported, scaled
#   TSHARK_PREFIX_PACKETS packets in the prefix used for the estimate / prefix mode (default 200000)
#   TSHARK_DECODE_AS      tshark -d rules, space-separated (default: tcp.port==8000,http — see below)
#
# exit status: 0 when measured (targets are reported, not enforced), 3 when the exchange counts disagree,
# 1 on any other failure.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZE=${1:-${BENCH_SIZE:-1GB}}
SEED=${BENCH_SEED:-42}
CONCURRENCY=${BENCH_CONCURRENCY:-1000}
TSHARK_MODE=${TSHARK_MODE:-auto}
TSHARK_MAX_SECONDS=${TSHARK_MAX_SECONDS:-600}
TSHARK_PREFIX_PACKETS=${TSHARK_PREFIX_PACKETS:-200000}
# tshark picks a TCP dissector by port, lower port first. 8000 (a common API port, used by the generator) has
# none, so a client whose ephemeral port is registered to another protocol (57000 = IRC, 44818 = EtherNet/IP,
# ...) has its whole connection decoded as that protocol and its requests go uncounted. Measured on the 1 GB
# seed-42 file: 10 requests lost this way without the rule, none with it.
TSHARK_DECODE_AS=${TSHARK_DECODE_AS-tcp.port==8000,http}
TSHARK_DECODE_ARGS=()
for rule in $TSHARK_DECODE_AS; do TSHARK_DECODE_ARGS+=(-d "$rule"); done
DATA_DIR="$ROOT/bench/data"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/apisentinel-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] error: %s\n' "$*" >&2; exit 1; }
show_tail() { [[ -s "$1" ]] && sed 's/^/[bench]   | /' <(tail -n 15 "$1") >&2 || true; }

case "$TSHARK_MODE" in auto | full | prefix | skip) ;; *) die "TSHARK_MODE must be auto, full, prefix or skip (got '$TSHARK_MODE')" ;; esac

# --- tools -------------------------------------------------------------------------------------------
ensure_tools() {
    local missing=()
    command -v tcpdump >/dev/null || missing+=(tcpdump)
    command -v tshark >/dev/null || missing+=(tshark)
    { command -v capinfos >/dev/null && command -v editcap >/dev/null; } || missing+=(wireshark-common)
    [[ -x /usr/bin/time ]] || missing+=(time)
    ((${#missing[@]} == 0)) && return
    log "installing missing packages: ${missing[*]}"
    local sudo=()
    ((EUID == 0)) || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq >/dev/null || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null \
        || die "could not install ${missing[*]} (needs root or sudo and apt)"
}
ensure_tools
command -v dotnet >/dev/null || die "dotnet SDK not found on PATH"

# --- builds ------------------------------------------------------------------------------------------
GEN_DLL="$ROOT/bench/TrafficGen/bin/Release/net10.0/apisentinel-trafficgen.dll"
if [[ -z "${APISENTINEL_CMD:-}" ]]; then
    log "publishing cli/ (Release) to out/apisentinel"
    dotnet publish "$ROOT/cli" -c Release -o "$ROOT/out/apisentinel" --nologo -v quiet >"$WORK/publish.log" 2>&1 \
        || { show_tail "$WORK/publish.log"; die "dotnet publish cli failed"; }
    APISENTINEL_CMD="$ROOT/out/apisentinel/apisentinel"
fi
read -r -a APISENTINEL <<<"$APISENTINEL_CMD"

# --- capture -----------------------------------------------------------------------------------------
if [[ -n "${BENCH_PCAP:-}" ]]; then
    PCAP=$BENCH_PCAP
    [[ -r "$PCAP" ]] || die "BENCH_PCAP=$PCAP is not a readable file"
    META=""
else
    PCAP="$DATA_DIR/traffic-$SIZE-seed$SEED-c$CONCURRENCY.pcap"
    META="$PCAP.meta"
    if [[ ! -s "$PCAP" || ! -s "$META" ]]; then
        log "building the traffic generator"
        dotnet build "$ROOT/bench/TrafficGen" -c Release --nologo -v quiet >"$WORK/gen-build.log" 2>&1 \
            || { show_tail "$WORK/gen-build.log"; die "building bench/TrafficGen failed"; }
        log "generating $PCAP ($SIZE, seed $SEED, $CONCURRENCY connections)"
        mkdir -p "$DATA_DIR"
        rm -f "$META"
        dotnet "$GEN_DLL" --out "$PCAP" --size "$SIZE" --seed "$SEED" --concurrency "$CONCURRENCY" 2>"$WORK/gen.meta" \
            || { show_tail "$WORK/gen.meta"; rm -f "$PCAP"; die "traffic generation failed"; }
        mv "$WORK/gen.meta" "$META"
        log "$(head -n 1 "$META")"
    else
        log "reusing $PCAP"
    fi
fi

meta_value() { [[ -n "$META" ]] && sed -n "s/^$1=//p" "$META" || true; }
GEN_EXCHANGES=$(meta_value exchanges)
FILE_BYTES=$(stat -c %s "$PCAP")
PACKETS=$(capinfos -T -r -c -M "$PCAP" 2>/dev/null | awk -F'\t' 'NF >= 2 { print $2; exit }')
[[ "$PACKETS" =~ ^[0-9]+$ ]] || die "capinfos could not count the packets of $PCAP"
if [[ -n "$META" && "$(meta_value packets)" != "$PACKETS" ]]; then
    die "capinfos counts $PACKETS packets but the generator wrote $(meta_value packets): the capture is damaged"
fi

# Every tool reads the file from the page cache: this measures processing, not the disk.
log "warming the page cache ($((FILE_BYTES / 1000000)) MB, $PACKETS packets)"
cat "$PCAP" >/dev/null

# timed NAME CMD...: runs CMD under /usr/bin/time; stdout passes through, stderr goes to $WORK/NAME.err,
# and "wall user sys maxrss_kb" goes to $WORK/NAME.time.
timed() {
    local name=$1
    shift
    /usr/bin/time -o "$WORK/$name.time" -f '%e %U %S %M' "$@" 2>"$WORK/$name.err"
}
# (the last line: GNU time puts a "Command exited with non-zero status" line first when there is one)
field() { awk -v i="$2" 'END { print $i }' "$WORK/$1.time"; }
cpu_seconds() { awk 'END { printf "%.3f", $2 + $3 }' "$WORK/$1.time"; }

# --- a. floor: bare pcap read ---------------------------------------------------------------------------
log "a. floor: tcpdump -r FILE -w /dev/null"
timed tcpdump tcpdump -r "$PCAP" -w /dev/null || { show_tail "$WORK/tcpdump.err"; die "tcpdump failed"; }

# --- b. tshark ------------------------------------------------------------------------------------------
# run_tshark NAME FILE LIMIT_SECONDS (0 = none): counts HTTP requests into $WORK/NAME.count; returns tshark's
# status (124 when the limit was hit).
run_tshark() {
    local rc=0
    timed "$1" timeout "$3" tshark -r "$2" "${TSHARK_DECODE_ARGS[@]}" -Y http.request -T fields -e frame.number >"$WORK/$1.out" || rc=$?
    wc -l <"$WORK/$1.out" >"$WORK/$1.count"
    return $rc
}
TSHARK_RUN=""   # which run the report uses: tshark-full or tshark-prefix
TSHARK_SCOPE=""
TSHARK_PACKETS=$PACKETS
TSHARK_BYTES=$FILE_BYTES
if [[ "$TSHARK_MODE" != skip ]]; then
    mode=$TSHARK_MODE
    full_limit=0
    if [[ "$mode" != full && "$PACKETS" -gt "$TSHARK_PREFIX_PACKETS" ]]; then
        PREFIX="$WORK/prefix.pcap"
        editcap -r "$PCAP" "$PREFIX" "1-$TSHARK_PREFIX_PACKETS" >/dev/null || die "editcap could not cut a prefix"
        log "b. tshark on the first $TSHARK_PREFIX_PACKETS packets"
        run_tshark tshark-prefix "$PREFIX" 0 || { show_tail "$WORK/tshark-prefix.err"; die "tshark failed"; }
        estimate=$(awk -v w="$(field tshark-prefix 1)" -v p="$PACKETS" -v n="$TSHARK_PREFIX_PACKETS" 'BEGIN { printf "%.0f", w * p / n }')
        TSHARK_RUN=tshark-prefix
        TSHARK_PACKETS=$TSHARK_PREFIX_PACKETS
        TSHARK_BYTES=$(stat -c %s "$PREFIX")
        TSHARK_SCOPE="first $TSHARK_PREFIX_PACKETS packets only; whole file estimated at ${estimate} s"
        if [[ "$mode" == auto && "$estimate" -le "$TSHARK_MAX_SECONDS" ]]; then
            mode=full
            # The estimate is from a short run; on a busy machine the whole file can take longer. Past 3× the
            # budget the prefix result is reported instead.
            full_limit=$((TSHARK_MAX_SECONDS * 3))
            log "   whole file estimated at ${estimate} s (<= ${TSHARK_MAX_SECONDS} s): running it whole"
        fi
    else
        mode=full
    fi
    if [[ "$mode" == full ]]; then
        log "b. tshark -r FILE -Y http.request (whole file)"
        rc=0
        run_tshark tshark-full "$PCAP" "$full_limit" || rc=$?
        if ((rc == 0)); then
            TSHARK_RUN=tshark-full
            TSHARK_PACKETS=$PACKETS
            TSHARK_BYTES=$FILE_BYTES
            TSHARK_SCOPE="whole file"
        elif ((rc == 124)) && [[ -n "$TSHARK_RUN" ]]; then
            log "   tshark did not finish the whole file within ${full_limit} s: reporting the prefix run"
            TSHARK_SCOPE="$TSHARK_SCOPE; whole file timed out after ${full_limit} s"
        else
            show_tail "$WORK/tshark-full.err"
            die "tshark failed on the whole file (status $rc)"
        fi
    fi
fi
TSHARK_COUNT=$([[ -n "$TSHARK_RUN" ]] && cat "$WORK/$TSHARK_RUN.count" || true)

# --- c. apisentinel -------------------------------------------------------------------------------------
log "c. ${APISENTINEL[*]} exchanges --pcap FILE --format jsonl"
if ! APISENTINEL_COUNT=$(timed apisentinel "${APISENTINEL[@]}" exchanges --pcap "$PCAP" --format jsonl | wc -l); then
    show_tail "$WORK/apisentinel.err"
    die "apisentinel exited with an error (command: ${APISENTINEL[*]})"
fi

# --- report ---------------------------------------------------------------------------------------------
# rate COUNT NAME: COUNT per CPU second and per wall second of run NAME.
# /usr/bin/time reports 10 ms steps: a run shorter than that has no meaningful rate ("n/a"; use a bigger file).
per_cpu() { awk -v c="$1" -v t="$(cpu_seconds "$2")" 'BEGIN { if (t > 0) printf "%.0f", c / t; else print "n/a" }'; }
per_wall() { awk -v c="$1" -v t="$(field "$2" 1)" 'BEGIN { if (t > 0) printf "%.0f", c / t; else print "n/a" }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.3f", b / 1e6 }'; }
rss_mb() { awk 'END { printf "%.0f", $4 / 1024 }' "$WORK/$1.time"; }
human() { awk -v n="$1" 'BEGIN { if (n == "n/a") print n; else if (n >= 1e6) printf "%.2f M", n / 1e6; else if (n >= 1e3) printf "%.1f k", n / 1e3; else printf "%.0f", n }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "n/a" && b != "n/a" && b > 0) printf "%.1f", a / b; else print "n/a" }'; }

row() { # LABEL NAME PACKETS BYTES EXCHANGES
    local name=$2
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" \
        "$(field "$name" 1)" "$(cpu_seconds "$name")" "$(rss_mb "$name")" \
        "$(human "$(per_cpu "$3" "$name")")" "$(per_cpu "$(mb "$4")" "$name")" \
        "$([[ -n "$5" ]] && human "$(per_cpu "$5" "$name")" || echo -)" \
        "$(human "$(per_wall "$3" "$name")")" "$(per_wall "$(mb "$4")" "$name")"
}
verdict() {
    [[ "$1" == n/a ]] && { echo n/a; return; }
    if awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { exit !((op == ">=") ? v >= t : v <= t) }'; then echo PASS; else echo FAIL; fi
}

AS_PPS_CPU=$(per_cpu "$PACKETS" apisentinel)
AS_RSS=$(rss_mb apisentinel)
VS_FLOOR_WALL=$(ratio "$(field apisentinel 1)" "$(field tcpdump 1)")
VS_FLOOR_CPU=$(ratio "$(cpu_seconds apisentinel)" "$(cpu_seconds tcpdump)")
CHECK_FAILED=0

REPORT="$WORK/report.md"
{
    echo "### apisentinel exchanges throughput — $(date -u +%Y-%m-%dT%H:%MZ)"
    echo
    echo "- capture: \`$(basename "$PCAP")\` — $(mb "$FILE_BYTES") MB, $PACKETS packets${GEN_EXCHANGES:+, $GEN_EXCHANGES exchanges (generator)}"
    echo "- machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1); $(dotnet --version 2>/dev/null | sed 's/^/.NET SDK /'); $(tshark --version 2>/dev/null | head -n 1 | cut -d' ' -f1-3); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "- apisentinel: \`${APISENTINEL[*]}\`; file read from the page cache by every tool"
    echo
    echo "| run | wall s | CPU s (user+sys) | peak RSS MB | packets/s per core | MB/s per core | exchanges/s per core | packets/s (wall) | MB/s (wall) |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    row "floor: \`tcpdump -r FILE -w /dev/null\`" tcpdump "$PACKETS" "$FILE_BYTES" ""
    if [[ -n "$TSHARK_SCOPE" ]]; then
        row "\`tshark -Y http.request\` ($TSHARK_SCOPE)" "$TSHARK_RUN" "$TSHARK_PACKETS" "$TSHARK_BYTES" "$TSHARK_COUNT"
    fi
    row "**\`apisentinel exchanges --format jsonl\`**" apisentinel "$PACKETS" "$FILE_BYTES" "$APISENTINEL_COUNT"
    echo
    echo "| target | measured | |"
    echo "|---|---:|---|"
    echo "| ≥ 1 M packets/s per core end to end | $(human "$AS_PPS_CPU") | $(verdict "$AS_PPS_CPU" '>=' 1000000) |"
    if [[ -n "$TSHARK_SCOPE" ]]; then
        SPEEDUP_CPU=$(ratio "$AS_PPS_CPU" "$(per_cpu "$TSHARK_PACKETS" "$TSHARK_RUN")")
        SPEEDUP_WALL=$(ratio "$(per_wall "$PACKETS" apisentinel)" "$(per_wall "$TSHARK_PACKETS" "$TSHARK_RUN")")
        echo "| ≥ 30× tshark (packets per CPU second; wall: ${SPEEDUP_WALL}×) | ${SPEEDUP_CPU}× | $(verdict "$SPEEDUP_CPU" '>=' 30) |"
    fi
    echo "| within 4× of the bare read (wall; CPU: ${VS_FLOOR_CPU}×) | ${VS_FLOOR_WALL}× | $(verdict "$VS_FLOOR_WALL" '<=' 4) |"
    echo "| peak RSS ≤ 300 MB | $AS_RSS MB | $(verdict "$AS_RSS" '<=' 300) |"
    if [[ -n "$GEN_EXCHANGES" ]]; then
        if [[ "$APISENTINEL_COUNT" == "$GEN_EXCHANGES" ]]; then ok=PASS; else ok=FAIL; CHECK_FAILED=1; fi
        echo "| exchanges (JSON lines) = generator's count ($GEN_EXCHANGES) | $APISENTINEL_COUNT | $ok |"
    fi
    if [[ "$TSHARK_SCOPE" == "whole file" ]]; then
        if [[ "$APISENTINEL_COUNT" == "$TSHARK_COUNT" ]]; then ok=PASS; else ok=FAIL; CHECK_FAILED=1; fi
        echo "| exchanges = tshark's http.request count ($TSHARK_COUNT) | $APISENTINEL_COUNT | $ok |"
    elif [[ -n "$TSHARK_SCOPE" ]]; then
        echo "| exchanges = tshark's http.request count | not checked: tshark ran on a prefix | - |"
    fi
} >"$REPORT"

if [[ -s "$WORK/apisentinel.err" ]]; then
    log "apisentinel's stderr (summary):"
    show_tail "$WORK/apisentinel.err"
fi
mkdir -p "$DATA_DIR"
SAVED="$DATA_DIR/results-$(date -u +%Y%m%dT%H%M%SZ).md"
cp "$REPORT" "$SAVED"
log "report saved to ${SAVED#"$ROOT"/} — paste it into bench/RESULTS.md"
echo
cat "$REPORT"
if ((CHECK_FAILED)); then
    log "CORRECTNESS CHECK FAILED: apisentinel's exchange count differs (see the table)"
    exit 3
fi
