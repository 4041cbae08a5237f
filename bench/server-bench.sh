#!/usr/bin/env bash
# Backup through the server compared with the same backup into a local datastore, and four
# concurrent backups through the server; server memory sampled meanwhile.
#
#   bench/server-bench.sh [SOURCE]      (default: the shared harness's full tree corpus)
#
# Starts its own server (PBSJ_HOME=/var/tmp/pbsj-server-bench, port 28007) with the built
# EAR, runs every backup with a fresh datastore, prints a Markdown table. Needs a build
# (mvn -B install -DskipTests).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
SRC=${1:-/var/tmp/pbs-bench/corpus/full/tree-day1}
WORK=${PBSJ_BENCH_WORK:-/var/tmp/pbsj-server-bench}
export PBSJ_HOME=$WORK/home PBSJ_PORT=28007 PBSJ_PORT_OFFSET=300 PBSJ_BIND=127.0.0.1
CLIENT=$ROOT/bin/pbs-client
MANAGER=$ROOT/bin/pbs-manager

[[ -e $SRC ]] || { echo "no source $SRC (run ../shared/bench/make-corpus.sh)" >&2; exit 1; }
if [[ -d $SRC ]]; then SPEC="root.pxar:$SRC"; else SPEC="disk.img:$SRC"; fi
BYTES=$(du -sb --apparent-size "$SRC" | cut -f1)

"$ROOT/bin/pbs-server" stop >/dev/null 2>&1 || true
rm -rf "$WORK"; mkdir -p "$WORK"
"$ROOT/bin/pbs-server" start > "$WORK/start.out"
trap '"$ROOT/bin/pbs-server" stop >/dev/null 2>&1 || true' EXIT
PID=$(cat "$PBSJ_HOME/server.pid")
FP=$("$MANAGER" cert info --port "$PBSJ_PORT" | sed -n 's/^Fingerprint (sha256): //p')
TOKEN=$(cat "$PBSJ_HOME/data/pbsj-etc/manager.token")
export PBS_FINGERPRINT=$FP PBS_PASSWORD=${TOKEN#*:}
USER_ID=${TOKEN%%:*}
export XDG_CACHE_HOME=$WORK/cache XDG_CONFIG_HOME=$WORK/config

# server memory: peak RSS and peak used heap while the backups run
sample() {
    local peak_rss=0 peak_heap=0 rss heap
    while kill -0 "$PID" 2>/dev/null; do
        rss=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status" 2>/dev/null || echo 0)
        heap=$(jcmd "$PID" GC.heap_info 2>/dev/null | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub("K","",v); print v; exit}}')
        (( rss > peak_rss )) && peak_rss=$rss
        [[ -n $heap ]] && (( heap > peak_heap )) && peak_heap=$heap
        echo "$peak_rss $peak_heap" > "$WORK/mem"
        sleep 1
    done
}
sample & SAMPLER=$!

timed() { # label command...
    local start end
    sync
    start=$(date +%s.%N)
    "$@" >> "$WORK/client.log" 2>&1
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}

mkdir -p "$WORK/local/.chunks"
t_local=$(timed "$CLIENT" backup "$SPEC" --repository "$WORK/local" --backup-id bench)

"$MANAGER" datastore create single "$WORK/ds-single" > /dev/null
t_server=$(timed "$CLIENT" backup "$SPEC" --repository "$USER_ID@localhost:$PBSJ_PORT:single" --backup-id bench)

"$MANAGER" datastore create multi "$WORK/ds-multi" > /dev/null
start=$(date +%s.%N)
for i in 1 2 3 4; do
    "$CLIENT" backup "$SPEC" --repository "$USER_ID@localhost:$PBSJ_PORT:multi" --backup-id "bench$i" >> "$WORK/client.log" 2>&1 &
done
wait $(jobs -p | grep -v "^$SAMPLER\$") 2>/dev/null || true
end=$(date +%s.%N)
t_multi=$(echo "$end - $start" | bc)
read -r rss heap < "$WORK/mem"
kill "$SAMPLER" 2>/dev/null || true

mb() { echo "scale=1; $1 / $2 / 1000000" | bc; }
cat <<TABLE
| run | bytes | wall s | MB/s | ratio |
|---|--:|--:|--:|--:|
| local datastore | $BYTES | $t_local | $(mb "$BYTES" "$t_local") | 1 |
| through the server (TLS, HTTP/2) | $BYTES | $t_server | $(mb "$BYTES" "$t_server") | $(echo "scale=2; $t_local / $t_server" | bc) of local |
| 4 concurrent through the server | $((4 * BYTES)) | $t_multi | $(mb "$((4 * BYTES))" "$t_multi") | $(echo "scale=2; (4 * $t_server) / $t_multi" | bc) of single |

Server peak RSS $((rss / 1024)) MiB, peak used heap $((heap / 1024)) MiB (jcmd GC.heap_info, sampled each second).
TABLE
