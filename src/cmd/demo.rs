//! `dateline demo`: ingests the bundled, openly licensed sample news into `./dateline-demo` (or
//! `--store DIR`), then serves the web UI and prints its URL.
use anyhow::{Context, Result};
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// The sample corpus (see `data/sample/ATTRIBUTION.md`), embedded so that the demo runs from
/// any directory.
const SAMPLE: &[(&str, &[u8])] = &[
    (
        "gum-wikinews.jsonl",
        include_bytes!("../../data/sample/gum-wikinews.jsonl"),
    ),
    (
        "re3d-public.jsonl",
        include_bytes!("../../data/sample/re3d-public.jsonl"),
    ),
    (
        "whitehouse-briefings-2020.jsonl",
        include_bytes!("../../data/sample/whitehouse-briefings-2020.jsonl"),
    ),
    (
        "ATTRIBUTION.md",
        include_bytes!("../../data/sample/ATTRIBUTION.md"),
    ),
];

#[derive(clap::Args)]
pub struct Args {
    /// The store directory for the demo.
    #[arg(long, default_value = "dateline-demo")]
    store: PathBuf,
    /// Address to serve on; the next free port is used when it is taken.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Only ingest; do not serve.
    #[arg(long)]
    no_serve: bool,
    /// Worker threads for the pipeline (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let sample_dir = a.store.join("sample");
    std::fs::create_dir_all(&sample_dir)
        .with_context(|| format!("cannot create {}", sample_dir.display()))?;
    let mut inputs = Vec::new();
    for (name, bytes) in SAMPLE {
        let p = sample_dir.join(name);
        if std::fs::read(&p).map(|old| old != *bytes).unwrap_or(true) {
            std::fs::write(&p, bytes).with_context(|| format!("cannot write {}", p.display()))?;
        }
        if name.ends_with(".jsonl") {
            inputs.push(p.to_string_lossy().into_owned());
        }
    }
    eprintln!(
        "dateline demo: ingesting the bundled sample news into {}",
        a.store.display()
    );
    let code = super::ingest::run(super::ingest::Args {
        inputs,
        parquet: None,
        store: a.store.clone(),
        threads: a.threads,
        batch: 64,
        quiet: false,
    })?;
    if a.no_serve {
        return Ok(code);
    }
    let addr = free_addr(a.addr);
    let mut c = dateline_server::Config::new(&a.store);
    c.addr = addr;
    c.allow_ingest = false;
    eprintln!("dateline demo: open http://{addr}/ in your browser (Ctrl-C stops)");
    println!("http://{addr}/");
    dateline_server::serve(c, Arc::new(crate::pipeline::full())).context("the server stopped")?;
    Ok(ExitCode::SUCCESS)
}

/// `addr`, or the next of 20 ports after it that is free.
fn free_addr(addr: SocketAddr) -> SocketAddr {
    (0..20u16)
        .map(|i| SocketAddr::new(addr.ip(), addr.port().saturating_add(i)))
        .find(|a| TcpListener::bind(a).is_ok())
        .unwrap_or(addr)
}
