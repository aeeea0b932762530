//! `dateline claims [--store DIR] [--contested] [--actor NAME] [--from D] [--to D] [--json]`:
//! the claim clusters of the store (clustered incrementally at ingest; any claims not yet
//! clustered are clustered first), contested ones first.
//!
//! `dateline claims --jsonl FILE [--contested]`: store-free, run the pipeline over articles,
//! cluster their claims across documents, and write one JSON object per claim cluster.
use anyhow::{Context, Result};
use dateline_claims::{ClaimClusterer, StanceModel};
use dateline_core::{Claim, Document};
use rayon::prelude::*;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// JSON Lines articles (`-` for standard input), as for `dateline extract`: cluster them
    /// without a store.
    #[arg(long)]
    jsonl: Option<PathBuf>,
    /// The store to read clusters from (when `--jsonl` is not given).
    #[arg(long, default_value = "dateline-data")]
    store: PathBuf,
    /// Only clusters with a statement dated on or after this day (YYYY-MM-DD; store mode).
    #[arg(long)]
    from: Option<String>,
    /// Only clusters with a statement dated on or before this day (store mode).
    #[arg(long)]
    to: Option<String>,
    /// Write JSON Lines (one cluster per line) instead of text (store mode).
    #[arg(long)]
    json: bool,
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
    let Some(jsonl) = a.jsonl.clone() else {
        return from_store(a);
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads.unwrap_or(0))
        .build()?;
    let file: Box<dyn Read> = if jsonl.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(
            std::fs::File::open(&jsonl)
                .with_context(|| format!("cannot open {}", jsonl.display()))?,
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
        if c.len() < 2 || (a.contested && !cl.is_contested(c)) {
            continue;
        }
        let v = cl.view(c);
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

#[cfg(not(feature = "server"))]
fn from_store(_: Args) -> Result<ExitCode> {
    anyhow::bail!("this build has no store (feature `server`): use `dateline claims --jsonl FILE`")
}

#[cfg(feature = "server")]
fn from_store(a: Args) -> Result<ExitCode> {
    use dateline_store::{ClaimFilter, Page, Store};
    if !a.store.join(dateline_store::DB_FILE).exists() {
        anyhow::bail!("no store at {}", a.store.display());
    }
    let mut store = Store::open(&a.store)
        .with_context(|| format!("cannot open the store {}", a.store.display()))?;
    let added = store.update_claim_clusters()?;
    if added > 0 {
        eprintln!("dateline claims: clustered {added} new claims");
    }
    let filter = ClaimFilter {
        contested: a.contested,
        actor: a.actor.clone(),
        from: a.from.clone(),
        to: a.to.clone(),
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut cursor: Option<String> = None;
    let mut n = 0usize;
    let limit = a.limit.unwrap_or(usize::MAX);
    'pages: loop {
        let page = Page::new(Some(500), cursor.as_deref())?;
        let r = store.claim_clusters(&filter, &page)?;
        for c in &r.clusters {
            if n >= limit {
                break 'pages;
            }
            n += 1;
            if a.json {
                serde_json::to_writer(&mut out, c)?;
                writeln!(out)?;
                continue;
            }
            writeln!(
                out,
                "#{} {}{}",
                c.cluster,
                if c.contested { "[contested] " } else { "" },
                c.claim
            )?;
            for (label, side) in [("for", &c.for_), ("against", &c.against)] {
                for s in side.iter() {
                    writeln!(
                        out,
                        "  {label:<7} {} ({}): {}  <{}>",
                        s.claimant.as_deref().unwrap_or("(unknown)"),
                        s.date.as_deref().unwrap_or("undated"),
                        s.text,
                        s.link
                    )?;
                }
            }
            writeln!(out)?;
        }
        match r.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    out.flush()?;
    eprintln!("dateline claims: {n} clusters");
    Ok(ExitCode::SUCCESS)
}
