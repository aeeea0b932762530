//! `dateline claims --jsonl FILE [--contested]`: run the pipeline over articles, cluster their
//! claims across documents, and write one JSON object per claim cluster (store-free; the
//! store's `claims` view uses the same clusterer).
use anyhow::{Context, Result};
use dateline_claims::{ClaimClusterer, StanceModel};
use dateline_core::{Claim, Document};
use rayon::prelude::*;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// JSON Lines articles (`-` for standard input), as for `dateline extract`.
    #[arg(long)]
    jsonl: PathBuf,
    /// Only contested clusters (both sides held, by different speakers).
    #[arg(long)]
    contested: bool,
    /// Only claims by (or disputed by) this speaker (case-insensitive substring).
    #[arg(long)]
    actor: Option<String>,
    /// Stop after this many input records.
    #[arg(long)]
    limit: Option<usize>,
    /// Minimum similarity for a statement to join a cluster.
    #[arg(long, default_value_t = 0.3)]
    link_threshold: f32,
    /// Minimum similarity of two opposed statements for their cluster to be contested.
    #[arg(long, default_value_t = 0.4)]
    contest_similarity: f32,
    /// Worker threads for the pipeline (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads.unwrap_or(0))
        .build()?;
    let file: Box<dyn Read> = if a.jsonl.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(
            std::fs::File::open(&a.jsonl)
                .with_context(|| format!("cannot open {}", a.jsonl.display()))?,
        )
    };
    let lines: Vec<(usize, String)> = BufReader::new(file)
        .lines()
        .enumerate()
        .take(a.limit.unwrap_or(usize::MAX))
        .map(|(i, l)| l.map(|l| (i + 1, l)))
        .collect::<std::io::Result<_>>()
        .context("reading input")?;
    let pipeline = crate::pipeline::full();
    let docs: Vec<(String, Vec<Claim>)> = pool.install(|| {
        lines
            .par_iter()
            .filter(|(_, l)| !l.trim().is_empty())
            .filter_map(|(n, l)| {
                let rec = dateline_ingest::parse_jsonl_record(l.trim(), *n).ok()?;
                let mut doc = Document::from_record(rec);
                pipeline.run(&mut doc).ok()?;
                let out = doc.to_output();
                Some((out.id, out.claims))
            })
            .collect()
    });
    let model = StanceModel::embedded()?;
    let mut cl = ClaimClusterer::new(model);
    cl.link_threshold = a.link_threshold;
    cl.contest_similarity = a.contest_similarity;
    for (id, claims) in &docs {
        cl.add_claims(id, claims);
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    let actor = a.actor.as_deref().map(str::to_lowercase);
    let mut n = 0usize;
    for c in cl.clusters() {
        if c.len() < 2 || (a.contested && !c.is_contested()) {
            continue;
        }
        let v = c.view();
        if let Some(act) = &actor {
            let hit = v
                .for_speakers
                .iter()
                .chain(&v.against_speakers)
                .any(|s| s.to_lowercase().contains(act));
            if !hit {
                continue;
            }
        }
        serde_json::to_writer(&mut out, &v)?;
        out.write_all(b"\n")?;
        n += 1;
    }
    out.flush()?;
    eprintln!(
        "dateline claims: {} documents, {} claims, {} clusters, {n} written",
        docs.len(),
        docs.iter().map(|(_, c)| c.len()).sum::<usize>(),
        cl.clusters().len()
    );
    Ok(ExitCode::SUCCESS)
}
