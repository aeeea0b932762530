#!/usr/bin/env bash
# Load benchmark for `dateline serve` (not part of `cargo test`).
#
# Ingests the Reuters corpus into a store (once), serves it read-only on 127.0.0.1 and drives
# /api/search?q=oil and /api/events with wrk (Debian package `wrk`): 64 connections, 15 s per
# endpoint, so the whole run is bounded to 30 s of load. Prints requests/s and p99 latency.
#
#   bench/load.sh                       # defaults below
#   CONN=64 DUR=15s BIN=target/release/dateline STORE=target/bench-reuters bench/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/dateline}
STORE=${STORE:-target/bench-reuters}
CORPUS=${CORPUS:-../shared/data/corpus/reuters21578.jsonl.gz}
CONN=${CONN:-64}
DUR=${DUR:-15s}
THREADS=${THREADS:-2}
PORT=${PORT:-18080}
READERS=${READERS:-4}
SERVE_ARGS=${SERVE_ARGS:-}   # e.g. --no-cache to measure the store itself

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -x "$BIN" ] || { echo "build first: cargo build --release" >&2; exit 1; }
if [ ! -f "$STORE/dateline.sqlite" ]; then
    [ -f "$CORPUS" ] || { echo "no corpus at $CORPUS" >&2; exit 1; }
    "$BIN" ingest "$CORPUS" --store "$STORE"
fi

"$BIN" serve --store "$STORE" --addr "127.0.0.1:$PORT" --read-only --readers "$READERS" $SERVE_ARGS 2>/dev/null &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
    sleep 0.1
done

echo "serve args: ${SERVE_ARGS:-(none)}"
echo "store: $STORE ($(du -sh "$STORE" | cut -f1)), $CONN connections, $DUR per endpoint, wrk threads $THREADS, cores $(nproc)"
printf '%-28s %12s %10s %10s\n' endpoint "requests/s" p50 p99
for path in "/api/search?q=oil" "/api/events"; do
    out=$(wrk -t"$THREADS" -c"$CONN" -d"$DUR" --latency "http://127.0.0.1:$PORT$path")
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
    printf '%-28s %12s %10s %10s %s\n' "$path" "$rps" "$p50" "$p99" "${non2xx:+(non-2xx: $non2xx)}"
done
