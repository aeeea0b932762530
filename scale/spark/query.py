#!/usr/bin/env python3
"""Runs a Spark SQL query over the job's Parquet output, with every table registered as a view.

    scale/spark/query.sh OUT [QUERY.sql]     (default: queries/daily_actor_pairs.sql)

Prints up to --limit rows; --csv FILE writes all rows as CSV instead.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import dateline_job as job  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("output")
    ap.add_argument("sql", nargs="?", default=os.path.join(HERE, "queries", "daily_actor_pairs.sql"))
    ap.add_argument("--limit", type=int, default=50)
    ap.add_argument("--csv")
    a = ap.parse_args()
    spark = job.session(None, "dateline-query")
    try:
        df = job.run_sql_file(spark, a.output, a.sql)
        if a.csv:
            df.coalesce(1).write.mode("overwrite").option("header", True).csv(a.csv)
        else:
            df.show(a.limit, truncate=False)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
