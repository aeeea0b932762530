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
    /// Learn the quote-cue lexicon and the attribution filter from PolNeAR train
    /// (`crates/quotes/data/cues.tsv`, `crates/quotes/data/attrs.tsv`).
    Quotes {
        /// PolNeAR-style JSONL (optionally gzipped) with `text` and `quotes[].cue_start/cue_end`.
        #[arg(long, default_value = "../shared/data/quotes/polnear/train.jsonl.gz")]
        data: PathBuf,
        #[arg(long, default_value = "crates/quotes/data/cues.tsv")]
        out: PathBuf,
        /// Where the attribution-filter table goes.
        #[arg(long, default_value = "crates/quotes/data/attrs.tsv")]
        attrs_out: PathBuf,
        /// Keep words seen inside a cue at least this often.
        #[arg(long, default_value_t = 3)]
        min_count: u32,
    },
    /// The stance model (agree / disagree / discuss / unrelated) from FNC-1 pairs,
    /// deterministic and seeded, with grouped-by-body cross-validation first.
    Stance(crate::cmd::train_stance::Args),
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
        TrainWhat::Stance(a) => crate::cmd::train_stance::run(a),
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
            attrs_out,
            min_count,
        } => {
            use std::io::Read;
            let f = std::fs::File::open(&data)
                .with_context(|| format!("cannot open {}", data.display()))?;
            let mut raw = String::new();
            if data.extension().is_some_and(|e| e == "gz") {
                flate2::read::MultiGzDecoder::new(f).read_to_string(&mut raw)?;
            } else {
                BufReader::new(f).read_to_string(&mut raw)?;
            }
            // 1. the cue lexicon
            let mut counts = dateline_quotes::train::CueCounts::default();
            counts.add_jsonl(raw.as_bytes())?;
            let tsv = counts.to_tsv(min_count);
            std::fs::write(&out, &tsv)
                .with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!(
                "learned {} cue rows from {} documents, {} cues -> {}",
                tsv.lines().count().saturating_sub(1),
                counts.docs,
                counts.cues,
                out.display()
            );
            // 2. the attribution filter, over the finder's candidates with that lexicon
            // cross-fitted: candidates of each half come from a lexicon learned on the other
            // half, so the filter sees the finder's error rate on unseen text
            let lines: Vec<&str> = raw.lines().filter(|l| !l.trim().is_empty()).collect();
            let half = |odd: bool| -> String {
                lines
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| (i % 2 == 1) == odd)
                    .map(|(_, l)| format!("{l}\n"))
                    .collect()
            };
            let (even, odd) = (half(false), half(true));
            let cfg = dateline_quotes::Config::default();
            let mut attrs = dateline_quotes::train::AttrCounts::default();
            for (learn, apply) in [(&even, &odd), (&odd, &even)] {
                let mut c = dateline_quotes::train::CueCounts::default();
                c.add_jsonl(learn.as_bytes())?;
                let cues = dateline_quotes::lexicon::parse_model(&c.to_tsv(min_count));
                attrs.add_jsonl(apply.as_bytes(), &cfg, &cues)?;
            }
            let tsv = attrs.to_tsv();
            std::fs::write(&attrs_out, &tsv)
                .with_context(|| format!("cannot write {}", attrs_out.display()))?;
            eprintln!(
                "attribution filter: {} candidates, {} right, {} feature rows -> {}",
                attrs.candidates,
                attrs.right,
                tsv.lines().count().saturating_sub(1),
                attrs_out.display()
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
