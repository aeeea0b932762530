#!/usr/bin/env bash
# Runs the Dateline Spark job on this machine: scale/spark/run_local.sh IN OUT [CORES]
#   IN     input path(s): WARC or JSONL(.gz) files, directories or globs, comma-separated
#   OUT    output directory for the Parquet tables (re-running replaces the date partitions)
#   CORES  local[CORES] (default 2): tasks run at once, each with one single-threaded worker
# Environment: DATELINE_SPARK_VENV (default ../venv-spark beside the checkout, see
# setup_venv.sh), DATELINE_BIN (default target/release/dateline), DATELINE_SPARK_MEMORY
# (driver memory, default 2g). Extra arguments after CORES go to dateline_job.py.
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,9p' "$0" >&2
  exit 64
fi
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${DATELINE_SPARK_VENV:-$root/../venv-spark}"
bin="${DATELINE_BIN:-$root/target/release/dateline}"
in="$1"; out="$2"; cores="${3:-2}"
shift $(( $# < 3 ? $# : 3 ))
if [ ! -x "$venv/bin/spark-submit" ]; then
  echo "run_local: no PySpark in $venv; run scale/spark/setup_venv.sh (or set DATELINE_SPARK_VENV)" >&2
  exit 69
fi
if [ ! -x "$bin" ]; then
  echo "run_local: no dateline binary at $bin; run: cargo build --release --no-default-features" >&2
  exit 69
fi
export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
exec "$venv/bin/spark-submit" \
  --master "local[$cores]" \
  --driver-memory "${DATELINE_SPARK_MEMORY:-2g}" \
  --conf spark.ui.enabled=false \
  --conf spark.task.maxFailures=4 \
  --conf "spark.driver.extraJavaOptions=-Dlog4j2.level=warn" \
  "$here/dateline_job.py" --input "$in" --output "$out" --bin "$bin" "$@"
