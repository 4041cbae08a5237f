#!/usr/bin/env bash
# Datastore job benchmarks: GC over a store of many small chunks (mark and sweep timed apart),
# and verify throughput against the 2-thread limit of CRC + zstd decompress + SHA-256 measured
# in the same process. Plain main classes (GcBench, VerifyBench) in core/target/benchmarks.jar.
#
# Usage: bench/jobs-bench.sh [options] [SCRATCH_DIR]
#   SCRATCH_DIR      where the generated datastores live, outside the repository
#                    (default: $PBSJ_BENCH_DIR, else ${TMPDIR:-/var/tmp}/pbsj-jobs-bench);
#                    kept between runs, GC's store is restored to its starting state each time
#   --rebuild        delete and regenerate the datastores
#   --gc-only | --verify-only
#   --chunks N       chunks in the GC store (default 1000000; needs ~4.5 GB on ext4)
#   --mib N          MiB of file data in the verify store (default 1700: ~1.2 GiB unique after dedup)
#   --chunker buzhash|fixed   chunker of the verify store (default buzhash, 4 MiB average)
#   --rounds N       verify/limit rounds (default 5)
#   --workers N      verify workers and limit threads (default 2)
#   --cold           also try a run after `echo 3 > /proc/sys/vm/drop_caches` (root only)
#   --no-build       use the existing core/target/benchmarks.jar
# Environment: JAVA (default: java on PATH).
# Output: core/target/bench-results/jobs-*.txt. Results go into docs/performance.md by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

REBUILD=0 GC=1 VERIFY=1 COLD=0 BUILD=1
CHUNKS=1000000 MIB=1700 CHUNKER=buzhash ROUNDS=5 WORKERS=2
SCRATCH="${PBSJ_BENCH_DIR:-${TMPDIR:-/var/tmp}/pbsj-jobs-bench}"
while [ $# -gt 0 ]; do
    case "$1" in
        --rebuild) REBUILD=1 ;;
        --gc-only) VERIFY=0 ;;
        --verify-only) GC=0 ;;
        --chunks) CHUNKS=$2; shift ;;
        --mib) MIB=$2; shift ;;
        --chunker) CHUNKER=$2; shift ;;
        --rounds) ROUNDS=$2; shift ;;
        --workers) WORKERS=$2; shift ;;
        --cold) COLD=1 ;;
        --no-build) BUILD=0 ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        -*) echo "unknown option $1" >&2; exit 2 ;;
        *) SCRATCH=$1 ;;
    esac
    shift
done

case "$(readlink -f "$SCRATCH")" in
    "$(pwd -P)"|"$(pwd -P)"/*) echo "scratch directory must be outside the repository" >&2; exit 2 ;;
esac

OUT=core/target/bench-results
JAR=core/target/benchmarks.jar
JAVA=${JAVA:-java}
if [ "$BUILD" = 1 ]; then
    # Build under the shared Maven lock (other builds run on this machine); run without it.
    # Offline first; online only if the bench profile's plugins (JMH, build-helper) are not cached yet.
    flock /tmp/pbsj-mvn.lock mvn -B -q -o -Pbench -pl core package -DskipTests \
        || flock /tmp/pbsj-mvn.lock mvn -B -q -Pbench -pl core package -DskipTests
fi
mkdir -p "$OUT" "$SCRATCH"
ver=$("$JAVA" -version 2>&1 | head -1 | sed -E 's/.*"([0-9]+)[^"]*".*/\1/')
NATIVE=""
[ "$ver" -ge 22 ] && NATIVE="--enable-native-access=ALL-UNNAMED"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
LOG="$OUT/jobs-$STAMP.txt"

header() {
    echo "# $1: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2),"\
        "$(free -g | awk '/^Mem:/ { print $2 " GiB RAM" }'), JDK $ver"
    echo "# filesystem: $(df -hT "$SCRATCH" | awk 'NR == 2 { print $2 ", " $1 }'); uptime:$(uptime | sed 's/.*load/ load/')"
}

drop_caches() {
    sync
    if echo 3 2>/dev/null > /proc/sys/vm/drop_caches; then
        echo "# page cache dropped"
        return 0
    fi
    echo "# could not drop the page cache (not root or not allowed here): cold run skipped"
    return 1
}

run_java() {
    local heap=$1; shift
    # shellcheck disable=SC2086
    "$JAVA" $NATIVE "-Xmx$heap" -cp "$JAR" "$@"
}

{
    if [ "$GC" = 1 ]; then
        [ "$REBUILD" = 1 ] && rm -rf "$SCRATCH/gc"
        header "GC bench"
        echo "== prepare ($CHUNKS chunks)"
        run_java 1g org.pbsj.core.bench.GcBench prepare "$SCRATCH/gc" --chunks "$CHUNKS"
        sync
        echo "== GC run (page cache hot)"
        echo "# before: $(uptime)"
        run_java 1g org.pbsj.core.bench.GcBench run "$SCRATCH/gc"
        echo "# after: $(uptime)"
        if [ "$COLD" = 1 ]; then
            echo "== prepare again, then GC run with the page cache dropped"
            run_java 1g org.pbsj.core.bench.GcBench prepare "$SCRATCH/gc"
            if drop_caches; then
                echo "# before: $(uptime)"
                run_java 1g org.pbsj.core.bench.GcBench run "$SCRATCH/gc"
            fi
        fi
    fi
    if [ "$VERIFY" = 1 ]; then
        [ "$REBUILD" = 1 ] && rm -rf "$SCRATCH/verify"
        header "verify bench"
        echo "== prepare ($MIB MiB, $CHUNKER chunker)"
        run_java 3g org.pbsj.core.bench.VerifyBench prepare "$SCRATCH/verify" --mib "$MIB" --chunker "$CHUNKER"
        echo "== verify vs limit (page cache hot: the store was just written or read)"
        echo "# before: $(uptime)"
        run_java 3g org.pbsj.core.bench.VerifyBench run "$SCRATCH/verify" --rounds "$ROUNDS" --workers "$WORKERS"
        echo "# after: $(uptime)"
        if [ "$COLD" = 1 ] && drop_caches; then
            echo "== verify vs limit, page cache dropped before each verify (round 1 also warms the JIT up)"
            run_java 3g org.pbsj.core.bench.VerifyBench run "$SCRATCH/verify" --rounds "$ROUNDS" --workers "$WORKERS" --cold
        fi
    fi
} 2>&1 | tee "$LOG"
echo "(log: $LOG)"
