//! `dateline export --format parquet` and `dateline ingest --parquet` through the binary: a few
//! committed documents are extracted into a store, exported as the six tables, loaded into a
//! fresh store and exported again; both exports and both stores must agree, re-loading must
//! not duplicate anything, and a damaged file must give an error naming it, not a panic.
#![cfg(all(feature = "server", feature = "parquet"))]
use dateline_store::parquet_io::{table_rows, TABLES};
use dateline_store::Store;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dateline-pq-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn dateline(args: &[&str], paths: &[&Path]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dateline"));
    c.args(args);
    for p in paths {
        c.arg(p);
    }
    c.output().unwrap()
}

fn ok(o: Output) -> String {
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "dateline failed: {err}");
    err
}

/// Five Wikinews stories (some with non-ASCII text) and the Haqqani wire story, as JSONL.
fn input(dir: &Path) -> PathBuf {
    let wikinews = std::fs::read_to_string(root().join("data/sample/gum-wikinews.jsonl")).unwrap();
    let mut lines: Vec<String> = wikinews.lines().take(5).map(str::to_string).collect();
    let seed =
        std::fs::read_to_string(root().join("tests/fixtures/haqqani-2015-09-01.txt")).unwrap();
    lines.push(
        serde_json::json!({
            "id": "haqqani",
            "url": "https://example.com/haqqani",
            "published": "2015-09-01T12:51:00+05:30",
            "text": seed,
        })
        .to_string(),
    );
    let p = dir.join("in.jsonl");
    std::fs::write(&p, lines.join("\n") + "\n").unwrap();
    p
}

/// A table's rows as sorted JSON strings.
fn rows(dir: &Path, table: &str) -> Vec<String> {
    let mut v: Vec<String> = table_rows(dir, table)
        .unwrap()
        .into_iter()
        .map(|r| serde_json::Value::Object(r).to_string())
        .collect();
    v.sort();
    v
}

fn counts(store: &Path) -> [i64; 8] {
    let s = Store::open_existing(store).unwrap().stats().unwrap();
    [
        s.documents,
        s.near_duplicates,
        s.bytes,
        s.entities,
        s.quotes,
        s.events,
        s.places,
        s.claims,
    ]
}

#[test]
fn parquet_round_trip_keeps_every_table() {
    let dir = tempdir("roundtrip");
    let jsonl = input(&dir);
    let (s1, s2) = (dir.join("store1"), dir.join("store2"));
    let (a, b) = (dir.join("export-a"), dir.join("export-b"));
    ok(dateline(
        &["ingest", "-q", "--threads", "1", "--store"],
        &[&s1, &jsonl],
    ));
    ok(dateline(
        &["export", "--format", "parquet", "--store"],
        &[&s1, Path::new("--out"), &a],
    ));
    ok(dateline(
        &["ingest", "-q", "--store"],
        &[&s2, Path::new("--parquet"), &a],
    ));
    ok(dateline(
        &["export", "--format", "parquet", "--store"],
        &[&s2, Path::new("--out"), &b],
    ));

    let c1 = counts(&s1);
    assert_eq!(c1[0], 6, "documents in the first store");
    for (i, what) in [(3, "entities"), (4, "quotes"), (5, "events"), (6, "places")] {
        assert!(c1[i] > 0, "no {what} in the first store: {c1:?}");
    }
    assert_eq!(
        counts(&s2),
        c1,
        "documents, copies, bytes, entities, quotes, events, places, claims"
    );

    // both exports hold the same rows, and as many as the stores
    let want = [c1[0], c1[3], c1[4], c1[5], c1[6], c1[7]];
    for (t, n) in TABLES.iter().zip(want) {
        let (ra, rb) = (rows(&a, t), rows(&b, t));
        assert_eq!(
            ra.len() as i64,
            n,
            "{t}: rows exported from the first store"
        );
        assert_eq!(ra, rb, "{t}: the second export differs from the first");
    }
    // the partition is the publication date; the text survives byte for byte
    let docs = table_rows(&a, "documents").unwrap();
    let haqqani = docs.iter().find(|r| r["id"] == "haqqani").unwrap();
    assert_eq!(haqqani["date"], "2015-09-01");
    assert!(
        haqqani["published_ts"].is_i64(),
        "{:?}",
        haqqani["published_ts"]
    );
    assert!(a.join("documents/date=2015-09-01").is_dir());
    let events = table_rows(&a, "events").unwrap();
    assert!(events
        .iter()
        .any(|e| e["doc_id"] == "haqqani" && e["SQLDATE"].is_i64()));

    // loading the same tables again (and the second export too) stores nothing new
    let again = ok(dateline(
        &["ingest", "-q", "--store"],
        &[&s2, Path::new("--parquet"), &a],
    ));
    assert!(again.contains(" 0 added"), "{again}");
    ok(dateline(
        &["ingest", "-q", "--store"],
        &[&s2, Path::new("--parquet"), &b],
    ));
    assert_eq!(counts(&s2), c1, "re-ingesting duplicated rows");

    // an export never overwrites one that is there
    let o = dateline(
        &["export", "--format", "parquet", "--store"],
        &[&s1, Path::new("--out"), &a],
    );
    assert!(!o.status.success());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn truncated_parquet_file_gives_an_error_not_a_panic() {
    let dir = tempdir("corrupt");
    let jsonl = input(&dir);
    let store = dir.join("store");
    let out = dir.join("export");
    ok(dateline(
        &["ingest", "-q", "--threads", "1", "--store"],
        &[&store, &jsonl],
    ));
    ok(dateline(
        &["export", "--format", "parquet", "--store"],
        &[&store, Path::new("--out"), &out],
    ));
    let part = std::fs::read_dir(out.join("entities/date=2015-09-01"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "parquet"))
        .unwrap();
    let bytes = std::fs::read(&part).unwrap();
    let mut scrambled = bytes.clone();
    for (i, b) in scrambled
        .iter_mut()
        .enumerate()
        .skip(8)
        .take(bytes.len() / 2)
    {
        *b = (i as u8).wrapping_mul(31) ^ 0x5a;
    }
    for (what, damaged) in [
        ("scrambled pages", scrambled),
        ("truncated", bytes[..bytes.len() / 2].to_vec()),
        ("not parquet", b"PAR1 this is not a parquet file".to_vec()),
        ("empty", Vec::new()),
    ] {
        std::fs::write(&part, &damaged).unwrap();
        let fresh = dir.join(format!("store-{}", what.replace(' ', "-")));
        let o = dateline(
            &["ingest", "-q", "--store"],
            &[&fresh, Path::new("--parquet"), &out],
        );
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{what}: {err}");
        assert!(
            err.contains("parquet") && err.contains(&*part.to_string_lossy()),
            "{what}: {err}"
        );
        assert!(!err.contains("panicked"), "{what}: {err}");
    }
    // a directory without the tables
    let o = dateline(
        &["ingest", "-q", "--store"],
        &[&dir.join("s"), Path::new("--parquet"), &dir],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no `documents` table"));
    let _ = std::fs::remove_dir_all(&dir);
}
