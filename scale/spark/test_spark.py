#!/usr/bin/env python3
"""End-to-end test of the Spark job: WARC shards in, Parquet out, equal to one worker process.

    python scale/spark/test_spark.py --bin target/release/dateline [--data ../shared/data]

Builds two small WARC files (plain and gzipped, with warcinfo and request records to skip and
a non-UTF-8 page) at test time from `corpus/reuters21578.jsonl.gz` (Reuters text is never
committed) and a gzipped JSONL of plain-text stories, runs the job over both on `local[2]`, and checks that the Parquet tables hold, record for
record, what one `dateline extract` process gives for the same pages. Then it runs the job
again over the same output and checks that nothing changed (idempotent re-run), and runs the
example Spark SQL query.

Skips with a printed notice (exit 0) when Java, PySpark, warcio or the shared data is missing.
"""
from __future__ import annotations

import argparse
import gzip
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from datetime import datetime

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def skip(why: str) -> int:
    print(f"SKIP spark test: {why}")
    return 0


def page_html(rec: dict) -> str:
    title = html.escape(rec.get("title") or "")
    paras = "".join(
        f"<p>{html.escape(p.strip())}</p>\n" for p in (rec.get("text") or "").split("\n    ") if p.strip()
    )
    return (
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
        f"<title>{title}</title></head><body><nav><a href=\"/\">Home</a> | <a href=\"/markets\">Markets</a></nav>"
        f"<article><h1>{title}</h1>\n{paras}</article><footer>Copyright</footer></body></html>"
    )


