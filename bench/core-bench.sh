#!/usr/bin/env bash
# Core hot-path benchmarks (JMH, single thread) and the native references on the same bytes:
#   openssl speed (SHA-256, AES-256-GCM) and zstd -b1.
# Usage: bench/core-bench.sh [JAVA_HOME ...]     (default: the java on PATH)
# Output: core/target/bench-results/{corpus.bin,jmh-*.csv,*.txt,summary.md}
# Results go into docs/performance.md by hand, with the machine and date.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=core/target/bench-results
CORPUS=$OUT/corpus.bin
CORPUS_SIZE=$((64 * 1024 * 1024))   # 16 buffers of 4 MiB, as the JMH benchmarks use
CHUNK=4194304
mkdir -p "$OUT"

# Real data: regular files under /usr/lib and /usr/share in sorted path order, first 64 MiB.
if [ ! -f "$CORPUS" ] || [ "$(stat -c %s "$CORPUS")" -ne "$CORPUS_SIZE" ]; then
    find /usr/lib /usr/share -type f -readable -print0 2>/dev/null | LC_ALL=C sort -z \
        | xargs -0 cat 2>/dev/null | head -c "$CORPUS_SIZE" > "$CORPUS" || true
fi
[ "$(stat -c %s "$CORPUS")" -eq "$CORPUS_SIZE" ] || { echo "corpus too small" >&2; exit 1; }

# Build under the shared Maven lock (other builds run on this machine); run without it.
flock /tmp/pbsj-mvn.lock mvn -B -q -o -Pbench -pl core package -DskipTests \
    || flock /tmp/pbsj-mvn.lock mvn -B -q -Pbench -pl core package -DskipTests
JAR=core/target/benchmarks.jar

JDKS=("$@")
[ ${#JDKS[@]} -gt 0 ] || JDKS=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")

mbps() { awk -v v="$1" -v b="$CHUNK" 'BEGIN { printf "%.0f", v * b / 1e6 }'; }

{
    echo "# core-bench $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
    echo
    echo "| path | JDK | ops/s (4 MiB) | MB/s | ± MB/s (99.9%) |"
    echo "|---|---|---|---|---|"
} > "$OUT/summary.md"

for jdk in "${JDKS[@]}"; do
    ver=$("$jdk/bin/java" -version 2>&1 | head -1 | sed -E 's/.*"([0-9]+)[^"]*".*/\1/')
    extra=""
    [ "$ver" -ge 22 ] && extra="--enable-native-access=ALL-UNNAMED"
    csv="$OUT/jmh-jdk$ver.csv"
    echo "== JMH on JDK $ver ($jdk)"
    "$jdk/bin/java" $extra -jar "$JAR" -rf csv -rff "$csv" \
        -jvmArgsAppend "-Dpbsj.bench.corpus=$CORPUS $extra" | tee "$OUT/jmh-jdk$ver.txt"
    tail -n +2 "$csv" | tr -d '"' | while IFS=, read -r name mode thr cnt score err unit rest; do
        echo "| ${name#org.pbsj.core.bench.} | $ver | $(printf '%.1f' "$score") | $(mbps "$score") | $(mbps "$err") |"
    done >> "$OUT/summary.md"
done

echo "== openssl"
openssl speed -bytes "$CHUNK" -seconds 3 sha256 2>/dev/null | tee "$OUT/openssl-sha256.txt"
openssl speed -evp aes-256-gcm -bytes "$CHUNK" -seconds 3 2>/dev/null | tee "$OUT/openssl-aes-256-gcm.txt"
echo "== zstd"
command -v zstd >/dev/null || apt-get install -y zstd
# -T1: single thread like the JMH runs; -B4194304: independent 4 MiB blocks, like chunks.
zstd -b1 -T1 "$CORPUS" 2>&1 | tr '\r' '\n' | grep -a 'MB/s' | tail -1 | tee "$OUT/zstd-b1.txt"
zstd -b1 -T1 -B"$CHUNK" "$CORPUS" 2>&1 | tr '\r' '\n' | grep -a 'MB/s' | tail -1 | tee "$OUT/zstd-b1-B4M.txt"

k_to_mbps() { awk -v v="${1%k}" 'BEGIN { printf "%.0f", v * 1000 / 1e6 }'; }
{
    echo
    echo "| reference | MB/s |"
    echo "|---|---|"
    echo "| openssl sha256 | $(k_to_mbps "$(awk '/^sha256/ { print $NF }' "$OUT/openssl-sha256.txt")") |"
    echo "| openssl aes-256-gcm (encrypt) | $(k_to_mbps "$(awk '/^AES-256-GCM/ { print $NF }' "$OUT/openssl-aes-256-gcm.txt")") |"
    echo "| zstd -b1 compress / decompress | $(sed -E 's/.*\),\s*([0-9.]+) MB\/s,\s*([0-9.]+) MB\/s.*/\1 \/ \2/' "$OUT/zstd-b1.txt") |"
    echo "| zstd -b1 -B4194304 compress / decompress | $(sed -E 's/.*\),\s*([0-9.]+) MB\/s,\s*([0-9.]+) MB\/s.*/\1 \/ \2/' "$OUT/zstd-b1-B4M.txt") |"
    echo "| zstd ratio (whole / 4 MiB blocks) | $(sed -E 's/.*\(x?([0-9.]+)\).*/\1/' "$OUT/zstd-b1.txt") / $(sed -E 's/.*\(x?([0-9.]+)\).*/\1/' "$OUT/zstd-b1-B4M.txt") |"
} >> "$OUT/summary.md"
echo
cat "$OUT/summary.md"
