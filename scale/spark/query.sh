#!/usr/bin/env bash
# Runs a Spark SQL query over the Parquet output: scale/spark/query.sh OUT [QUERY.sql] [--limit N] [--csv DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${DATELINE_SPARK_VENV:-$root/../venv-spark}"
if [ ! -x "$venv/bin/spark-submit" ]; then
  echo "query: no PySpark in $venv; run scale/spark/setup_venv.sh (or set DATELINE_SPARK_VENV)" >&2
  exit 69
fi
export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
exec "$venv/bin/spark-submit" --master "local[${DATELINE_SPARK_CORES:-2}]" \
  --driver-memory "${DATELINE_SPARK_MEMORY:-2g}" --conf spark.ui.enabled=false \
  "$here/query.py" "$@"
