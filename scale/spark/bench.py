#!/usr/bin/env python3
"""Scaling benchmark of the Spark job: local[1] against local[2] (or any core counts).

    python3 scale/spark/bench.py ../shared/data/corpus/reuters21578.jsonl.gz \
        [--records N] [--cores 1,2] [--html-dir ../shared/data/extraction/scrapinghub/html]

For each core count it runs scale/spark/run_local.sh into a fresh output folder and reads the
run summary: the time of the pipe stage (the workers, from the first task to the last record
parsed; JVM start-up and Parquet writing are excluded) and of the whole job, and each worker
process's peak resident memory. It also times one `dateline extract --threads 1` process over
the same records (the worker alone, no Spark), and, with --html-dir, over real HTML pages
(the per-page cost of a news crawl). It prints a Markdown table, the load average before and
after (the machine may be shared), and the cores needed for one year of CC-NEWS at the
measured rate. Uses only the standard library; run_local.sh finds the PySpark venv.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))

#: English articles in CC-NEWS per year: 63 million from Sept 2016 to Feb 2019 (29 months), as
#: reported for the RoBERTa corpus (Liu et al. 2019). All languages together are several times
#: more; pass --articles-per-year to plan for another figure.
CCNEWS_ENGLISH_PER_YEAR = 63_000_000 / 29 * 12


def load() -> str:
    try:
        return " ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        return "?"


def prepare(src: str, n: int | None, path: str) -> tuple[int, int]:
    """Writes the first n records of src (JSONL, maybe gzipped) to path; returns (records, text bytes)."""
    opener = gzip.open if src.endswith(".gz") else open
    recs = chars = 0
    with opener(src, "rt", encoding="utf-8") as fh, open(path, "w", encoding="utf-8") as out:
        for line in fh:
            if not line.strip():
                continue
            if n is not None and recs >= n:
                break
            out.write(line if line.endswith("\n") else line + "\n")
            recs += 1
            try:
                chars += len((json.loads(line).get("text") or "").encode("utf-8"))
            except ValueError:
                pass
    return recs, chars


def time_worker(bin_path: str, jsonl: str) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS MiB) of one `dateline extract --threads 1` over jsonl."""
    t = time.perf_counter()
    with open(jsonl, "rb") as inp, open(os.devnull, "wb") as null:
        p = subprocess.Popen([bin_path, "extract", "--jsonl", "-", "--threads", "1"], stdin=inp, stdout=null)
        _, status, ru = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise SystemExit(f"dateline extract failed with {p.returncode}")
    return time.perf_counter() - t, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


