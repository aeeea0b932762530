//! The store through the `dateline` binary: search output, and crash safety with a real
//! child process killed with SIGKILL in the middle of an ingest.
#![cfg(feature = "server")]
use dateline_store::{Page, Query, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

include!("../crates/store/tests/common/seed_doc.rs");

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
}

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dateline-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn search_json(store: &Path, query: &str) -> serde_json::Value {
    let out = bin()
        .args(["search", query, "--json", "--store"])
        .arg(store)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn jeff_davis_quotes(v: &serde_json::Value) -> Vec<String> {
    assert_eq!(v["kind"], "quotes");
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["speaker_name"] == "Jeff Davis")
        .map(|h| h["text"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn search_actor_returns_jeff_davis_four_quotes() {
    let dir = tempdir("seed");
    let store = dir.join("store");
    Store::open(&store)
        .unwrap()
        .insert_documents(&[seed_document()])
        .unwrap();
    let v = search_json(&store, r#"actor:"Jeff Davis""#);
    let quotes = jeff_davis_quotes(&v);
    assert_eq!(quotes.len(), 4, "{v:#}");
    assert_eq!(v["hits"].as_array().unwrap().len(), 4);
    // the table output names him four times
    let out = bin()
        .args(["search", r#"actor:"Jeff Davis""#, "--store"])
        .arg(&store)
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    assert_eq!(table.matches("Jeff Davis:").count(), 4, "{table}");
    // bad syntax: a clear error, exit status 1
    let out = bin()
        .args(["search", r#"actor:"Jeff"#, "--store"])
        .arg(&store)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unterminated"));
}

/// End to end through the real pipeline (extraction, quotes, actors): the seed story ingested
/// as a text file.
#[test]
fn ingest_seed_story_then_search_jeff_davis() {
    let dir = tempdir("seed-e2e");
    let store = dir.join("store");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/store/tests/fixtures/haqqani-2015-09-01.txt");
    let st = bin()
        .arg("ingest")
        .arg(&fixture)
        .arg("--store")
        .arg(&store)
        .status()
        .unwrap();
    assert!(st.success());
    let v = search_json(&store, r#"actor:"Jeff Davis""#);
    assert_eq!(jeff_davis_quotes(&v).len(), 4, "{v:#}");
}

/// `n` distinct synthetic articles as JSON Lines.
fn synthetic_corpus(path: &Path, n: usize) {
    use std::io::Write;
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut x: u64 = 0x1234_5678;
    for i in 0..n {
        let words: Vec<String> = (0..60)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                format!("w{}", x % 20_000)
            })
            .collect();
        let text = format!("Story {i}. {}.", words.join(" "));
        writeln!(
            f,
            "{}",
            serde_json::json!({"id": format!("s{i}"), "title": format!("Story {i}"), "published": "1987-03-02", "text": text})
        )
        .unwrap();
    }
}

fn count_and_distinct(store: &Path) -> (usize, usize) {
    let s = Store::open(store).unwrap();
    s.integrity_check().unwrap();
    let mut buf = Vec::new();
    s.export_jsonl(&mut buf).unwrap();
    let ids: Vec<String> = String::from_utf8(buf)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
        .collect();
    let distinct: std::collections::HashSet<&String> = ids.iter().collect();
    (ids.len(), distinct.len())
}

#[test]
fn kill_9_during_ingest_then_rerun_loses_nothing_and_duplicates_nothing() {
    const N: usize = 2_000;
    let dir = tempdir("crash");
    let input = dir.join("corpus.jsonl");
    synthetic_corpus(&input, N);
    let store = dir.join("store");
    let mut child = bin()
        .arg("ingest")
        .arg(&input)
        .args(["--batch", "64", "--threads", "1", "--quiet", "--store"])
        .arg(&store)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // wait for the first committed batches, then SIGKILL mid-run
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        std::thread::sleep(Duration::from_millis(5));
        let n = Store::open(&store)
            .ok()
            .and_then(|s| s.stats().ok())
            .map_or(0, |s| s.documents);
        if n >= 256 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the ingest never committed anything"
        );
        if let Ok(Some(st)) = child.try_wait() {
            panic!("ingest finished before it could be killed ({st}); make the corpus bigger");
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let (at_kill, distinct) = count_and_distinct(&store);
    assert_eq!(at_kill, distinct);
    assert!(at_kill < N, "killed after the end: {at_kill}");
    // the store opens cleanly and the same ingest completes it
    let st = bin()
        .arg("ingest")
        .arg(&input)
        .args(["--quiet", "--store"])
        .arg(&store)
        .status()
        .unwrap();
    assert!(st.success());
    let (n, distinct) = count_and_distinct(&store);
    assert_eq!(n, N, "lost documents");
    assert_eq!(distinct, N, "duplicated documents");
    // and once more: nothing added
    let out = bin()
        .arg("ingest")
        .arg(&input)
        .args(["--quiet", "--store"])
        .arg(&store)
        .output()
        .unwrap();
    let msg = String::from_utf8_lossy(&out.stderr);
    assert!(msg.contains(" 0 added"), "{msg}");
    assert_eq!(count_and_distinct(&store).0, N);
    let s = Store::open(&store).unwrap();
    let q = Query::parse("w1").unwrap();
    assert!(!s.search(&q, &Page::default()).unwrap().hits.is_empty());
}
