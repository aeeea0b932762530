//! The Spark job (`scale/spark/dateline_job.py`) end to end: a few WARC shards built at test time
//! from the Reuters corpus, run on `local[2]`, must give the same records as one
//! `dateline extract` process. The work is in `scale/spark/test_spark.py`; this test finds
//! the PySpark venv and skips with a notice when Java, PySpark or the shared data is missing.
use std::path::{Path, PathBuf};
use std::process::Command;

fn spark_venv(root: &Path) -> PathBuf {
    match std::env::var_os("DATELINE_SPARK_VENV") {
        Some(v) => PathBuf::from(v),
        None => root.join("..").join("venv-spark"),
    }
}

fn java_available() -> bool {
    std::env::var_os("JAVA_HOME").is_some()
        || Command::new("java")
            .arg("-version")
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
}

#[test]
fn spark_job_output_equals_one_worker_process() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let Some(data) = dateline_core::shared_data_dir(env!("CARGO_MANIFEST_DIR")) else {
        eprintln!("NOTICE: skipping the Spark test: ../shared/data not found");
        return;
    };
    let python = spark_venv(root).join("bin").join("python");
    if !python.is_file() {
        eprintln!(
            "NOTICE: skipping the Spark test: no venv at {} (run scale/spark/setup_venv.sh)",
            python.display()
        );
        return;
    }
    if !java_available() {
        eprintln!("NOTICE: skipping the Spark test: no Java (Spark needs Java 17)");
        return;
    }
    let work = std::env::temp_dir().join(format!("dateline-spark-rs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let out = Command::new(&python)
        .arg(root.join("scale/spark/test_spark.py"))
        .arg("--keep")
        .arg(&work)
        .arg("--bin")
        .arg(env!("CARGO_BIN_EXE_dateline"))
        .arg("--data")
        .arg(&data)
        .output()
        .expect("cannot run the venv's python");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "scale/spark/test_spark.py failed:\n{stdout}\n{}",
        stderr
            .lines()
            .rev()
            .take(60)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join("\n")
    );
    if stdout.contains("SKIP spark test") {
        eprintln!("NOTICE: the Spark test skipped itself (see its output)");
        return;
    }
    #[cfg(all(feature = "server", feature = "parquet"))]
    spark_output_loads_into_the_store(&work.join("parquet"));
    let _ = std::fs::remove_dir_all(&work);
}

/// `dateline ingest --parquet` over the job's output: the store holds every record the job
/// processed (one copy of identical texts) and, without such copies, every row of every table.
#[cfg(all(feature = "server", feature = "parquet"))]
fn spark_output_loads_into_the_store(parquet: &Path) {
    let summary: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(parquet.join("_dateline_run.json")).expect("run summary"),
    )
    .expect("run summary JSON");
    let rows = |t: &str| summary["rows"][t].as_i64().unwrap_or(-1);
    let store = parquet.with_file_name("store-rs");
    let out = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["ingest", "-q", "--parquet"])
        .arg(parquet)
        .arg("--store")
        .arg(&store)
        .output()
        .expect("cannot run dateline");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "dateline ingest --parquet: {err}");
    println!("{err}");
    let docs = dateline_store::parquet_io::table_rows(parquet, "documents").unwrap();
    // the store keeps one document per content (words, case-insensitive)
    let mut texts = std::collections::HashSet::new();
    let mut processed = 0i64;
    for d in &docs {
        if d["error"].is_null() {
            processed += 1;
            texts.insert(dateline_store::hash::content_hash(
                d["text"].as_str().unwrap_or(""),
            ));
        }
    }
    assert_eq!(docs.len() as i64, rows("documents"));
    assert_eq!(processed, rows("documents") - rows("errors"));
    let s = dateline_store::Store::open_existing(&store)
        .unwrap()
        .stats()
        .unwrap();
    assert_eq!(
        s.documents,
        texts.len() as i64,
        "one document per distinct text"
    );
    let got = [s.entities, s.quotes, s.events, s.places, s.claims];
    let want = ["entities", "quotes", "events", "places", "claims"].map(rows);
    if texts.len() as i64 == processed {
        assert_eq!(got, want, "entities, quotes, events, places, claims");
    } else {
        assert!(
            got.iter().zip(want).all(|(g, w)| *g <= w),
            "{got:?} > {want:?}"
        );
    }
}
