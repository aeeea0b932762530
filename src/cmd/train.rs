//! `dateline train <what>`: trains the project's models, deterministically.
use anyhow::{Context, Result};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: TrainWhat,
}

#[derive(clap::Subcommand)]
pub enum TrainWhat {
    /// The NER tagger (averaged perceptron) from CoNLL-2003 files.
    Ner(NerArgs),
}

#[derive(clap::Args)]
pub struct NerArgs {
    /// Training data, CoNLL-2003 columns (token first, IOB tag last).
    #[arg(long)]
    conll: PathBuf,
    /// Development data for model selection (best epoch).
    #[arg(long)]
    dev: Option<PathBuf>,
    /// Where to write the model (gzip'd binary).
    #[arg(long)]
    out: PathBuf,
    /// Raw-text corpora (JSONL with `text`, optionally .gz) for word clusters.
    #[arg(long, num_args = 0..)]
    corpus: Vec<PathBuf>,
    /// GeoNames gazetteer folder (countries.jsonl, cities15000.jsonl.gz, ...).
    #[arg(long)]
    geonames: Option<PathBuf>,
    #[arg(long, default_value_t = 15)]
    epochs: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// log2 of the number of hashed feature buckets.
    #[arg(long, default_value_t = 20)]
    bits: u32,
    /// Dimensions of the projected context vectors the clusters are split on.
    #[arg(long, default_value_t = 64)]
    cluster_dims: usize,
    /// Number of most frequent words used as left/right contexts for the clusters.
    #[arg(long, default_value_t = 500)]
    cluster_contexts: usize,
}

pub fn run(a: Args) -> Result<ExitCode> {
    match a.what {
        TrainWhat::Ner(n) => ner(n),
    }
}

fn ner(a: NerArgs) -> Result<ExitCode> {
    use dateline_ner::train;
    let t0 = std::time::Instant::now();
    let log = |s: &str| eprintln!("[{:7.1}s] {s}", t0.elapsed().as_secs_f64());
    let tr =
        train::read_conll(&a.conll).with_context(|| format!("reading {}", a.conll.display()))?;
    let dev = match &a.dev {
        Some(d) => train::read_conll(d).with_context(|| format!("reading {}", d.display()))?,
        None => Vec::new(),
    };
    log(&format!(
        "{} training documents, {} dev documents",
        tr.len(),
        dev.len()
    ));
    let params = train::TrainParams {
        epochs: a.epochs,
        seed: a.seed,
        bits: a.bits,
        corpus: a.corpus,
        geonames: a.geonames,
        cluster: dateline_ner::clusters::ClusterParams {
            dims: a.cluster_dims,
            contexts: a.cluster_contexts,
            ..Default::default()
        },
    };
    let model = train::train(&tr, &dev, &params, log)?;
    let bytes = model.save()?;
    std::fs::write(&a.out, &bytes).with_context(|| format!("writing {}", a.out.display()))?;
    log(&format!(
        "wrote {} ({:.1} MB)",
        a.out.display(),
        bytes.len() as f64 / 1e6
    ));
    Ok(ExitCode::SUCCESS)
}
