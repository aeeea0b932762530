#!/usr/bin/env python3
"""Checks a Spark run against one `dateline extract` process on the same JSONL input.

    scale/spark/verify.sh IN OUT      (IN: the JSONL(.gz) the job read; OUT: its output)

Counts the input records, runs `dateline extract --jsonl IN` once, reads the Parquet tables
back, and compares: documents rows = input records = worker records, and the rows of every
other table = the items in the worker's output. Exit 1 on any difference.
"""
import argparse
import gzip
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import dateline_job as job  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--bin", default=os.environ.get("DATELINE_BIN", os.path.join(HERE, "..", "..", "target", "release", "dateline")))
    ap.add_argument("--threads", type=int, default=0, help="threads of the reference process (0: all cores)")
    a = ap.parse_args()

    opener = gzip.open if a.input.endswith(".gz") else open
    with opener(a.input, "rb") as fh:
        n_in = sum(1 for line in fh if line.strip())
    proc = subprocess.Popen(
        [a.bin, "extract", "--jsonl", "-", "--threads", str(a.threads)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    want = {t: 0 for t in job.TABLES}
    want["errors"] = 0
    import threading

    def feed():
        with opener(a.input, "rb") as fh:
            for line in fh:
                proc.stdin.write(line if line.endswith(b"\n") else line + b"\n")
        proc.stdin.close()

    t = threading.Thread(target=feed)
    t.start()
    for line in proc.stdout:
        r = json.loads(line)
        want["documents"] += 1
        want["errors"] += "error" in r
        for k in job.TABLES[1:]:
            want[k] += len(r.get(k) or [])
    t.join()
    if proc.wait() != 0:
        print("the reference dateline extract failed")
        return 1

    from pyspark.sql import functions as F

    spark = job.session(None, "dateline-verify")
    try:
        got = {k: job.read_table(spark, a.output, k).count() for k in job.TABLES}
        got["errors"] = job.read_table(spark, a.output, "documents").filter(F.col("error").isNotNull()).count()
    finally:
        spark.stop()
    print(f"input records: {n_in}")
    print("| table | Parquet rows | one dateline extract |")
    print("|---|---|---|")
    ok = n_in == got["documents"]
    for k in (*job.TABLES, "errors"):
        print(f"| {k} | {got[k]} | {want[k]} |")
        ok &= got[k] == want[k]
    print("OK: the Parquet output matches" if ok else "MISMATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
