//! `dateline ingest PATH|URL... [--store DIR] [--threads N]`: runs the pipeline over every input
//! and writes the documents into the store, incrementally and idempotently.
//! `dateline ingest --parquet DIR` loads the six Parquet tables of `scale/SCHEMA.md` (the Spark
//! job's output, or `dateline export --format parquet`'s) instead, without running the pipeline.
//!
//! Records flow in batches: the main thread reads a batch, skips records whose raw hash is
//! already stored, runs the pipeline over the rest on the thread pool, and hands the documents
//! to a writer thread that commits each batch in one transaction while the next batch is being
//! processed. A `kill -9` loses at most the uncommitted batches; re-running completes the store.
use anyhow::{Context, Result};
use dateline_core::{Document, SourceRecord};
use dateline_store::{raw_hash, IngestCounts, Store};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Files, directories, `-` for stdin, or URLs (whatever `dateline_ingest::read_inputs` reads).
    #[arg(required_unless_present = "parquet")]
    pub(crate) inputs: Vec<String>,
    /// Load Parquet tables (DIR/documents/date=.../*.parquet, ...: the Spark job's output or
    /// `dateline export --format parquet`'s) instead of running the pipeline over inputs.
    #[arg(long, value_name = "DIR", conflicts_with = "inputs")]
    pub(crate) parquet: Option<PathBuf>,
    /// The store directory.
    #[arg(long, default_value = "dateline-data")]
    pub(crate) store: PathBuf,
    /// Worker threads for the pipeline (default: all cores).
    #[arg(long)]
    pub(crate) threads: Option<usize>,
    /// Documents per transaction.
    #[arg(long, default_value_t = 512)]
    pub(crate) batch: usize,
    /// No progress bar.
    #[arg(long, short)]
    pub(crate) quiet: bool,
}

pub fn run(a: Args) -> Result<ExitCode> {
    if let Some(dir) = &a.parquet {
        return ingest_parquet(dir, &a);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads.unwrap_or(0))
        .build()?;
    let batch_size = a.batch.clamp(1, 100_000);
    let mut writer = Store::open(&a.store)
        .with_context(|| format!("cannot open the store {}", a.store.display()))?;
    let reader = Store::open(&a.store)?;
    let pipeline = crate::pipeline::full();
    let started = Instant::now();

    // the writer thread: one transaction per batch
    let (tx, rx) = mpsc::sync_channel::<Vec<Document>>(2);
    let write_thread = std::thread::spawn(move || -> Result<(IngestCounts, u64)> {
        let mut counts = IngestCounts::default();
        let mut written = 0u64;
        // claim clusters, seeded from what the store already holds, updated after each batch
        let mut claim_index = writer.claim_index()?;
        for docs in rx {
            let outcomes = writer.insert_documents(&docs)?;
            writer.cluster_new_claims(&mut claim_index)?;
            for o in &outcomes {
                counts.add(o);
            }
            written += docs.len() as u64;
        }
        writer.checkpoint()?;
        Ok((counts, written))
    });

    let mut seen = 0u64;
    let mut bytes = 0u64;
    let mut skipped = 0u64;
    let mut failed = 0u64;
    let mut records = dateline_ingest::read_inputs(&a.inputs);
    let bar = progress(a.quiet, records.size_hint().1);
    let mut batch: Vec<SourceRecord> = Vec::with_capacity(batch_size);
    let mut send_failed = false;
    loop {
        batch.clear();
        for r in records.by_ref() {
            seen += 1;
            match r {
                Ok(rec) => {
                    bytes += (rec.text.as_ref().map_or(0, String::len)
                        + rec.html.as_ref().map_or(0, String::len))
                        as u64;
                    batch.push(rec);
                }
                Err(e) => {
                    failed += 1;
                    bar.suspend(|| eprintln!("dateline ingest: {e}"));
                }
            }
            if batch.len() >= batch_size {
                break;
            }
        }
        if batch.is_empty() {
            break;
        }
        // records already stored (a re-run): skip before the pipeline
        let mut todo = Vec::with_capacity(batch.len());
        for rec in batch.drain(..) {
            if reader.has_raw(raw_hash(&rec))? {
                skipped += 1;
            } else {
                todo.push(rec);
            }
        }
        let results: Vec<Result<Document, String>> = pool.install(|| {
            todo.into_par_iter()
                .map(|rec| {
                    let mut d = Document::from_record(rec);
                    match pipeline.run(&mut d) {
                        Ok(()) => Ok(d),
                        Err(e) => Err(format!("{}: {e}", d.id)),
                    }
                })
                .collect()
        });
        let mut docs = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(d) => docs.push(d),
                Err(e) => {
                    failed += 1;
                    bar.suspend(|| eprintln!("dateline ingest: {e}"));
                }
            }
        }
        if !docs.is_empty() && tx.send(docs).is_err() {
            send_failed = true;
            break;
        }
        let secs = started.elapsed().as_secs_f64().max(1e-3);
        bar.set_message(format!(
            "{seen} docs  {:.0} docs/s  {:.2} MB/s  ({skipped} already stored, {failed} failed)",
            seen as f64 / secs,
            bytes as f64 / 1e6 / secs
        ));
        bar.set_position(seen);
    }
    drop(tx);
    let joined = write_thread
        .join()
        .map_err(|_| anyhow::anyhow!("the writer thread panicked"))?;
    let (counts, _) = match joined {
        Ok(c) => c,
        Err(e) if send_failed => return Err(e.context("writing the store")),
        Err(e) => return Err(e),
    };
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64().max(1e-3);
    eprintln!(
        "dateline ingest: {seen} records in {secs:.1} s ({:.0} docs/s, {:.2} MB/s): {} added, {} near-duplicates linked, {} updated, {} unchanged, {} duplicates, {skipped} already stored, {failed} failed",
        seen as f64 / secs,
        bytes as f64 / 1e6 / secs,
        counts.added,
        counts.near_duplicates,
        counts.updated,
        counts.unchanged,
        counts.duplicates,
    );
    Ok(
        if failed > 0
            && counts.added + counts.updated + counts.near_duplicates == 0
            && seen == failed
        {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        },
    )
}

