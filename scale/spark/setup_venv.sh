#!/usr/bin/env bash
# Installs PySpark (and warcio, for WARC input) from PyPI into a virtual environment OUTSIDE the
# checkout: $DATELINE_SPARK_VENV, or ../venv-spark beside the checkout. Idempotent.
# Exits 0 without installing (and says so) when python3's venv module or PyPI is unavailable,
# so that CI can go on and the Spark test skips with a notice.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="${DATELINE_SPARK_VENV:-$root/../venv-spark}"
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import pyspark, warcio' 2>/dev/null; then
  echo "setup_venv: $venv is ready ($("$venv/bin/python" -c 'import pyspark; print("pyspark", pyspark.__version__)'))"
  exit 0
fi
if ! python3 -m venv "$venv"; then
  echo "NOTICE: setup_venv: cannot create $venv (python3 -m venv failed); the Spark test will skip"
  exit 0
fi
if ! "$venv/bin/pip" install --quiet --disable-pip-version-check 'pyspark>=4,<5' 'warcio>=1.7,<2'; then
  echo "NOTICE: setup_venv: cannot install pyspark/warcio from PyPI; the Spark test will skip"
  exit 0
fi
echo "setup_venv: installed into $venv ($("$venv/bin/python" -c 'import pyspark; print("pyspark", pyspark.__version__)'))"
if ! command -v java >/dev/null 2>&1; then
  echo "NOTICE: setup_venv: no java on PATH; Spark needs Java 17 (apt-get install openjdk-17-jre-headless)"
fi
