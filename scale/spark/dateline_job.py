#!/usr/bin/env python3
"""Dateline on Apache Spark: WARC or JSONL shards in, typed Parquet tables out.

Each Spark task pipes one partition of input records through one `dateline extract --jsonl -`
worker process (JSONL on stdin, one JSONL record per input on stdout, in order), so every
stage of the Rust pipeline runs unchanged. The worker's output is parsed with a fixed schema
(scale/SCHEMA.md) and written as six Parquet tables partitioned by publication date:

    OUT/documents/date=YYYY-MM-DD/part-*.parquet   (date=unknown when there is no date)
    OUT/entities/  OUT/quotes/  OUT/events/  OUT/places/  OUT/claims/

Re-running over the same input replaces the date partitions it writes (dynamic partition
overwrite), in every table, so a re-run is idempotent. A task whose worker dies is failed and
retried by Spark; a bad record only gets an `error` in its `documents` row.

Usage (see run_local.sh for a local run):

    spark-submit scale/spark/dateline_job.py --input PATH[,PATH...] --output OUT \
        [--bin target/release/dateline] [--partitions N] [--threads 1]

PATHs are files, directories or globs on any Hadoop filesystem (file:, hdfs:, s3a:, ...):
`*.warc`, `*.warc.gz`, `*.jsonl`, `*.jsonl.gz` (also `.json`, `.ndjson`).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
from typing import Iterable, Iterator

TABLES = ("documents", "entities", "quotes", "events", "places", "claims")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".json", ".json.gz", ".ndjson", ".ndjson.gz")
#: Name of the per-run summary written beside the tables (Spark ignores `_` files).
SUMMARY = "_dateline_run.json"

# ---------------------------------------------------------------------------------------------
# Input records (plain Python: runs inside the executors)
# ---------------------------------------------------------------------------------------------


def jsonl_record(line: str) -> str | None:
    """Normalises one JSONL input line for the worker; None for a blank line.

    A record without an `id` gets one derived from its content, so that ids stay unique and
    stable however the input is split into partitions (the worker's own fallback, `line-N`,
    counts lines within one process). A line that is not a JSON object passes through as it is:
    the worker answers it with an error record.
    """
    s = line.strip()
    if not s:
        return None
    if '"id"' in s:
        return s
    try:
        rec = json.loads(s)
    except ValueError:
        return s
    if not isinstance(rec, dict) or "id" in rec:
        return s
    rec["id"] = "sha1-" + hashlib.sha1(s.encode("utf-8")).hexdigest()[:20]
    return json.dumps(rec, ensure_ascii=False)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_html(body: bytes, content_type: str | None) -> str:
    """Decodes an HTTP payload: the header's charset, else a <meta> charset, else UTF-8."""
    candidates = []
    if content_type:
        m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.I)
        if m:
            candidates.append(m.group(1))
    m = _META_CHARSET.search(body[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", "replace"))
    candidates.append("utf-8")
    for cs in candidates:
        try:
            return body.decode(cs)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", "replace")


def warc_records(stream, origin: str) -> Iterator[str]:
    """Worker input lines `{id, url, html}` for the HTML `response` records of one WARC stream.

    `id` is the WARC-Record-ID without its angle brackets. A stream that cannot be read to the
    end (a truncated or corrupt file) yields one error line naming the file and the offset, and
    stops: the records before it still come out.
    """
    from warcio.archiveiterator import ArchiveIterator

    it = ArchiveIterator(stream)
    try:
        for rec in it:
            if rec.rec_type not in ("response", "resource"):
                continue
            ctype = None
            if rec.http_headers is not None:
                ctype = rec.http_headers.get_header("Content-Type")
                status = rec.http_headers.get_statuscode()
                if status and not str(status).startswith("2"):
                    continue
            else:
                ctype = rec.rec_headers.get_header("Content-Type")
            if ctype and "html" not in ctype.lower() and "text" not in ctype.lower():
                continue
            rid = (rec.rec_headers.get_header("WARC-Record-ID") or "").strip("<> ")
            url = rec.rec_headers.get_header("WARC-Target-URI")
            body = rec.content_stream().read()
            rid = rid or f"{origin}@{it.get_record_offset()}"
            missing = getattr(rec.raw_stream, "limit", 0) or 0
            if missing > 0:  # the file ends inside this record
                yield ERROR_MARK + error_record(rid, f"truncated WARC record: {missing} bytes missing in {origin}")
                continue
            out = {"id": rid, "html": decode_html(body, ctype)}
            if url:
                out["url"] = url
            yield json.dumps(out, ensure_ascii=False)
    except Exception as e:  # noqa: BLE001 - any reader failure becomes a record, not a crash
        try:
            offset = it.get_record_offset()
        except Exception:  # noqa: BLE001
            offset = -1
        yield ERROR_MARK + error_record(f"{origin}@{offset}", f"cannot read WARC record: {e}")


#: Prefix of an input line that is already an output (error) record: it bypasses the worker.
ERROR_MARK = "\x00error\x00"


def error_record(rid: str, msg: str) -> str:
    """An output record for an input that never reached the worker (EVAL.md's error shape)."""
    return json.dumps(
        {
            "id": rid,
            "error": msg,
            "title": None,
            "published": None,
            "authors": [],
            "text": "",
            "entities": [],
            "quotes": [],
            "events": [],
            "places": [],
        },
        ensure_ascii=False,
    )


def open_local(uri: str):
    """Opens a `file:` URI or a plain path for reading, or None when it is not local."""
    if uri.startswith("file:"):
        from urllib.parse import unquote, urlparse

        return open(unquote(urlparse(uri).path), "rb")
    if "://" not in uri and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", uri):
        return open(uri, "rb")
    return None


# ---------------------------------------------------------------------------------------------
# The worker pipe
# ---------------------------------------------------------------------------------------------


class WorkerFailed(RuntimeError):
    """The worker process itself failed: Spark fails the task and retries it."""


def pipe_through_worker(lines: Iterable[str], cmd: list[str], stats=None) -> Iterator[str]:
    """Streams `lines` through one worker process and yields its output lines, in order.

    Input is written from a thread while output is read, so neither side blocks. The worker
    must answer every input line with exactly one output line and exit 0; anything else raises
    WorkerFailed (with the tail of its stderr). `stats`, when given, is a dict that receives
    `records_in`, `records_out`, `max_rss_kb` (the worker's peak resident memory), `seconds`
    and `cpu_seconds`.
    """
    started = time.perf_counter()
    errlog = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errlog, bufsize=1 << 20
    )
    fed = {"n": 0, "exc": None, "error_lines": []}

    def feed() -> None:
        try:
            for line in lines:
                if "\n" in line or "\r" in line:
                    line = line.replace("\r", " ").replace("\n", " ")
                proc.stdin.write(line.encode("utf-8", "replace"))
                proc.stdin.write(b"\n")
                fed["n"] += 1
        except BrokenPipeError:
            pass
        except BaseException as e:  # noqa: BLE001 - re-raised in the reading thread
            fed["exc"] = e
        finally:
            try:
                proc.stdin.close()
            except BrokenPipeError:
                pass

    t = threading.Thread(target=feed, name="dateline-feed", daemon=True)
    t.start()
    n_out = 0
    peak_kb = 0
    try:
        for raw in proc.stdout:
            if n_out % 64 == 0:
                peak_kb = max(peak_kb, _peak_rss_kb(proc.pid))
            n_out += 1
            yield raw.decode("utf-8", "replace").rstrip("\r\n")
    finally:
        t.join()
        peak_kb = max(peak_kb, _peak_rss_kb(proc.pid))
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    if fed["exc"] is not None:
        raise fed["exc"]
    if proc.returncode != 0 or n_out != fed["n"]:
        errlog.seek(0)
        tail = errlog.read()[-2000:].decode("utf-8", "replace")
        raise WorkerFailed(
            f"{' '.join(cmd)} exited {proc.returncode} after {n_out} of {fed['n']} records: {tail}"
        )
    if stats is not None:
        stats.update(
            records_in=fed["n"],
            records_out=n_out,
            # ru_maxrss of a forked child counts the parent's pages from before its exec;
            # VmHWM sampled while it runs is the worker's own peak where /proc exists.
            max_rss_kb=peak_kb or usage.ru_maxrss,
            cpu_seconds=usage.ru_utime + usage.ru_stime,
            seconds=time.perf_counter() - started,
        )


def _peak_rss_kb(pid: int) -> int:
    """The process's peak resident set (VmHWM) in KiB, or 0 when it cannot be read."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _ensure_executable(path: str) -> str:
    if not os.access(path, os.X_OK):
        os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


# ---------------------------------------------------------------------------------------------
# The worker's output schema and the Parquet tables (scale/SCHEMA.md)
# ---------------------------------------------------------------------------------------------


def output_schema():
    """The Spark schema of one worker output record (EVAL.md's schema plus optional extras)."""
    from pyspark.sql.types import (
        ArrayType,
        DoubleType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    def st(*fields):
        return StructType([StructField(n, t, True) for n, t in fields])

    S, L, D = StringType(), LongType(), DoubleType()
    span = st(("start", L), ("end", L))
    mention = st(("start", L), ("end", L), ("text", S))
    event_actor = st(("text", S), ("code", S), ("span", span))
    return st(
        ("id", S),
        ("url", S),
        ("title", S),
        ("published", S),
        ("timezone", S),
        ("authors", ArrayType(S)),
        ("site", S),
        ("source", S),
        ("language", S),
        ("dateline", S),
        ("text", S),
        ("paragraphs", ArrayType(span)),
        (
            "entities",
            ArrayType(
                st(
                    ("start", L),
                    ("end", L),
                    ("label", S),
                    ("text", S),
                    ("canonical", S),
                    ("titles", ArrayType(S)),
                    ("actor_code", S),
                    ("value", D),
                    ("unit", S),
                )
            ),
        ),
        (
            "quotes",
            ArrayType(
                st(
                    ("start", L),
                    ("end", L),
                    ("text", S),
                    ("kind", S),
                    ("cue", mention),
                    ("speaker", mention),
                    ("speaker_name", S),
                    ("speaker_titles", ArrayType(S)),
                    ("actor_id", S),
                )
            ),
        ),
        (
            "events",
            ArrayType(
                st(
                    ("source", event_actor),
                    ("target", event_actor),
                    ("cameo", S),
                    ("plover", S),
                    ("goldstein", D),
                    ("quad_class", L),
                    ("start", L),
                    ("end", L),
                    ("verb", mention),
                    ("date", S),
                    ("place", L),
                )
            ),
        ),
        (
            "places",
            ArrayType(
                st(
                    ("start", L),
                    ("end", L),
                    ("text", S),
                    ("lat", D),
                    ("lon", D),
                    ("geonameid", L),
                    ("country", S),
                    ("admin1", S),
                    ("name", S),
                    ("feature", S),
                )
            ),
        ),
        (
            "claims",
            ArrayType(
                st(
                    ("start", L),
                    ("end", L),
                    ("text", S),
                    ("claimant", S),
                    ("polarity", S),
                    ("modality", S),
                    ("date", S),
                    ("about", ArrayType(S)),
                    ("quote", L),
                )
            ),
        ),
        ("warnings", ArrayType(S)),
        ("error", S),
        ("_corrupt_record", S),
    )


#: Non-country roots of CAMEO actor codes (GDELT leaves the country column empty for these).
NON_COUNTRY_ROOTS = ("IGO", "NGO", "MNC", "IMG", "UIS", "REB")  # as crates/store/src/export.rs


def parse_output(spark, json_lines_rdd):
    """Parses worker output lines into one DataFrame with `output_schema()` plus `date`."""
    from pyspark.sql import functions as F

    raw = (
        spark.read.schema(output_schema())
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", "_corrupt_record")
        .json(json_lines_rdd)
    )
    return _normalise(raw)


def _normalise(raw):
    from pyspark.sql import functions as F

    bad = F.col("_corrupt_record").isNotNull()
    return raw.select(
        F.coalesce(F.col("id"), F.get_json_object("_corrupt_record", "$.id")).alias("id"),
        *[c for c in raw.columns if c not in ("id", "error", "_corrupt_record")],
        F.when(
            bad & F.col("error").isNull(),
            F.lit("dateline-spark: output record does not match the Parquet schema"),
        )
        .otherwise(F.col("error"))
        .alias("error"),
        F.when(F.col("published").rlike(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}"), F.substring("published", 1, 10))
        .otherwise(F.lit("unknown"))
        .alias("date"),
    )


def tables(parsed) -> dict:
    """The six typed tables (scale/SCHEMA.md) from a `parse_output` DataFrame."""
    from pyspark.sql import functions as F

    d = parsed
    documents = d.select(
        "id",
        "url",
        "title",
        "published",
        # an instant only when the time is known (a bare date would become local midnight)
        F.expr("CASE WHEN length(published) > 10 THEN try_to_timestamp(published) END").alias("published_ts"),
        "timezone",
        F.coalesce("authors", F.array().cast("array<string>")).alias("authors"),
        "site",
        "source",
        "language",
        "dateline",
        "text",
        F.expr("cast(coalesce(char_length(text), 0) as int)").alias("text_chars"),
        *[
            F.coalesce(F.size(c), F.lit(0)).cast("int").alias(f"n_{c}")
            for c in ("entities", "quotes", "events", "places", "claims")
        ],
        F.coalesce("warnings", F.array().cast("array<string>")).alias("warnings"),
        "error",
        "date",
    )

    def exploded(col):
        return d.select(
            F.col("id").alias("doc_id"),
            "date",
            "url",
            "paragraphs",
            "places",
            F.posexplode(col).alias("idx", "x"),
        )

    entities = exploded("entities").select(
        "doc_id",
        F.col("idx").cast("int").alias("idx"),
        "x.start",
        "x.end",
        "x.label",
        "x.text",
        "x.canonical",
        F.coalesce("x.titles", F.array().cast("array<string>")).alias("titles"),
        "x.actor_code",
        "x.value",
        "x.unit",
        "date",
    )
    quotes = exploded("quotes").select(
        "doc_id",
        F.col("idx").cast("int").alias("idx"),
        "x.start",
        "x.end",
        "x.text",
        "x.kind",
        F.col("x.cue.start").alias("cue_start"),
        F.col("x.cue.end").alias("cue_end"),
        F.col("x.cue.text").alias("cue_text"),
        F.col("x.speaker.start").alias("speaker_start"),
        F.col("x.speaker.end").alias("speaker_end"),
        F.col("x.speaker.text").alias("speaker_text"),
        "x.speaker_name",
        F.coalesce("x.speaker_titles", F.array().cast("array<string>")).alias("speaker_titles"),
        "x.actor_id",
        "date",
    )
    places = exploded("places").select(
        "doc_id",
        F.col("idx").cast("int").alias("idx"),
        "x.start",
        "x.end",
        "x.text",
        "x.lat",
        "x.lon",
        "x.geonameid",
        "x.country",
        "x.admin1",
        "x.name",
        "x.feature",
        "date",
    )
    claims = exploded("claims").select(
        "doc_id",
        F.col("idx").cast("int").alias("idx"),
        "x.start",
        "x.end",
        "x.text",
        "x.claimant",
        "x.polarity",
        "x.modality",
        F.col("x.date").alias("claim_date"),
        F.coalesce("x.about", F.array().cast("array<string>")).alias("about"),
        F.col("x.quote").cast("int").alias("quote_idx"),
        "date",
    )

    non_country = ",".join(f"'{r}'" for r in NON_COUNTRY_ROOTS)

    def actor_cols(prefix: str, col: str):
        # Three-letter chunks, split as the store's GDELT export does: a country root
        # (ISO alpha-3), or a group root (IGO, NGO, ...) followed by the known group; then types.
        code = f"x.{col}.code"
        grp = f"substr({code}, 1, 3) IN ({non_country})"
        ctry = f"(NOT {grp} AND length({code}) >= 3)"

        def chunk(i):
            return f"nullif(substr({code}, {3 * i + 1}, 3), '')"

        def typ(k):
            return F.expr(f"CASE WHEN {grp} THEN {chunk(k + 2)} WHEN {ctry} THEN {chunk(k + 1)} END")

        return [
            F.col(code).alias(f"{prefix}Code"),
            F.col(f"x.{col}.text").alias(f"{prefix}Name"),
            F.expr(f"CASE WHEN {ctry} THEN {chunk(0)} END").alias(f"{prefix}CountryCode"),
            F.expr(f"CASE WHEN {grp} THEN {chunk(1)} END").alias(f"{prefix}KnownGroupCode"),
            typ(0).alias(f"{prefix}Type1Code"),
            typ(1).alias(f"{prefix}Type2Code"),
            typ(2).alias(f"{prefix}Type3Code"),
        ]

    ev = exploded("events").withColumn(
        "day", F.expr("coalesce(x.date, CASE WHEN date <> 'unknown' THEN date END)")
    ).withColumn("geo", F.expr("CASE WHEN x.place >= 0 THEN try_element_at(places, cast(x.place + 1 AS int)) END"))
    events = ev.select(
        F.xxhash64("doc_id", "idx").alias("GLOBALEVENTID"),
        F.expr("try_cast(regexp_replace(day, '-', '') AS int)").alias("SQLDATE"),
        F.expr("try_cast(regexp_replace(substr(day, 1, 7), '-', '') AS int)").alias("MonthYear"),
        F.expr("try_cast(substr(day, 1, 4) AS int)").alias("Year"),
        F.expr(
            # in double arithmetic (365.0 alone is a decimal literal), as `dateline export` computes it
            "try_cast(substr(day, 1, 4) AS int) + (dayofyear(try_to_date(day)) - 1) / 365.0D"
        ).alias("FractionDate"),
        *actor_cols("Actor1", "source"),
        *actor_cols("Actor2", "target"),
        F.expr(
            "CASE WHEN paragraphs IS NULL OR size(paragraphs) = 0 THEN NULL"
            " WHEN x.start < paragraphs[0].end THEN 1 ELSE 0 END"
        ).alias("IsRootEvent"),
        F.col("x.cameo").alias("EventCode"),
        F.expr("substr(x.cameo, 1, 3)").alias("EventBaseCode"),
        F.expr("substr(x.cameo, 1, 2)").alias("EventRootCode"),
        F.col("x.quad_class").cast("int").alias("QuadClass"),
        F.col("x.goldstein").alias("GoldsteinScale"),
        F.lit(1).alias("NumMentions"),
        F.lit(1).alias("NumSources"),
        F.lit(1).alias("NumArticles"),
        F.lit(None).cast("double").alias("AvgTone"),
        F.expr(
            "CASE WHEN geo IS NULL THEN NULL"
            " WHEN geo.feature = 'country' THEN 1"
            " WHEN geo.feature = 'admin1' THEN CASE WHEN geo.country IN ('US', 'USA') THEN 2 ELSE 5 END"
            " WHEN geo.country IN ('US', 'USA') THEN 3 ELSE 4 END"
        ).alias("ActionGeo_Type"),
        F.col("geo.name").alias("ActionGeo_FullName"),
        F.col("geo.country").alias("ActionGeo_CountryCode"),
        F.col("geo.admin1").alias("ActionGeo_ADM1Code"),
        F.col("geo.lat").alias("ActionGeo_Lat"),
        F.col("geo.lon").alias("ActionGeo_Long"),
        F.col("geo.geonameid").alias("ActionGeo_FeatureID"),
        F.col("url").alias("SOURCEURL"),
        "doc_id",
        F.col("idx").cast("int").alias("idx"),
        F.col("x.plover").alias("plover"),
        F.col("x.start").alias("sentence_start"),
        F.col("x.end").alias("sentence_end"),
        F.col("x.verb.text").alias("verb"),
        F.col("x.date").alias("event_date"),
        F.col("x.place").cast("int").alias("place_idx"),
        "date",
    )
    return {
        "documents": documents,
        "entities": entities,
        "quotes": quotes,
        "events": events,
        "places": places,
        "claims": claims,
    }


# ---------------------------------------------------------------------------------------------
# The driver
# ---------------------------------------------------------------------------------------------


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--input", action="append", required=True, help="input path(s), comma-separated; repeatable")
    p.add_argument("--output", required=True, help="output directory (any Hadoop filesystem URI)")
    here = os.path.dirname(os.path.abspath(__file__))
    p.add_argument(
        "--bin",
        default=os.environ.get("DATELINE_BIN", os.path.join(here, "..", "..", "target", "release", "dateline")),
        help="the dateline binary (shipped to the executors with SparkContext.addFile on a cluster)",
    )
    p.add_argument("--format", choices=("auto", "warc", "jsonl"), default="auto")
    p.add_argument(
        "--partitions",
        type=int,
        default=0,
        help="JSONL partitions (default: 2 per core); WARC input is one partition per file",
    )
    p.add_argument("--threads", type=int, default=1, help="threads per worker process (default 1: one per task)")
    p.add_argument("--worker-arg", action="append", default=[], help="extra argument for `dateline extract`")
    p.add_argument(
        "--ship-bin",
        choices=("auto", "yes", "no"),
        default="auto",
        help="ship the binary with addFile (auto: unless the master is local)",
    )
    p.add_argument("--warmup", action="store_true", help="start the Python workers before timing (benchmarks)")
    return p.parse_args(argv)


def list_inputs(spark, patterns: list[str]) -> list[str]:
    """Expands globs and directories with the Hadoop FileSystem API into file URIs, sorted."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    out = []
    for pat in patterns:
        path = jvm.org.apache.hadoop.fs.Path(pat)
        fs = path.getFileSystem(conf)
        statuses = fs.globStatus(path)
        if statuses is None or len(statuses) == 0:
            raise FileNotFoundError(f"no input matches {pat}")
        for s in statuses:
            if s.isDirectory():
                it = fs.listFiles(s.getPath(), True)
                while it.hasNext():
                    f = it.next()
                    name = f.getPath().getName()
                    if not name.startswith((".", "_")):
                        out.append(f.getPath().toString())
            else:
                out.append(s.getPath().toString())
    return sorted(set(out))


def input_kind(uri: str, forced: str) -> str:
    if forced != "auto":
        return forced
    low = uri.lower()
    if low.endswith(WARC_SUFFIXES):
        return "warc"
    if low.endswith(JSONL_SUFFIXES):
        return "jsonl"
    raise ValueError(f"cannot tell the format of {uri} (use --format warc|jsonl)")


def worker_input(spark, files: list[str], fmt: str, partitions: int):
    """An RDD of worker input lines (JSON strings) from WARC and JSONL files."""
    sc = spark.sparkContext
    warcs = [f for f in files if input_kind(f, fmt) == "warc"]
    jsonls = [f for f in files if input_kind(f, fmt) == "jsonl"]
    rdds = []
    if jsonls:
        n = partitions or max(1, 2 * sc.defaultParallelism)
        lines = sc.textFile(",".join(jsonls), minPartitions=n)  # gzip files stay one split each
        if lines.getNumPartitions() < n:
            lines = lines.repartition(n)
        rdds.append(lines.map(jsonl_record).filter(lambda r: r is not None))
    local = [f for f in warcs if not _is_remote(f)]
    remote = [f for f in warcs if _is_remote(f)]
    if local:

        def read_local(paths):
            for p in paths:
                with open_local(p) as fh:
                    yield from warc_records(fh, p)

        rdds.append(sc.parallelize(local, len(local)).mapPartitions(read_local))
    if remote:
        # Other filesystems: Spark reads each file whole (mind the executor memory for 1 GB WARCs).
        import io

        def read_remote(pairs):
            for p, data in pairs:
                yield from warc_records(io.BytesIO(data), p)

        rdds.append(sc.binaryFiles(",".join(remote), len(remote)).mapPartitions(read_remote))
    if not rdds:
        raise FileNotFoundError("no input files")
    return rdds[0] if len(rdds) == 1 else sc.union(rdds)


def _is_remote(uri: str) -> bool:
    return not (uri.startswith("file:") or "://" not in uri and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", uri))


def run_pipe(spark, lines_rdd, args):
    """Pipes every partition through a worker; returns (output lines RDD, stats accumulators)."""
    from pyspark import SparkFiles
    from pyspark.accumulators import AccumulatorParam

    class MaxParam(AccumulatorParam):
        def zero(self, v):
            return 0

        def addInPlace(self, a, b):
            return max(a, b)

    sc = spark.sparkContext
    bin_path = os.path.abspath(args.bin)
    if not os.path.isfile(bin_path):
        raise FileNotFoundError(f"dateline binary not found: {bin_path} (cargo build --release --no-default-features)")
    ship = args.ship_bin == "yes" or (args.ship_bin == "auto" and not sc.master.startswith("local"))
    if ship:
        sc.addFile(bin_path)
    name = os.path.basename(bin_path)
    extra = [a for a in args.worker_arg]
    threads = str(max(1, args.threads))
    acc = {
        "records_in": sc.accumulator(0),
        "records_out": sc.accumulator(0),
        "worker_seconds": sc.accumulator(0.0),
        "worker_cpu_seconds": sc.accumulator(0.0),
        "workers": sc.accumulator(0),
        "max_rss_kb": sc.accumulator(0, MaxParam()),
        "max_python_rss_kb": sc.accumulator(0, MaxParam()),
    }

    def part(lines):
        exe = _ensure_executable(SparkFiles.get(name)) if ship else bin_path
        cmd = [exe, "extract", "--jsonl", "-", "--threads", threads, *extra]
        stats = {}
        direct = []

        def to_worker():
            for line in lines:
                if line.startswith(ERROR_MARK):
                    direct.append(line[len(ERROR_MARK) :])
                else:
                    yield line

        yield from pipe_through_worker(to_worker(), cmd, stats)
        yield from direct  # filled by the feeding thread, which has finished by now
        acc["records_in"].add(stats["records_in"] + len(direct))
        acc["records_out"].add(stats["records_out"] + len(direct))
        acc["worker_seconds"].add(stats["seconds"])
        acc["worker_cpu_seconds"].add(stats["cpu_seconds"])
        acc["workers"].add(1)
        acc["max_rss_kb"].add(stats["max_rss_kb"])
        acc["max_python_rss_kb"].add(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)

    return lines_rdd.mapPartitions(part), acc


def write_tables(spark, parsed, output: str) -> dict:
    """Writes the six tables with dynamic partition overwrite; returns their row counts.

    A date partition that this run writes in `documents` is replaced in every table: when a
    table has no rows for that date any more, its old partition directory is removed, so a
    re-run leaves exactly what one run leaves.
    """
    from pyspark.sql import functions as F

    spark.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic")
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    # One pass over the cache gives every table's rows per date.
    per_date = parsed.groupBy("date").agg(
        F.count(F.lit(1)).alias("documents"),
        *[F.sum(F.coalesce(F.size(t), F.lit(0))).alias(t) for t in TABLES[1:]],
        F.sum(F.col("error").isNotNull().cast("long")).alias("errors"),
    ).collect()
    counts = {t: sum(int(r[t] or 0) for r in per_date) for t in (*TABLES, "errors")}
    counts["dates"] = len(per_date)
    for name, df in tables(parsed).items():
        target = output.rstrip("/") + "/" + name
        df.write.mode("overwrite").partitionBy("date").parquet(target)
        for r in per_date:
            if int(r[name] or 0) > 0:
                continue
            p = jvm.org.apache.hadoop.fs.Path(f"{target}/date={r['date']}")
            fs = p.getFileSystem(conf)
            if fs.exists(p):
                fs.delete(p, True)
    return counts


def table_schemas(spark) -> dict:
    """The Spark schema of each table as written (the `date` partition column last)."""
    empty = spark.createDataFrame(spark.sparkContext.emptyRDD(), output_schema())
    return {name: df.schema for name, df in tables(_normalise(empty)).items()}


def read_table(spark, output: str, name: str):
    """Reads one table back with its declared schema (`date` stays a string, and a table with
    no rows yet reads as empty rather than failing schema inference)."""
    path = output.rstrip("/") + "/" + name
    return spark.read.schema(table_schemas(spark)[name]).option("basePath", path).parquet(path)


def register_tables(spark, output: str) -> None:
    """Registers every table of an output directory as a temporary view of the same name."""
    for name in TABLES:
        read_table(spark, output, name).createOrReplaceTempView(name)


def run_sql_file(spark, output: str, sql_path: str):
    """Runs one Spark SQL statement from a file over the tables of `output`."""
    register_tables(spark, output)
    with open(sql_path, encoding="utf-8") as fh:
        sql = "\n".join(l for l in fh.read().splitlines() if not l.strip().startswith("--"))
    return spark.sql(sql.strip().rstrip(";"))


def session(master: str | None = None, app: str = "dateline"):
    from pyspark.sql import SparkSession

    # Executors run the same Python (the venv with warcio), unless told otherwise.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    b = (
        SparkSession.builder.appName(app)
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.ui.enabled", "false")
    )
    if master:
        b = b.master(master)
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    if not spark.sparkContext.getConf().contains("spark.sql.shuffle.partitions"):
        # Only the small per-date summary shuffles; 200 partitions would be 200 idle tasks.
        spark.conf.set("spark.sql.shuffle.partitions", str(spark.sparkContext.defaultParallelism))
    return spark


def run(spark, args) -> dict:
    """Runs the job in an existing session; returns the run summary (also written to OUT)."""
    from pyspark import StorageLevel

    _ship_module(spark)
    if getattr(args, "warmup", False):
        # Start the Python workers before the clock starts (benchmarks).
        n = spark.sparkContext.defaultParallelism
        spark.sparkContext.parallelize(range(n), n).map(lambda x: x).count()
    t0 = time.perf_counter()
    patterns = [p for a in args.input for p in a.split(",") if p]
    files = list_inputs(spark, patterns)
    lines = worker_input(spark, files, args.format, args.partitions)
    out_lines, acc = run_pipe(spark, lines, args)
    parsed = parse_output(spark, out_lines).persist(StorageLevel.MEMORY_AND_DISK)
    n = parsed.count()  # runs the workers once; every table then reads the cache
    t_pipe = time.perf_counter() - t0
    counts = write_tables(spark, parsed, args.output)
    parsed.unpersist()
    total = time.perf_counter() - t0
    sc = spark.sparkContext
    summary = {
        "master": sc.master,
        "cores": sc.defaultParallelism,
        "input_files": len(files),
        "records_in": acc["records_in"].value,
        "records_out": acc["records_out"].value,
        "rows": counts,
        "partitions": out_lines.getNumPartitions(),
        "workers": acc["workers"].value,
        "worker_seconds": round(acc["worker_seconds"].value, 3),
        "worker_cpu_seconds": round(acc["worker_cpu_seconds"].value, 3),
        "max_worker_rss_mb": round(acc["max_rss_kb"].value / 1024, 1),
        "max_python_worker_rss_mb": round(acc["max_python_rss_kb"].value / 1024, 1),
        "pipe_seconds": round(t_pipe, 3),
        "total_seconds": round(total, 3),
        "documents_per_second": round(n / t_pipe, 1) if t_pipe > 0 else None,
    }
    _write_summary(spark, args.output, summary)
    return summary


def _ship_module(spark) -> None:
    """When this file is imported (tests, notebooks) rather than submitted, the executors need
    it on their path to unpickle the task functions."""
    global _SHIPPED
    if __name__ != "__main__" and not _SHIPPED:
        spark.sparkContext.addPyFile(os.path.abspath(__file__))
        _SHIPPED = True


_SHIPPED = False


def _write_summary(spark, output: str, summary: dict) -> None:
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    p = jvm.org.apache.hadoop.fs.Path(output.rstrip("/") + "/" + SUMMARY)
    fs = p.getFileSystem(conf)
    out = fs.create(p, True)
    try:
        out.write(bytearray(json.dumps(summary, indent=2).encode("utf-8")))
    finally:
        out.close()


def main(argv=None) -> int:
    args = parse_args(argv)
    spark = session()
    try:
        summary = run(spark, args)
    finally:
        spark.stop()
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