/// `--parquet DIR`: every date partition in turn, its documents segmented (the tables carry no
/// paragraphs or sentences) and stored in batches of `--batch`, with the same deduplication
/// as any ingest: re-loading the same tables stores nothing new.
#[cfg(feature = "parquet")]
fn ingest_parquet(dir: &std::path::Path, a: &Args) -> Result<ExitCode> {
    let data = dateline_store::ParquetDataset::open(dir)?;
    let mut store = Store::open(&a.store)
        .with_context(|| format!("cannot open the store {}", a.store.display()))?;
    let batch_size = a.batch.clamp(1, 100_000);
    let started = Instant::now();
    let bar = progress(a.quiet, Some(data.partitions().len()));
    let mut claim_index = store.claim_index()?;
    let mut counts = IngestCounts::default();
    let (mut seen, mut failed, mut skipped_rows) = (0u64, 0u64, 0u64);
    for part in data.partitions() {
        let p = data
            .read_partition(part)
            .with_context(|| format!("reading {} partition {part}", dir.display()))?;
        skipped_rows += p.skipped_rows;
        seen += (p.documents.len() + p.failed.len()) as u64;
        failed += p.failed.len() as u64;
        for (id, e) in &p.failed {
            bar.suspend(|| eprintln!("dateline ingest: {id}: failed in the pipeline: {e}"));
        }
        let mut docs = p.documents;
        for d in &mut docs {
            dateline_text::segment(d);
            d.tokens = Vec::new();
        }
        for chunk in docs.chunks(batch_size) {
            for o in &store.insert_documents(chunk)? {
                counts.add(o);
            }
            store.cluster_new_claims(&mut claim_index)?;
        }
        bar.inc(1);
        bar.set_message(format!("{seen} docs"));
    }
    store.checkpoint()?;
    bar.finish_and_clear();
    eprintln!(
        "dateline ingest: {seen} records from {} date partitions of {} in {:.1} s: {} added, {} near-duplicates linked, {} updated, {} unchanged, {} duplicates, {failed} failed, {skipped_rows} rows left out",
        data.partitions().len(),
        dir.display(),
        started.elapsed().as_secs_f64(),
        counts.added,
        counts.near_duplicates,
        counts.updated,
        counts.unchanged,
        counts.duplicates,
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "parquet"))]
fn ingest_parquet(_: &std::path::Path, _: &Args) -> Result<ExitCode> {
    anyhow::bail!("this build has no Parquet support: rebuild with `--features parquet`")
}

/// A bar when the number of records is known up front, a spinner otherwise.
fn progress(quiet: bool, total: Option<usize>) -> indicatif::ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let (bar, template) = match total {
        Some(n) if n > 0 => (
            indicatif::ProgressBar::new(n as u64),
            "{bar:30} {pos}/{len} [{elapsed_precise}, eta {eta}] {msg}",
        ),
        _ => (
            indicatif::ProgressBar::new_spinner(),
            "{spinner} [{elapsed_precise}] {msg}",
        ),
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template(template)
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}