def build_warcs(src: str, outdir: str, n_files: int, per_file: int) -> list[dict]:
    """Writes n_files WARCs; returns the worker input records {id, url, html} they hold."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    recs = []
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if (r.get("text") or "").strip():
                recs.append(r)
            if len(recs) >= n_files * per_file:
                break
    expected = []
    for i in range(n_files):
        gz = i % 2 == 0
        path = os.path.join(outdir, f"shard-{i:02d}.warc" + (".gz" if gz else ""))
        with open(path, "wb") as out:
            w = WARCWriter(out, gzip=gz)
            w.write_record(w.create_warcinfo_record(f"shard-{i:02d}", {"software": "dateline test"}))
            for j, r in enumerate(recs[i * per_file : (i + 1) * per_file]):
                url = f"https://news.example.com/{r['id']}.html"
                rid = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}"
                page = page_html(r)
                charset = "utf-8"
                if j == 1:  # one page in Latin-1, declared only in the HTTP header
                    page = page.replace('<meta charset="utf-8">', "").replace("</h1>", " caf\u00e9</h1>")
                    charset = "iso-8859-1"
                body = page.encode(charset)
                req = w.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
                w.write_record(req)
                headers = StatusAndHeaders(
                    "200 OK",
                    [("Content-Type", f"text/html; charset={charset}"), ("Content-Length", str(len(body)))],
                    protocol="HTTP/1.1",
                )
                resp = w.create_warc_record(
                    url,
                    "response",
                    payload=io.BytesIO(body),
                    http_headers=headers,
                    warc_headers_dict={"WARC-Record-ID": f"<{rid}>"},
                )
                w.write_record(resp)
                expected.append({"id": rid, "html": page, "url": url})
            # a non-HTML response that must be skipped
            img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            w.write_record(
                w.create_warc_record("https://news.example.com/logo.png", "response", payload=io.BytesIO(b"\x89PNG"), http_headers=img)
            )
    return expected


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--data", default=os.path.join(HERE, "..", "..", "..", "shared", "data"))
    ap.add_argument("--files", type=int, default=2)
    ap.add_argument("--per-file", type=int, default=25)
    ap.add_argument("--keep", help="keep the work folder here")
    a = ap.parse_args()
    if a.files < 2:
        ap.error("--files must be at least 2 (one gzipped WARC and one plain)")

    src = os.path.join(a.data, "corpus", "reuters21578.jsonl.gz")
    if not os.path.isfile(src):
        return skip(f"{src} not found (shared data absent)")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return skip("no Java (Spark needs Java 17)")
    try:
        import pyspark  # noqa: F401
        import warcio  # noqa: F401
    except ImportError as e:
        return skip(f"{e.name} is not installed in {sys.executable} (run scale/spark/setup_venv.sh)")

    import dateline_job as job

    work = a.keep or tempfile.mkdtemp(prefix="dateline-spark-test-")
    os.makedirs(work, exist_ok=True)
    shards = os.path.join(work, "warc")
    os.makedirs(shards, exist_ok=True)
    expected_in = build_warcs(src, shards, a.files, a.per_file)

    # Plain-text JSONL input too (in the same run), so that every stage has text to work on.
    text_dir = os.path.join(work, "jsonl")
    os.makedirs(text_dir, exist_ok=True)
    text_in = []
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i < a.files * a.per_file:
                continue
            r = json.loads(line)
            rec = {"id": r["id"], "title": r.get("title"), "text": r.get("text") or ""}
            try:  # "26-FEB-1987 15:01:01.79" -> RFC 3339, so that the stories fall on real dates
                rec["published"] = datetime.strptime(r["date"].split(".")[0], "%d-%b-%Y %H:%M:%S").strftime(
                    "%Y-%m-%dT%H:%M:%SZ"
                )
            except (KeyError, ValueError):
                pass
            text_in.append(rec)
            if len(text_in) >= a.per_file:
                break
    with gzip.open(os.path.join(text_dir, "stories.jsonl.gz"), "wt", encoding="utf-8") as fh:
        for r in text_in:
            fh.write(json.dumps(r) + "\n")

    # Reference: one worker process over the same pages and stories.
    ref_in = os.path.join(work, "reference-in.jsonl")
    with open(ref_in, "w", encoding="utf-8") as fh:
        for r in expected_in + text_in:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    ref_out = subprocess.run(
        [a.bin, "extract", "--jsonl", ref_in, "--threads", "1"], check=True, capture_output=True
    ).stdout.decode("utf-8")
    reference = {r["id"]: r for r in map(json.loads, ref_out.splitlines())}
    assert len(reference) == len(expected_in) + len(text_in), "reference ids are not unique"

    # The WARC reader gives back exactly the pages written (Latin-1 one included), none else.
    read_back = []
    for name in sorted(os.listdir(shards)):
        with open(os.path.join(shards, name), "rb") as fh:
            read_back.extend(map(json.loads, job.warc_records(fh, name)))
    if sorted(read_back, key=lambda r: r["id"]) != sorted(expected_in, key=lambda r: r["id"]):
        print("FAIL: the WARC reader does not give back the pages written")
        return 1
    if not any("caf\u00e9" in r["html"] for r in read_back):
        print("FAIL: the Latin-1 page lost its accent")
        return 1

    # A WARC cut short gives the records before the cut and one error record, no crash.
    first = os.path.join(shards, sorted(os.listdir(shards))[0])
    with open(first, "rb") as fh:
        data = fh.read()
    cut = list(job.warc_records(io.BytesIO(data[: len(data) // 2]), "cut.warc.gz"))
    if not cut or not cut[-1].startswith(job.ERROR_MARK) or "truncated" not in cut[-1]:
        print("FAIL: a truncated WARC does not end in an error record")
        return 1
    if any(r.startswith(job.ERROR_MARK) for r in cut[:-1]) or len(cut) < 2:
        print("FAIL: a truncated WARC loses the records before the cut")
        return 1

    # local[2] with up to 2 attempts per task, so that the flaky worker below is retried.
    spark = job.session("local[2,2]", "dateline-test")
    failures = []

    def check(cond, msg):
        if not cond:
            failures.append(msg)
            print("FAIL:", msg)

    try:
        out = os.path.join(work, "parquet")
        inputs = f"{shards},{text_dir}/*.jsonl.gz"
        args = job.parse_args(["--input", inputs, "--output", out, "--bin", a.bin, "--partitions", "1"])
        s1 = job.run(spark, args)
        print("run 1:", json.dumps(s1))
        n_in = len(expected_in) + len(text_in)
        check(s1["records_in"] == n_in, f"records in {s1['records_in']} != {n_in}")
        check(s1["workers"] == a.files + 1, f"{s1['workers']} workers for {a.files} WARC files and one JSONL")
        check(s1["rows"]["entities"] > 0, "no entities at all: the stages did not run")
        check(s1["rows"]["dates"] >= 2, f"{s1['rows']['dates']} date partitions; the stories have dates")

        got = {t: job.read_table(spark, out, t) for t in job.TABLES}
        docs = {r["id"]: r for r in got["documents"].collect()}
        check(set(docs) == set(reference), "document ids differ from the reference")
        for rid, ref in reference.items():
            d = docs.get(rid)
            if d is None:
                continue
            for f in ("title", "published", "text", "error"):
                check(d[f] == ref.get(f), f"{rid}: {f} {d[f]!r:.60} != {ref.get(f)!r:.60}")
            check(list(d["authors"]) == ref.get("authors", []), f"{rid}: authors differ")
            for t in job.TABLES[1:]:
                check(d[f"n_{t}"] == len(ref.get(t) or []), f"{rid}: n_{t} differs")
            want_date = (ref.get("published") or "")[:10] if (ref.get("published") or "")[:4].isdigit() else "unknown"
            check(d["date"] == want_date, f"{rid}: date partition {d['date']} != {want_date}")

        # Every typed table equals the same conversion applied to the reference output.
        ref_parsed = job.parse_output(spark, spark.sparkContext.parallelize(ref_out.splitlines(), 2))
        want = job.tables(ref_parsed)
        for t in job.TABLES:
            cols = want[t].columns
            a_rows = sorted(map(repr, got[t].select(*cols).collect()))
            b_rows = sorted(map(repr, want[t].collect()))
            check(a_rows == b_rows, f"table {t}: {len(a_rows)} rows differ from the reference's {len(b_rows)}")
            check(s1["rows"][t] == len(b_rows), f"summary count for {t} is {s1['rows'][t]}, want {len(b_rows)}")
            check(got[t].schema.simpleString() == want[t].schema.simpleString(), f"table {t}: schema {got[t].schema.simpleString()} != {want[t].schema.simpleString()}")

        # The store loads the tables (`dateline ingest --parquet`), and its own export
        # (`dateline export --format parquet`) reads back with the same schema and the same rows.
        check_store_round_trip(spark, job, a.bin, work, out, got, docs, want, check)

        # Re-running over the same output replaces its partitions: same rows, same files count.
        def files_under(p):
            return sorted(
                os.path.relpath(os.path.join(d, f), p)
                for d, _, fs in os.walk(p)
                for f in fs
                if f.endswith(".parquet")
            )

        before = {t: sorted(map(repr, got[t].collect())) for t in job.TABLES}
        n_files = len(files_under(out))
        s2 = job.run(spark, args)
        print("run 2:", json.dumps(s2))
        for t in job.TABLES:
            after = sorted(map(repr, job.read_table(spark, out, t).collect()))
            check(after == before[t], f"table {t} changed on re-run")
        check(len(files_under(out)) == n_files, "re-run changed the number of Parquet files")

        # A worker that dies is retried by Spark, and the output is the same.
        flaky = os.path.join(work, "flaky-dateline")
        marker = os.path.join(work, "failed-once")
        with open(flaky, "w") as fh:
            fh.write(
                "#!/bin/sh\n"
                f"if mkdir '{marker}' 2>/dev/null; then echo 'injected failure' >&2; exit 3; fi\n"
                f"exec '{os.path.abspath(a.bin)}' \"$@\"\n"
            )
        os.chmod(flaky, 0o755)
        out3 = os.path.join(work, "parquet-retry")
        s3 = job.run(spark, job.parse_args(["--input", inputs, "--output", out3, "--bin", flaky, "--partitions", "1"]))
        print("run 3 (one worker killed):", json.dumps(s3))
        check(os.path.isdir(marker), "the injected failure did not happen")
        for t in job.TABLES:
            after = sorted(map(repr, job.read_table(spark, out3, t).collect()))
            check(after == before[t], f"table {t} differs after a retried task")

        # The GDELT columns, on a record made by hand.
        rec = {
            "id": "t1",
            "url": "https://example.com/a",
            "published": "2015-09-01T12:51:00+05:30",
            "text": "UN envoys met Pakistani officials in Islamabad.",
            "paragraphs": [{"start": 0, "end": 47}],
            "events": [
                {
                    "source": {"text": "UN envoys", "code": "IGOUNOGOV"},
                    "target": {"text": "Pakistani officials", "code": "PAKGOV"},
                    "cameo": "043",
                    "plover": "CONSULT",
                    "goldstein": 2.8,
                    "quad_class": 1,
                    "start": 0,
                    "end": 47,
                    "place": 0,
                }
            ],
            "places": [
                {"start": 37, "end": 46, "text": "Islamabad", "lat": 33.72, "lon": 73.04,
                 "geonameid": 1176615, "country": "PK", "feature": "PPLC", "name": "Islamabad"}
            ],
        }
        hand = job.tables(job.parse_output(spark, spark.sparkContext.parallelize([json.dumps(rec)], 1)))
        e = hand["events"].collect()[0].asDict()
        want_e = {
            "SQLDATE": 20150901, "MonthYear": 201509, "Year": 2015, "Actor1Code": "IGOUNOGOV",
            "Actor1CountryCode": None, "Actor1KnownGroupCode": "UNO", "Actor1Type1Code": "GOV",
            "Actor2CountryCode": "PAK", "Actor2KnownGroupCode": None, "Actor2Type1Code": "GOV",
            "Actor2Type2Code": None, "IsRootEvent": 1, "EventCode": "043", "EventBaseCode": "043",
            "EventRootCode": "04", "QuadClass": 1, "GoldsteinScale": 2.8, "ActionGeo_Type": 4,
            "ActionGeo_FullName": "Islamabad", "ActionGeo_CountryCode": "PK", "ActionGeo_FeatureID": 1176615,
            "SOURCEURL": "https://example.com/a", "plover": "CONSULT", "date": "2015-09-01",
        }
        for k, v in want_e.items():
            check(e[k] == v, f"events.{k} = {e[k]!r}, want {v!r}")
        d = hand["documents"].collect()[0].asDict()
        check(d["date"] == "2015-09-01" and d["n_events"] == 1 and d["n_places"] == 1, f"documents row {d}")
        check(d["published_ts"] is not None, "published_ts not parsed from an RFC 3339 time")

        # The example query runs over the output.
        rows = job.run_sql_file(spark, out, os.path.join(HERE, "queries", "daily_actor_pairs.sql")).collect()
        print(f"example query: {len(rows)} rows")
    finally:
        spark.stop()
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"0 passed, {len(failures)} failed")
        return 1
    print("1 passed, 0 failed")
    return 0


def check_store_round_trip(spark, job, bin_path, work, out, got, docs, want, check) -> None:
    """Spark output → `dateline ingest --parquet` → `dateline export --format parquet`: the
    export has Spark's schema (as Spark infers it from the files) and the same rows, for every
    document the store kept (it keeps one copy of identical texts, and no failed records)."""
    store = os.path.join(work, "store")
    r = subprocess.run([bin_path, "ingest", "-q", "--parquet", out, "--store", store], capture_output=True, text=True)
    if "no Parquet support" in r.stderr:
        print("NOTICE: this dateline build has no Parquet support; ingest --parquet not checked")
        return
    check(r.returncode == 0, f"dateline ingest --parquet failed: {r.stderr[-3000:]}")
    print("ingest --parquet:", (r.stderr.strip().splitlines() or [""])[-1])
    exp = os.path.join(work, "store-export")
    r = subprocess.run(
        [bin_path, "export", "--format", "parquet", "--store", store, "--out", exp], capture_output=True, text=True
    )
    check(r.returncode == 0, f"dateline export --format parquet failed: {r.stderr[-3000:]}")
    if r.returncode != 0:
        return
    print("export --format parquet:", (r.stderr.strip().splitlines() or [""])[-1])
    from pyspark.sql import functions as F

    ids = {row["id"] for row in job.read_table(spark, exp, "documents").select("id").collect()}
    ok_ids = {i for i, d in docs.items() if d["error"] is None}
    check(ids <= ok_ids, f"the store's export has documents Spark's has not: {sorted(ids - ok_ids)[:5]}")
    # the store's content key: the words, lower-cased (crates/store/src/hash.rs)
    def content(text):
        return tuple(w.lower() for w in re.split(r"[\W_]+", text or "") if w)

    by_content = {}
    for i in ok_ids:
        by_content.setdefault(content(docs[i]["text"]), []).append(i)
    lost = [i for i in ok_ids - ids if len(by_content[content(docs[i]["text"])]) < 2]
    check(not lost, f"documents lost on ingest (not duplicates): {sorted(lost)[:5]}")
    check(len(ids) == len(by_content), f"{len(ids)} documents stored for {len(by_content)} distinct texts")
    prev = spark.conf.get("spark.sql.sources.partitionColumnTypeInference.enabled", "true")
    spark.conf.set("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
    try:
        for t in job.TABLES:
            path = os.path.join(exp, t)
            has_files = any(f.endswith(".parquet") for _, _, fs in os.walk(path) for f in fs)
            if has_files:
                inferred = spark.read.option("basePath", path).parquet(path)
                check(
                    inferred.schema.simpleString() == want[t].schema.simpleString(),
                    f"export table {t}: schema {inferred.schema.simpleString()} != {want[t].schema.simpleString()}",
                )
            key = "id" if t == "documents" else "doc_id"
            cols = want[t].columns
            mine = sorted(map(repr, job.read_table(spark, exp, t).select(*cols).collect()))
            theirs = sorted(map(repr, got[t].where(F.col(key).isin(sorted(ids))).select(*cols).collect()))
            check(mine == theirs, f"export table {t}: {len(mine)} rows differ from Spark's {len(theirs)}")
            if mine != theirs:
                for x, y in list(zip(sorted(set(mine) - set(theirs)), sorted(set(theirs) - set(mine))))[:2]:
                    print(f"  {t} export: {x[:700]}\n  {t} spark:  {y[:700]}")
    finally:
        spark.conf.set("spark.sql.sources.partitionColumnTypeInference.enabled", prev)


if __name__ == "__main__":
    sys.exit(main())
