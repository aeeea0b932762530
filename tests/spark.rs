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
    let out = Command::new(&python)
        .arg(root.join("scale/spark/test_spark.py"))
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
    }
}
