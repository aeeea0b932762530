//! `dateline train <what>`: trains the project's models, deterministically.
use anyhow::{Context, Result};
use std::io::BufReader;
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
    /// Count verb readings per word form in a CoNLL-U treebank (e.g. UD English EWT train).
    EventsLexicon {
        /// CoNLL-U file, optionally gzipped.
        #[arg(long)]
        conllu: PathBuf,
        /// Where to write the TSV.
        #[arg(long)]
        out: PathBuf,
    },
    /// Learn the quote-cue lexicon from PolNeAR train and write `crates/quotes/data/cues.tsv`.
    Quotes {
        /// PolNeAR-style JSONL (optionally gzipped) with `text` and `quotes[].cue_start/cue_end`.
        #[arg(long, default_value = "../shared/data/quotes/polnear/train.jsonl.gz")]
        data: PathBuf,
        #[arg(long, default_value = "crates/quotes/data/cues.tsv")]
        out: PathBuf,
        /// Keep words seen inside a cue at least this often.
        #[arg(long, default_value_t = 3)]
        min_count: u32,
    },
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
        TrainWhat::EventsLexicon { conllu, out } => {
            let tsv = dateline_events::lexicon::train_file(&conllu)
                .with_context(|| format!("cannot read {}", conllu.display()))?;
            std::fs::write(&out, tsv).with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!("wrote {}", out.display());
            Ok(ExitCode::SUCCESS)
        }
        TrainWhat::Quotes {
            data,
            out,
            min_count,
        } => {
            let f = std::fs::File::open(&data)
                .with_context(|| format!("cannot open {}", data.display()))?;
            let mut counts = dateline_quotes::train::CueCounts::default();
            if data.extension().is_some_and(|e| e == "gz") {
                counts.add_jsonl(BufReader::new(flate2::read::MultiGzDecoder::new(f)))?;
            } else {
                counts.add_jsonl(BufReader::new(f))?;
            }
            let tsv = counts.to_tsv(min_count);
            std::fs::write(&out, &tsv)
                .with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!(
                "learned {} cue words from {} documents, {} cues -> {}",
                tsv.lines().count().saturating_sub(1),
                counts.docs,
                counts.cues,
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
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
