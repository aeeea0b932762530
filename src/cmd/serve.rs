//! `dateline serve [--store DIR] [--addr 127.0.0.1:8080]`: the HTTP JSON API.
use anyhow::{Context, Result};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

#[derive(clap::Args)]
pub struct Args {
    /// The store directory (created when missing).
    #[arg(long, default_value = "dateline-data")]
    store: PathBuf,
    /// Address to bind. Loopback unless you say otherwise.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Bearer token required by `POST /api/ingest` (or set DATELINE_TOKEN).
    #[arg(long, env = "DATELINE_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Disable `POST /api/ingest`.
    #[arg(long)]
    read_only: bool,
    /// Largest request body, in MiB.
    #[arg(long, default_value_t = 10)]
    max_body_mb: usize,
    /// Per-request time limit, in seconds.
    #[arg(long, default_value_t = 10)]
    timeout: u64,
    /// Read connections to the store (default: CPU count).
    #[arg(long)]
    readers: Option<usize>,
    /// Send `Access-Control-Allow-Origin: ORIGIN` (CORS is off by default).
    #[arg(long)]
    cors_origin: Option<String>,
    /// Do not cache GET responses (by default they are cached until the store changes).
    #[arg(long)]
    no_cache: bool,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let mut c = dateline_server::Config::new(&a.store);
    c.addr = a.addr;
    c.token = a.token.filter(|t| !t.is_empty());
    c.allow_ingest = !a.read_only;
    c.max_body = a.max_body_mb.max(1) << 20;
    c.timeout = Duration::from_secs(a.timeout.max(1));
    if let Some(r) = a.readers {
        c.readers = r.max(1);
    }
    c.cors_origin = a.cors_origin;
    c.cache = !a.no_cache;
    if !c.addr.ip().is_loopback() && c.token.is_none() && c.allow_ingest {
        eprintln!(
            "dateline serve: warning: listening on {} with POST /api/ingest open to anyone; set --token or --read-only",
            c.addr
        );
    }
    dateline_server::serve(c, Arc::new(crate::pipeline::full())).context("the server stopped")?;
    Ok(ExitCode::SUCCESS)
}
