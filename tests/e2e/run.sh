#!/usr/bin/env bash
# Runs the browser tests against `dateline demo`'s store. Skips with a notice when Chromium or
# npm is unavailable. Usage: tests/e2e/run.sh [path/to/dateline] [screenshot dir]
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-$here/../../target/release/dateline}"
shots="${2:-$here/../../docs/screenshots}"
if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || true
  fi
fi
if ! command -v chromium >/dev/null || ! command -v npm >/dev/null; then
  echo "NOTICE: chromium or npm not available; skipping the browser tests"; exit 0
fi
(cd "$here" && npm install --no-audit --no-fund --silent >/dev/null 2>&1) || { echo "NOTICE: npm install failed; skipping the browser tests"; exit 0; }
store="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
"$bin" demo --store "$store" --no-serve --threads 2 >/dev/null 2>"$store/ingest.log" || { cat "$store/ingest.log"; exit 1; }
"$bin" serve --store "$store" --addr "127.0.0.1:$port" --read-only 2>"$store/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$store"' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/api/stats" >/dev/null && break; sleep 0.2; done
node "$here/ui.test.mjs" "http://127.0.0.1:$port" "$shots"