def html_pages(html_dir: str, path: str) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for name in sorted(os.listdir(html_dir)):
            p = os.path.join(html_dir, name)
            opener = gzip.open if name.endswith(".gz") else open
            with opener(p, "rb") as fh:
                page = fh.read().decode("utf-8", "replace")
            out.write(json.dumps({"id": name, "html": page}) + "\n")
            n += 1
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input")
    ap.add_argument("--records", type=int, help="only the first N records (default: all)")
    ap.add_argument("--cores", default="1,2")
    ap.add_argument("--bin", default=os.environ.get("DATELINE_BIN", os.path.join(ROOT, "target", "release", "dateline")))
    ap.add_argument("--html-dir", help="real HTML pages (*.html or *.html.gz) for the per-page worker rate")
    ap.add_argument("--articles-per-year", type=float, default=CCNEWS_ENGLISH_PER_YEAR)
    ap.add_argument("--article-bytes", type=int, default=4000, help="mean article text size for the estimate")
    ap.add_argument("--partitions", type=int, default=8, help="JSONL partitions, the same for every core count")
    ap.add_argument("--keep", help="keep the outputs here")
    a = ap.parse_args()

    work = a.keep or tempfile.mkdtemp(prefix="dateline-bench-")
    os.makedirs(work, exist_ok=True)
    jsonl = os.path.join(work, "input.jsonl")
    n, text_bytes = prepare(a.input, a.records, jsonl)
    print(f"input: {n} records, {text_bytes / 1e6:.1f} MB of text; load average before: {load()}", flush=True)

    w_secs, w_cpu, w_rss = time_worker(a.bin, jsonl)
    print(
        f"one `dateline extract --threads 1` process: {w_secs:.1f} s wall, {w_cpu:.1f} s CPU"
        f" = {n / w_cpu:.0f} docs per CPU-second; peak RSS {w_rss:.0f} MiB",
        flush=True,
    )
    page_rate = None
    if a.html_dir and os.path.isdir(a.html_dir):
        pages = os.path.join(work, "pages.jsonl")
        n_pages = html_pages(a.html_dir, pages)
        _, p_cpu, _ = time_worker(a.bin, pages)
        page_rate = n_pages / p_cpu
        print(f"real HTML pages: {n_pages} in {p_cpu:.2f} CPU s = {page_rate:.0f} pages per CPU-second", flush=True)

    results = []
    for c in [int(x) for x in a.cores.split(",")]:
        out = os.path.join(work, f"out-{c}")
        shutil.rmtree(out, ignore_errors=True)
        t = time.perf_counter()
        rss_file = os.path.join(work, f"rss-{c}")
        r = subprocess.run(
            (["/usr/bin/time", "-f", "%M %U %S", "-o", rss_file] if os.path.exists("/usr/bin/time") else [])
            + [os.path.join(HERE, "run_local.sh"), jsonl, out, str(c), "--partitions", str(a.partitions), "--warmup"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        wall = time.perf_counter() - t
        if r.returncode != 0:
            sys.stderr.write(r.stderr.decode("utf-8", "replace")[-3000:])
            return r.returncode
        s = json.load(open(os.path.join(out, "_dateline_run.json")))
        s["wall_seconds"] = wall
        try:
            m, u, sy = open(rss_file).read().split()[-3:]
            s["jvm_rss_mb"] = int(m) / 1024
            s["job_cpu_seconds"] = float(u) + float(sy)  # every process of the job, JVM included
        except (OSError, ValueError):
            s["jvm_rss_mb"] = s["job_cpu_seconds"] = float("nan")
        results.append((c, s))
        print(f"local[{c}]: pipe {s['pipe_seconds']:.1f} s, job {s['total_seconds']:.1f} s, wall {wall:.1f} s; load {load()}", flush=True)

    base = results[0][1]["pipe_seconds"] if results else None
    print()
    print(
        "| master | pipe stage s | docs/s | MB text/s | speed-up | whole job s | tasks "
        "| worker CPU s | job CPU s | peak RSS MiB: dateline worker | Python worker | JVM |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for c, s in results:
        ps = s["pipe_seconds"]
        print(
            f"| local[{c}] | {ps:.1f} | {n / ps:.0f} | {text_bytes / 1e6 / ps:.2f} | {base / ps:.2f}x "
            f"| {s['total_seconds']:.1f} | {s['workers']} | {s.get('worker_cpu_seconds', float('nan')):.1f} "
            f"| {s['job_cpu_seconds']:.1f} | {s['max_worker_rss_mb']:.0f} "
            f"| {s.get('max_python_worker_rss_mb', float('nan')):.0f} | {s['jvm_rss_mb']:.0f} |"
        )
    print(f"\nload average after: {load()}")
    for c, s in results:
        print(
            f"local[{c}]: {n / s['job_cpu_seconds']:.0f} docs per CPU-second for the whole job "
            f"(workers alone {n / s['worker_cpu_seconds']:.0f}; one process without Spark {n / w_cpu:.0f})"
        )
    # Per core, by text volume: the workers' CPU per MB of article text in the local[1] run
    # (process start-up included), for articles of --article-bytes, plus the per-page HTML cost
    # measured on real pages when given (the Reuters stories are plain text and skip extraction).
    # Spark's own CPU is mostly a fixed cost per job (JVM start, planning): printed apart.
    s1 = results[0][1] if results else {}
    base_cpu = s1.get("worker_cpu_seconds", w_cpu)
    sec_per_article = base_cpu / text_bytes * a.article_bytes
    if page_rate:
        sec_per_article += 1 / page_rate
    rate = 1 / sec_per_article
    core_hours = a.articles_per_year / rate / 3600
    if s1:
        print(
            f"\nSpark's own CPU in local[{results[0][0]}]: {s1['job_cpu_seconds'] - s1['worker_cpu_seconds']:.1f} s"
            f" (job {s1['job_cpu_seconds']:.1f} s - workers {s1['worker_cpu_seconds']:.1f} s), mostly fixed per job"
        )
    print(
        f"\nCC-NEWS estimate: {a.articles_per_year / 1e6:.0f} M articles/year of {a.article_bytes} bytes of text,"
        f" at {rate:.0f} articles per core-second = {core_hours:,.0f} core-hours;"
        f" one year in 24 h needs {core_hours / 24:.1f} cores, in a week {core_hours / 24 / 7:.1f};"
        f" keeping up with the crawl needs {core_hours / 8766:.2f} cores"
    )
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
